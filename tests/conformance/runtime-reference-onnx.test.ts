import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendChoice } from '../../src/core/types';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { inspectModel } from '../../src/runtime/inspect';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles } from '../fixtures/models/read-model-files';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ref = (path: string) => REFERENCE + path;
const MNIST = 'models/mnist-cnn-onnx/';

const opened: ModelAdapter[] = [];
async function open(path: string, choice: BackendChoice): Promise<ModelAdapter> {
  const adapter = await openModelInNode(readModelFiles(ref(path)), choice);
  opened.push(adapter);
  return adapter;
}
afterAll(async () => {
  await Promise.all(opened.map((a) => a.dispose()));
});

/** MNIST IDX files: images magic 2051, N, 28, 28, then pixels; labels magic 2049, N, then labels. */
function readMnist(limit: number): { pixels: Float32Array; labels: Uint8Array } {
  const images = gunzipSync(readFileSync(ref('datasets/mnist-test/t10k-images-idx3-ubyte.gz')));
  const labels = gunzipSync(readFileSync(ref('datasets/mnist-test/t10k-labels-idx1-ubyte.gz')));
  expect(images.readUInt32BE(0)).toBe(2051);
  expect(labels.readUInt32BE(0)).toBe(2049);
  return { pixels: Float32Array.from(images.subarray(16, 16 + limit * 784)), labels: labels.subarray(8, 8 + limit) };
}

const argmaxRows = (values: Float32Array, width: number): number[] =>
  Array.from({ length: values.length / width }, (_, r) => {
    const row = values.subarray(r * width, (r + 1) * width);
    return row.indexOf(Math.max(...row));
  });

const csvNumbers = (path: string): number[] =>
  readFileSync(ref(path), 'utf8').trim().split(/[\s,]+/).map(Number);

describe.skipIf(!existsSync(REFERENCE))('conformance: reference ONNX models (../shared/reference)', () => {
  it('inspects the MNIST CNN: CNTK, IR 3, opset 7, fixed batch 1, its operators', async () => {
    const info = await inspectModel(readModelFiles(ref(`${MNIST}mnist.onnx`)));
    expect(info.inputs).toEqual([{ name: 'Input3', shape: [1, 1, 28, 28], dtype: 'float32' }]);
    expect(info.outputs).toEqual([{ name: 'Plus214_Output_0', shape: [1, 10], dtype: 'float32' }]);
    expect(info.onnx?.irVersion).toBe(3);
    expect(info.onnx?.producer).toBe('CNTK 2.5.1');
    expect(info.onnx?.opsets).toEqual([{ domain: '', version: 7 }]);
    const ops = Object.fromEntries((info.onnx?.operators ?? []).map((o) => [o.opType, o.count]));
    expect(ops).toEqual({ Add: 3, Conv: 2, MaxPool: 2, Relu: 2, Reshape: 2, MatMul: 1 });
    expect(info.onnx?.metadata['Image.NominalPixelRange']).toBe('NominalRange_0_255');
  });

  it.each(['node', 'wasm'] as const)('MNIST CNN on %s reproduces the WinMLRunner logits (class 8 ≈ 6080.9)', async (choice) => {
    const model = await open(`${MNIST}mnist.onnx`, choice);
    expect(model.info.backend).toBe(choice);
    const x = Float32Array.from(csvNumbers(`${MNIST}winmlrunner_input_mnist_28.csv`));
    const expected = readFileSync(ref(`${MNIST}winmlrunner_expected_output_for_mnist_28.csv`), 'utf8')
      .trim().split('\n').slice(1).map((line) => Number(line.split(',')[1]));
    expect(x.length).toBe(784);
    const { values, width } = await model.predict(x, 1);
    expect(width).toBe(10);
    expect(argmaxRows(values, 10)).toEqual([8]);
    // WinML's reference numbers differ from onnxruntime's by up to ~2.4 on logits of size ~6000.
    values.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(3));
    expect(values[8]).toBeCloseTo(6080.6, 0);
  });

  it('MNIST CNN on onnxruntime-node: 98.91 % top-1 on all 10,000 test images', async () => {
    const model = await open(`${MNIST}mnist.onnx`, 'node');
    const { pixels, labels } = readMnist(10_000);
    const { values, width } = await model.predict(pixels, 10_000);
    const predicted = argmaxRows(values, width);
    const correct = predicted.filter((p, i) => p === labels[i]).length;
    expect(correct).toBe(9891);
  });

  it('MNIST CNN on wasm: 1,000 images in one call equal 1,000 calls of one, and equal onnxruntime-node', async () => {
    const wasm = await open(`${MNIST}mnist.onnx`, 'wasm');
    const native = await open(`${MNIST}mnist.onnx`, 'node');
    const { pixels } = readMnist(1000);
    const batched = await wasm.predict(pixels, 1000);
    expect(batched.values.length).toBe(10_000);
    const single = new Float32Array(10_000);
    for (let i = 0; i < 1000; i++) {
      const { values } = await wasm.predict(pixels.subarray(i * 784, (i + 1) * 784), 1);
      single.set(values, i * 10);
    }
    expect(single).toEqual(batched.values);
    const nativeOut = await native.predict(pixels, 1000);
    expect(argmaxRows(nativeOut.values, 10)).toEqual(argmaxRows(batched.values, 10));
    const maxDiff = nativeOut.values.reduce((m, v, i) => Math.max(m, Math.abs(v - batched.values[i])), 0);
    expect(maxDiff).toBeLessThan(0.05);
  });

  it.each(['node', 'wasm'] as const)('Iris MLP on %s: 147 of 150 rows of Iris.csv right (98.0 percent)', async (choice) => {
    const model = await open('models/iris-mlp-onnx/Network.onnx', choice);
    expect(model.info.inputs).toEqual([{ name: 'input', shape: ['batch_size', 4], dtype: 'float32' }]);
    const rows = readFileSync(ref('datasets/iris/Iris.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const classes = ['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'];
    const x = Float32Array.from(rows.flatMap((r) => r.slice(1, 5).map(Number)));
    const { values, width } = await model.predict(x, rows.length);
    expect(width).toBe(3);
    const correct = argmaxRows(values, 3).filter((p, i) => classes[p] === rows[i][5]).length;
    expect(correct).toBe(147);
  });

  it.each(['node', 'wasm'] as const)('XGBoost on %s: int64 label and float probabilities; 218 of the 300 demo test rows right (72.7 percent)', async (choice) => {
    const model = await open('models/lending-club-xgboost-onnx/lending-club-xgboost.onnx', choice);
    expect(model.info.outputs).toEqual([
      { name: 'label', shape: [null], dtype: 'int64' },
      { name: 'probabilities', shape: [null, 2], dtype: 'float32' },
    ]);
    const demo = JSON.parse(readFileSync(ref('datasets/lending-club/lending-club-webshap-demo.json'), 'utf8')) as { xTest: number[][]; yTest: number[] };
    const x = Float32Array.from(demo.xTest.flat());
    const probs = await model.predict(x, demo.xTest.length);
    expect(probs.width).toBe(2);
    for (let r = 0; r < demo.xTest.length; r++) expect(probs.values[r * 2] + probs.values[r * 2 + 1]).toBeCloseTo(1, 5);
    const label = await model.predict(x, demo.xTest.length, { output: 'label' });
    expect(label.width).toBe(1);
    const argmax = argmaxRows(probs.values, 2);
    expect(Array.from(label.values)).toEqual(argmax);
    const correct = argmax.filter((p, i) => p === demo.yTest[i]).length;
    expect(correct).toBe(218);
  });
});
