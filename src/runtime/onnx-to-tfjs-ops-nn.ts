/**
 * Convolution, pooling, normalisation and matrix products of the ONNX operator set
 * (https://onnx.ai/onnx/operators/) in TF.js ops. ONNX images are NCHW; TF.js convolves NHWC, so
 * each of these transposes in and out (cheap next to the convolution, and keeps every other
 * operator in ONNX's own layout).
 */
import * as tf from '@tensorflow/tfjs';
import {
  floatOf, knownNumbers, tensorValue, UntranslatableError, type NodeView, type OpContext, type Value,
} from './onnx-to-tfjs-values';

export type Op = (node: NodeView, inputs: (Value | undefined)[], ctx: OpContext) => Value[];

const TO_NHWC = [0, 2, 3, 1];
const TO_NCHW = [0, 3, 1, 2];
/** Padding value for max pooling: finite, so gradients never meet ∞ − ∞. */
const LOWEST = -3.4e38;

function required(inputs: (Value | undefined)[], i: number, node: NodeView): Value {
  const v = inputs[i];
  if (!v) throw new UntranslatableError(`${node.label}: input ${i + 1} is missing`);
  return v;
}

/** Begin and end padding per spatial axis, from auto_pad or pads (ONNX Conv/Pool semantics). */
function spatialPads(node: NodeView, input: number[], kernel: number[], strides: number[], dilations: number[]): [number, number][] {
  const autoPad = node.string('auto_pad', 'NOTSET');
  const rank = input.length;
  if (autoPad === 'VALID') return input.map(() => [0, 0]);
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    return input.map((size, i) => {
      const out = Math.ceil(size / strides[i]);
      const total = Math.max((out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - size, 0);
      const small = Math.floor(total / 2);
      return autoPad === 'SAME_UPPER' ? [small, total - small] : [total - small, small];
    });
  }
  if (autoPad !== 'NOTSET') node.refuse(`auto_pad '${autoPad}'`);
  const pads = node.ints('pads', new Array(rank * 2).fill(0));
  return input.map((_, i) => [pads[i], pads[i + rank]]);
}

function padNhwc(x: tf.Tensor4D, pads: [number, number][], value: number): tf.Tensor4D {
  if (pads.every(([a, b]) => a === 0 && b === 0)) return x;
  if (pads.some(([a, b]) => a < 0 || b < 0)) throw new UntranslatableError('negative padding is not supported by the TF.js translation');
  return tf.pad(x, [[0, 0], pads[0], pads[1], [0, 0]], value);
}

function spatialOf(x: tf.Tensor, node: NodeView): [number, number] {
  if (x.rank !== 4) throw new UntranslatableError(`${node.label}: only 2-D images (rank-4 NCHW tensors) are supported, this input has rank ${x.rank}`);
  const shape = x.shape as number[];
  return [shape[2], shape[3]];
}

/** A filter [M, C/group, kH, kW] as TF.js wants it, computed once per node. */
function cachedFilter(node: NodeView, ctx: OpContext, w: Value, role: string, make: (w: tf.Tensor) => tf.Tensor): tf.Tensor {
  const isConstant = w.kind === 'tensor' && w.constant !== undefined;
  if (!isConstant) return make(floatOf(w));
  const key = node.key(role);
  let cached = ctx.cache.get(key);
  if (!cached) {
    cached = tf.keep(tf.tidy(() => make(floatOf(w))));
    ctx.cache.set(key, cached);
  }
  return cached;
}

/**
 * A dilated filter with the zeros written in: TF.js has no gradient for dilated convolutions, but
 * a convolution with the spread-out filter is the same function and has one.
 */
function dilatedFilter(node: NodeView, ctx: OpContext, w: Value, dilations: number[]): Value {
  if (w.kind !== 'tensor' || w.constant === undefined) node.refuse('dilations on a filter computed at run time');
  const key = node.key('dilated');
  const cached = ctx.cache.get(key);
  if (cached) return { kind: 'tensor', t: cached, constant: new Float32Array(0) };
  const [m, c, kh, kw] = w.t.shape as number[];
  const [dh, dw] = dilations;
  const [h, wd] = [(kh - 1) * dh + 1, (kw - 1) * dw + 1];
  const out = new Float32Array(m * c * h * wd);
  for (let o = 0; o < m * c; o++) {
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) out[(o * h + i * dh) * wd + j * dw] = w.constant[(o * kh + i) * kw + j];
  }
  const t = tf.keep(tf.tensor(out, [m, c, h, wd]));
  ctx.cache.set(key, t);
  return { kind: 'tensor', t, constant: new Float32Array(0) };
}

