/**
 * LIME for tabular rows (Ribeiro, Singh & Guestrin 2016, "Why Should I Trust You?", KDD), on raw
 * columns. The interpretable representation is binary: zⱼ = 1 keeps the row's value of column j,
 * zⱼ = 0 takes the value of a background row (one background row per perturbed sample). As in the
 * reference `lime` package: the first sample is the row itself; the others switch off a uniformly
 * drawn number of columns (its image and text explainers' scheme); the kernel is
 * √exp(−d²/w²) with d the Euclidean distance to the row in z-space and w = 0.75·√M; the local
 * model is a weighted Ridge regression with α = 1 and an intercept, whose weighted R² is lime's
 * `score` (how well the linear surrogate fits the model around the row).
 */
import type { Rng } from '../core/rng';
import { weightedRidge } from './linalg';
import { coalitionValues, type Masker } from './masking';
import type { ExplainModel } from './model';

export interface LimeOptions {
  /** Perturbed samples, including the row itself (lime's num_samples, default 5000 there). */
  samples: number;
  rng: Rng;
  /** Kernel width; default 0.75·√M (lime's default). */
  kernelWidth?: number;
  /** Ridge penalty; default 1 (lime's default Ridge(alpha=1)). */
  alpha?: number;
  onProgress?: (fraction: number) => void;
}

export interface LimeResult {
  /** The surrogate's coefficient per feature: the change in probability for keeping the row's value. */
  coefficients: Float64Array;
  intercept: number;
  /** Weighted R² of the surrogate on the perturbed samples; null when the model's output never changed. */
  score: number | null;
  /** The surrogate's prediction for the row itself (all features on). */
  localPrediction: number;
  /** The model's probability for the row. */
  fx: number;
}

/** Perturbed masks (first = the row itself), the replacement row each uses, and its kernel weight. */
export function limeSamples(m: number, count: number, rows: number, rng: Rng, kernelWidth: number): { masks: Uint8Array; rowOf: Int32Array; weights: Float64Array } {
  const n = Math.max(1, count);
  const masks = new Uint8Array(n * m).fill(1);
  const rowOf = new Int32Array(n);
  const weights = new Float64Array(n);
  weights[0] = 1;
  const order = Int32Array.from({ length: m }, (_, i) => i);
  for (let s = 1; s < n; s++) {
    const off = 1 + rng.int(m);
    for (let i = 0; i < off; i++) {
      const j = i + rng.int(m - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
      masks[s * m + order[i]] = 0;
    }
    rowOf[s] = rng.int(Math.max(1, rows));
    weights[s] = Math.sqrt(Math.exp(-off / (kernelWidth * kernelWidth)));
  }
  return { masks, rowOf, weights };
}

export async function limeTabular(model: ExplainModel, masker: Masker, target: number, options: LimeOptions): Promise<LimeResult> {
  const m = masker.groups.slots.length;
  const width = options.kernelWidth ?? 0.75 * Math.sqrt(m);
  const { masks, rowOf, weights } = limeSamples(m, options.samples, masker.rows, options.rng, width);
  const count = weights.length;
  const y = await coalitionValues(model, masker, masks, count, target, {
    rowOf,
    onProgress: options.onProgress ? (done, total) => options.onProgress!(done / total) : undefined,
  });
  const x = Float64Array.from(masks);
  const fit = weightedRidge(x, y, weights, count, m, options.alpha ?? 1);
  let local = fit.intercept;
  for (let j = 0; j < m; j++) local += fit.coefficients[j];
  return { coefficients: fit.coefficients, intercept: fit.intercept, score: fit.r2, localPrediction: local, fx: y[0] };
}
