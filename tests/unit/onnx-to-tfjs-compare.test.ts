import { describe, expect, it } from 'vitest';
import { CHECK_SAMPLES, checkInputs, compareOutputs, TOLERANCE } from '../../src/runtime/onnx-to-tfjs-compare';

describe('translation check: comparing outputs with onnxruntime', () => {
  it('allows absolute + relative × the largest output of each sample, and reports the worst sample', () => {
    // Sample 0 has outputs near 1 (allowed 2e-4), sample 1 near 6000 (allowed 0.6001).
    const reference = Float32Array.from([1, -1, 6000, 10]);
    const close = compareOutputs(reference, Float32Array.from([1.0001, -1, 6000.5, 10]), 2);
    expect(close.ok).toBe(true);
    expect(close.maxAbsDiff).toBeCloseTo(0.5, 3);
    // The worst ratio is sample 1 (0.5 / 0.6001), whose tolerance is reported.
    expect(close.tolerance).toBeCloseTo(TOLERANCE.absolute + TOLERANCE.relative * 6000, 6);
    const far = compareOutputs(reference, Float32Array.from([1.001, -1, 6000, 10]), 2);
    expect(far.ok).toBe(false);
    expect(far.maxAbsDiff).toBeCloseTo(0.001, 6);
    expect(far.tolerance).toBeCloseTo(2e-4, 8);
    expect(far.ratio).toBeGreaterThan(4);
  });

  it('treats the same NaN or infinity from both engines as agreement, and one-sided NaN as a failure', () => {
    expect(compareOutputs(Float32Array.from([NaN, Infinity]), Float32Array.from([NaN, Infinity]), 1).ok).toBe(true);
    const oneSided = compareOutputs(Float32Array.from([NaN, 1]), Float32Array.from([0, 1]), 1);
    expect(oneSided.ok).toBe(false);
    expect(oneSided.maxAbsDiff).toBe(Number.POSITIVE_INFINITY);
    expect(compareOutputs(Float32Array.from([1, 2]), Float32Array.from([1]), 1).ok).toBe(false);
  });

  it('feeds four seeded samples: two uniform in [0, 1], one normal, one uniform in [0, 255]', () => {
    const { x } = checkInputs(500);
    expect(x.length).toBe(CHECK_SAMPLES * 500);
    const part = (i: number) => Array.from(x.subarray(i * 500, (i + 1) * 500));
    for (const i of [0, 1]) expect(part(i).every((v) => v >= 0 && v < 1)).toBe(true);
    expect(part(2).some((v) => v < 0)).toBe(true);
    expect(Math.max(...part(3))).toBeGreaterThan(200);
    expect(checkInputs(500).x).toEqual(x);
  });
});
