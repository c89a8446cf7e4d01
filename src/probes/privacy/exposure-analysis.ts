/**
 * What a model's outputs reveal beyond the predicted label: labels only, rounded or coarse scores,
 * or full-precision probabilities. Read from the probabilities the binding produces, and judged
 * against how many distinct inputs there were (identical inputs give identical outputs).
 */

export type ExposureKind = 'labels-only' | 'rounded' | 'coarse' | 'full-precision';

/** 0 = labels only, 1 = rounded or coarse scores, 2 = full-precision probabilities. */
export const EXPOSURE_LEVEL: Readonly<Record<ExposureKind, number>> = Object.freeze({
  'labels-only': 0, rounded: 1, coarse: 1, 'full-precision': 2,
});

export interface ExposureAnalysis {
  kind: ExposureKind;
  level: number;
  /** Distinct top-class probabilities (the confidence a caller would see). */
  distinctConfidences: number;
  /** Distinct input rows among the samples. */
  distinctInputs: number;
  /** Decimal places every probability is rounded to (1–4), or null when they are not on such a grid. */
  decimals: number | null;
  /** A few distinct confidences, ascending, for the report. */
  examples: number[];
}

/** A score within this of 0 or 1 counts as a hard label. */
const HARD = 1e-6;
/** Decimal grids checked, and the float32 slack allowed when checking them. */
const MAX_DECIMALS = 4;
const GRID_SLACK = 1e-3;
/** Fewer distinct confidences than this share of distinct inputs, with enough inputs, reads as coarse. */
const COARSE_SHARE = 0.25;
const COARSE_MIN_INPUTS = 40;

export function analyzeExposure(probs: Float32Array, k: number, x: Float32Array, sampleSize: number): ExposureAnalysis {
  const n = Math.floor(probs.length / k);
  const confidences = new Set<number>();
  let hard = true;
  for (let i = 0; i < n; i++) {
    let top = probs[i * k];
    for (let j = 0; j < k; j++) {
      const v = probs[i * k + j];
      if (Math.abs(v) > HARD && Math.abs(v - 1) > HARD) hard = false;
      if (v > top) top = v;
    }
    confidences.add(top);
  }
  const distinctInputs = countDistinctRows(x, sampleSize, n);
  const decimals = hard ? null : decimalGrid(probs);
  let kind: ExposureKind;
  if (hard) kind = 'labels-only';
  else if (decimals !== null) kind = 'rounded';
  else if (distinctInputs >= COARSE_MIN_INPUTS && confidences.size <= COARSE_SHARE * distinctInputs) kind = 'coarse';
  else kind = 'full-precision';
  const sorted = [...confidences].sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(sorted.length / 5));
  return {
    kind,
    level: EXPOSURE_LEVEL[kind],
    distinctConfidences: confidences.size,
    distinctInputs,
    decimals,
    examples: sorted.filter((_, i) => i % step === 0).slice(0, 6).map((v) => Number(v.toPrecision(7))),
  };
}

/** The fewest decimals d ≤ 4 such that every value is a multiple of 10^−d, or null. */
export function decimalGrid(values: Float32Array): number | null {
  for (let d = 1; d <= MAX_DECIMALS; d++) {
    const scale = 10 ** d;
    let onGrid = true;
    for (let i = 0; i < values.length && onGrid; i++) {
      const v = values[i] * scale;
      if (Math.abs(v - Math.round(v)) > GRID_SLACK) onGrid = false;
    }
    if (onGrid) return d;
  }
  return null;
}

/** Distinct rows of n × size values, compared by their bits through two 32-bit hashes. */
export function countDistinctRows(x: Float32Array, size: number, n: number): number {
  const bits = new Uint32Array(x.buffer, x.byteOffset, n * size);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    let a = 0x811c9dc5;
    let b = 0x01000193;
    for (let j = i * size; j < (i + 1) * size; j++) {
      a = Math.imul(a ^ bits[j], 0x01000193) >>> 0;
      b = Math.imul(b ^ bits[j], 0x5bd1e995) >>> 0;
      b ^= b >>> 15;
    }
    seen.add(`${a}:${b}`);
  }
  return seen.size;
}
