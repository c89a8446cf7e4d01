import { afterAll, describe, expect, it } from 'vitest';
import type { BackendChoice } from '../../src/core/types';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { ModelError } from '../../src/runtime/errors';
import { inspectModel } from '../../src/runtime/inspect';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles } from '../fixtures/models/read-model-files';

/** Same weights as every fixture (scripts/make-test-models.ts). */
const W = [[1, -1], [0.5, 0.25], [-2, 1]];
const B = [0.1, -0.2];
const logits = (x: number[]) => [0, 1].map((j) => x[0] * W[0][j] + x[1] * W[1][j] + x[2] * W[2][j] + B[j]);
const softmax = (z: number[]) => {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  return e.map((v) => v / e.reduce((a, b) => a + b, 0));
};
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const SAMPLES = [[1, 2, 3], [0, 0, 0], [-1, 0.5, 2], [10, -4, 0.25], [0.3, 0.3, 0.3]];
const X = Float32Array.from(SAMPLES.flat());

const opened: ModelAdapter[] = [];
async function open(path: string, choice: BackendChoice): Promise<ModelAdapter> {
  const adapter = await openModelInNode(readModelFiles(path), choice);
  opened.push(adapter);
  return adapter;
}
afterAll(async () => {
  await Promise.all(opened.map((a) => a.dispose()));
});

const close = (actual: Float32Array, expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
};

const CASES: [string, (x: number[]) => number[]][] = [
  ['tfjs/layers-dense', (x) => softmax(logits(x))],
  ['tfjs/layers-old-keras', (x) => logits(x).map(sigmoid)],
  ['tfjs/graph-dense', (x) => softmax(logits(x))],
  ['zip/layers-dense.zip', (x) => softmax(logits(x))],
];

describe.each(['cpu', 'wasm', 'auto'] as const)('TF.js fixtures on %s', (choice) => {
  it.each(CASES)('%s gives the hand-computed outputs', async (path, expected) => {
    const model = await open(path, choice);
    expect(model.info.backend).toBe(choice === 'auto' ? 'wasm' : choice);
    expect(model.info.differentiable).toBe(true);
    expect(model.engine).toMatch(/^tfjs 4\./);
    expect(model.sampleSize()).toBe(3);
    const { values, width } = await model.predict(X, SAMPLES.length);
    expect(width).toBe(2);
    close(values, SAMPLES.flatMap(expected));
  });
});

describe('TF.js adapter', () => {
  it('reports the same input and output names as inspection', async () => {
    for (const path of ['tfjs/layers-dense', 'tfjs/layers-old-keras', 'tfjs/graph-dense']) {
      const inspected = await inspectModel(readModelFiles(path));
      const model = await open(path, 'cpu');
      expect(model.info.inputs).toEqual(inspected.inputs);
      expect(model.info.outputs.map((o) => o.name)).toEqual(inspected.outputs.map((o) => o.name));
      expect(model.info.sha256).toBe(inspected.sha256);
    }
  });

  it('keeps models on different backends correct when calls interleave', async () => {
    const onCpu = await open('tfjs/layers-dense', 'cpu');
    const onWasm = await open('tfjs/graph-dense', 'wasm');
    const [a, b] = await Promise.all([onCpu.predict(X, SAMPLES.length), onWasm.predict(X, SAMPLES.length)]);
    close(a.values, SAMPLES.flatMap((s) => softmax(logits(s))));
    close(b.values, SAMPLES.flatMap((s) => softmax(logits(s))));
    expect(onCpu.info.backend).toBe('cpu');
  });

  it('refuses a wrong input size and a forced browser-only backend', async () => {
    const model = await open('tfjs/layers-dense', 'cpu');
    await expect(model.predict(new Float32Array(4), 2)).rejects.toThrow(ModelError);
    await expect(openModelInNode(readModelFiles('tfjs/layers-dense'), 'webgl')).rejects.toThrow(
      "The backend 'webgl' is not available for TF.js models in Node. Choose one of: auto, wasm, cpu.",
    );
  });
});
