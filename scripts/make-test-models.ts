/**
 * Writes the tiny model fixtures the runtime tests use into tests/fixtures/models/:
 * ONNX graphs built with onnx-proto, TF.js models (saved by TF.js itself, an old 0.x-style Keras
 * file and a hand-written graph model), a zip, and a set of hostile files. Every model computes
 * softmax(x·W + b) (or a sigmoid) with the same W and b, so their outputs can be checked by hand
 * and against each other. Deterministic: running it twice writes the same bytes.
 *
 *   npx tsx scripts/make-test-models.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { createRng } from '../src/core/rng';
import { onnx } from '../src/runtime/onnx-proto';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'models');

/** The weights every fixture shares: 3 features → 2 classes. */
export const W = [
  [1, -1],
  [0.5, 0.25],
  [-2, 1],
];
export const B = [0.1, -0.2];
const W_FLAT = W.flat();

// ───────────── ONNX building blocks ─────────────

const { DataType } = onnx.TensorProto;
const AttrType = onnx.AttributeProto.AttributeType;

type Dim = number | string | null;

function tensorType(elemType: number, dims: Dim[]): OnnxTypes.ITypeProto {
  return {
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {})) },
    },
  };
}

const valueInfo = (name: string, type: OnnxTypes.ITypeProto): OnnxTypes.IValueInfoProto => ({ name, type });

const floatTensor = (name: string, dims: number[], values: number[]): OnnxTypes.ITensorProto => ({
  name, dims, dataType: DataType.FLOAT, floatData: values,
});

function node(opType: string, input: string[], output: string[], attribute: OnnxTypes.IAttributeProto[] = [], domain = ''): OnnxTypes.INodeProto {
  return { opType, input, output, attribute, domain, name: `${opType}_${output[0]}` };
}

const intAttr = (name: string, i: number): OnnxTypes.IAttributeProto => ({ name, type: AttrType.INT, i });
const intsAttr = (name: string, ints: number[]): OnnxTypes.IAttributeProto => ({ name, type: AttrType.INTS, ints });
const graphAttr = (name: string, g: OnnxTypes.IGraphProto): OnnxTypes.IAttributeProto => ({ name, type: AttrType.GRAPH, g });

function model(graph: OnnxTypes.IGraphProto | null, opsets: [string, number][] = [['', 13]], extra: Partial<OnnxTypes.IModelProto> = {}): Uint8Array {
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: 7,
      producerName: 'trustgrade-fixtures',
      producerVersion: '1',
      opsetImport: opsets.map(([domain, version]) => ({ domain, version })),
      ...(graph ? { graph } : {}),
      ...extra,
    }),
  ).finish();
}

/** x [batch,3] → MatMul W → Add b ('logits') → Softmax ('probs'). */
function linearSoftmax(batch: Dim): Uint8Array {
  return model({
    name: 'linear_softmax',
    node: [node('MatMul', ['x', 'W'], ['xw']), node('Add', ['xw', 'B'], ['logits']), node('Softmax', ['logits'], ['probs'], [intAttr('axis', 1)])],
    initializer: [floatTensor('W', [3, 2], W_FLAT), floatTensor('B', [2], B)],
    input: [valueInfo('x', tensorType(DataType.FLOAT, [batch, 3]))],
    output: [valueInfo('probs', tensorType(DataType.FLOAT, [batch, 2])), valueInfo('logits', tensorType(DataType.FLOAT, [batch, 2]))],
  });
}

/** Loads fine, then fails inside the runtime on every input: a Reshape to 7 values that 3 × N never fills. */
function throwsAtRun(): Uint8Array {
  return model({
    name: 'throws_at_run',
    node: [node('Reshape', ['x', 'shape'], ['flat']), node('Softmax', ['flat'], ['probs'], [intAttr('axis', 0)])],
    initializer: [{ name: 'shape', dims: [1], dataType: DataType.INT64, int64Data: [7] }],
    input: [valueInfo('x', tensorType(DataType.FLOAT, ['N', 3]))],
    output: [valueInfo('probs', tensorType(DataType.FLOAT, ['M']))],
  });
}

