import { afterAll, describe, expect, it } from 'vitest';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { readModelSource } from '../../src/runtime/inspect';
import { openModelInNode } from '../../src/runtime/open-node';
import { randomizeSource, redraw } from '../../src/runtime/randomize';
import { createRng } from '../../src/core/rng';
import { readModelFiles } from '../fixtures/models/read-model-files';

const opened: ModelAdapter[] = [];
afterAll(async () => {
  await Promise.all(opened.map((a) => a.dispose()));
});

async function open(path: string): Promise<ModelAdapter> {
  const adapter = await openModelInNode(readModelFiles(path), 'auto');
  opened.push(adapter);
  return adapter;
}

describe('randomised-weights copies for the randomisation sanity check', () => {
  it('redraws a tensor from a normal with its own mean and spread, the same for the same seed', () => {
    const values = Float32Array.from({ length: 4000 }, (_, i) => 3 + Math.sin(i) * 2);
    const copy = new Float32Array(values);
    redraw(copy, createRng(1));
    const again = new Float32Array(values);
    redraw(again, createRng(1));
    expect(again).toEqual(copy);
    const mean = copy.reduce((a, b) => a + b, 0) / copy.length;
    const sd = Math.sqrt(copy.reduce((a, b) => a + (b - mean) ** 2, 0) / copy.length);
    // Sampling error of 4,000 draws: about 0.02 for the mean.
    expect(Math.abs(mean - 3)).toBeLessThan(0.1);
    expect(Math.abs(sd - Math.SQRT2)).toBeLessThan(0.1);
    expect(copy).not.toEqual(values);
  });

  it.each([['TF.js layers model', 'tfjs/layers-dense'], ['ONNX MatMul + Add model', 'onnx/linear-softmax.onnx']])(
    'gives the %s a copy with other weights: other outputs, the same for the same seed, the original untouched',
    async (_name, path) => {
      const model = await open(path);
      expect(model.randomizedCopy).toBeTypeOf('function');
      const size = model.sampleSize() ?? 4;
      const x = Float32Array.from({ length: 3 * size }, (_, i) => Math.cos(i));
      const before = await model.predict(x, 3);
      const a = await model.randomizedCopy!(7);
      const b = await model.randomizedCopy!(7);
      const c = await model.randomizedCopy!(8);
      opened.push(a, b, c);
      const pa = await a.predict(x, 3);
      expect((await b.predict(x, 3)).values).toEqual(pa.values);
      expect(pa.values).not.toEqual(before.values);
      expect((await c.predict(x, 3)).values).not.toEqual(pa.values);
      expect((await model.predict(x, 3)).values).toEqual(before.values);
      expect(a.info.name).toMatch(/randomised weights/);
    },
  );

  it('names what it replaced: dense kernels and biases, not other tensors', async () => {
    const source = await readModelSource(readModelFiles('onnx/linear-softmax.onnx'));
    const { replaced } = randomizeSource(source, 1);
    expect(replaced.length).toBeGreaterThan(0);
    const tfjs = await readModelSource(readModelFiles('tfjs/layers-dense'));
    expect(randomizeSource(tfjs, 1).replaced.every((name) => /kernel|bias/.test(name))).toBe(true);
  });
});
