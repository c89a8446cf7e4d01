import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/probe';
import type { TensorInfo } from '../../src/core/types';
import { MAX_BATCH, fixedBatchOf, predictInBatches, sampleDims, sampleSizeOf } from '../../src/runtime/batching';
import { ModelError } from '../../src/runtime/errors';
import { createSerialQueue } from '../../src/runtime/serial';

const input = (shape: TensorInfo['shape']): TensorInfo => ({ name: 'x', shape, dtype: 'float32' });

/** A fake model: each sample's output is [sum of its values, row index within the call]. */
function fakeRun(calls: number[], sampleSize: number) {
  return async (chunk: Float32Array, rows: number): Promise<Float32Array> => {
    calls.push(rows);
    const out = new Float32Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      out[r * 2] = chunk.subarray(r * sampleSize, (r + 1) * sampleSize).reduce((a, b) => a + b, 0);
      out[r * 2 + 1] = r;
    }
    return out;
  };
}

describe('sample sizes and batch dims', () => {
  it('multiplies the non-batch dims', () => {
    expect(sampleSizeOf(input([1, 1, 28, 28]))).toBe(784);
    expect(sampleSizeOf(input(['N', 43]))).toBe(43);
    expect(sampleSizeOf(input([null, 64, 64, 3]))).toBe(12288);
    expect(sampleSizeOf(input(['N', 'features']))).toBeNull();
    expect(fixedBatchOf(input([1, 1, 28, 28]))).toBe(1);
    expect(fixedBatchOf(input(['N', 4]))).toBeNull();
    expect(fixedBatchOf(input([null, 4]))).toBeNull();
  });

  it('works out one unknown dim from the data and refuses a length that does not fit', () => {
    expect(sampleDims(input(['N', 'F']), 12, 3)).toEqual([4]);
    expect(sampleDims(input(['N', 2, 'F']), 12, 3)).toEqual([2, 2]);
    expect(() => sampleDims(input(['N', 'F', 'G']), 12, 3)).toThrow(/2 unknown dimensions/);
  });

  it('names both numbers when the input length does not match', () => {
    const call = () => sampleDims(input([1, 1, 28, 28]), 7830, 10);
    expect(call).toThrow(ModelError);
    expect(call).toThrow("The model input 'x' (shape [1,1,28,28]) takes 784 values per sample, so 10 samples need 7840 values, but 7830 were given (783 per sample).");
  });
});

describe('predictInBatches', () => {
  const x = Float32Array.from({ length: 7 * 3 }, (_, i) => i);
  const sums = [3, 12, 21, 30, 39, 48, 57];

  it('loops a fixed batch of 1 once per sample', async () => {
    const calls: number[] = [];
    const { values, width } = await predictInBatches({ x, n: 7, sampleSize: 3, fixedBatch: 1, runChunk: fakeRun(calls, 3) });
    expect(calls).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(width).toBe(2);
    expect(Array.from(values).filter((_, i) => i % 2 === 0)).toEqual(sums);
  });

  it('pads the last chunk of a fixed batch of 4 and drops the padded outputs', async () => {
    const calls: number[] = [];
    const { values } = await predictInBatches({ x, n: 7, sampleSize: 3, fixedBatch: 4, runChunk: fakeRun(calls, 3) });
    expect(calls).toEqual([4, 4]);
    expect(values.length).toBe(14);
    expect(Array.from(values).filter((_, i) => i % 2 === 0)).toEqual(sums);
    expect(Array.from(values).filter((_, i) => i % 2 === 1)).toEqual([0, 1, 2, 3, 0, 1, 2]);
  });

  it(`feeds a dynamic batch in chunks of at most ${MAX_BATCH}`, async () => {
    const n = 600;
    const big = new Float32Array(n);
    const calls: number[] = [];
    const { values } = await predictInBatches({ x: big, n, sampleSize: 1, fixedBatch: null, runChunk: fakeRun(calls, 1) });
    expect(calls).toEqual([256, 256, 88]);
    expect(values.length).toBe(1200);
  });

  it('returns an empty result for no samples and stops when aborted', async () => {
    expect(await predictInBatches({ x: new Float32Array(0), n: 0, sampleSize: 3, fixedBatch: null, runChunk: fakeRun([], 3) })).toEqual({ values: new Float32Array(0), width: 0 });
    const controller = new AbortController();
    const calls: number[] = [];
    const run = fakeRun(calls, 3);
    const promise = predictInBatches({
      x, n: 7, sampleSize: 3, fixedBatch: 1, signal: controller.signal,
      runChunk: async (chunk, rows) => {
        if (calls.length === 2) controller.abort();
        return run(chunk, rows);
      },
    });
    await expect(promise).rejects.toBeInstanceOf(CancelledError);
    expect(calls.length).toBe(3);
  });
});

describe('createSerialQueue', () => {
  it('never runs two tasks at once and keeps going after a failure', async () => {
    const queue = createSerialQueue();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    const task = (id: number, fail = false) => async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 5));
      order.push(id);
      running -= 1;
      if (fail) throw new Error(`task ${id} failed`);
      return id;
    };
    const results = await Promise.allSettled([queue.run(task(1)), queue.run(task(2, true)), queue.run(task(3))]);
    expect(maxRunning).toBe(1);
    expect(order).toEqual([1, 2, 3]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
