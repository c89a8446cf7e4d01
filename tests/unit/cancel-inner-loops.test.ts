/**
 * Cancel reaches the inner loops: a run cancelled in the middle of a bootstrap, an attack or a
 * KernelSHAP explanation stops at the next cheap checkpoint instead of finishing the loop. Each
 * test aborts from inside the loop's own work (the abort lands between two iterations, as a
 * cancel message does between two model calls) and counts the iterations done afterwards: no
 * timing, only "far fewer than asked for" and the CancelledError the engine records as cancelled.
 */
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { followCancelFlag, raiseCancelFlag } from '../../src/engine/cancel-flag';
import { createBreather } from '../../src/engine/yield';
import { throwIfCancelled } from '../../src/core/probe';
import { CancelledError } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import { bootstrapInterval, bootstrapIntervals } from '../../src/metrics/bootstrap';
import { pgd } from '../../src/perturb/attacks/pgd';
import { squareAttack } from '../../src/perturb/attacks/square';
import { kernelShap } from '../../src/explain/kernel-shap';
import type { ExplainModel } from '../../src/explain/model';
import { linearOracle } from './robustness-attack-fixtures';

const image = { channels: 1, height: 4, width: 4, layout: 'NCHW' as const };
/** Two classes over 16 pixels; hard to fool at small ε, so attacks use their whole budget. */
const sturdy = { w: [Array.from({ length: 16 }, () => 0.01), Array.from({ length: 16 }, () => -0.01)], b: [5, -5] };

function samples(n: number, value = 0.5): { z: Float32Array; labels: Int32Array } {
  return { z: new Float32Array(n * 16).fill(value), labels: new Int32Array(n) };
}

describe('cancelling inside a bootstrap', () => {
  it('stops within 50 resamples of the abort and throws CancelledError', () => {
    const controller = new AbortController();
    let calls = 0;
    const run = () => bootstrapInterval(200, (indices) => {
      if (++calls === 120) controller.abort();
      return indices[0];
    }, { rng: createRng(1), resamples: 100_000, signal: controller.signal });
    expect(run).toThrow(CancelledError);
    expect(calls).toBeGreaterThanOrEqual(120);
    expect(calls).toBeLessThanOrEqual(150);
  });

  it('stops the shared-resample form (the fairness probes) the same way, strata and all', () => {
    const controller = new AbortController();
    let calls = 0;
    const strata = Int32Array.from({ length: 300 }, (_, i) => i % 3);
    const run = () => bootstrapIntervals(300, ['a', 'b'] as const, (indices) => {
      if (++calls === 1) controller.abort();
      return { a: indices[0], b: indices[1] };
    }, { rng: createRng(2), resamples: 10_000, strata, signal: controller.signal });
    expect(run).toThrow(CancelledError);
    expect(calls).toBeLessThanOrEqual(50);
  });

  it('does not start when the signal is already aborted', () => {
    let calls = 0;
    expect(() => bootstrapInterval(10, () => ++calls, { rng: createRng(3), resamples: 1000, signal: AbortSignal.abort() })).toThrow(CancelledError);
    expect(calls).toBe(0);
  });
});

describe('the engine gives a cancel its turn', () => {
  it('a loop of model calls that resolve without a macrotask still lets a queued cancel in, through the breather', async () => {
    const controller = new AbortController();
    setImmediate(() => controller.abort()); // a cancel message waiting for the thread
    const breathe = createBreather(0);
    const modelCall = () => Promise.resolve(new Float32Array(1)); // resolves through microtasks only
    let calls = 0;
    const loop = async () => {
      for (let i = 0; i < 100_000; i++) {
        await breathe();
        throwIfCancelled(controller.signal);
        await modelCall();
        calls++;
      }
    };
    await expect(loop()).rejects.toBeInstanceOf(CancelledError);
    expect(calls).toBeLessThan(10);
  });

  it('without the breather the same loop never sees the cancel', async () => {
    const controller = new AbortController();
    setImmediate(() => controller.abort());
    let calls = 0;
    for (let i = 0; i < 1000; i++) {
      throwIfCancelled(controller.signal);
      await Promise.resolve();
      calls++;
    }
    expect(calls).toBe(1000);
  });

  it('yields only when its interval has passed, so model calls cost no extra turn in between', async () => {
    let clock = 0;
    const breathe = createBreather(40, () => clock);
    const controller = new AbortController();
    setImmediate(() => controller.abort());
    await breathe();
    expect(controller.signal.aborted).toBe(false);
    clock = 50;
    await breathe();
    expect(controller.signal.aborted).toBe(true);
  });
});

