import type { ModelFile, TensorInfo, TfjsFacts } from '../core/types';
import { ModelError, messageOf } from './errors';
import { sequentialOutputShape } from './keras-shapes';
import { dirname, joinPath, normalizePath, requireSafePath } from './paths';

/** One weight in a TF.js weights manifest (tfjs-core io/types WeightsManifestEntry). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
  [key: string]: unknown;
}

/** A TF.js model.json read and checked against its shards. */
export interface TfjsInspection {
  /** The parsed model.json. */
  json: Record<string, unknown>;
  /** Shard files in manifest order; their bytes, concatenated, are the weight data. */
  shards: ModelFile[];
  /** All weights in manifest order. */
  weightSpecs: WeightSpec[];
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  facts: TfjsFacts;
}

/** Bytes per element as stored; quantized weights are stored in their quantization dtype. */
const STORED_BYTES: Readonly<Record<string, number>> = Object.freeze({
  float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2,
});

/** TensorFlow DataType enum names (graph models) → dtype names. */
const TF_DTYPES: Readonly<Record<string, string>> = Object.freeze({
  DT_FLOAT: 'float32', DT_DOUBLE: 'float64', DT_HALF: 'float16', DT_BFLOAT16: 'bfloat16',
  DT_INT32: 'int32', DT_INT64: 'int64', DT_INT16: 'int16', DT_INT8: 'int8', DT_UINT8: 'uint8',
  DT_UINT16: 'uint16', DT_BOOL: 'bool', DT_STRING: 'string', DT_COMPLEX64: 'complex64',
});

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reads model.json, resolves and checks every shard it names, and describes the model. */
export function inspectTfjs(modelJson: ModelFile, files: ModelFile[]): TfjsInspection {
  const json = parseModelJson(modelJson);
  const topology = json.modelTopology;
  if (!isObject(topology)) {
    throw new ModelError(
      `'${modelJson.path}' has no modelTopology, so it is not a TF.js model.json. ` +
        'Drop the model.json written by the TensorFlow.js converter (or model.save) together with its weight files.',
    );
  }
  const modelType = typeof json.format === 'string' ? json.format : 'node' in topology ? 'graph-model' : 'layers-model';
  const manifest = readManifest(json, modelJson.path);
  const shards = resolveShards(manifest, modelJson, files);
  const described = modelType === 'graph-model' ? describeGraphModel(json, topology) : describeLayersModel(topology, modelJson.path);
  return {
    json,
    shards: shards.map((s) => s.file),
    weightSpecs: manifest.flatMap((g) => g.weights),
    inputs: described.inputs,
    outputs: described.outputs,
    facts: {
      modelType,
      generatedBy: typeof json.generatedBy === 'string' ? json.generatedBy : null,
      convertedBy: typeof json.convertedBy === 'string' ? json.convertedBy : null,
      layers: described.layers,
      shards: shards.map((s) => ({ path: s.manifestPath, bytes: s.file.bytes.length })),
      weightCount: manifest.reduce((sum, g) => sum + g.weights.length, 0),
    },
  };
}

