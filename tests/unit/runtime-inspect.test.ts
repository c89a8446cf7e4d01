import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectModel } from '../../src/runtime/inspect';
import { concatBytes } from '../../src/core/sha256';
import { readModelFiles } from '../fixtures/models/read-model-files';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('inspectModel on ONNX fixtures', () => {
  it('reads inputs, outputs, opsets, operators and hashes the file bytes', async () => {
    const files = readModelFiles('onnx/linear-softmax.onnx');
    const info = await inspectModel(files);
    expect(info.format).toBe('onnx');
    expect(info.name).toBe('linear-softmax.onnx');
    expect(info.sha256).toBe(sha(files[0].bytes));
    expect(info.sizeBytes).toBe(files[0].bytes.length);
    expect(info.inputs).toEqual([{ name: 'x', shape: ['N', 3], dtype: 'float32' }]);
    expect(info.outputs).toEqual([
      { name: 'probs', shape: ['N', 2], dtype: 'float32' },
      { name: 'logits', shape: ['N', 2], dtype: 'float32' },
    ]);
    expect(info.onnx?.irVersion).toBe(7);
    expect(info.onnx?.producer).toBe('trustgrade-fixtures 1');
    expect(info.onnx?.opsets).toEqual([{ domain: '', version: 13 }]);
    expect(info.onnx?.operators).toEqual([
      { domain: '', opType: 'Add', count: 1 },
      { domain: '', opType: 'MatMul', count: 1 },
      { domain: '', opType: 'Softmax', count: 1 },
    ]);
    expect(info.onnx?.externalData).toEqual([]);
  });

  it('tells fixed dims, symbolic dims and unknown dims apart', async () => {
    const fixed = await inspectModel(readModelFiles('onnx/fixed-batch1.onnx'));
    expect(fixed.inputs[0].shape).toEqual([1, 3]);
    const zipmap = await inspectModel(readModelFiles('onnx/zipmap.onnx'));
    expect(zipmap.inputs[0]).toEqual({ name: 'float_input', shape: [null, 2], dtype: 'float32' });
  });

  it('names int64, float16 and float64 outputs', async () => {
    const info = await inspectModel(readModelFiles('onnx/mixed-dtypes.onnx'));
    expect(info.outputs.map((o) => [o.name, o.dtype])).toEqual([
      ['label', 'int64'],
      ['half', 'float16'],
      ['double', 'float64'],
    ]);
    expect(info.outputs[0].shape).toEqual(['N']);
  });

  it('describes a ZipMap output as a readable non-tensor type with shape []', async () => {
    const info = await inspectModel(readModelFiles('onnx/zipmap.onnx'));
    expect(info.outputs[1]).toEqual({ name: 'output_probability', shape: [], dtype: 'sequence(map(int64,float32))' });
    expect(info.onnx?.opsets).toEqual([{ domain: '', version: 13 }, { domain: 'ai.onnx.ml', version: 1 }]);
    expect(info.onnx?.operators).toContainEqual({ domain: 'ai.onnx.ml', opType: 'ZipMap', count: 1 });
  });

  it('counts operators inside subgraphs and reports metadata, custom domains and external data', async () => {
    const info = await inspectModel(readModelFiles('onnx/inspect-features.onnx'));
    // 'flag' is an initializer that is also listed as a graph input: it is a weight, not an input.
    expect(info.inputs).toEqual([{ name: 'x', shape: ['batch', 2], dtype: 'float16' }]);
    expect(info.outputs).toEqual([{ name: 'out', shape: ['batch', 2], dtype: 'bfloat16' }]);
    expect(info.onnx?.irVersion).toBe(8);
    const ops = Object.fromEntries((info.onnx?.operators ?? []).map((o) => [`${o.domain}:${o.opType}`, o.count]));
    expect(ops).toEqual({ ':If': 1, ':Identity': 1, ':Neg': 1, ':Add': 1, 'com.example:Scramble': 1 });
    expect(info.onnx?.metadata).toEqual({ author: 'TrustGrade fixtures', note: '<img src=x onerror=alert(1)>' });
    expect(info.onnx?.externalData).toEqual(['offset → ../outside/weights.bin']);
  });

  it('unpacks a zip holding an ONNX file and ignores the other entries', async () => {
    const zipped = await inspectModel(readModelFiles('zip/linear-softmax.zip'));
    const plain = await inspectModel(readModelFiles('onnx/linear-softmax.onnx'));
    expect(zipped).toEqual(plain);
  });
});