describe('a cancel flag in shared memory', () => {
  it('reaches a synchronous bootstrap that never yields, raised by another thread', async () => {
    // slot 0: the cancel flag; slot 1: the other thread is running.
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const controller = new AbortController();
    followCancelFlag(controller, shared.subarray(0, 1));
    const other = new Worker(
      `const { workerData } = require('node:worker_threads'); Atomics.store(workerData, 1, 1); Atomics.store(workerData, 0, 1);`,
      { eval: true, workerData: shared },
    );
    let calls = 0;
    let aborted = 0;
    controller.signal.addEventListener('abort', () => aborted++);
    try {
      expect(() => bootstrapInterval(10, (indices) => {
        // This thread stays busy: it only waits, spinning, for the other thread to have started.
        if (++calls === 1) while (Atomics.load(shared, 1) === 0) { /* spin */ }
        return indices[0];
      }, { rng: createRng(7), resamples: 1_000_000, signal: controller.signal })).toThrow(CancelledError);
    } finally {
      await other.terminate();
    }
    expect(calls).toBeLessThanOrEqual(50);
    expect(aborted).toBe(1);
    expect(controller.signal.aborted).toBe(true);
  });

  it('leaves the signal alone until raised, and aborts it once', () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const controller = new AbortController();
    followCancelFlag(controller, flag);
    expect(controller.signal.aborted).toBe(false);
    raiseCancelFlag(flag);
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBeInstanceOf(DOMException);
  });
});

describe('cancelling inside an attack', () => {
  it('PGD stops before its next gradient batch once aborted', async () => {
    const controller = new AbortController();
    const oracle = linearOracle(sturdy, image, controller.signal);
    const gradient = oracle.gradient!;
    let batches = 0;
    oracle.gradient = async (z, n, loss) => {
      if (++batches === 3) controller.abort();
      return gradient(z, n, loss);
    };
    const { z, labels } = samples(64);
    // 100 steps × 8 batches of 8 = 800 gradient batches if it ran to the end.
    const attack = pgd(oracle, z, labels, { eps: 0.01, norm: 'linf', steps: 100, randomStart: true, loss: 'margin', rng: createRng(4), batch: 8 });
    await expect(attack).rejects.toBeInstanceOf(CancelledError);
    expect(batches).toBe(3);
    expect(oracle.gradients).toBe(3 * 8);
  });

  it('the Square Attack stops before its next query once aborted', async () => {
    const controller = new AbortController();
    const oracle = linearOracle(sturdy, image, controller.signal);
    const probabilities = oracle.probabilities;
    let queries = 0;
    oracle.probabilities = async (z, n) => {
      if (++queries === 5) controller.abort();
      return probabilities(z, n);
    };
    const { z, labels } = samples(4);
    const attack = squareAttack(oracle, z, labels, { eps: 0.01, queries: 5000, pInit: 0.3, rng: createRng(5) });
    await expect(attack).rejects.toBeInstanceOf(CancelledError);
    expect(queries).toBe(5);
  });
});

describe('cancelling inside KernelSHAP', () => {
  it('stops before the next batch of coalitions once aborted', async () => {
    const controller = new AbortController();
    let calls = 0;
    const model: ExplainModel = {
      classes: 2,
      sampleSize: 8,
      gradient: null,
      signal: controller.signal,
      async predict(x, n) {
        if (++calls === 3) controller.abort();
        const out = new Float32Array(n * 2);
        for (let i = 0; i < n; i++) { const p = 1 / (1 + Math.exp(-x[i * 8])); out[i * 2] = p; out[i * 2 + 1] = 1 - p; }
        return out;
      },
    };
    const rows = 1024; // 4 coalitions per model call: 1,000 coalitions would take 250 calls
    const masker = {
      x: new Float32Array(8).fill(1),
      replacements: new Float32Array(rows * 8),
      rows,
      groups: { names: Array.from({ length: 8 }, (_, i) => `f${i}`), slots: Array.from({ length: 8 }, (_, i) => Int32Array.of(i)) },
    };
    await expect(kernelShap(model, masker, 0, { samples: 1000, rng: createRng(6) })).rejects.toBeInstanceOf(CancelledError);
    expect(calls).toBe(3);
  });
});