function parseModelJson(file: ModelFile): Obj {
  if (file.bytes.length === 0) {
    throw new ModelError(`'${file.path}' is empty (0 bytes). Copy or export the model again and drop the new files.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch (error) {
    throw new ModelError(
      `'${file.path}' is not valid JSON (${messageOf(error)}). The file may be truncated or edited by hand; ` +
        'export the TF.js model again.',
      { cause: error },
    );
  }
  if (!isObject(parsed)) {
    throw new ModelError(`'${file.path}' is JSON but not an object, so it is not a TF.js model.json. Drop the model.json the converter wrote.`);
  }
  return parsed;
}

interface ManifestGroup {
  paths: string[];
  weights: WeightSpec[];
}

function readManifest(json: Obj, where: string): ManifestGroup[] {
  if (json.weightsManifest === undefined) return [];
  if (!Array.isArray(json.weightsManifest)) {
    throw new ModelError(`'${where}' has a weightsManifest that is not a list. Export the TF.js model again.`);
  }
  return json.weightsManifest.map((group, index) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new ModelError(
        `'${where}': weightsManifest entry ${index + 1} needs a 'paths' list and a 'weights' list. Export the TF.js model again.`,
      );
    }
    for (const w of group.weights) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || typeof w.dtype !== 'string') {
        throw new ModelError(
          `'${where}': a weight in weightsManifest entry ${index + 1} lacks its name, shape or dtype. Export the TF.js model again.`,
        );
      }
    }
    return { paths: group.paths.map(String), weights: group.weights as WeightSpec[] };
  });
}

/** Bytes a weight occupies in its shard, or null when it cannot be known (string weights). */
function storedBytes(weight: WeightSpec): number | null {
  const dtype = weight.quantization?.dtype ?? weight.dtype;
  const size = STORED_BYTES[dtype];
  if (size === undefined) return null;
  return weight.shape.reduce((a, b) => a * Number(b), 1) * size;
}

function describeWeights(weights: WeightSpec[]): string {
  const shown = weights.slice(0, 3).map((w) => `${w.name} [${w.shape.join(',')}] ${w.quantization?.dtype ?? w.dtype}`);
  return shown.join(', ') + (weights.length > 3 ? `, … (${weights.length} weights)` : '');
}

/** Finds every shard among the files (relative to model.json) and checks each group's byte length. */
function resolveShards(manifest: ManifestGroup[], modelJson: ModelFile, files: ModelFile[]): { manifestPath: string; file: ModelFile }[] {
  const byPath = new Map(files.map((f) => [normalizePath(f.path), f]));
  const base = dirname(normalizePath(modelJson.path));
  const resolved: { manifestPath: string; file: ModelFile }[] = [];
  for (const group of manifest) {
    const groupFiles = group.paths.map((manifestPath) => {
      const safe = requireSafePath(manifestPath, `The weights manifest in ${modelJson.path}`);
      const file = byPath.get(joinPath(base, safe));
      if (!file) {
        throw new ModelError(
          `The weight file '${manifestPath}' named in ${modelJson.path} is missing. ` +
            'Drop model.json together with all its weight files (select them all, or drop the folder or a zip of it).',
        );
      }
      return { manifestPath, file };
    });
    const known = group.weights.map(storedBytes);
    const expected = known.reduce<number>((sum, b) => sum + (b ?? 0), 0);
    const hasStrings = known.some((b) => b === null);
    const actual = groupFiles.reduce((sum, s) => sum + s.file.bytes.length, 0);
    if (hasStrings ? actual < expected : actual !== expected) {
      const names = groupFiles.map((s) => `'${s.manifestPath}'`).join(' + ');
      throw new ModelError(
        `The weight file ${names} has ${actual} bytes, but ${modelJson.path} says its weights (${describeWeights(group.weights)}) ` +
          `take ${hasStrings ? 'at least ' : ''}${expected} bytes. The file is truncated or belongs to another model; ` +
          'drop the matching weight files or export the model again.',
      );
    }
    resolved.push(...groupFiles);
  }
  return resolved;
}

// ─────────────── layers models (Keras) ───────────────

interface KerasLayer {
  className: string;
  name: string;
  config: Obj;
}

function kerasDtype(config: Obj): string {
  const d = config.dtype;
  if (typeof d === 'string') return d;
  // Keras 3 writes a DTypePolicy object.
  if (isObject(d) && isObject(d.config) && typeof d.config.name === 'string') return d.config.name;
  return 'float32';
}

function batchShape(config: Obj): (number | null)[] | null {
  const shape = config.batch_input_shape ?? config.batch_shape;
  if (Array.isArray(shape)) return shape.map((d) => (typeof d === 'number' ? d : null));
  if (Array.isArray(config.input_shape)) return [null, ...config.input_shape.map((d) => (typeof d === 'number' ? d : null))];
  return null;
}

function readLayers(list: unknown[]): KerasLayer[] {
  return list.filter(isObject).map((l) => {
    const config = isObject(l.config) ? l.config : {};
    const name = typeof l.name === 'string' ? l.name : typeof config.name === 'string' ? config.name : '';
    return { className: String(l.class_name ?? ''), name, config };
  });
}

const UNKNOWN_RANK: (number | null)[] = [null];

function describeLayersModel(topology: Obj, where: string): { inputs: TensorInfo[]; outputs: TensorInfo[]; layers: string[] } {
  // tfjs 0.x / Keras 2.1 files nest the config directly; later ones under model_config (or at the top).
  const modelConfig = isObject(topology.model_config) ? topology.model_config : topology;
  const className = String(modelConfig.class_name ?? '');
  const config = modelConfig.config;
  // Keras < 2.2.3 wrote a Sequential config as the bare list of layers.
  const layers = readLayers(Array.isArray(config) ? config : isObject(config) ? asArray(config.layers) : []);
  if (layers.length === 0) {
    throw new ModelError(`'${where}' describes a ${className || 'Keras'} model with no layers. Export the TF.js model again.`);
  }
  const classNames = layers.map((l) => l.className);
  if (className === 'Sequential') {
    const first = layers[0];
    const inputShape = batchShape(first.config);
    const inputName = first.className === 'InputLayer' ? first.name : `${first.name}_input`;
    const last = layers[layers.length - 1];
    const outShape = inputShape ? sequentialOutputShape(inputShape, layers) : null;
    return {
      inputs: [{ name: inputName, shape: inputShape ?? UNKNOWN_RANK, dtype: kerasDtype(first.config) }],
      outputs: [{ name: last.name, shape: outShape ?? UNKNOWN_RANK, dtype: kerasDtype(last.config) }],
      layers: classNames,
    };
  }
  // Functional model: input_layers / output_layers are [[layer name, node index, tensor index], …].
  const conf = isObject(config) ? config : {};
  const byName = new Map(layers.map((l) => [l.name, l]));
  const endpoint = (entry: unknown): KerasLayer | undefined => byName.get(String(asArray(entry)[0]));
  const inputs = asArray(conf.input_layers).map((entry) => {
    const layer = endpoint(entry);
    return { name: layer?.name ?? String(asArray(entry)[0]), shape: (layer && batchShape(layer.config)) ?? UNKNOWN_RANK, dtype: layer ? kerasDtype(layer.config) : 'float32' };
  });
  const outputs = asArray(conf.output_layers).map((entry) => {
    const layer = endpoint(entry);
    const shape = layer?.className === 'Dense' ? [null, Number(layer.config.units)] : UNKNOWN_RANK;
    return { name: layer?.name ?? String(asArray(entry)[0]), shape, dtype: layer ? kerasDtype(layer.config) : 'float32' };
  });
  return { inputs, outputs, layers: classNames };
}

// ─────────────── graph models (TF SavedModel / frozen graph) ───────────────

interface TfTensorSpec {
  name?: string;
  dtype?: string;
  tensorShape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
}

function tfShape(spec: TfTensorSpec['tensorShape']): (number | null)[] {
  if (!spec || spec.unknownRank) return UNKNOWN_RANK;
  return (spec.dim ?? []).map((d) => {
    const size = Number(d.size ?? -1);
    return size >= 0 ? size : null;
  });
}

const tfDtype = (name: unknown): string => TF_DTYPES[String(name)] ?? String(name ?? 'float32').toLowerCase();

/** Strips ':0' output indices and '^' control-dependency marks from a node input name. */
const nodeOf = (input: string): string => input.replace(/^\^/, '').replace(/:\d+$/, '');

function describeGraphModel(json: Obj, topology: Obj): { inputs: TensorInfo[]; outputs: TensorInfo[]; layers: string[] } {
  const nodes = asArray(topology.node).filter(isObject);
  const ops = [...new Set(nodes.map((n) => String(n.op ?? '')))];
  const signature = isObject(json.signature) ? json.signature : isObject(json.userDefinedMetadata) && isObject(json.userDefinedMetadata.signature) ? json.userDefinedMetadata.signature : null;
  if (signature && isObject(signature.inputs) && isObject(signature.outputs)) {
    const fromSignature = (entries: Obj): TensorInfo[] =>
      Object.values(entries).filter(isObject).map((s) => {
        const spec = s as TfTensorSpec;
        return { name: nodeOf(spec.name ?? ''), shape: tfShape(spec.tensorShape), dtype: tfDtype(spec.dtype) };
      });
    return { inputs: fromSignature(signature.inputs), outputs: fromSignature(signature.outputs), layers: ops };
  }
  const attr = (n: Obj, key: string): Obj => (isObject(n.attr) && isObject(n.attr[key]) ? (n.attr[key] as Obj) : {});
  const inputs = nodes
    .filter((n) => n.op === 'Placeholder')
    .map((n) => {
      const shape = attr(n, 'shape').shape as TfTensorSpec['tensorShape'];
      return { name: String(n.name), shape: tfShape(shape), dtype: tfDtype(attr(n, 'dtype').type) };
    });
  const consumed = new Set(nodes.flatMap((n) => asArray(n.input).map((i) => nodeOf(String(i)))));
  const outputs = nodes
    .filter((n) => !consumed.has(String(n.name)) && !['Const', 'NoOp', 'Placeholder'].includes(String(n.op)))
    .map((n) => ({ name: String(n.name), shape: UNKNOWN_RANK, dtype: tfDtype(attr(n, 'T').type ?? 'DT_FLOAT') }));
  return { inputs, outputs, layers: ops };
}
