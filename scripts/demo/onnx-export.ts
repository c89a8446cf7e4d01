/**
 * A small exporter from TF.js layers models (model.json + weights) to ONNX, written for the demo
 * models with the protobuf definitions of the `onnx-proto` package. Pure: bytes in, bytes out.
 *
 * Output: opset 13, IR version 7 (loads in onnxruntime-web and onnxruntime-node), one float32
 * input with a symbolic batch dimension 'N' in the same layout as the TF.js model (NHWC for images),
 * one float32 output. ONNX Conv and MaxPool work in NCHW, so a Transpose to NCHW precedes the first
 * of them and a Transpose back to NHWC precedes Flatten: the flattened order, and with it every
 * Dense weight after it, stays exactly as TF.js has it.
 *
 * Supported layers: InputLayer, Dense, Conv2D, MaxPooling2D, AveragePooling2D, Flatten,
 * Dropout (identity at inference), Activation; activations linear, relu, sigmoid, tanh, softmax.
 */
import onnxProto from 'onnx-proto';
import type { LayersModelJson, SavedModelFiles } from './tfjs-files';
import { parseModelJson } from './tfjs-files';

const { onnx } = onnxProto;
type INode = onnxProto.onnx.INodeProto;
type IAttribute = onnxProto.onnx.IAttributeProto;
type ITensor = onnxProto.onnx.ITensorProto;

export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 7;
export const PRODUCER_NAME = 'trustgrade-demo-exporter';
export const PRODUCER_VERSION = '1';

export class OnnxExportError extends Error {
  override name = 'OnnxExportError';
}

export interface OnnxExportOptions {
  inputName?: string;
  outputName?: string;
  /** Stored as ONNX metadata_props. */
  metadata?: Record<string, string>;
  docString?: string;
}

interface Weight { shape: number[]; values: Float32Array }

type LayerConfig = Record<string, unknown>;

/** What the graph holds so far: the tensor to continue from and its TF.js shape without the batch dim. */
interface State {
  tensor: string;
  /** Logical (TF.js, channels-last) shape, batch excluded. */
  shape: number[];
  /** Whether the ONNX tensor is currently NCHW (a transposed view of `shape`). */
  nchw: boolean;
}

/** Reads float32 weights by name from the weight manifest and the concatenated shard bytes. */
function readWeights(json: LayersModelJson, bytes: Uint8Array): Map<string, Weight> {
  const weights = new Map<string, Weight>();
  let offset = 0;
  for (const spec of json.weightsManifest.flatMap((group) => group.weights)) {
    if (spec.dtype !== 'float32' || spec.quantization) {
      throw new OnnxExportError(`Weight ${spec.name} is ${spec.quantization ? 'quantized' : spec.dtype}; the exporter handles unquantized float32 weights only. Save the model without quantization.`);
    }
    const count = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + count * 4 > bytes.length) {
      throw new OnnxExportError(`The weights file has ${bytes.length} bytes but the manifest needs at least ${offset + count * 4} (at ${spec.name}). Use the weights file saved with this model.json.`);
    }
    const values = new Float32Array(count);
    new Uint8Array(values.buffer).set(bytes.subarray(offset, offset + count * 4));
    weights.set(spec.name, { shape: spec.shape, values });
    offset += count * 4;
  }
  return weights;
}

/** tfjs [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
function convKernelToOihw(w: Weight): Weight {
  const [kh, kw, ci, co] = w.shape;
  const out = new Float32Array(w.values.length);
  for (let h = 0; h < kh; h++) for (let x = 0; x < kw; x++) for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) {
    out[((o * ci + i) * kh + h) * kw + x] = w.values[((h * kw + x) * ci + i) * co + o];
  }
  return { shape: [co, ci, kh, kw], values: out };
}

const attr = {
  int: (name: string, i: number): IAttribute => ({ name, type: onnx.AttributeProto.AttributeType.INT, i }),
  ints: (name: string, ints: number[]): IAttribute => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints }),
};

function pair(value: unknown, what: string, layer: string): [number, number] {
  const v = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => Number.isInteger(n))) {
    throw new OnnxExportError(`Layer ${layer} has ${what} ${JSON.stringify(value)}; expected two integers.`);
  }
  return [v[0], v[1]];
}

/** Output size and explicit begin/end pads of one spatial axis, TF.js semantics ('same' puts the odd pad at the end). */
function spatial(size: number, kernel: number, stride: number, dilation: number, padding: string, layer: string) {
  const effective = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return { out: Math.floor((size - effective) / stride) + 1, begin: 0, end: 0 };
  if (padding === 'same') {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + effective - size, 0);
    return { out, begin: Math.floor(total / 2), end: total - Math.floor(total / 2) };
  }
  throw new OnnxExportError(`Layer ${layer} uses padding '${padding}'; the exporter handles 'valid' and 'same'.`);
}

