import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import {
  downsampleCurve, maxAdvantage, rankScores, rocAuc, rocCurve, summarizeRanked, tprAtFpr,
} from '../../src/metrics/roc';

/** Mann–Whitney U / (P·N) by brute force over every (positive, negative) pair; ties count ½. */
function pairwiseAuc(scores: number[], positives: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((s, i) => {
    if (!positives[i]) return;
    scores.forEach((t, j) => {
      if (positives[j]) return;
      pairs++;
      wins += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('rocCurve and rocAuc', () => {
  it("reproduce scikit-learn's roc_curve / roc_auc_score docstring example", () => {
    const scores = [0.1, 0.4, 0.35, 0.8];
    const positives = [false, false, true, true];
    const curve = rocCurve(scores, positives);
    expect(curve.points.map((p) => p.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(curve.points.map((p) => p.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(curve.points.map((p) => p.threshold)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(rocAuc(scores, positives).value).toBe(0.75);
  });

  it('count a tie between a positive and a negative as one half (hand-computed: 3.5 of 4 pairs)', () => {
    // Pairs (pos, neg): (0.5, 0.5) ½, (0.5, 0.2) 1, (0.8, 0.5) 1, (0.8, 0.2) 1.
    const scores = [0.5, 0.5, 0.2, 0.8];
    const positives = [true, false, false, true];
    expect(rocAuc(scores, positives).value).toBe(0.875);
    // Ties move together: no point lies inside the tie at 0.5.
    expect(rocCurve(scores, positives).points.map((p) => [p.fpr, p.tpr])).toEqual([[0, 0], [0, 0.5], [0.5, 1], [1, 1]]);
  });

  it('equals the pairwise Mann–Whitney statistic on data with many ties', () => {
    const rng = createRng(5);
    const scores = Array.from({ length: 300 }, () => Math.round(rng.next() * 20) / 20);
    const positives = scores.map((s) => rng.next() < 0.3 + 0.4 * s);
    expect(rocAuc(scores, positives).value).toBeCloseTo(pairwiseAuc(scores, positives), 12);
    expect(rocAuc(scores.map((s) => -s), positives).value).toBeCloseTo(1 - pairwiseAuc(scores, positives), 12);
  });

  it('is undefined, with a reason, without positives or without negatives', () => {
    expect(rocAuc([0.1, 0.2], [false, false])).toEqual({ value: null, reason: 'undefined without at least one positive sample' });
    expect(maxAdvantage([0.1, 0.2], [1, 1])).toEqual({ value: null, reason: 'undefined without at least one negative sample' });
  });

  it('refuses NaN scores and mismatched lengths', () => {
    expect(() => rocAuc([0.1, NaN], [true, false])).toThrow(/not a number at position 1/);
    expect(() => rocCurve([0.1], [true, false])).toThrow(/1 scores but 2/);
    expect(() => tprAtFpr([0.1, 0.2], [true, false], 2)).toThrow(RangeError);
  });
});

describe('maxAdvantage and tprAtFpr on constructed cases', () => {
  it('advantage is the best TPR − FPR over thresholds (hand-computed: 0.75 at threshold 0.7)', () => {
    const scores = [0.9, 0.8, 0.7, 0.3, 0.6, 0.5, 0.2, 0.1];
    const positives = [1, 1, 1, 1, 0, 0, 0, 0];
    expect(maxAdvantage(scores, positives).value).toBe(0.75);
    // A score that separates perfectly gives advantage 1; a useless one gives 0 (the trivial thresholds).
    expect(maxAdvantage([3, 4, 1, 2], [1, 1, 0, 0]).value).toBe(1);
    expect(maxAdvantage([1, 1, 1, 1], [1, 0, 1, 0]).value).toBe(0);
  });

  it('TPR at 1 % FPR admits at most 1 % of the negatives above the threshold', () => {
    // 200 negatives at 0, 0.005, …, 0.995; 30 positives above them all; 10 at 0.992; 60 at 0.5.
    const negatives = Array.from({ length: 200 }, (_, i) => i / 200);
    const scores = [...negatives, ...Array(30).fill(2), ...Array(10).fill(0.992), ...Array(60).fill(0.5)];
    const positives = scores.map((_, i) => i >= 200);
    // FPR 0: only the 30 at 2.0. FPR 0.005 (one negative, 0.995): then the 10 at 0.992 → 40 of 100.
    // FPR 0.01 (two negatives): still 40; the third negative would exceed 1 %.
    expect(tprAtFpr(scores, positives, 0).value).toBe(0.3);
    expect(tprAtFpr(scores, positives, 0.005).value).toBe(0.4);
    expect(tprAtFpr(scores, positives, 0.01).value).toBe(0.4);
    expect(tprAtFpr(scores, positives, 1).value).toBe(1);
  });

  it('with weights, equals the same computation on the samples repeated', () => {
    const rng = createRng(9);
    const scores = Array.from({ length: 60 }, () => Math.round(rng.next() * 10));
    const positives = scores.map(() => rng.next() < 0.5);
    const weights = scores.map(() => rng.int(4));
    const repeatedScores: number[] = [];
    const repeatedPositives: boolean[] = [];
    weights.forEach((w, i) => {
      for (let r = 0; r < w; r++) {
        repeatedScores.push(scores[i]);
        repeatedPositives.push(positives[i]);
      }
    });
    const weighted = summarizeRanked(rankScores(scores), positives, { weights, maxFpr: 0.05 });
    const repeated = summarizeRanked(rankScores(repeatedScores), repeatedPositives, { maxFpr: 0.05 });
    expect(weighted.auc).toBeCloseTo(repeated.auc!, 12);
    expect(weighted.advantage).toBeCloseTo(repeated.advantage!, 12);
    expect(weighted.tprAtFpr).toBeCloseTo(repeated.tprAtFpr!, 12);
    expect(weighted.positives).toBe(repeatedPositives.filter(Boolean).length);
  });
});

describe('downsampleCurve', () => {
  it('keeps at most the requested number of points, the ends and the points asked for', () => {
    const scores = Array.from({ length: 1000 }, (_, i) => i);
    const curve = rocCurve(scores, scores.map((s) => s % 3 === 0));
    const special = curve.points[517];
    const small = downsampleCurve(curve.points, 200, [special]);
    expect(small.length).toBeLessThanOrEqual(200);
    expect(small[0]).toBe(curve.points[0]);
    expect(small[small.length - 1]).toBe(curve.points[curve.points.length - 1]);
    expect(small).toContain(special);
    expect(small.map((p) => p.fpr)).toEqual([...small.map((p) => p.fpr)].sort((a, b) => a - b));
    expect(downsampleCurve(curve.points.slice(0, 10), 200)).toHaveLength(10);
  });
});
