/**
 * The arithmetic behind the charts, kept apart from the elements so it can be tested without a DOM:
 * bar axes, confusion-matrix shading, reliability-diagram bins and their summary.
 */
import type { Estimate } from '../../core/types';
import { formatCount, formatNumber } from '../format';

/** The axis the bar is drawn on: the metric's range, or around the numbers when the range is open. */
export function barDomain(range: [number, number], points: number[]): [number, number] {
  const finite = points.filter(Number.isFinite);
  let [low, high] = range;
  if (!Number.isFinite(low)) low = Math.min(0, ...finite);
  if (!Number.isFinite(high)) high = finite.length ? Math.max(...finite) * 1.1 || 1 : 1;
  low = Math.min(low, ...finite);
  high = Math.max(high, ...finite);
  return high > low ? [low, high] : [low - 0.5, low + 0.5];
}

/**
 * One axis for several estimates drawn in a column (per-group values), zoomed to where they lie so
 * that differences between groups are visible, padded a little and kept inside the metric's range.
 */
export function sharedDomain(estimates: Estimate[], range: [number, number]): [number, number] {
  const points: number[] = [];
  for (const e of estimates) {
    if (e.value === null || !Number.isFinite(e.value)) continue;
    points.push(e.value);
    if (e.interval) points.push(e.interval.low, e.interval.high);
  }
  if (points.length === 0) return barDomain(range, []);
  let low = Math.min(...points);
  let high = Math.max(...points);
  const pad = Math.max((high - low) * 0.1, 0.01 * (Number.isFinite(range[1] - range[0]) ? range[1] - range[0] : Math.abs(high) || 1));
  low -= pad;
  high += pad;
  if (Number.isFinite(range[0])) low = Math.max(range[0], low);
  if (Number.isFinite(range[1])) high = Math.min(range[1], high);
  return high > low ? [low, high] : barDomain(range, points);
}

/** How many shades a confusion-matrix cell can take. */
export const SHADE_LEVELS = 10;

/**
 * The shade class of a cell holding `share` (0–1) of its row: `hit-1…10` on the diagonal (blue),
 * `miss-1…10` off it (red), none for an empty cell. Discrete classes rather than inline colours,
 * so the table renders under a Content-Security-Policy without 'unsafe-inline' styles.
 */
export function shadeClass(share: number, correct: boolean): string {
  if (!(share > 0)) return '';
  // Square root so that small error shares (1–2 %) are still visible next to a 98 % diagonal.
  const level = Math.max(1, Math.min(SHADE_LEVELS, Math.ceil(Math.sqrt(Math.min(1, share)) * SHADE_LEVELS)));
  return `${correct ? 'hit' : 'miss'}-${level}`;
}

/** One equal-width confidence bin: how many samples fell in it, their mean top-class probability, and how many were right. */
export interface ReliabilityBin {
  count: number;
  /** Mean confidence in the bin; null (or ignored) when the bin is empty. */
  confidence: number | null;
  /** Accuracy in the bin; null (or ignored) when the bin is empty. */
  accuracy: number | null;
  /** Bin edges; equal-width edges b/M and (b+1)/M are assumed when absent. */
  low?: number;
  high?: number;
}

/** The edges of bin `i` of `k`. */
export function binEdges(bin: ReliabilityBin, i: number, k: number): [number, number] {
  return bin.low !== undefined && bin.high !== undefined ? [bin.low, bin.high] : [i / k, (i + 1) / k];
}

/** ECE of the bins themselves: Σ (n_b / n)·|acc_b − conf_b| over non-empty bins (Guo et al. 2017, eq. 3). */
export function eceOfBins(bins: ReliabilityBin[]): number | null {
  let n = 0;
  let sum = 0;
  for (const b of bins) {
    if (b.count === 0 || b.confidence === null || b.accuracy === null) continue;
    n += b.count;
    sum += b.count * Math.abs(b.accuracy - b.confidence);
  }
  return n === 0 ? null : sum / n;
}

/** A one-sentence summary of a reliability diagram, for screen readers and the figure's caption. */
export function summariseReliability(bins: ReliabilityBin[], ece: number | null): string {
  const k = bins.length;
  const total = bins.reduce((a, b) => a + b.count, 0);
  const filled = bins.map((b, i) => ({ ...b, i })).filter((b) => b.count > 0 && b.confidence !== null && b.accuracy !== null);
  const over = filled.filter((b) => b.accuracy! < b.confidence!).length;
  let worst = filled[0];
  for (const b of filled) if (Math.abs(b.confidence! - b.accuracy!) > Math.abs(worst.confidence! - worst.accuracy!)) worst = b;
  const parts = [
    `Reliability diagram over ${k} equal-width confidence bins and ${formatCount(total)} samples`,
    `ECE ${ece === null ? 'undefined' : formatNumber(ece)}`,
  ];
  if (filled.length > 0) {
    parts.push(`accuracy is below confidence (over-confident) in ${over} of ${filled.length} non-empty bins`);
    const gap = worst.confidence! - worst.accuracy!;
    const [low, high] = binEdges(worst, worst.i, k);
    parts.push(`the largest gap is ${formatNumber(Math.abs(gap))} in the bin ${formatNumber(low, { digits: 2 })}–${formatNumber(high, { digits: 2 })}`);
  }
  return `${parts.join('; ')}.`;
}

