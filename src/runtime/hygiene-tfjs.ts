/**
 * Hygiene of a TF.js model.json and its weight files (tfjs-core io/types: ModelJSON,
 * WeightsManifestConfig): where the manifest points, whether the shards have the bytes it promises,
 * what layers or operations the model declares, and what text it carries.
 */
import type { HygieneFinding, ModelFile } from '../core/types';
import { messageOf } from './errors';
import { excerpt, finding, formatBytes, looksLikeMarkup, plural } from './hygiene-finding';
import { dirname, joinPath, normalizePath, unsafePathReason } from './paths';

/** Bytes per stored value by dtype (tfjs-core io/types DTYPE_VALUE_SIZE_MAP, plus quantized dtypes). */
const STORED_BYTES: Readonly<Record<string, number>> = Object.freeze({
  float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2,
});

/** Layer classes TF.js itself can build (tfjs-layers 4.x registry). Anything else needs code registered by the app. */
const BUILT_IN_LAYERS: ReadonlySet<string> = new Set([
  'Activation', 'Add', 'AlphaDropout', 'Average', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D', 'BatchNormalization',
  'Bidirectional', 'CategoryEncoding', 'CenterCrop', 'Concatenate', 'Conv1D', 'Conv2D', 'Conv2DTranspose', 'Conv3D',
  'Conv3DTranspose', 'ConvLSTM2D', 'Cropping2D', 'Dense', 'DepthwiseConv2D', 'Dot', 'Dropout', 'ELU', 'Embedding', 'Flatten',
  'Functional', 'GaussianDropout', 'GaussianNoise', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalMaxPooling1D',
  'GlobalMaxPooling2D', 'GRU', 'InputLayer', 'LayerNormalization', 'LeakyReLU', 'LSTM', 'Masking', 'Maximum', 'MaxPooling1D',
  'MaxPooling2D', 'MaxPooling3D', 'Minimum', 'Model', 'Multiply', 'Permute', 'PReLU', 'ReLU', 'RepeatVector', 'Rescaling',
  'Reshape', 'Resizing', 'RNN', 'SeparableConv2D', 'Sequential', 'SimpleRNN', 'Softmax', 'SpatialDropout1D', 'ThresholdedReLU',
  'TimeDistributed', 'UpSampling2D', 'ZeroPadding2D',
]);

/**
 * TensorFlow operations that read or write files or run Python when a graph is loaded in
 * TensorFlow (TF.js has no kernels for them). TensorFlow's security guidance (SECURITY.md,
 * "TensorFlow models are programs") names these as the reason not to run untrusted graphs.
 */
const FILE_OR_CODE_OPS: ReadonlySet<string> = new Set([
  'PyFunc', 'PyFuncStateless', 'EagerPyFunc', 'ReadFile', 'WriteFile', 'Save', 'SaveV2', 'SaveSlices', 'Restore', 'RestoreV2',
  'RestoreSlice', 'MatchingFiles', 'ImmutableConst', 'WholeFileReader', 'WholeFileReaderV2', 'TextLineReader', 'TextLineReaderV2',
  'FixedLengthRecordReader', 'FixedLengthRecordReaderV2', 'TFRecordReader', 'TFRecordReaderV2', 'PrintV2', 'MergeV2Checkpoints',
]);

/** More than this many bytes of weights is more than a browser tab holds comfortably. */
const LARGE_WEIGHTS = 2 * 1024 ** 3;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function auditTfjs(modelJson: ModelFile, files: ModelFile[]): HygieneFinding[] {
  const file = modelJson.path;
  if (modelJson.bytes.length === 0) {
    return [finding('file-empty', 'medium', file, `'${file}' is empty (0 bytes). Export or copy the model again.`)];
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(modelJson.bytes));
  } catch (error) {
    return [finding('tfjs-unreadable', 'medium', file,
      `'${file}' is not valid JSON (${excerpt(messageOf(error), 100)}). It is truncated, damaged or not a model.json; TrustGrade refuses it.`)];
  }
  if (!isObject(json) || !isObject(json.modelTopology)) {
    return [finding('tfjs-no-topology', 'medium', file, `'${file}' has no modelTopology, so it is not a TF.js model.json; TrustGrade refuses it.`)];
  }
  const found: HygieneFinding[] = [];
  found.push(...manifestFindings(json, modelJson, files));
  found.push(...layerFindings(json, file));
  found.push(...textFindings(json, file));
  return found;
}

interface Group {
  paths: unknown[];
  weights: unknown[];
}

