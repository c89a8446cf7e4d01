/**
 * The ONNX → TF.js translation on every reference ONNX model: the ones whose operators it covers
 * (the MNIST CNN with its batch fixed at 1, the Iris MLP) translate and agree with onnxruntime on
 * real data, with gradients that match onnxruntime's finite differences; the XGBoost tree ensemble
 * falls back to no gradient with the reason recorded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutputBinding } from '../../src/core/types';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { planTranslation } from '../../src/runtime/onnx-to-tfjs';
import { inspectModel } from '../../src/runtime/inspect';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles } from '../fixtures/models/read-model-files';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ref = (path: string) => REFERENCE + path;

const opened: ModelAdapter[] = [];
async function open(path: string): Promise<ModelAdapter> {
  const adapter = await openModelInNode(readModelFiles(ref(path)), 'node');
  opened.push(adapter);
  return adapter;
}
afterAll(async () => {
  await Promise.all(opened.map((a) => a.dispose()));
});

function readMnist(limit: number): { pixels: Float32Array; labels: Int32Array } {
  const images = gunzipSync(readFileSync(ref('datasets/mnist-test/t10k-images-idx3-ubyte.gz')));
  const labels = gunzipSync(readFileSync(ref('datasets/mnist-test/t10k-labels-idx1-ubyte.gz')));
  return { pixels: Float32Array.from(images.subarray(16, 16 + limit * 784)), labels: Int32Array.from(labels.subarray(8, 8 + limit)) };
}

/** max_{j≠y} z_j − z_y per sample from onnxruntime's logits. */
function margins(values: Float32Array, width: number, labels: Int32Array): number[] {
  return Array.from(labels, (y, i) => {
    const row = Array.from(values.subarray(i * width, (i + 1) * width));
    return Math.max(...row.filter((_, j) => j !== y)) - row[y];
  });
}

function onnxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return onnxFiles(path);
    return name.endsWith('.onnx') ? [path] : [];
  });
}

const MNIST = 'models/mnist-cnn-onnx/mnist.onnx';
const LOGITS: OutputBinding = { kind: 'logits', labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };

describe.skipIf(!existsSync(REFERENCE))('conformance: ONNX → TF.js translation on the reference models (../shared/reference)', () => {
  it('translates every reference ONNX model whose operators it covers, and says why for the others', async () => {
    const files = onnxFiles(ref('models'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const relative = file.slice(REFERENCE.length);
      const inspected = await inspectModel(readModelFiles(file));
      const plan = planTranslation(new Uint8Array(readFileSync(file)), inspected.inputs);
      const model = await open(relative);
      if (plan.ok) {
        expect(model.info.gradientPath?.kind, relative).toBe('onnx-translated');
        expect(model.info.gradientPath!.maxAbsDiff!, relative).toBeLessThanOrEqual(model.info.gradientPath!.tolerance!);
        expect(model.info.differentiable).toBe(true);
      } else {
        expect(model.info.gradientPath, relative).toEqual({ kind: 'none', reason: plan.reason });
        expect(model.info.differentiable).toBe(false);
      }
    }
  });

  it('the MNIST CNN (opset 7, batch fixed at 1) translates with its batch generalised; logits within 1e-4 relative of onnxruntime', async () => {
    const model = await open(MNIST);
    const path = model.info.gradientPath!;
    expect(path.kind).toBe('onnx-translated');
    expect(path.reason).toMatch(/checked against onnxruntime on four seeded inputs/);
    expect(path.reason).not.toMatch(/per pass as the file declares/);
    // On the check's 0–255 input the logits reach thousands; float32 differences stay well below 0.01.
    expect(path.maxAbsDiff!).toBeLessThan(0.01);
  });

  it('MNIST CNN: the translated logit margin equals onnxruntime\'s on the first 200 test images', async () => {
    const model = await open(MNIST);
    const { pixels, labels } = readMnist(200);
    const { values, width } = await model.predict(pixels, 200);
    const expected = margins(values, width, labels);
    const { loss } = await model.gradient!(pixels, 200, { kind: 'margin', labels }, LOGITS);
    let worst = 0;
    expected.forEach((m, i) => {
      worst = Math.max(worst, Math.abs(loss[i] - m) / Math.max(1, Math.abs(m)));
      expect(Math.sign(loss[i])).toBe(Math.sign(m));
    });
    expect(worst).toBeLessThan(1e-4);
    // 198 of the first 200 are classified right: margins below zero.
    expect(expected.filter((m) => m < 0).length).toBe(loss.filter((m) => m < 0).length);
  });

  it('MNIST CNN: input gradients of the margin match pixel-wise finite differences through onnxruntime', async () => {
    const model = await open(MNIST);
    const { pixels: raw, labels } = readMnist(3);
    // Max-pooling over a blank background ties, and there the margin has kinks and no derivative;
    // a fixed jitter of ±16 grey levels moves the images off the ties.
    const pixels = Float32Array.from(raw, (v, i) => v + 16 * Math.sin(i * 12.9898));
    const { gradient } = await model.gradient!(pixels, 3, { kind: 'margin', labels }, LOGITS);
    const h = 0.25;
    for (let s = 0; s < 3; s++) {
      const x = pixels.subarray(s * 784, (s + 1) * 784);
      // Every pixel nudged up and down by h, then the image itself.
      const batch = new Float32Array((2 * 784 + 1) * 784);
      for (let p = 0; p < 784; p++) {
        batch.set(x, 2 * p * 784);
        batch[2 * p * 784 + p] += h;
        batch.set(x, (2 * p + 1) * 784);
        batch[(2 * p + 1) * 784 + p] -= h;
      }
      batch.set(x, 2 * 784 * 784);
      const { values, width } = await model.predict(batch, 2 * 784 + 1);
      const m = margins(values, width, new Int32Array(2 * 784 + 1).fill(labels[s]));
      const f0 = m[2 * 784];
      let smooth = 0;
      let agree = 0;
      for (let p = 0; p < 784; p++) {
        const forward = (m[2 * p] - f0) / h;
        const backward = (f0 - m[2 * p + 1]) / h;
        // Where the two one-sided differences differ, a kink lies within h: no derivative to compare.
        if (Math.abs(forward - backward) > 0.01 * Math.max(1, Math.abs(forward))) continue;
        smooth++;
        const central = (forward + backward) / 2;
        if (Math.abs(central - gradient[s * 784 + p]) <= 0.02 * Math.max(1, Math.abs(central))) agree++;
      }
      expect(smooth, `image ${s}: pixels without a kink nearby`).toBeGreaterThan(392);
      expect(agree / smooth, `image ${s}: ${agree} of ${smooth} smooth pixels agree`).toBeGreaterThan(0.98);
    }
  });

  it('the Iris MLP (PyTorch, Gemm + Relu, opset 11) translates and matches onnxruntime on all 150 rows', async () => {
    const model = await open('models/iris-mlp-onnx/Network.onnx');
    expect(model.info.gradientPath?.kind).toBe('onnx-translated');
    const rows = readFileSync(ref('datasets/iris/Iris.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const x = Float32Array.from(rows.flatMap((r) => r.slice(1, 5).map(Number)));
    const labels = Int32Array.from(rows, (r) => ['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'].indexOf(r[5]));
    const { values, width } = await model.predict(x, rows.length);
    const { loss } = await model.gradient!(x, rows.length, { kind: 'margin', labels }, { kind: 'logits', labels: ['s', 've', 'vi'] });
    margins(values, width, labels).forEach((m, i) => expect(loss[i]).toBeCloseTo(m, 4));
  });

  it('the XGBoost tree ensemble has no differentiable path, and the reason names its operator', async () => {
    const model = await open('models/lending-club-xgboost-onnx/lending-club-xgboost.onnx');
    expect(model.info.differentiable).toBe(false);
    expect(model.gradient).toBeUndefined();
    expect(model.info.gradientPath).toEqual({
      kind: 'none',
      reason: 'the graph uses an operator the TF.js translation does not cover (ai.onnx.ml.TreeEnsembleClassifier), so the model has no differentiable path; black-box attacks still apply',
    });
  });
});
