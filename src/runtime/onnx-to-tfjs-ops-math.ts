/**
 * Elementwise arithmetic, activations, softmax and reductions of the ONNX operator set
 * (https://onnx.ai/onnx/operators/) in TF.js ops. Integer arithmetic on known values (shape
 * computations of exported PyTorch graphs) is done in JS so the shapes stay known.
 */
import * as tf from '@tensorflow/tfjs';
import type { Op } from './onnx-to-tfjs-ops-nn';
import {
  floatOf, intValue, knownNumbers, normalizeAxis, tensorValue, UntranslatableError, type NodeView, type OpContext, type Value,
} from './onnx-to-tfjs-values';

function required(inputs: (Value | undefined)[], i: number, node: NodeView): Value {
  const v = inputs[i];
  if (!v) throw new UntranslatableError(`${node.label}: input ${i + 1} is missing`);
  return v;
}

/** Before opset 7, B broadcasts onto A only with broadcast = 1, aligned at `axis` (default: trailing). */
function legacyAligned(node: NodeView, a: tf.Tensor, b: tf.Tensor, ctx: OpContext): tf.Tensor {
  if (ctx.opset >= 7 || node.int('broadcast', 0) !== 1 || b.rank >= a.rank || !node.has('axis')) return b;
  const axis = normalizeAxis(node.int('axis', 0), a.rank, node);
  const shape = a.shape.map((_, i) => (i >= axis && i < axis + b.rank ? b.shape[i - axis] : 1));
  return tf.reshape(b, shape);
}

function intArithmetic(a: Value & { kind: 'int' }, b: Value & { kind: 'int' }, f: (x: number, y: number) => number, node: NodeView): Value {
  const [long, short] = a.data.length >= b.data.length ? [a, b] : [b, a];
  if (short.data.length !== 1 && short.data.length !== long.data.length) {
    throw new UntranslatableError(`${node.label}: broadcasting integer shapes [${a.shape}] and [${b.shape}] is not supported by the TF.js translation`);
  }
  const pick = (v: Value & { kind: 'int' }, i: number) => (v.data.length === 1 ? v.data[0] : v.data[i]);
  return intValue(long.data.map((_, i) => f(pick(a, i), pick(b, i))), long.shape);
}

const binary = (tfOp: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, intOp: (x: number, y: number) => number): Op => (node, inputs, ctx) => {
  const a = required(inputs, 0, node);
  const b = required(inputs, 1, node);
  if (a.kind === 'int' && b.kind === 'int') return [intArithmetic(a, b, intOp, node)];
  const ta = floatOf(a);
  return [tensorValue(tfOp(ta, legacyAligned(node, ta, floatOf(b), ctx)))];
};

const unary = (f: (x: tf.Tensor, node: NodeView) => tf.Tensor): Op => (node, inputs) => [tensorValue(f(floatOf(required(inputs, 0, node)), node))];

const variadic = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, mean = false): Op => (node, inputs) => {
  const present = inputs.filter((v): v is Value => v !== undefined).map(floatOf);
  if (present.length === 0) throw new UntranslatableError(`${node.label}: it has no inputs`);
  const combined = present.slice(1).reduce(f, present[0]);
  return [tensorValue(mean ? tf.div(combined, present.length) : combined)];
};

/**
 * Softmax and LogSoftmax. Before opset 13 the input is flattened to 2-D at `axis` (default 1) and
 * normalised over everything after it; from 13 on, over the one axis (default −1).
 */
const softmaxLike = (f: (x: tf.Tensor) => tf.Tensor): Op => (node, inputs, ctx) => {
  const x = floatOf(required(inputs, 0, node));
  if (ctx.opset < 13) {
    const axis = normalizeAxis(node.int('axis', 1), x.rank, node);
    const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
    return [tensorValue(tf.reshape(f(tf.reshape(x, [outer, -1])), x.shape))];
  }
  const axis = normalizeAxis(node.int('axis', -1), x.rank, node);
  if (axis === x.rank - 1) return [tensorValue(f(x))];
  const perm = x.shape.map((_, i) => i);
  perm[axis] = x.rank - 1;
  perm[x.rank - 1] = axis;
  return [tensorValue(tf.transpose(f(tf.transpose(x, perm)), perm))];
};

