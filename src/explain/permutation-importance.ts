/**
 * Permutation feature importance (Breiman 2001, "Random Forests"; Fisher, Rudin & Dominici 2019,
 * "model reliance"; as scikit-learn's `sklearn.inspection.permutation_importance`): the drop in a
 * score when one feature's values are shuffled across the rows, breaking its link with the target
 * while keeping its distribution. A one-hot group is shuffled as one block, so the importance is
 * that of the raw column. Repeated with fresh seeded permutations. The score is a mean of per-row
 * scores (accuracy: 1 when the top class is right), and the per-row scores are kept so that
 * intervals can be bootstrapped over rows without calling the model again.
 */
import type { Rng } from '../core/rng';
import type { FeatureGroups } from './groups';
import { predictChunked, type ExplainModel } from './model';

/** Per-row scores (higher = better) of n × k probabilities; NaN marks a row that does not count. */
export type RowScores = (probs: Float32Array) => Float64Array;

function topClass(probs: Float32Array, i: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
  return best;
}

/** 1 when the top class is the label, 0 when not, NaN for rows without a label (−1). */
export function correctness(labels: Int32Array, k: number): RowScores {
  return (probs) => Float64Array.from(labels, (y, i) => (y < 0 ? NaN : topClass(probs, i, k) === y ? 1 : 0));
}

/** 1 when the top class is the one predicted for the unchanged rows (for unlabelled data). */
export function agreement(reference: Int32Array, k: number): RowScores {
  return (probs) => Float64Array.from(reference, (c, i) => (topClass(probs, i, k) === c ? 1 : 0));
}

/** Mean of the counted rows among `indices` (all rows when omitted); null when none counts. */
export function meanScore(scores: Float64Array, indices?: Int32Array): number | null {
  let s = 0;
  let count = 0;
  const n = indices ? indices.length : scores.length;
  for (let t = 0; t < n; t++) {
    const v = scores[indices ? indices[t] : t];
    if (Number.isNaN(v)) continue;
    s += v;
    count++;
  }
  return count === 0 ? null : s / count;
}

export interface FeatureImportance {
  /** Mean score drop over the repeats. */
  mean: number;
  /** Standard deviation of the drop over the repeats (population, as sklearn's importances_std). */
  std: number;
  /** Drop per repeat. */
  drops: number[];
}

export interface PermutationImportanceResult {
  baseline: number;
  importances: FeatureImportance[];
  /** Per-row scores of the unchanged rows. */
  baselineRows: Float64Array;
  /** Per feature, per repeat: the per-row scores with that feature shuffled. */
  permutedRows: Float64Array[][];
}

/** Mean over repeats of the drop in mean score, on the rows `indices` (all when omitted). */
export function importanceOn(result: Pick<PermutationImportanceResult, 'baselineRows' | 'permutedRows'>, feature: number, indices?: Int32Array): number | null {
  const base = meanScore(result.baselineRows, indices);
  if (base === null) return null;
  let s = 0;
  for (const rows of result.permutedRows[feature]) s += base - (meanScore(rows, indices) ?? base);
  return s / result.permutedRows[feature].length;
}

export async function permutationImportance(args: {
  model: ExplainModel;
  /** n × sampleSize encoded rows. */
  x: Float32Array;
  n: number;
  groups: FeatureGroups;
  scores: RowScores;
  repeats: number;
  rng: Rng;
  onProgress?: (fraction: number) => void;
}): Promise<PermutationImportanceResult> {
  const { model, x, n, groups, scores, rng } = args;
  const repeats = Math.max(1, Math.floor(args.repeats));
  const size = model.sampleSize;
  const baselineRows = scores(await predictChunked(model, x, n));
  const baseline = meanScore(baselineRows) ?? 0;
  const shuffled = new Float32Array(x.subarray(0, n * size));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const importances: FeatureImportance[] = [];
  const permutedRows: Float64Array[][] = [];
  const steps = groups.slots.length * repeats;
  let done = 0;
  for (const slots of groups.slots) {
    const drops: number[] = [];
    const rowsOfFeature: Float64Array[] = [];
    for (let r = 0; r < repeats; r++) {
      for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (let i = 0; i < n; i++) for (const s of slots) shuffled[i * size + s] = x[order[i] * size + s];
      const rows = scores(await predictChunked(model, shuffled, n));
      rowsOfFeature.push(rows);
      drops.push(baseline - (meanScore(rows) ?? baseline));
      args.onProgress?.(++done / steps);
    }
    for (let i = 0; i < n; i++) for (const s of slots) shuffled[i * size + s] = x[i * size + s];
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
    const std = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / drops.length);
    importances.push({ mean, std, drops });
    permutedRows.push(rowsOfFeature);
  }
  return { baseline, importances, baselineRows, permutedRows };
}