function manifestFindings(json: Obj, modelJson: ModelFile, files: ModelFile[]): HygieneFinding[] {
  const file = modelJson.path;
  if (json.weightsManifest === undefined) return [];
  if (!Array.isArray(json.weightsManifest) || !json.weightsManifest.every((g) => isObject(g) && Array.isArray(g.paths) && Array.isArray(g.weights))) {
    return [finding('tfjs-bad-manifest', 'medium', file, `'${file}' has a weightsManifest that is not a list of {paths, weights} groups; TrustGrade refuses it.`)];
  }
  const groups = json.weightsManifest as Group[];
  const byPath = new Map(files.map((f) => [normalizePath(f.path), f]));
  const base = dirname(normalizePath(file));
  const outside: string[] = [];
  const missing: string[] = [];
  const wrongLength: string[] = [];
  const seen = new Map<string, number>();
  let declaredTotal = 0;
  for (const group of groups) {
    const declared = declaredBytes(group.weights);
    declaredTotal += declared.bytes;
    let actual = 0;
    let complete = true;
    for (const raw of group.paths) {
      const path = String(raw);
      const unsafe = unsafePathReason(path) ?? (/%2e|%2f|%5c/i.test(path) ? 'it contains percent-encoded dots or slashes, which a browser decodes into a path that can leave the folder' : null);
      if (unsafe) {
        outside.push(`'${excerpt(path)}' (${unsafe})`);
        complete = false;
        continue;
      }
      const resolved = joinPath(base, normalizePath(path));
      seen.set(resolved, (seen.get(resolved) ?? 0) + 1);
      const shard = byPath.get(resolved);
      if (!shard) {
        missing.push(`'${excerpt(path)}'`);
        complete = false;
        continue;
      }
      actual += shard.bytes.length;
    }
    if (complete && (declared.hasStrings ? actual < declared.bytes : actual !== declared.bytes)) {
      wrongLength.push(`${group.paths.map((p) => `'${excerpt(String(p))}'`).join(' + ')}: ${formatBytes(actual)} present, ${declared.hasStrings ? 'at least ' : ''}${formatBytes(declared.bytes)} declared`);
    }
  }
  const out: HygieneFinding[] = [];
  if (outside.length > 0) {
    out.push(finding('tfjs-path-outside-folder', 'high', file,
      `The weights manifest in '${file}' names ${plural(outside.length, 'file')} outside the model's folder: ${outside.slice(0, 3).join('; ')}${outside.length > 3 ? '; …' : ''}. ` +
        'A loader that fetches weights by path (tf.loadLayersModel over HTTP, or from disk) would read those files. TrustGrade refuses such paths; ' +
        'do not load this model elsewhere either until its manifest is fixed.'));
  }
  if (missing.length > 0) {
    out.push(finding('tfjs-shard-missing', 'medium', file,
      `The weights manifest in '${file}' names ${plural(missing.length, 'file')} that ${missing.length === 1 ? 'was' : 'were'} not given: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}. ` +
        'Drop model.json together with all its weight files.'));
  }
  if (wrongLength.length > 0) {
    out.push(finding('tfjs-shard-length', 'medium', file,
      `Weight files of '${file}' do not have the length its manifest declares (${wrongLength.slice(0, 3).join('; ')}). ` +
        'A loader would read past the end of the data or leave some unread: the files are truncated, padded or from another model.'));
  }
  const repeated = [...seen].filter(([, n]) => n > 1).map(([p]) => `'${excerpt(p)}'`);
  if (repeated.length > 0) {
    out.push(finding('tfjs-shard-repeated', 'low', file,
      `The weights manifest in '${file}' names the same file more than once (${repeated.slice(0, 3).join(', ')}); the converter never does that.`));
  }
  if (declaredTotal > LARGE_WEIGHTS) {
    out.push(finding('tfjs-very-large-weights', 'low', file,
      `'${file}' declares ${formatBytes(declaredTotal)} of weights, more than a browser tab holds comfortably (${formatBytes(LARGE_WEIGHTS)}).`));
  }
  out.push(finding('tfjs-summary', 'info', file,
    `${typeof json.format === 'string' ? excerpt(json.format, 30) : 'TF.js'} model; ${plural(groups.length, 'weight group')}, ` +
      `${plural(groups.reduce((n, g) => n + g.paths.length, 0), 'weight file')}, ${formatBytes(declaredTotal)} of weights declared` +
      `${typeof json.generatedBy === 'string' ? `; generated by ${excerpt(json.generatedBy, 50)}` : ''}` +
      `${typeof json.convertedBy === 'string' ? `; converted by ${excerpt(json.convertedBy, 50)}` : ''}.`));
  return out;
}

