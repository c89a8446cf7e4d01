/**
 * Shape and data-movement operators of the ONNX operator set (https://onnx.ai/onnx/operators/):
 * Reshape, Flatten, Transpose, Concat, Pad, Identity, Dropout, Constant, and the small family
 * exported graphs compute shapes with (Shape, Gather, Unsqueeze, Squeeze, Slice, Cast).
 */
import * as tf from '@tensorflow/tfjs';
import type { Op } from './onnx-to-tfjs-ops-nn';
import {
  constantValue, floatOf, intValue, knownNumbers, normalizeAxis, shapeOf, tensorOf, tensorValue, UntranslatableError,
  type NodeView, type OpContext, type Value,
} from './onnx-to-tfjs-values';
import { isFloatType } from './onnx-to-tfjs-tensors';

function required(inputs: (Value | undefined)[], i: number, node: NodeView): Value {
  const v = inputs[i];
  if (!v) throw new UntranslatableError(`${node.label}: input ${i + 1} is missing`);
  return v;
}

const product = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

/**
 * Reshape's target with 0 (copy the input's dim) and −1 (infer) resolved. A model exported with a
 * fixed batch (the MNIST CNN's Reshape to [1, 256]) hard-codes that batch in its targets; when the
 * input's first dim is the batch actually fed, the declared batch there is replaced by it.
 */
function reshapeTarget(node: NodeView, data: Value, target: number[], ctx: OpContext): number[] {
  const input = shapeOf(data);
  const allowZero = node.int('allowzero', 0) === 1;
  const out = target.map((d, i) => (d === 0 && !allowZero ? input[i] : d));
  // Only data that flows from the model input carries the batch; weights are left as they are.
  const fromInput = data.kind === 'tensor' && data.constant === undefined;
  if (fromInput && ctx.declaredBatch !== null && ctx.batch !== ctx.declaredBatch && out[0] === ctx.declaredBatch && input[0] === ctx.batch) {
    out[0] = ctx.batch;
  }
  return out;
}

const reshape: Op = (node, inputs, ctx) => {
  const data = required(inputs, 0, node);
  const target = ctx.opset < 5 ? node.ints('shape', []) : knownNumbers(inputs[1], 'shape', node);
  const shape = reshapeTarget(node, data, target, ctx);
  if (data.kind === 'int') {
    const known = shape.includes(-1) ? shape.map((d) => (d === -1 ? data.data.length / product(shape.filter((e) => e !== -1)) : d)) : shape;
    return [intValue(data.data, known)];
  }
  return [tensorValue(tf.reshape(data.t, shape))];
};

const flatten: Op = (node, inputs) => {
  const x = tensorOf(required(inputs, 0, node));
  const axis = node.int('axis', 1);
  const a = axis < 0 ? axis + x.rank : axis;
  return [tensorValue(tf.reshape(x, [product(x.shape.slice(0, a)), product(x.shape.slice(a))]))];
};

const transpose: Op = (node, inputs) => {
  const x = tensorOf(required(inputs, 0, node));
  const perm = node.ints('perm', x.shape.map((_, i) => x.rank - 1 - i));
  return [tensorValue(tf.transpose(x, perm))];
};

const concat: Op = (node, inputs) => {
  const present = inputs.filter((v): v is Value => v !== undefined);
  if (present.every((v) => v.kind === 'int' && v.shape.length <= 1)) {
    return [intValue(present.flatMap((v) => (v.kind === 'int' ? v.data : [])))];
  }
  const tensors = present.map((v) => floatOf(v));
  const axis = normalizeAxis(node.int('axis', 0), tensors[0].rank, node);
  return [tensorValue(tf.concat(tensors, axis))];
};