const conv: Op = (node, inputs, ctx) => {
  const x = floatOf(required(inputs, 0, node)) as tf.Tensor4D;
  let w = required(inputs, 1, node);
  const b = inputs[2];
  const spatial = spatialOf(x, node);
  const wShape = w.kind === 'tensor' ? w.t.shape : w.shape;
  const [m, cPerGroup, kh, kw] = wShape;
  const kernel = node.ints('kernel_shape', [kh, kw]);
  const strides = node.ints('strides', [1, 1]);
  const dilations = node.ints('dilations', [1, 1]);
  const group = node.int('group', 1);
  const channels = x.shape[1];
  if (channels !== cPerGroup * group) {
    throw new UntranslatableError(`${node.label}: the input has ${channels} channels but the filter expects ${cPerGroup} × ${group} groups`);
  }
  const pads = spatialPads(node, spatial, kernel, strides, dilations);
  const input = padNhwc(tf.transpose(x, TO_NHWC) as tf.Tensor4D, pads, 0);
  const stride: [number, number] = [strides[0], strides[1]];
  if (dilations.some((d) => d !== 1)) w = dilatedFilter(node, ctx, w, dilations);
  const dilation: [number, number] = [1, 1];
  let y: tf.Tensor4D;
  if (group === 1) {
    const filter = cachedFilter(node, ctx, w, 'filter', (t) => tf.transpose(t, [2, 3, 1, 0])) as tf.Tensor4D;
    y = tf.conv2d(input, filter, stride, 'valid', 'NHWC', dilation);
  } else if (group === channels && cPerGroup === 1) {
    // Depthwise: output channel c·k + j reads input channel c (channel multiplier k = M / C).
    const multiplier = m / channels;
    const filter = cachedFilter(node, ctx, w, 'depthwise', (t) => tf.transpose(tf.reshape(t, [channels, multiplier, t.shape[2] as number, t.shape[3] as number]), [2, 3, 0, 1])) as tf.Tensor4D;
    y = tf.depthwiseConv2d(input, filter, stride, 'valid', 'NHWC', dilation);
  } else {
    const filter = cachedFilter(node, ctx, w, 'filter', (t) => tf.transpose(t, [2, 3, 1, 0])) as tf.Tensor4D;
    const xs = tf.split(input, group, 3);
    const fs = tf.split(filter, group, 3);
    y = tf.concat(xs.map((xg, g) => tf.conv2d(xg as tf.Tensor4D, fs[g] as tf.Tensor4D, stride, 'valid', 'NHWC', dilation)), 3);
  }
  if (b) y = tf.add(y, floatOf(b));
  return [tensorValue(tf.transpose(y, TO_NCHW))];
};

/** Pooling window, strides and padding (ceil_mode adds end padding for the last partial window). */
function poolGeometry(node: NodeView, x: tf.Tensor) {
  const spatial = spatialOf(x, node);
  const kernel = node.ints('kernel_shape', []);
  if (kernel.length !== 2) node.refuse(`kernel_shape [${kernel.join(', ')}]`);
  const strides = node.ints('strides', [1, 1]);
  const dilations = node.ints('dilations', [1, 1]);
  if (dilations.some((d) => d !== 1)) node.refuse('pooling with dilations');
  const pads = spatialPads(node, spatial, kernel, strides, dilations);
  const ceil = node.int('ceil_mode', 0) === 1;
  if (ceil) {
    spatial.forEach((size, i) => {
      const padded = size + pads[i][0] + pads[i][1];
      let out = Math.ceil((padded - kernel[i]) / strides[i]) + 1;
      // The last window must start inside the input or its begin padding (as PyTorch and ORT do).
      if ((out - 1) * strides[i] >= size + pads[i][0]) out -= 1;
      const needed = (out - 1) * strides[i] + kernel[i];
      if (needed > padded) pads[i] = [pads[i][0], pads[i][1] + needed - padded];
    });
  }
  return { kernel: [kernel[0], kernel[1]] as [number, number], strides: [strides[0], strides[1]] as [number, number], pads, ceil };
}

const maxPool: Op = (node, inputs) => {
  if ((node.node.output ?? []).filter(Boolean).length > 1) node.refuse('the Indices output of MaxPool');
  const x = floatOf(required(inputs, 0, node));
  const { kernel, strides, pads } = poolGeometry(node, x);
  const input = padNhwc(tf.transpose(x, TO_NHWC) as tf.Tensor4D, pads, LOWEST);
  return [tensorValue(tf.transpose(tf.maxPool(input, kernel, strides, 'valid'), TO_NCHW))];
};

