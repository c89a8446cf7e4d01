/**
 * Calibration metrics from class probabilities.
 *
 * ECE and MCE follow Guo, Pleiss, Sun & Weinberger 2017, "On Calibration of Modern Neural
 * Networks" (ICML), eq. 3 and 5: samples are binned by their top-class probability (confidence)
 * into M equal-width bins, and ECE = Σ_b (|B_b| / n) · |acc(B_b) − conf(B_b)|, MCE = max_b of the
 * same gap over non-empty bins. M = 15 as in the paper's experiments.
 *
 * Bin edges follow the common implementation (gpleiss/temperature_scaling `_ECELoss`): bin b holds
 * confidences in the right-closed interval (b/M, (b+1)/M]. A confidence of exactly 0 (impossible
 * for a top class, but a degenerate output can produce it) goes to the first bin.
 *
 * Samples with an unknown label (−1) are left out of every metric here.
 */
import { probabilityRowCount } from './classification';

export const ECE_BINS = 15;

/** What calibration metrics need per sample, computed once so a bootstrap can resample cheaply. */
export interface TopClassSamples {
  /** Number of equal-width confidence bins. */
  bins: number;
  /** Largest class probability. */
  confidence: Float64Array;
  /** 1 when the top class (first on ties) is the true class. */
  correct: Uint8Array;
  /** Confidence bin of each sample (see `binIndex`). */
  bin: Int32Array;
  /** True class, −1 when unknown. */
  y: Int32Array;
}

export function topClassSamples(probs: Float32Array, k: number, y: Int32Array, bins = ECE_BINS): TopClassSamples {
  const n = probabilityRowCount(probs, k);
  checkLength(y, n);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`The number of calibration bins must be a whole number ≥ 1; got ${bins}.`);
  const confidence = new Float64Array(n);
  const correct = new Uint8Array(n);
  const bin = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[row + c] > probs[row + best]) best = c;
    confidence[i] = probs[row + best];
    correct[i] = best === y[i] ? 1 : 0;
    bin[i] = binIndex(confidence[i], bins);
  }
  return { bins, confidence, correct, bin, y };
}

/** One bar of a reliability diagram. */
export interface ReliabilityBin {
  /** Exclusive lower and inclusive upper edge. */
  low: number;
  high: number;
  count: number;
  /** Mean confidence of the samples in the bin; null when it is empty. */
  meanConfidence: number | null;
  /** Share of them whose top class is correct; null when it is empty. */
  accuracy: number | null;
}

/** Index of the bin (b/M, (b+1)/M] holding `confidence`, clamped to 0…M−1. */
export function binIndex(confidence: number, bins: number): number {
  let b = Math.min(bins - 1, Math.max(0, Math.ceil(confidence * bins) - 1));
  // Guard against rounding in confidence · bins so the edge test matches `conf > b/M && conf <= (b+1)/M`.
  while (b > 0 && confidence <= b / bins) b--;
  while (b < bins - 1 && confidence > (b + 1) / bins) b++;
  return b;
}

/** Reliability-diagram bins over the labelled samples (or over `indices`, repeats allowed). */
export function reliabilityBins(samples: TopClassSamples, indices?: Int32Array): ReliabilityBin[] {
  const { bins } = samples;
  const count = new Float64Array(bins);
  const confidenceSum = new Float64Array(bins);
  const correctSum = new Float64Array(bins);
  const total = indices ? indices.length : samples.y.length;
  for (let j = 0; j < total; j++) {
    const i = indices ? indices[j] : j;
    if (samples.y[i] < 0) continue;
    const b = samples.bin[i];
    count[b]++;
    confidenceSum[b] += samples.confidence[i];
    correctSum[b] += samples.correct[i];
  }
  return Array.from({ length: bins }, (_, b) => ({
    low: b / bins,
    high: (b + 1) / bins,
    count: count[b],
    meanConfidence: count[b] === 0 ? null : confidenceSum[b] / count[b],
    accuracy: count[b] === 0 ? null : correctSum[b] / count[b],
  }));
}

/** ECE = Σ_b (|B_b| / n) · |acc(B_b) − conf(B_b)|; null when every bin is empty. */
export function expectedCalibrationError(bins: ReliabilityBin[]): number | null {
  let n = 0;
  let weighted = 0;
  for (const bin of bins) {
    if (bin.count === 0) continue;
    n += bin.count;
    weighted += bin.count * Math.abs(bin.accuracy! - bin.meanConfidence!);
  }
  return n === 0 ? null : weighted / n;
}

/** MCE = max over non-empty bins of |acc(B_b) − conf(B_b)|; null when every bin is empty. */
export function maxCalibrationError(bins: ReliabilityBin[]): number | null {
  let worst: number | null = null;
  for (const bin of bins) {
    if (bin.count === 0) continue;
    const gap = Math.abs(bin.accuracy! - bin.meanConfidence!);
    if (worst === null || gap > worst) worst = gap;
  }
  return worst;
}

/**
 * Per-sample multiclass Brier score Σ_k (p_k − onehot_k)², Brier's (1950) original definition,
 * range [0, 2]; sklearn ≥ 1.7 `brier_score_loss` on an n × k matrix gives the mean of this
 * (scale_by_half=False). For two classes it is twice sklearn's binary convention.
 * Entries for samples with an unknown label are 0; `meanOverLabelled` leaves them out.
 */
export function brierPerSample(probs: Float32Array, k: number, y: Int32Array): Float64Array {
  const n = probabilityRowCount(probs, k);
  checkLength(y, n);
  const loss = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (y[i] < 0) continue;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const d = probs[i * k + c] - (c === y[i] ? 1 : 0);
      sum += d * d;
    }
    loss[i] = sum;
  }
  return loss;
}

/**
 * Per-sample binary Brier score on the positive class, (p_pos − [y = pos])², range [0, 1]:
 * the convention of sklearn.metrics.brier_score_loss given the positive class's probability.
 * Entries for samples with an unknown label are 0; `meanOverLabelled` leaves them out.
 */
export function positiveBrierPerSample(probs: Float32Array, k: number, y: Int32Array, positive: number): Float64Array {
  const n = probabilityRowCount(probs, k);
  checkLength(y, n);
  if (!(positive >= 0 && positive < k)) throw new RangeError(`The positive class index must lie in 0…${k - 1}; got ${positive}.`);
  const loss = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (y[i] < 0) continue;
    const d = probs[i * k + positive] - (y[i] === positive ? 1 : 0);
    loss[i] = d * d;
  }
  return loss;
}

/** Mean of `values` over the samples with a known label (or over `indices`); null when there are none. */
export function meanOverLabelled(values: Float64Array, y: Int32Array, indices?: Int32Array): number | null {
  let sum = 0;
  let count = 0;
  const total = indices ? indices.length : y.length;
  for (let j = 0; j < total; j++) {
    const i = indices ? indices[j] : j;
    if (y[i] < 0) continue;
    sum += values[i];
    count++;
  }
  return count === 0 ? null : sum / count;
}

function checkLength(y: Int32Array, n: number): void {
  if (y.length !== n) throw new RangeError(`Got ${y.length} labels for ${n} probability rows; give one label per row.`);
}