function declaredBytes(weights: unknown[]): { bytes: number; hasStrings: boolean } {
  let bytes = 0;
  let hasStrings = false;
  for (const w of weights) {
    if (!isObject(w)) continue;
    const quantization = isObject(w.quantization) ? w.quantization : null;
    const dtype = String(quantization?.dtype ?? w.dtype ?? '');
    const size = STORED_BYTES[dtype];
    if (size === undefined) {
      hasStrings = true;
      continue;
    }
    bytes += asArray(w.shape).reduce<number>((a, d) => a * Math.max(0, Number(d) || 0), 1) * size;
  }
  return { bytes, hasStrings };
}

/** Class names of every layer, including layers inside nested models and wrappers (Bidirectional, TimeDistributed). */
function layerClasses(topology: Obj): string[] {
  const names: string[] = [];
  const modelConfig = isObject(topology.model_config) ? topology.model_config : topology;
  const stack: unknown[] = [modelConfig];
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const item = stack.pop();
    if (!isObject(item)) continue;
    if (typeof item.class_name === 'string' && item !== modelConfig) names.push(item.class_name);
    const config = item.config;
    if (Array.isArray(config)) stack.push(...config);
    else if (isObject(config)) {
      stack.push(...asArray(config.layers));
      if (isObject(config.layer)) stack.push(config.layer);
    }
  }
  return names;
}

function graphOps(json: Obj, topology: Obj): string[] {
  const nodes = [
    ...asArray(topology.node),
    ...asArray(isObject(topology.library) ? topology.library.function : []).flatMap((f) => (isObject(f) ? asArray(f.nodeDef) : [])),
    ...(isObject(json.modelInitializer) ? asArray(json.modelInitializer.node) : []),
  ];
  return nodes.filter(isObject).map((n) => String(n.op ?? ''));
}

function layerFindings(json: Obj, file: string): HygieneFinding[] {
  const topology = json.modelTopology as Obj;
  const out: HygieneFinding[] = [];
  const isGraph = json.format === 'graph-model' || 'node' in topology;
  if (isGraph) {
    const ops = graphOps(json, topology);
    const risky = [...new Set(ops.filter((op) => FILE_OR_CODE_OPS.has(op)))];
    if (risky.length > 0) {
      out.push(finding('tfjs-file-or-code-ops', 'high', file,
        `The graph in '${file}' contains operations that read or write files or run Python when the graph runs in TensorFlow (${risky.slice(0, 5).join(', ')}). ` +
          'A classifier has no need for them; TF.js cannot run them, and in TensorFlow they would act on the machine. Do not run this graph outside the browser.'));
    }
    if (ops.length > 200_000) {
      out.push(finding('tfjs-very-large-graph', 'low', file, `The graph in '${file}' has ${plural(ops.length, 'node')}, unusually many for a classifier.`));
    }
    return out;
  }
  const classes = layerClasses(topology);
  const lambdas = classes.filter((c) => c === 'Lambda').length;
  if (lambdas > 0) {
    out.push(finding('tfjs-lambda-layer', 'high', file,
      `'${file}' contains ${plural(lambdas, 'Keras Lambda layer')}. A Lambda layer stores Python code (marshalled bytecode) that Keras runs when the ` +
        'model is loaded in Python with safe_mode off; TF.js cannot run it and refuses the model. Do not load this file in Python unless you trust its source.'));
  }
  const custom = [...new Set(classes.filter((c) => c !== 'Lambda' && !BUILT_IN_LAYERS.has(c)))];
  if (custom.length > 0) {
    out.push(finding('tfjs-custom-layer', 'low', file,
      `'${file}' uses layer classes that TF.js does not provide (${custom.slice(0, 5).map((c) => excerpt(c, 40)).join(', ')}${custom.length > 5 ? ', …' : ''}). ` +
        'They need code registered by whoever loads the model; TrustGrade registers none, so the model will not open here.'));
  }
  return out;
}

function textFindings(json: Obj, file: string): HygieneFinding[] {
  const texts: string[] = [];
  const collect = (v: unknown, depth: number): void => {
    if (depth > 8 || texts.length > 10_000) return;
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) v.forEach((x) => collect(x, depth + 1));
    else if (isObject(v)) Object.entries(v).forEach(([k, x]) => { texts.push(k); collect(x, depth + 1); });
  };
  collect(json.generatedBy, 0);
  collect(json.convertedBy, 0);
  collect(json.userDefinedMetadata, 0);
  collect(json.signature, 0);
  const marked = texts.filter(looksLikeMarkup);
  if (marked.length === 0) return [];
  return [finding('tfjs-metadata-markup', 'low', file,
    `'${file}' has markup or script in its metadata (e.g. "${excerpt(marked[0], 50)}"). TrustGrade shows it as plain text only, ` +
      'but a tool that renders model metadata as HTML could run it; treat the file with suspicion.')];
}