const averagePool: Op = (node, inputs) => {
  const x = floatOf(required(inputs, 0, node));
  const { kernel, strides, pads, ceil } = poolGeometry(node, x);
  const includePad = node.int('count_include_pad', 0) === 1;
  if (ceil && includePad) node.refuse('ceil_mode together with count_include_pad');
  const nhwc = tf.transpose(x, TO_NHWC) as tf.Tensor4D;
  const sum = tf.avgPool(padNhwc(nhwc, pads, 0), kernel, strides, 'valid');
  const padded = pads.some(([a, b]) => a > 0 || b > 0);
  if (!padded || includePad) return [tensorValue(tf.transpose(sum, TO_NCHW))];
  // Average over the window's real pixels only: divide by the share of the window inside the image.
  const [h, w] = spatialOf(x, node);
  const ones = tf.ones([1, h, w, 1]) as tf.Tensor4D;
  const share = tf.avgPool(padNhwc(ones, pads, 0), kernel, strides, 'valid');
  return [tensorValue(tf.transpose(tf.div(sum, share), TO_NCHW))];
};

const globalPool = (reduce: (x: tf.Tensor, axes: number[]) => tf.Tensor): Op => (node, inputs) => {
  const x = floatOf(required(inputs, 0, node));
  const axes = Array.from({ length: x.rank - 2 }, (_, i) => i + 2);
  return [tensorValue(reduce(x, axes))];
};

/** Inference-mode batch normalisation over axis 1: (x − mean) / √(var + ε) · scale + B. */
const batchNormalization: Op = (node, inputs) => {
  if (node.int('training_mode', 0) === 1) node.refuse('training_mode = 1');
  if (node.has('spatial') && node.int('spatial', 1) === 0) node.refuse('spatial = 0');
  if ((node.node.output ?? []).filter(Boolean).length > 1) node.refuse('the running mean and variance outputs');
  const x = floatOf(required(inputs, 0, node));
  const channelShape = x.shape.map((d, i) => (i === 1 ? d : 1));
  const [scale, bias, mean, variance] = [1, 2, 3, 4].map((i) => tf.reshape(floatOf(required(inputs, i, node)), channelShape));
  const epsilon = node.float('epsilon', 1e-5);
  const factor = tf.div(scale, tf.sqrt(tf.add(variance, epsilon)));
  return [tensorValue(tf.add(tf.mul(tf.sub(x, mean), factor), bias))];
};

/** Y = α·A'·B' + β·C. */
const gemm: Op = (node, inputs) => {
  const a = floatOf(required(inputs, 0, node)) as tf.Tensor2D;
  const b = floatOf(required(inputs, 1, node)) as tf.Tensor2D;
  const alpha = node.float('alpha', 1);
  const beta = node.float('beta', 1);
  let y: tf.Tensor = tf.matMul(a, b, node.int('transA', 0) === 1, node.int('transB', 0) === 1);
  if (alpha !== 1) y = tf.mul(y, alpha);
  const c = inputs[2];
  if (c) y = tf.add(y, beta === 1 ? floatOf(c) : tf.mul(floatOf(c), beta));
  return [tensorValue(y)];
};

/** numpy.matmul: rank-1 operands are promoted and their added axis removed; batch dims broadcast. */
const matMul: Op = (node, inputs) => {
  let a = floatOf(required(inputs, 0, node));
  let b = floatOf(required(inputs, 1, node));
  const aVector = a.rank === 1;
  const bVector = b.rank === 1;
  if (aVector) a = tf.expandDims(a, 0);
  if (bVector) b = tf.expandDims(b, 1);
  let y: tf.Tensor;
  if (b.rank === 2 && a.rank > 2) {
    const aShape = a.shape as number[];
    const bShape = b.shape as number[];
    y = tf.reshape(tf.matMul(tf.reshape(a, [-1, aShape[aShape.length - 1]]) as tf.Tensor2D, b as tf.Tensor2D), [...aShape.slice(0, -1), bShape[1]]);
  } else {
    y = tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D);
  }
  if (aVector) y = tf.squeeze(y, [y.rank - 2]);
  if (bVector) y = tf.squeeze(y, [y.rank - 1]);
  return [tensorValue(y)];
};

/** Clip: bounds are attributes before opset 11, optional inputs from 11 on. */
const clip: Op = (node, inputs, ctx) => {
  const x = floatOf(required(inputs, 0, node));
  let low = -3.4028234663852886e38;
  let high = 3.4028234663852886e38;
  if (ctx.opset < 11) {
    low = node.float('min', low);
    high = node.float('max', high);
  } else {
    if (inputs[1]) low = knownNumbers(inputs[1], 'min', node)[0];
    if (inputs[2]) high = knownNumbers(inputs[2], 'max', node)[0];
  }
  return [tensorValue(tf.clipByValue(x, low, high))];
};

export const nnOps: Record<string, Op> = {
  Conv: conv,
  MaxPool: maxPool,
  AveragePool: averagePool,
  GlobalAveragePool: globalPool((x, axes) => tf.mean(x, axes, true)),
  GlobalMaxPool: globalPool((x, axes) => tf.max(x, axes, true)),
  BatchNormalization: batchNormalization,
  Gemm: gemm,
  MatMul: matMul,
  Clip: clip,
};
