/**
 * ROC analysis of a score that should be higher for positives than for negatives: the curve, its
 * area, the best TPR − FPR, and the TPR reachable at a low FPR. Used for membership-inference
 * attacks (positives = training members) and reusable for any detector (e.g. out-of-distribution
 * scores, positives = OOD samples).
 *
 * Conventions follow scikit-learn's `roc_curve` / `roc_auc_score`: a sample is flagged positive when
 * its score is ≥ the threshold; the curve has one point per distinct score (ties move together, so
 * no point is ever placed inside a tie), plus the starting point (0, 0) at threshold +∞.
 *
 * Every function also accepts per-sample `weights` (whole or fractional multiplicities), so a
 * bootstrap resample can be scored from how often each sample was drawn, after sorting only once
 * (`rankScores`).
 */
import type { Defined } from './defined';

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Samples with score ≥ threshold are flagged; +∞ for the first point. */
  threshold: number;
}

export interface RocCurve {
  points: RocPoint[];
  /** Total weight (count) of positives and negatives. */
  positives: number;
  negatives: number;
}

/** Scores sorted once, descending, with their tie groups; reusable for any weights. */
export interface RankedScores {
  /** Sample indices by descending score. */
  order: Int32Array;
  /** Exclusive end (position in `order`) of each group of equal scores. */
  groupEnd: Int32Array;
  /** The score of each group. */
  groupScore: Float64Array;
}

/** A summary of one ROC curve: the numbers reports need, without the points. */
export interface RocSummary {
  /** Area under the curve, null when there is no positive or no negative. */
  auc: number | null;
  /** max over thresholds of TPR − FPR (≥ 0: the trivial thresholds give 0). */
  advantage: number | null;
  /** Largest TPR among thresholds whose FPR ≤ `maxFpr`. */
  tprAtFpr: number | null;
  /** FPR at the first threshold (walking down from the highest score) where TPR reaches `minTpr`. */
  fprAtTpr: number | null;
  positives: number;
  negatives: number;
}

type Flags = ArrayLike<boolean | number>;

export interface SummaryOptions {
  /** Per-sample weights (e.g. how often a bootstrap resample drew each sample); default 1 each. */
  weights?: ArrayLike<number>;
  /** The FPR at which `tprAtFpr` is read; default 0.01. */
  maxFpr?: number;
  /** The TPR at which `fprAtTpr` is read; default 0.95. */
  minTpr?: number;
  /** Total weight of positives and negatives when already known (a stratified bootstrap keeps them), to skip counting. */
  totals?: { positives: number; negatives: number };
}

/** Sorts the scores once (descending) and groups ties. Throws RangeError on NaN. */
export function rankScores(scores: ArrayLike<number>): RankedScores {
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`ROC analysis got a score that is not a number at position ${i}; every score must be a number.`);
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const ends: number[] = [];
  const values: number[] = [];
  for (let p = 0; p < n; p++) {
    const s = scores[order[p]];
    if (p + 1 === n || scores[order[p + 1]] !== s) {
      ends.push(p + 1);
      values.push(s);
    }
  }
  return { order, groupEnd: Int32Array.from(ends), groupScore: Float64Array.from(values) };
}

/**
 * One pass over the ranked scores: AUC by the trapezoidal rule over tie groups, which equals the
 * Mann–Whitney U statistic / (P·N) with ties counted as one half (Hanley & McNeil 1982, "The meaning
 * and use of the area under a ROC curve", Radiology 143:29–36; sklearn.metrics.roc_auc_score);
 * membership advantage max(TPR − FPR) (Yeom et al. 2018, "Privacy Risk in Machine Learning",
 * CSF, def. 4; Youden's J); TPR at FPR ≤ maxFpr (Carlini et al. 2022, "Membership Inference
 * Attacks From First Principles", IEEE S&P, §III-B); FPR at TPR ≥ minTpr (Liang, Li & Srikant 2018,
 * "Enhancing the Reliability of Out-of-distribution Image Detection in Neural Networks", ICLR).
 */