/** Pad: attributes before opset 11, inputs (pads, constant_value) from 11 on; constant and reflect modes. */
const pad: Op = (node, inputs, ctx) => {
  const x = floatOf(required(inputs, 0, node));
  const mode = node.string('mode', 'constant');
  let pads: number[];
  let value = 0;
  if (ctx.opset < 11) {
    pads = node.ints(ctx.opset < 2 ? 'paddings' : 'pads', []);
    value = node.float('value', 0);
  } else {
    pads = knownNumbers(inputs[1], 'pads', node);
    if (inputs[2]) value = knownNumbers(inputs[2], 'constant_value', node)[0] ?? 0;
    if (inputs[3]) node.refuse('the axes input of Pad');
  }
  if (pads.length !== 2 * x.rank) throw new UntranslatableError(`${node.label}: ${pads.length} pads for a rank-${x.rank} tensor`);
  if (pads.some((p) => p < 0)) node.refuse('negative pads (cropping)');
  const pairs = x.shape.map((_, i) => [pads[i], pads[i + x.rank]] as [number, number]);
  if (mode === 'constant') return [tensorValue(tf.pad(x, pairs, value))];
  if (mode === 'reflect') return [tensorValue(tf.mirrorPad(x, pairs, 'reflect'))];
  return node.refuse(`Pad mode '${mode}'`);
};

const identity: Op = (node, inputs) => [required(inputs, 0, node)];

const dropout: Op = (node, inputs) => {
  if ((node.node.output ?? []).filter(Boolean).length > 1) node.refuse('the mask output of Dropout');
  return [required(inputs, 0, node)];
};

const constant: Op = (node) => {
  const t = node.tensor('value');
  if (t) return [constantValue(t)];
  if (node.has('value_float')) return [constantValue({ dataType: 1, dims: [], floatData: [node.float('value_float', 0)] })];
  if (node.has('value_floats')) {
    const floats = (node.node.attribute ?? []).find((a) => a.name === 'value_floats')?.floats ?? [];
    return [constantValue({ dataType: 1, dims: [floats.length], floatData: floats })];
  }
  if (node.has('value_int')) return [intValue([node.int('value_int', 0)], [])];
  if (node.has('value_ints')) return [intValue(node.ints('value_ints', []))];
  return node.refuse('a Constant without a numeric value');
};

const shape: Op = (node, inputs) => {
  const dims = shapeOf(required(inputs, 0, node));
  const start = node.int('start', 0);
  const end = node.int('end', dims.length);
  return [intValue(dims.slice(start < 0 ? start + dims.length : start, end < 0 ? end + dims.length : end))];
};

/** Unravels a flat index into a row-major position and back, for integer Gather. */
function gatherInts(data: Value & { kind: 'int' }, indices: number[], indexShape: number[], axis: number): Value {
  const dims = data.shape.length === 0 ? [data.data.length] : data.shape;
  const outer = product(dims.slice(0, axis));
  const inner = product(dims.slice(axis + 1));
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of indices) {
      const i = raw < 0 ? raw + dims[axis] : raw;
      for (let k = 0; k < inner; k++) out.push(data.data[(o * dims[axis] + i) * inner + k]);
    }
  }
  return intValue(out, [...dims.slice(0, axis), ...indexShape, ...dims.slice(axis + 1)]);
}

const gather: Op = (node, inputs) => {
  const data = required(inputs, 0, node);
  const indexValue = required(inputs, 1, node);
  const indices = knownNumbers(indexValue, 'indices', node);
  const indexShape = shapeOf(indexValue);
  const rank = shapeOf(data).length || 1;
  const axis = normalizeAxis(node.int('axis', 0), rank, node);
  if (data.kind === 'int') return [gatherInts(data, indices, indexShape, axis)];
  const size = data.t.shape[axis];
  const positive = indices.map((i) => (i < 0 ? i + size : i));
  const picked = tf.gather(data.t, tf.tensor(positive, [positive.length], 'int32'), axis);
  const shapeOut = [...data.t.shape.slice(0, axis), ...indexShape, ...data.t.shape.slice(axis + 1)];
  return [tensorValue(tf.reshape(picked, shapeOut))];
};