/** Outputs in three dtypes: int64 label first, then float16 and float64 logits. */
function mixedDtypes(): Uint8Array {
  return model({
    name: 'mixed_dtypes',
    node: [
      node('MatMul', ['x', 'W'], ['xw']),
      node('Add', ['xw', 'B'], ['logits']),
      node('ArgMax', ['logits'], ['label'], [intAttr('axis', 1), intAttr('keepdims', 0)]),
      node('Cast', ['logits'], ['half'], [intAttr('to', DataType.FLOAT16)]),
      node('Cast', ['logits'], ['double'], [intAttr('to', DataType.DOUBLE)]),
    ],
    initializer: [floatTensor('W', [3, 2], W_FLAT), floatTensor('B', [2], B)],
    input: [valueInfo('x', tensorType(DataType.FLOAT, ['N', 3]))],
    output: [
      valueInfo('label', tensorType(DataType.INT64, ['N'])),
      valueInfo('half', tensorType(DataType.FLOAT16, ['N', 2])),
      valueInfo('double', tensorType(DataType.DOUBLE, ['N', 2])),
    ],
  });
}

/** A float16 input cast to float32: checks that inputs are encoded in the model's dtype. */
function halfInput(): Uint8Array {
  return model({
    name: 'half_input',
    node: [node('Cast', ['x'], ['y'], [intAttr('to', DataType.FLOAT)])],
    input: [valueInfo('x', tensorType(DataType.FLOAT16, ['N', 2]))],
    output: [valueInfo('y', tensorType(DataType.FLOAT, ['N', 2]))],
  });
}

/** What skl2onnx writes by default: an int64 label and a ZipMap of probabilities (no tensor of them). */
function zipMap(): Uint8Array {
  const seqOfMaps: OnnxTypes.ITypeProto = {
    sequenceType: { elemType: { mapType: { keyType: DataType.INT64, valueType: tensorType(DataType.FLOAT, []) } } },
  };
  return model(
    {
      name: 'zipmap',
      node: [
        node('Softmax', ['float_input'], ['probabilities'], [intAttr('axis', 1)]),
        node('ArgMax', ['float_input'], ['output_label'], [intAttr('axis', 1), intAttr('keepdims', 0)]),
        node('ZipMap', ['probabilities'], ['output_probability'], [intsAttr('classlabels_int64s', [0, 1])], 'ai.onnx.ml'),
      ],
      input: [valueInfo('float_input', tensorType(DataType.FLOAT, [null, 2]))],
      output: [valueInfo('output_label', tensorType(DataType.INT64, [null])), valueInfo('output_probability', seqOfMaps)],
    },
    [['', 13], ['ai.onnx.ml', 1]],
  );
}

/**
 * For inspection only (it cannot run): a float16 input, an If with two subgraphs, a custom-domain
 * operator, an initializer kept in an external file, and metadata with markup in it.
 */
function inspectFeatures(): Uint8Array {
  const branch = (op: string): OnnxTypes.IGraphProto => ({
    name: `${op.toLowerCase()}_branch`,
    node: [node(op, ['x'], [`${op.toLowerCase()}_out`])],
    output: [valueInfo(`${op.toLowerCase()}_out`, tensorType(DataType.FLOAT16, ['batch', 2]))],
  });
  const external: OnnxTypes.ITensorProto = {
    name: 'offset',
    dims: [2],
    dataType: DataType.FLOAT16,
    dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [{ key: 'location', value: '../outside/weights.bin' }, { key: 'offset', value: '0' }, { key: 'length', value: '4' }],
  };
  return model(
    {
      name: 'inspect_features',
      node: [
        node('If', ['flag'], ['branched'], [graphAttr('then_branch', branch('Identity')), graphAttr('else_branch', branch('Neg'))]),
        node('Add', ['branched', 'offset'], ['shifted']),
        node('Scramble', ['shifted'], ['out'], [], 'com.example'),
      ],
      initializer: [{ name: 'flag', dims: [], dataType: DataType.BOOL, int32Data: [1] }, external],
      input: [valueInfo('x', tensorType(DataType.FLOAT16, ['batch', 2])), valueInfo('flag', tensorType(DataType.BOOL, []))],
      output: [valueInfo('out', tensorType(DataType.BFLOAT16, ['batch', 2]))],
    },
    [['', 13], ['com.example', 1]],
    {
      irVersion: 8,
      metadataProps: [
        { key: 'author', value: 'TrustGrade fixtures' },
        { key: 'note', value: '<img src=x onerror=alert(1)>' },
      ],
    },
  );
}