export function summarizeRanked(ranked: RankedScores, positives: Flags, options: SummaryOptions = {}): RocSummary {
  const { weights, maxFpr = 0.01, minTpr = 0.95 } = options;
  const { P, N } = options.totals ? { P: options.totals.positives, N: options.totals.negatives } : totals(ranked.order, positives, weights);
  if (P === 0 || N === 0) return { auc: null, advantage: null, tprAtFpr: null, fprAtTpr: null, positives: P, negatives: N };
  let tp = 0;
  let fp = 0;
  let area = 0;
  let advantage = 0;
  let tprAtFpr = 0;
  let fprAtTpr: number | null = null;
  let start = 0;
  const fprLimit = maxFpr * N * (1 + 1e-12);
  const tprLimit = minTpr * P * (1 - 1e-12);
  for (let g = 0; g < ranked.groupEnd.length; g++) {
    let dtp = 0;
    let dfp = 0;
    for (let p = start; p < ranked.groupEnd[g]; p++) {
      const i = ranked.order[p];
      const w = weights ? weights[i] : 1;
      if (positives[i]) dtp += w;
      else dfp += w;
    }
    start = ranked.groupEnd[g];
    area += dfp * (tp + dtp / 2);
    tp += dtp;
    fp += dfp;
    advantage = Math.max(advantage, tp / P - fp / N);
    if (fp <= fprLimit) tprAtFpr = tp / P;
    if (fprAtTpr === null && tp >= tprLimit) fprAtTpr = fp / N;
  }
  return { auc: area / (P * N), advantage, tprAtFpr, fprAtTpr: fprAtTpr ?? fp / N, positives: P, negatives: N };
}

/** The ROC curve of ranked scores (one point per tie group, after (0, 0)). */
export function curveOfRanked(ranked: RankedScores, positives: Flags, weights?: ArrayLike<number>): RocCurve {
  const { P, N } = totals(ranked.order, positives, weights);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY }];
  let tp = 0;
  let fp = 0;
  let start = 0;
  for (let g = 0; g < ranked.groupEnd.length; g++) {
    for (let p = start; p < ranked.groupEnd[g]; p++) {
      const i = ranked.order[p];
      const w = weights ? weights[i] : 1;
      if (positives[i]) tp += w;
      else fp += w;
    }
    start = ranked.groupEnd[g];
    points.push({ fpr: N === 0 ? 0 : fp / N, tpr: P === 0 ? 0 : tp / P, threshold: ranked.groupScore[g] });
  }
  return { points, positives: P, negatives: N };
}

/** ROC curve of `scores` against `positives` (sklearn.metrics.roc_curve with drop_intermediate=False). */
export function rocCurve(scores: ArrayLike<number>, positives: Flags): RocCurve {
  checkLengths(scores, positives);
  return curveOfRanked(rankScores(scores), positives);
}

/** Area under the ROC curve; ties count one half (Mann–Whitney). Null with a reason without both classes. */
export function rocAuc(scores: ArrayLike<number>, positives: Flags): Defined {
  return defined(summary(scores, positives).auc, positives);
}

/** Largest TPR at a threshold whose FPR does not exceed `maxFpr` (no interpolation inside ties). */
export function tprAtFpr(scores: ArrayLike<number>, positives: Flags, maxFpr: number): Defined {
  if (!(maxFpr >= 0 && maxFpr <= 1)) throw new RangeError(`tprAtFpr needs a false-positive rate from 0 to 1; got ${maxFpr}.`);
  return defined(summary(scores, positives, maxFpr).tprAtFpr, positives);
}

/** max over thresholds of TPR − FPR: the membership advantage of Yeom et al. (2018). */
export function maxAdvantage(scores: ArrayLike<number>, positives: Flags): Defined {
  return defined(summary(scores, positives).advantage, positives);
}

/**
 * At most `max` points of a curve for drawing: points evenly spaced by index (always the first and
 * the last), plus any `keep` points (e.g. the best-advantage point).
 */
export function downsampleCurve(points: RocPoint[], max = 200, keep: RocPoint[] = []): RocPoint[] {
  if (points.length <= max) return points;
  const chosen = new Set<number>();
  const slots = Math.max(2, max - keep.length);
  for (let s = 0; s < slots; s++) chosen.add(Math.round((s * (points.length - 1)) / (slots - 1)));
  for (const k of keep) {
    const index = points.indexOf(k);
    if (index >= 0) chosen.add(index);
  }
  return [...chosen].sort((a, b) => a - b).slice(0, max).map((i) => points[i]);
}

function summary(scores: ArrayLike<number>, positives: Flags, maxFpr = 0.01): RocSummary {
  checkLengths(scores, positives);
  return summarizeRanked(rankScores(scores), positives, { maxFpr });
}

function totals(order: Int32Array, positives: Flags, weights?: ArrayLike<number>): { P: number; N: number } {
  let P = 0;
  let N = 0;
  for (const i of order) {
    const w = weights ? weights[i] : 1;
    if (positives[i]) P += w;
    else N += w;
  }
  return { P, N };
}

function defined(value: number | null, positives: Flags): Defined {
  if (value !== null) return { value };
  let p = 0;
  for (let i = 0; i < positives.length; i++) if (positives[i]) p++;
  const missing = p === 0 ? 'positive' : 'negative';
  return { value: null, reason: `undefined without at least one ${missing} sample` };
}

function checkLengths(scores: ArrayLike<number>, positives: Flags): void {
  if (scores.length !== positives.length) {
    throw new RangeError(`ROC analysis got ${scores.length} scores but ${positives.length} positive/negative flags; give one flag per score.`);
  }
}