describe('inspectModel on TF.js fixtures', () => {
  it('reads a layers model saved by TF.js and hashes model.json then its shards', async () => {
    const files = readModelFiles('tfjs/layers-dense');
    const info = await inspectModel(files);
    const json = files.find((f) => f.path === 'model.json')!.bytes;
    const shard = files.find((f) => f.path === 'group1-shard1of1.bin')!.bytes;
    expect(info.format).toBe('tfjs');
    expect(info.name).toBe('model.json');
    expect(info.sha256).toBe(sha(concatBytes([json, shard])));
    expect(info.sizeBytes).toBe(json.length + shard.length);
    expect(info.inputs).toEqual([{ name: 'probs_input', shape: [null, 3], dtype: 'float32' }]);
    expect(info.outputs).toEqual([{ name: 'probs', shape: [null, 2], dtype: 'float32' }]);
    expect(info.tfjs).toEqual({
      modelType: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
      convertedBy: null,
      layers: ['Dense'],
      shards: [{ path: 'group1-shard1of1.bin', bytes: 32 }],
      weightCount: 2,
    });
  });

  it('reads the old 0.x Keras layout (bare layer list, one group per weight) and hashes shards in manifest order', async () => {
    const files = readModelFiles('tfjs/layers-old-keras');
    const info = await inspectModel(files);
    const bytesOf = (p: string) => files.find((f) => f.path === p)!.bytes;
    expect(info.sha256).toBe(sha(concatBytes([bytesOf('model.json'), bytesOf('group1-shard1of1'), bytesOf('group2-shard1of1')])));
    expect(info.inputs).toEqual([{ name: 'dense_1_input', shape: [null, 3], dtype: 'float32' }]);
    expect(info.outputs).toEqual([{ name: 'dense_1', shape: [null, 2], dtype: 'float32' }]);
    expect(info.tfjs?.shards).toEqual([
      { path: 'group1-shard1of1', bytes: 24 },
      { path: 'group2-shard1of1', bytes: 8 },
    ]);
  });

  it('reads a graph model: placeholders are inputs, unconsumed nodes are outputs', async () => {
    const info = await inspectModel(readModelFiles('tfjs/graph-dense'));
    expect(info.tfjs?.modelType).toBe('graph-model');
    expect(info.inputs).toEqual([{ name: 'x', shape: [null, 3], dtype: 'float32' }]);
    expect(info.outputs.map((o) => o.name)).toEqual(['probs']);
    expect(info.tfjs?.layers).toEqual(['Placeholder', 'Const', 'MatMul', 'BiasAdd', 'Softmax']);
  });

  it('accepts a zip with one top folder and archiver junk, giving the same hash as the folder', async () => {
    const zipped = await inspectModel(readModelFiles('zip/layers-dense.zip'));
    const folder = await inspectModel(readModelFiles('tfjs/layers-dense'));
    expect(zipped.sha256).toBe(folder.sha256);
    expect(zipped.inputs).toEqual(folder.inputs);
  });

  it('finds model.json among unrelated files and resolves shards relative to its folder', async () => {
    const files = readModelFiles('tfjs/layers-dense').map((f) => ({ ...f, path: `my-model/${f.path}` }));
    files.push({ path: 'my-model/LICENSE', bytes: new TextEncoder().encode('MIT') });
    files.push({ path: 'my-model/encoding.json', bytes: new TextEncoder().encode('{"features": []}') });
    const info = await inspectModel(files);
    expect(info.tfjs?.shards).toEqual([{ path: 'group1-shard1of1.bin', bytes: 32 }]);
  });
});
