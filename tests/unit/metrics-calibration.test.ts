import { describe, expect, it } from 'vitest';
import {
  binIndex, brierPerSample, expectedCalibrationError, maxCalibrationError, meanOverLabelled, positiveBrierPerSample,
  reliabilityBins, topClassSamples,
} from '../../src/metrics/calibration';

const f32 = (rows: number[][]) => Float32Array.from(rows.flat());
const i32 = (values: number[]) => Int32Array.from(values);

describe('15-bin edges: (b/15, (b+1)/15]', () => {
  it('puts a confidence on a right edge into the lower bin', () => {
    expect(binIndex(0.6, 15)).toBe(8); // 9/15 = 0.6 closes bin 8
    expect(binIndex(0.6 + 1e-12, 15)).toBe(9);
    expect(binIndex(1 / 15, 15)).toBe(0);
    expect(binIndex(1, 15)).toBe(14);
    expect(binIndex(0, 15)).toBe(0);
    expect(binIndex(0.5, 15)).toBe(7);
  });

  it('puts every k/15 edge into bin k − 1', () => {
    for (let b = 1; b <= 15; b++) expect(binIndex(b / 15, 15)).toBe(b - 1);
  });
});

describe('ECE and MCE on a hand-computed case', () => {
  // Confidences are exact in float32. Rows are [p(class 0), p(class 1)].
  const probs = f32([
    [0.25, 0.75], // conf .75, y=1 correct   → bin 11
    [0.75, 0.25], // conf .75, y=1 wrong     → bin 11
    [0.125, 0.875], // conf .875, correct    → bin 13
    [0, 1], // conf 1, correct               → bin 14
    [0.375, 0.625], // conf .625, y=0 wrong  → bin 9
    [0.5, 0.5], // tie → class 0, y=1 wrong  → bin 7
    [0.1, 0.9], // unknown label: excluded
  ]);
  const y = i32([1, 1, 1, 1, 0, 1, -1]);
  const bins = reliabilityBins(topClassSamples(probs, 2, y));

  it('fills the reliability bins', () => {
    const filled = bins.map((b, i) => [i, b.count, b.meanConfidence, b.accuracy]).filter(([, count]) => count !== 0);
    expect(filled).toEqual([[7, 1, 0.5, 0], [9, 1, 0.625, 0], [11, 2, 0.75, 0.5], [13, 1, 0.875, 1], [14, 1, 1, 1]]);
    expect(bins[0]).toEqual({ low: 0, high: 1 / 15, count: 0, meanConfidence: null, accuracy: null });
  });

  it('gives ECE = (0.5 + 0.625 + 2·0.25 + 0.125 + 0) / 6 and MCE = 0.625', () => {
    expect(expectedCalibrationError(bins)).toBeCloseTo(1.75 / 6, 12);
    expect(maxCalibrationError(bins)).toBe(0.625);
  });

  it('is undefined when no sample has a known label', () => {
    const empty = reliabilityBins(topClassSamples(f32([[0.2, 0.8]]), 2, i32([-1])));
    expect(expectedCalibrationError(empty)).toBeNull();
    expect(maxCalibrationError(empty)).toBeNull();
  });

  it('is 0 for a perfectly calibrated bin', () => {
    const twoBins = reliabilityBins(topClassSamples(f32([[0.25, 0.75], [0.25, 0.75], [0.25, 0.75], [0.25, 0.75]]), 2, i32([1, 1, 1, 0])));
    expect(expectedCalibrationError(twoBins)).toBe(0);
  });

  it('scores a resample through indices', () => {
    const resampled = reliabilityBins(topClassSamples(probs, 2, y), i32([0, 0, 3]));
    expect(resampled[11].count).toBe(2);
    expect(expectedCalibrationError(resampled)).toBeCloseTo((2 * 0.25 + 0) / 3, 12);
  });
});

describe('Brier score', () => {
  // sklearn.metrics.brier_score_loss example: y_true [0, 1, 1, 0], y_prob [0.1, 0.9, 0.8, 0.3] → 0.0375.
  const probs = f32([[0.9, 0.1], [0.1, 0.9], [0.2, 0.8], [0.7, 0.3]]);
  const y = i32([0, 1, 1, 0]);

  it("matches sklearn's brier_score_loss documentation example on the positive class", () => {
    expect(meanOverLabelled(positiveBrierPerSample(probs, 2, y, 1), y)).toBeCloseTo(0.0375, 7);
  });

  it('gives twice that under the multiclass definition Σ_k (p_k − onehot_k)²', () => {
    expect(meanOverLabelled(brierPerSample(probs, 2, y), y)).toBeCloseTo(0.075, 7);
  });

  it('sums over every class for three classes (hand-computed: 0.44 / 3)', () => {
    const three = f32([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.2, 0.2, 0.6]]);
    expect(meanOverLabelled(brierPerSample(three, 3, i32([0, 1, 2])), i32([0, 1, 2]))).toBeCloseTo(0.44 / 3, 7);
  });

  it('leaves unknown labels out', () => {
    const withUnknown = f32([[0.9, 0.1], [0.5, 0.5]]);
    const labels = i32([0, -1]);
    expect(meanOverLabelled(brierPerSample(withUnknown, 2, labels), labels)).toBeCloseTo(0.02, 7);
    expect(meanOverLabelled(new Float64Array(1), i32([-1]))).toBeNull();
  });
});