/** ReduceMean/Sum/Max/Min: axes from the attribute (before opset 18; 13 for ReduceSum) or the input. */
const reduce = (f: (x: tf.Tensor, axes: number[], keep: boolean) => tf.Tensor, inputFrom: number): Op => (node, inputs, ctx) => {
  const x = floatOf(required(inputs, 0, node));
  const keep = node.int('keepdims', 1) === 1;
  let axes = ctx.opset < inputFrom ? node.ints('axes', []) : inputs[1] ? knownNumbers(inputs[1], 'axes', node) : [];
  if (axes.length === 0) {
    if (ctx.opset >= inputFrom && node.int('noop_with_empty_axes', 0) === 1) return [tensorValue(x)];
    axes = x.shape.map((_, i) => i);
  }
  return [tensorValue(f(x, axes.map((a) => normalizeAxis(a, x.rank, node)), keep))];
};

const hardSigmoid: Op = unary((x, node) => tf.clipByValue(tf.add(tf.mul(x, node.float('alpha', 0.2)), node.float('beta', 0.5)), 0, 1));

/** PRelu: x where x ≥ 0, slope·x elsewhere; the slope broadcasts as numpy does. */
const prelu: Op = (node, inputs) => {
  const x = floatOf(required(inputs, 0, node));
  const slope = floatOf(required(inputs, 1, node));
  return [tensorValue(tf.add(tf.relu(x), tf.mul(slope, tf.neg(tf.relu(tf.neg(x))))))];
};

export const mathOps: Record<string, Op> = {
  Add: binary(tf.add, (x, y) => x + y),
  Sub: binary(tf.sub, (x, y) => x - y),
  Mul: binary(tf.mul, (x, y) => x * y),
  Div: binary(tf.div, (x, y) => Math.trunc(x / y)),
  Pow: binary(tf.pow, (x, y) => x ** y),
  Max: variadic(tf.maximum),
  Min: variadic(tf.minimum),
  Sum: variadic(tf.add),
  Mean: variadic(tf.add, true),
  Relu: unary((x) => tf.relu(x)),
  LeakyRelu: unary((x, node) => tf.leakyRelu(x, node.float('alpha', 0.01))),
  PRelu: prelu,
  Elu: unary((x, node) => {
    const alpha = node.float('alpha', 1);
    return alpha === 1 ? tf.elu(x) : tf.add(tf.relu(x), tf.mul(alpha, tf.sub(tf.exp(tf.minimum(x, 0)), 1)));
  }),
  Selu: unary((x, node) => {
    const alpha = node.float('alpha', 1.67326319217681884765625);
    const gamma = node.float('gamma', 1.05070102214813232421875);
    return tf.mul(gamma, tf.add(tf.relu(x), tf.mul(alpha, tf.sub(tf.exp(tf.minimum(x, 0)), 1))));
  }),
  Sigmoid: unary((x) => tf.sigmoid(x)),
  HardSigmoid: hardSigmoid,
  Tanh: unary((x) => tf.tanh(x)),
  Softplus: unary((x) => tf.softplus(x)),
  Softsign: unary((x) => tf.div(x, tf.add(tf.abs(x), 1))),
  Exp: unary((x) => tf.exp(x)),
  Log: unary((x) => tf.log(x)),
  Sqrt: unary((x) => tf.sqrt(x)),
  Abs: unary((x) => tf.abs(x)),
  Neg: unary((x) => tf.neg(x)),
  Reciprocal: unary((x) => tf.reciprocal(x)),
  Erf: unary((x) => tf.erf(x)),
  Softmax: softmaxLike((x) => tf.softmax(x)),
  LogSoftmax: softmaxLike((x) => tf.logSoftmax(x)),
  ReduceMean: reduce((x, axes, keep) => tf.mean(x, axes, keep), 18),
  ReduceSum: reduce((x, axes, keep) => tf.sum(x, axes, keep), 13),
  ReduceMax: reduce((x, axes, keep) => tf.max(x, axes, keep), 18),
  ReduceMin: reduce((x, axes, keep) => tf.min(x, axes, keep), 18),
};
