/**
 * Output shapes of a Keras Sequential model worked out from its layer configs, so a model.json can
 * be described before it is loaded. Covers the layers common in small classifiers; any other layer
 * makes the shape unknown (the loaded model then reports it).
 */

type Shape = (number | null)[];
type Config = Record<string, unknown>;

const passThrough = (shape: Shape): Shape => shape;

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const pair = (v: unknown, fallback: [number, number]): [number, number] =>
  Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : typeof v === 'number' ? [v, v] : fallback;

/** Output length of a sliding window (Keras conv_utils.conv_output_length). */
function windowed(size: number | null, kernel: number, stride: number, padding: string, dilation = 1): number | null {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  return Math.floor((size - (kernel - 1) * dilation - 1) / stride) + 1;
}

/** Spatial 2-D layers: [batch, h, w, c] (channels_last) or [batch, c, h, w]. */
function spatial2d(shape: Shape, config: Config, kernel: [number, number], strides: [number, number], channels: number | null): Shape {
  const first = config.data_format === 'channels_first';
  const [h, w] = first ? [shape[2], shape[3]] : [shape[1], shape[2]];
  const padding = String(config.padding ?? 'valid');
  const dilation = pair(config.dilation_rate, [1, 1]);
  const oh = windowed(h, kernel[0], strides[0], padding, dilation[0]);
  const ow = windowed(w, kernel[1], strides[1], padding, dilation[1]);
  const c = channels ?? (first ? shape[1] : shape[3]);
  return first ? [shape[0], c, oh, ow] : [shape[0], oh, ow, c];
}

function pool2d(shape: Shape, config: Config): Shape {
  const size = pair(config.pool_size, [2, 2]);
  return spatial2d(shape, config, size, pair(config.strides, size), null);
}

function globalPool2d(shape: Shape, config: Config): Shape {
  return [shape[0], config.data_format === 'channels_first' ? shape[1] : shape[3]];
}

const product = (dims: Shape): number | null =>
  dims.every((d) => d !== null) ? (dims as number[]).reduce((a, b) => a * b, 1) : null;

const LAYER_SHAPES: Readonly<Record<string, (shape: Shape, config: Config) => Shape>> = Object.freeze({
  InputLayer: passThrough,
  Activation: passThrough,
  Dropout: passThrough,
  AlphaDropout: passThrough,
  GaussianDropout: passThrough,
  GaussianNoise: passThrough,
  SpatialDropout1D: passThrough,
  SpatialDropout2D: passThrough,
  BatchNormalization: passThrough,
  LayerNormalization: passThrough,
  ReLU: passThrough,
  LeakyReLU: passThrough,
  PReLU: passThrough,
  ELU: passThrough,
  ThresholdedReLU: passThrough,
  Softmax: passThrough,
  Dense: (shape, c) => [...shape.slice(0, -1), num(c.units)],
  Flatten: (shape) => [shape[0], product(shape.slice(1))],
  Reshape: (shape, c) => {
    const target = Array.isArray(c.target_shape) ? (c.target_shape as number[]) : [];
    const known = product(shape.slice(1));
    const fixed = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    return [shape[0], ...target.map((d) => (d === -1 ? (known === null ? null : known / fixed) : d))];
  },
  Conv2D: (shape, c) => spatial2d(shape, c, pair(c.kernel_size, [1, 1]), pair(c.strides, [1, 1]), num(c.filters)),
  MaxPooling2D: pool2d,
  AveragePooling2D: pool2d,
  GlobalAveragePooling2D: globalPool2d,
  GlobalMaxPooling2D: globalPool2d,
});

/** The output shape after `layers` applied to `inputShape`, or null when a layer is not covered. */
export function sequentialOutputShape(
  inputShape: Shape,
  layers: { className: string; config: Config }[],
): Shape | null {
  let shape = inputShape;
  for (const layer of layers) {
    const rule = LAYER_SHAPES[layer.className];
    if (!rule) return null;
    shape = rule(shape, layer.config);
  }
  return shape;
}