/** Unsqueeze and Squeeze take axes from an attribute before opset 13 and from an input after. */
function axesOf(node: NodeView, inputs: (Value | undefined)[], ctx: OpContext): number[] | null {
  if (ctx.opset < 13) return node.has('axes') ? node.ints('axes', []) : null;
  return inputs[1] ? knownNumbers(inputs[1], 'axes', node) : null;
}

function withShape(v: Value, dims: number[]): Value {
  return v.kind === 'int' ? intValue(v.data, dims) : tensorValue(tf.reshape(v.t, dims));
}

const unsqueeze: Op = (node, inputs, ctx) => {
  const data = required(inputs, 0, node);
  const axes = axesOf(node, inputs, ctx) ?? [];
  const rank = shapeOf(data).length + axes.length;
  const inserted = new Set(axes.map((a) => normalizeAxis(a, rank, node)));
  const dims = [...shapeOf(data)];
  const out: number[] = [];
  for (let i = 0; i < rank; i++) out.push(inserted.has(i) ? 1 : (dims.shift() as number));
  return [withShape(data, out)];
};

const squeeze: Op = (node, inputs, ctx) => {
  const data = required(inputs, 0, node);
  const dims = shapeOf(data);
  const axes = axesOf(node, inputs, ctx);
  const removed = new Set(axes === null ? dims.flatMap((d, i) => (d === 1 ? [i] : [])) : axes.map((a) => normalizeAxis(a, dims.length, node)));
  return [withShape(data, dims.filter((_, i) => !removed.has(i)))];
};

/** Slice with unit steps (steps other than 1 are refused); attributes before opset 10. */
const slice: Op = (node, inputs, ctx) => {
  const data = required(inputs, 0, node);
  const dims = shapeOf(data);
  const starts = ctx.opset < 10 ? node.ints('starts', []) : knownNumbers(inputs[1], 'starts', node);
  const ends = ctx.opset < 10 ? node.ints('ends', []) : knownNumbers(inputs[2], 'ends', node);
  const axes = ctx.opset < 10 ? node.ints('axes', starts.map((_, i) => i)) : inputs[3] ? knownNumbers(inputs[3], 'axes', node) : starts.map((_, i) => i);
  const steps = ctx.opset >= 10 && inputs[4] ? knownNumbers(inputs[4], 'steps', node) : starts.map(() => 1);
  if (steps.some((s) => s !== 1)) node.refuse('Slice with steps other than 1');
  const begin = dims.map(() => 0);
  const size = [...dims];
  axes.forEach((rawAxis, i) => {
    const axis = normalizeAxis(rawAxis, dims.length, node);
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dims[axis] : v, 0), dims[axis]);
    const from = clamp(starts[i]);
    const to = clamp(ends[i]);
    begin[axis] = from;
    size[axis] = Math.max(0, to - from);
  });
  if (data.kind === 'int' && dims.length <= 1) return [intValue(data.data.slice(begin[0] ?? 0, (begin[0] ?? 0) + (size[0] ?? 0)))];
  return [tensorValue(tf.slice(tensorOf(data), begin, size))];
};

const cast: Op = (node, inputs) => {
  const data = required(inputs, 0, node);
  const to = node.int('to', 1);
  if (isFloatType(to)) return [data.kind === 'int' ? tensorValue(floatOf(data)) : data];
  if (data.kind === 'int') return [data];
  if (data.constant) return [intValue(Array.from(data.constant, Math.trunc), data.t.shape)];
  return [tensorValue(tf.cast(data.t, 'int32'))];
};

export const tensorOps: Record<string, Op> = {
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Concat: concat,
  Pad: pad,
  Identity: identity,
  Dropout: dropout,
  Constant: constant,
  Shape: shape,
  Gather: gather,
  Unsqueeze: unsqueeze,
  Squeeze: squeeze,
  Slice: slice,
  Cast: cast,
};