// ───────────── TF.js models ─────────────

const float32Bytes = (values: number[]): Uint8Array => new Uint8Array(new Float32Array(values).buffer);

/** A layers model saved by TF.js itself: Dense(3→2, softmax) with W and b. */
async function layersModelFiles(): Promise<Record<string, Uint8Array>> {
  await tf.setBackend('cpu');
  const m = tf.sequential({ name: 'fixture' });
  m.add(tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax', name: 'probs' }));
  m.layers[0].setWeights([tf.tensor2d(W), tf.tensor1d(B)]);
  let files: Record<string, Uint8Array> = {};
  await m.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
      };
      const data = artifacts.weightData as ArrayBuffer;
      files = { 'model.json': text(JSON.stringify(json)), 'group1-shard1of1.bin': new Uint8Array(data.slice(0)) };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  return files;
}

/** The tfjs 0.x / Keras 2.1 layout of the reference Adult model: a bare layer list, one group per weight. */
function oldLayersModelFiles(): Record<string, Uint8Array> {
  const json = {
    modelTopology: {
      keras_version: '2.1.4',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: [
          {
            class_name: 'Dense',
            config: {
              name: 'dense_1', trainable: true, batch_input_shape: [null, 3], dtype: 'float32', units: 2,
              activation: 'sigmoid', use_bias: true,
              kernel_initializer: { class_name: 'VarianceScaling', config: { distribution: 'uniform', scale: 1.0, seed: null, mode: 'fan_avg' } },
              bias_initializer: { class_name: 'Zeros', config: {} },
              kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
            },
          },
        ],
      },
      training_config: { loss: 'binary_crossentropy', metrics: [], optimizer_config: { class_name: 'RMSprop', config: { lr: 0.001 } } },
    },
    weightsManifest: [
      { paths: ['group1-shard1of1'], weights: [{ name: 'dense_1/kernel', shape: [3, 2], dtype: 'float32' }] },
      { paths: ['group2-shard1of1'], weights: [{ name: 'dense_1/bias', shape: [2], dtype: 'float32' }] },
    ],
  };
  return { 'model.json': text(JSON.stringify(json)), 'group1-shard1of1': float32Bytes(W_FLAT), 'group2-shard1of1': float32Bytes(B) };
}

/** A graph model as the TF.js converter writes it: Placeholder → MatMul → BiasAdd → Softmax. */
function graphModelFiles(): Record<string, Uint8Array> {
  const f = { type: 'DT_FLOAT' };
  const dims = (...sizes: number[]) => ({ dim: sizes.map((s) => ({ size: String(s) })) });
  const json = {
    format: 'graph-model',
    generatedBy: 'trustgrade-fixtures',
    convertedBy: 'scripts/make-test-models.ts',
    modelTopology: {
      node: [
        { name: 'x', op: 'Placeholder', attr: { dtype: f, shape: { shape: dims(-1, 3) } } },
        { name: 'W', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(3, 2) } }, dtype: f } },
        { name: 'B', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(2) } }, dtype: f } },
        { name: 'xw', op: 'MatMul', input: ['x', 'W'], attr: { T: f, transpose_a: { b: false }, transpose_b: { b: false } } },
        { name: 'logits', op: 'BiasAdd', input: ['xw', 'B'], attr: { T: f, data_format: { s: 'TkhXQw==' } } },
        { name: 'probs', op: 'Softmax', input: ['logits'], attr: { T: f } },
      ],
      library: {},
      versions: { producer: 1 },
    },
    weightsManifest: [
      { paths: ['group1-shard1of1.bin'], weights: [{ name: 'W', shape: [3, 2], dtype: 'float32' }, { name: 'B', shape: [2], dtype: 'float32' }] },
    ],
  };
  return { 'model.json': text(JSON.stringify(json)), 'group1-shard1of1.bin': float32Bytes([...W_FLAT, ...B]) };
}