const ACTIVATIONS: Record<string, string | null> = {
  linear: null, relu: 'Relu', sigmoid: 'Sigmoid', tanh: 'Tanh', softmax: 'Softmax',
};

class GraphBuilder {
  readonly nodes: INode[] = [];
  readonly initializers: ITensor[] = [];
  private counter = 0;

  constructor(private readonly weights: Map<string, Weight>) {}

  fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  node(opType: string, inputs: string[], hint: string, attribute: IAttribute[] = []): string {
    const output = this.fresh(hint);
    this.nodes.push({ opType, input: inputs, output: [output], name: output, attribute });
    return output;
  }

  initializer(name: string, w: Weight): string {
    const raw = new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength);
    this.initializers.push({ name, dims: w.shape, dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw.slice() });
    return name;
  }

  weight(layer: string, which: 'kernel' | 'bias'): Weight {
    const w = this.weights.get(`${layer}/${which}`);
    if (!w) throw new OnnxExportError(`The weights have no ${layer}/${which}. Use the weights file saved with this model.json.`);
    return w;
  }

  toNchw(state: State): State {
    if (state.nchw) return state;
    if (state.shape.length !== 3) throw new OnnxExportError(`A 2-D layer got an input of shape [N, ${state.shape.join(', ')}]; expected [N, height, width, channels].`);
    return { ...state, tensor: this.node('Transpose', [state.tensor], 'to_nchw', [attr.ints('perm', [0, 3, 1, 2])]), nchw: true };
  }

  toNhwc(state: State): State {
    if (!state.nchw) return state;
    return { ...state, tensor: this.node('Transpose', [state.tensor], 'to_nhwc', [attr.ints('perm', [0, 2, 3, 1])]), nchw: false };
  }

  activation(state: State, name: unknown, layer: string): State {
    const key = name === undefined || name === null ? 'linear' : String(name);
    if (!(key in ACTIVATIONS)) {
      throw new OnnxExportError(`Layer ${layer} uses activation '${key}'; the exporter handles ${Object.keys(ACTIVATIONS).join(', ')}.`);
    }
    const op = ACTIVATIONS[key];
    if (!op) return state;
    // Softmax runs over the last TF.js axis, which is ONNX axis 1 while the tensor is NCHW.
    const attributes = op === 'Softmax' ? [attr.int('axis', state.nchw ? 1 : -1)] : [];
    return { ...state, tensor: this.node(op, [state.tensor], key, attributes) };
  }
}

type LayerConverter = (g: GraphBuilder, state: State, config: LayerConfig, layer: string) => State;

function pool(opType: 'MaxPool' | 'AveragePool'): LayerConverter {
  return (g, state, config, layer) => {
    const input = g.toNchw(state);
    const [ph, pw] = pair(config.pool_size, 'pool_size', layer);
    const [sh, sw] = pair(config.strides ?? config.pool_size, 'strides', layer);
    const padding = String(config.padding ?? 'valid');
    const h = spatial(input.shape[0], ph, sh, 1, padding, layer);
    const w = spatial(input.shape[1], pw, sw, 1, padding, layer);
    const tensor = g.node(opType, [input.tensor], opType.toLowerCase(), [
      attr.ints('kernel_shape', [ph, pw]), attr.ints('strides', [sh, sw]), attr.ints('pads', [h.begin, w.begin, h.end, w.end]),
    ]);
    return { tensor, shape: [h.out, w.out, input.shape[2]], nchw: true };
  };
}

