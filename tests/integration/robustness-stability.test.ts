/**
 * Agreement across backends, which one run cannot measure (it runs on one backend): the demo MNIST
 * CNN on onnxruntime-node against onnxruntime-web's wasm build, and its TF.js form on the wasm
 * backend against the cpu backend, must agree within the tolerance the stability probe states.
 * (wasm against WebGPU is checked in the browser: tests/e2e/reference.test.ts.) Then the stability
 * probe itself through the engine: a real model repeats exactly on its backend.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseKnownBinding, prepareData, toProbabilities } from '../../src/core/binding';
import type { BackendChoice, ImageBinding, ModelFile, Suite } from '../../src/core/types';
import { loadDataset } from '../../src/datasets/load';
import { createEvalService } from '../../src/engine/service';
import { nodeHost } from '../../src/engine/node-host';
import { openModelInNode } from '../../src/runtime/open-node';
import { CROSS_BACKEND_TOLERANCE } from '../../src/probes/robustness/stability';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demo = join(root, 'public', 'demo');
const read = (path: string): ModelFile => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(demo, path))) });
const binding = parseKnownBinding(JSON.parse(readFileSync(join(root, 'src', 'bindings', 'demo-mnist-cnn.json'), 'utf8'))).binding as ImageBinding;
const onnx = [read('models/mnist-cnn/mnist-cnn.onnx')];
const tfjs = [read('models/mnist-cnn/model.json'), read('models/mnist-cnn/weights.bin')];
const N = 200;

async function images() {
  const dataset = await loadDataset([read('mnist-demo-images.idx.gz'), read('mnist-demo-labels.idx.gz')]);
  return prepareData(dataset, binding, { limit: N });
}

async function probabilities(files: ModelFile[], choice: BackendChoice, x: Float32Array) {
  const adapter = await openModelInNode(files, choice);
  try {
    const { values, width } = await adapter.predict(x, N);
    return { backend: adapter.info.backend, probs: toProbabilities(values, width, N, binding.output) };
  } finally {
    await adapter.dispose();
  }
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('backends agree within the stated tolerance', () => {
  it.each([
    ['ONNX: onnxruntime-node vs onnxruntime-web wasm', onnx, 'node', 'wasm'],
    ['TF.js: wasm vs cpu', tfjs, 'wasm', 'cpu'],
  ] as const)('%s', async (_name, files, first, second) => {
    const data = await images();
    const a = await probabilities(files, first, data.x);
    const b = await probabilities(files, second, data.x);
    expect([a.backend, b.backend]).toEqual([first, second]);
    expect(maxDifference(a.probs, b.probs)).toBeLessThanOrEqual(CROSS_BACKEND_TOLERANCE);
    const top = (p: Float32Array) => Array.from({ length: N }, (_, i) => p.subarray(i * 10, i * 10 + 10).indexOf(Math.max(...p.subarray(i * 10, i * 10 + 10))));
    expect(top(a.probs)).toEqual(top(b.probs));
  });
});

describe('the stability probe through the engine', () => {
  it('finds the demo CNN on onnxruntime-node bit-identical across repeats and batch sizes', async () => {
    const service = createEvalService(nodeHost);
    const info = await service.openModel(onnx, 'node');
    const dataset = await service.openDataset([read('mnist-demo-images.idx.gz'), read('mnist-demo-labels.idx.gz')]);
    const suite: Suite = {
      id: 'stability-only', version: 1, title: 'stability', description: 'test', modality: 'image', task: 'multiclass-classification',
      probes: [{ id: 'robustness/stability', params: { samples: 100 } }],
    };
    const run = await service.run({ runId: 'r', modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256, binding, suite, seed: 1, limit: 100 });
    const result = run.results[0];
    expect(result.status).toBe('ok');
    expect(result.measurement!.value).toBe(1);
    expect(result.measurement!.secondary.identical_share.value).toBe(1);
    expect(result.measurement!.details!.outputDigest).toMatch(/^[0-9a-f]{8}$/);
    await service.closeModel(info.sha256);
  });
});