// ───────────── writing ─────────────

function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function write(path: string, bytes: Uint8Array | string): void {
  const full = join(OUT, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, bytes);
}

function writeFolder(folder: string, files: Record<string, Uint8Array>): void {
  for (const [name, bytes] of Object.entries(files)) write(join(folder, name), bytes);
}

/** Zip entries with a fixed date so the bytes do not change between runs. */
const zip = (entries: Record<string, Uint8Array>): Uint8Array =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { mtime: new Date(2020, 0, 1) }]])));

async function main(): Promise<void> {
  // Only the generated folders are replaced; read-model-files.ts beside them is hand-written.
  for (const folder of ['onnx', 'tfjs', 'zip', 'hostile']) rmSync(join(OUT, folder), { recursive: true, force: true });
  const linear = linearSoftmax('N');
  write('onnx/linear-softmax.onnx', linear);
  write('onnx/fixed-batch1.onnx', linearSoftmax(1));
  write('onnx/fixed-batch4.onnx', linearSoftmax(4));
  write('onnx/mixed-dtypes.onnx', mixedDtypes());
  write('onnx/half-input.onnx', halfInput());
  write('onnx/zipmap.onnx', zipMap());
  write('onnx/inspect-features.onnx', inspectFeatures());
  write('onnx/throws-at-run.onnx', throwsAtRun());

  const layers = await layersModelFiles();
  writeFolder('tfjs/layers-dense', layers);
  writeFolder('tfjs/layers-old-keras', oldLayersModelFiles());
  const graph = graphModelFiles();
  writeFolder('tfjs/graph-dense', graph);
  write('zip/layers-dense.zip', zip({
    'layers-dense/model.json': layers['model.json'],
    'layers-dense/group1-shard1of1.bin': layers['group1-shard1of1.bin'],
    '__MACOSX/layers-dense/._model.json': text('resource fork'),
  }));
  write('zip/linear-softmax.zip', zip({ 'linear-softmax.onnx': linear, 'README.txt': text('a model in a zip') }));

  // Hostile files: each must be refused with a clear ModelError, never crash or read elsewhere.
  const rng = createRng(20240611);
  write('hostile/empty.onnx', new Uint8Array(0));
  write('hostile/random-bytes.onnx', Uint8Array.from({ length: 2048 }, () => rng.int(256)));
  write('hostile/truncated.onnx', linear.subarray(0, Math.floor(linear.length * 0.6)));
  write('hostile/no-graph.onnx', model(null));
  write('hostile/no-inputs.onnx', model({
    name: 'no_inputs',
    node: [node('Identity', ['W'], ['y'])],
    initializer: [floatTensor('W', [3, 2], W_FLAT)],
    output: [valueInfo('y', tensorType(DataType.FLOAT, [3, 2]))],
  }));
  write('hostile/unknown-type.txt', 'This is a text file, not a model.\n');
  write('hostile/not-a-model.json', JSON.stringify({ name: 'settings', values: [1, 2, 3] }));
  const graphJson = new TextDecoder().decode(graph['model.json']);
  const shard = graph['group1-shard1of1.bin'];
  writeFolder('hostile/invalid-json', { 'model.json': text(graphJson.slice(0, graphJson.length - 40)), 'group1-shard1of1.bin': shard });
  writeFolder('hostile/missing-shard', { 'model.json': graph['model.json'] });
  writeFolder('hostile/wrong-length', { 'model.json': graph['model.json'], 'group1-shard1of1.bin': shard.subarray(0, shard.length - 4) });
  writeFolder('hostile/path-traversal', { 'model.json': text(graphJson.replace('"group1-shard1of1.bin"', '"../graph-dense/group1-shard1of1.bin"')), 'group1-shard1of1.bin': shard });
  writeFolder('hostile/absolute-path', { 'model.json': text(graphJson.replace('"group1-shard1of1.bin"', '"/etc/passwd"')) });
  write('hostile/zip-slip.zip', zip({ 'model.onnx': linear, '../../evil.sh': text('echo owned\n') }));
  console.log(`Wrote fixtures to ${OUT}`);
}

await main();