const CONVERTERS: Record<string, LayerConverter> = {
  InputLayer: (_g, state) => state,
  Dropout: (_g, state) => state,
  Activation: (g, state, config, layer) => g.activation(state, config.activation, layer),
  Dense: (g, state, config, layer) => {
    if (state.shape.length !== 1) throw new OnnxExportError(`Dense layer ${layer} gets an input of shape [N, ${state.shape.join(', ')}]; the exporter handles Dense on [N, features] only. Add a Flatten layer before it.`);
    const kernel = g.weight(layer, 'kernel');
    const inputs = [state.tensor, g.initializer(`${layer}/kernel`, kernel)];
    if (config.use_bias !== false) inputs.push(g.initializer(`${layer}/bias`, g.weight(layer, 'bias')));
    const tensor = g.node('Gemm', inputs, 'dense');
    return g.activation({ tensor, shape: [kernel.shape[1]], nchw: false }, config.activation, layer);
  },
  Conv2D: (g, state, config, layer) => {
    if ((config.data_format ?? 'channels_last') !== 'channels_last') throw new OnnxExportError(`Conv2D layer ${layer} is channels_first; the exporter handles channels_last models.`);
    const input = g.toNchw(state);
    const kernel = g.weight(layer, 'kernel');
    const [kh, kw] = [kernel.shape[0], kernel.shape[1]];
    const [sh, sw] = pair(config.strides ?? 1, 'strides', layer);
    const [dh, dw] = pair(config.dilation_rate ?? 1, 'dilation_rate', layer);
    const padding = String(config.padding ?? 'valid');
    const h = spatial(input.shape[0], kh, sh, dh, padding, layer);
    const w = spatial(input.shape[1], kw, sw, dw, padding, layer);
    const inputs = [input.tensor, g.initializer(`${layer}/kernel`, convKernelToOihw(kernel))];
    if (config.use_bias !== false) inputs.push(g.initializer(`${layer}/bias`, g.weight(layer, 'bias')));
    const tensor = g.node('Conv', inputs, 'conv', [
      attr.ints('kernel_shape', [kh, kw]), attr.ints('strides', [sh, sw]), attr.ints('dilations', [dh, dw]),
      attr.ints('pads', [h.begin, w.begin, h.end, w.end]),
    ]);
    return g.activation({ tensor, shape: [h.out, w.out, kernel.shape[3]], nchw: true }, config.activation, layer);
  },
  MaxPooling2D: pool('MaxPool'),
  AveragePooling2D: pool('AveragePool'),
  Flatten: (g, state) => {
    const nhwc = g.toNhwc(state);
    const tensor = g.node('Flatten', [nhwc.tensor], 'flatten', [attr.int('axis', 1)]);
    return { tensor, shape: [state.shape.reduce((a, b) => a * b, 1)], nchw: false };
  },
};

function valueInfo(name: string, shape: number[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'N' }, ...shape.map((d) => ({ dimValue: d }))] } } },
  };
}

function inputShapeOf(json: LayersModelJson): number[] {
  const first = json.modelTopology.config.layers[0]?.config;
  const batchShape = first?.batch_input_shape as (number | null)[] | undefined;
  if (!batchShape || batchShape.slice(1).some((d) => typeof d !== 'number')) {
    throw new OnnxExportError('The first layer declares no complete batch_input_shape; build the model with a fixed inputShape.');
  }
  return batchShape.slice(1) as number[];
}

/** Converts a Sequential TF.js layers model to ONNX model bytes. */
export function exportLayersModelToOnnx(files: SavedModelFiles, options: OnnxExportOptions = {}): Uint8Array {
  const json = parseModelJson(files.modelJson);
  if (json.format !== 'layers-model' || json.modelTopology?.class_name !== 'Sequential') {
    throw new OnnxExportError(`The exporter handles Sequential TF.js layers models; this model.json is '${json.format}' / '${json.modelTopology?.class_name}'.`);
  }
  const inputName = options.inputName ?? 'input';
  const outputName = options.outputName ?? 'output';
  const inputShape = inputShapeOf(json);
  const g = new GraphBuilder(readWeights(json, files.weights));
  let state: State = { tensor: inputName, shape: inputShape, nchw: false };
  for (const { class_name: className, config } of json.modelTopology.config.layers) {
    const convert = CONVERTERS[className];
    const layerName = String(config.name);
    if (!convert) throw new OnnxExportError(`Layer ${layerName} is a ${className}; the exporter handles ${Object.keys(CONVERTERS).join(', ')}.`);
    state = convert(g, state, config, layerName);
  }
  state = g.toNhwc(state);
  const last = g.nodes[g.nodes.length - 1];
  if (last && last.output?.[0] === state.tensor) last.output = [outputName];
  else g.nodes.push({ opType: 'Identity', input: [state.tensor], output: [outputName], name: outputName });

  const model = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: PRODUCER_NAME,
    producerVersion: PRODUCER_VERSION,
    docString: options.docString ?? '',
    graph: {
      name: json.modelTopology.config.name ?? 'model',
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(inputName, inputShape)],
      output: [valueInfo(outputName, state.shape)],
    },
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
