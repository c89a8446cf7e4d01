import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/probe';
import type { BackendChoice } from '../../src/core/types';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { ModelError } from '../../src/runtime/errors';
import { halfToFloat, floatToHalf } from '../../src/runtime/dtype';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles } from '../fixtures/models/read-model-files';

/** The fixtures compute softmax(x·W + b) with these weights (scripts/make-test-models.ts). */
const W = [[1, -1], [0.5, 0.25], [-2, 1]];
const B = [0.1, -0.2];
const logits = (x: number[]) => [0, 1].map((j) => x[0] * W[0][j] + x[1] * W[1][j] + x[2] * W[2][j] + B[j]);
const softmax = (z: number[]) => {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  return e.map((v) => v / e.reduce((a, b) => a + b, 0));
};
const SAMPLES = [[1, 2, 3], [0, 0, 0], [-1, 0.5, 2], [10, -4, 0.25], [0.3, 0.3, 0.3], [-5, 5, -5], [2, 1, 0]];
const X = Float32Array.from(SAMPLES.flat());
const EXPECTED_PROBS = SAMPLES.flatMap((s) => softmax(logits(s)));
const EXPECTED_LOGITS = SAMPLES.flatMap(logits);

const opened: ModelAdapter[] = [];
async function open(path: string, choice: BackendChoice): Promise<ModelAdapter> {
  const adapter = await openModelInNode(readModelFiles(path), choice);
  opened.push(adapter);
  return adapter;
}
afterAll(async () => {
  await Promise.all(opened.map((a) => a.dispose()));
});

const close = (actual: Float32Array, expected: number[], digits = 5) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
};

describe.each([
  ['auto', 'node', 'onnxruntime-node'],
  ['node', 'node', 'onnxruntime-node'],
  ['wasm', 'wasm', 'onnxruntime-web'],
] as const)('ONNX fixtures with choice %s (backend %s)', (choice, backend, engine) => {
  it('predicts softmax(x·W + b) for the default output and logits for a named one', async () => {
    const model = await open('onnx/linear-softmax.onnx', choice);
    expect(model.info.backend).toBe(backend);
    // Differentiable through its TF.js translation, checked against onnxruntime when opened (onnx-to-tfjs-check.ts).
    expect(model.info.differentiable).toBe(true);
    expect(model.info.gradientPath?.kind).toBe('onnx-translated');
    expect(model.engine).toMatch(new RegExp(`^${engine} \\d+\\.\\d+`));
    expect(model.sampleSize()).toBe(3);
    const probs = await model.predict(X, SAMPLES.length);
    expect(probs.width).toBe(2);
    close(probs.values, EXPECTED_PROBS);
    const raw = await model.predict(X, SAMPLES.length, { output: 'logits' });
    close(raw.values, EXPECTED_LOGITS, 4);
  });

  it.each(['onnx/fixed-batch1.onnx', 'onnx/fixed-batch4.onnx'])('batches a fixed-batch model (%s) without the caller knowing', async (path) => {
    const model = await open(path, choice);
    const { values, width } = await model.predict(X, SAMPLES.length);
    expect(width).toBe(2);
    close(values, EXPECTED_PROBS);
  });

  it('converts int64, float16 and float64 outputs to float32', async () => {
    const model = await open('onnx/mixed-dtypes.onnx', choice);
    const half = await model.predict(X, SAMPLES.length);
    close(half.values, EXPECTED_LOGITS.map((v) => halfToFloat(floatToHalf(v))), 2);
    const label = await model.predict(X, SAMPLES.length, { output: 'label' });
    expect(label.width).toBe(1);
    expect(Array.from(label.values)).toEqual(SAMPLES.map((s) => (logits(s)[1] > logits(s)[0] ? 1 : 0)));
    const double = await model.predict(X, SAMPLES.length, { output: 'double' });
    close(double.values, EXPECTED_LOGITS, 4);
  });

  it('encodes a float16 input', async () => {
    const model = await open('onnx/half-input.onnx', choice);
    const { values } = await model.predict(new Float32Array([1.5, 0.1, 65504, -2]), 2);
    expect(Array.from(values)).toEqual([1.5, halfToFloat(0x2e66), 65504, -2]);
  });

  it('refuses a wrong input size, naming both numbers', async () => {
    const model = await open('onnx/linear-softmax.onnx', choice);
    const error = await model.predict(new Float32Array(20), 7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/takes 3 values per sample, so 7 samples need 21 values, but 20 were given/);
  });

  it('serializes concurrent calls and gives each its own answer', async () => {
    const model = await open('onnx/fixed-batch1.onnx', choice);
    const calls = SAMPLES.map((s) => model.predict(Float32Array.from(s), 1));
    const results = await Promise.all(calls);
    results.forEach((r, i) => close(r.values, softmax(logits(SAMPLES[i]))));
  });
});

describe('ONNX adapter lifecycle and refusals (Node)', () => {
  it('stops between batches when aborted', async () => {
    const model = await open('onnx/fixed-batch1.onnx', 'auto');
    const controller = new AbortController();
    controller.abort();
    await expect(model.predict(X, SAMPLES.length, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });

  it('refuses to predict after dispose', async () => {
    const model = await openModelInNode(readModelFiles('onnx/linear-softmax.onnx'), 'wasm');
    await model.dispose();
    await expect(model.predict(X, SAMPLES.length)).rejects.toThrow(/was closed\. Open the model again/);
  });

  it('refuses a model whose only probabilities are a ZipMap', async () => {
    const error = await openModelInNode(readModelFiles('onnx/zipmap.onnx'), 'auto').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/'output_probability' has type sequence\(map\(int64,float32\)\).*Export the model again without ZipMap/);
  });

  it('refuses WebGPU in Node, naming the valid choices', async () => {
    await expect(openModelInNode(readModelFiles('onnx/linear-softmax.onnx'), 'webgpu')).rejects.toThrow(
      "The backend 'webgpu' is not available for ONNX models in Node. Choose one of: auto, node, wasm.",
    );
  });

  it('opens a zipped ONNX model', async () => {
    const model = await open('zip/linear-softmax.zip', 'wasm');
    close((await model.predict(X, SAMPLES.length)).values, EXPECTED_PROBS);
  });
});
