/** The stability probe: repeatable models pass, models whose output depends on their batch-mates do not. */
import { describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/core/probe';
import stability, { CROSS_BACKEND_TOLERANCE, outputDigest } from '../../src/probes/robustness/stability';
import { contextFor, imageMulticlassData } from './probes-fixtures';

describe('robustness/stability', () => {
  it('finds a deterministic model bit-identical in every repeat', async () => {
    const { model, data } = imageMulticlassData(60);
    const m = await stability.run(contextFor(model, data, { ...stability.defaults }));
    expect(m.value).toBe(1);
    expect(m.n).toBe(60);
    expect(m.secondary.identical_share.value).toBe(1);
    expect(m.secondary.max_abs_difference.value).toBe(0);
    expect(m.secondary.top_class_agreement.value).toBe(1);
    expect(m.interval!.high).toBe(1);
    expect(m.details).toMatchObject({ samples: 60, tolerance: 1e-6, crossBackendTolerance: CROSS_BACKEND_TOLERANCE });
  });

  it('catches outputs that depend on the rest of the batch, and measures the largest difference', async () => {
    const { model, data } = imageMulticlassData(40);
    // Adds 1e-4 × (batch size mod 5) to class 0: same input, other batch → other output.
    const leaky: Classifier = {
      ...model,
      async predict(x, n, signal) {
        const p = await model.predict(x, n, signal);
        for (let i = 0; i < n; i++) p[i * 4] += 1e-4 * (n % 5);
        return p;
      },
    };
    const m = await stability.run(contextFor(leaky, data, { ...stability.defaults }));
    // First pass: one batch of 40 (40 mod 5 = 0). Repeats: 64-batches (40 → 0 again), then 7-batches (7 mod 5 = 2; the last, 5 → 0).
    expect(m.secondary.max_abs_difference.value).toBeCloseTo(2e-4, 7);
    expect(m.value).toBeCloseTo(5 / 40, 12); // only the 5 samples of the last, 5-sample batch come back unchanged
    expect(m.secondary.identical_share.value).toBeCloseTo(5 / 40, 12);
    const loose = await stability.run(contextFor(leaky, data, { ...stability.defaults, tolerance: 1e-3 }));
    expect(loose.value).toBe(1);
  });

  it('digests outputs with FNV-1a over their float32 bytes', () => {
    const fnv = (bytes: number[]) => bytes.reduce((h, b) => Number((BigInt((h ^ b) >>> 0) * 16777619n) % 4294967296n), 0x811c9dc5);
    expect(outputDigest(Float32Array.of(0))).toBe(fnv([0, 0, 0, 0]).toString(16).padStart(8, '0'));
    expect(outputDigest(Float32Array.of(1))).toBe(fnv([0, 0, 0x80, 0x3f]).toString(16).padStart(8, '0'));
    expect(outputDigest(Float32Array.of(0.5, 0.5))).not.toBe(outputDigest(Float32Array.of(0.5, 0.50000006)));
  });
});
