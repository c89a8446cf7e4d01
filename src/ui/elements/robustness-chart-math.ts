/**
 * Where things go on the robustness charts: the small multiples of a value against severity (or
 * perturbation level) and the score histograms of the OOD probe. Pure numbers, shared by the app's
 * elements (robustness-curves.ts, robustness-score-histogram.ts) and the exported HTML report.
 */
import type { CurveSeries, ScoreHistogram } from './robustness-perturbation-shapes';

export const CURVE_CHART = { width: 176, height: 118, pad: { left: 30, right: 8, top: 8, bottom: 22 } } as const;

/** Top of the value axis fitted to the data: a tenth at or above the largest point or interval end (at least 0.1, at most 1). */
export function fittedTop(series: CurveSeries[]): number {
  let max = 0.1;
  for (const s of series) for (const p of s.points) max = Math.max(max, p.high ?? p.y, p.y);
  return Math.min(1, Math.ceil(max * 10) / 10);
}

export interface CurveScales {
  /** Every x of every series, sorted: the shared x axis. */
  xs: number[];
  px: (x: number) => number;
  py: (y: number) => number;
}

/** Scales of one small multiple: x over every series' x values, y from 0 to `top`. */
export function curveScales(series: CurveSeries[], top: number): CurveScales {
  const { width: W, height: H, pad: PAD } = CURVE_CHART;
  const xs = [...new Set(series.flatMap((c) => c.points.map((p) => p.x)))].sort((a, b) => a - b);
  const x0 = xs[0] ?? 0;
  const x1 = xs[xs.length - 1] ?? 1;
  const px = (x: number) => PAD.left + (x1 === x0 ? (W - PAD.left - PAD.right) / 2 : ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right));
  const py = (y: number) => PAD.top + (1 - Math.min(top, Math.max(0, y)) / top) * (H - PAD.top - PAD.bottom);
  return { xs, px, py };
}

/** The path of a series through its points. */
export function curvePath(series: CurveSeries, scales: CurveScales): string {
  return series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${scales.px(p.x).toFixed(1)},${scales.py(p.y).toFixed(1)}`).join(' ');
}

export const HISTOGRAM_CHART = { width: 340, height: 150, pad: { left: 34, right: 10, top: 8, bottom: 26 } } as const;

export interface HistogramGeometry {
  /** Shares per bin: in-distribution first, then each OOD source. */
  shares: number[][];
  top: number;
  px: (bin: number) => number;
  py: (share: number) => number;
  /** Step-line paths, one per series in `shares`. */
  paths: string[];
}

/** Shares per bin of every series of a histogram and their step lines. */
export function histogramGeometry(h: ScoreHistogram): HistogramGeometry {
  const { width: W, height: H, pad: PAD } = HISTOGRAM_CHART;
  const shares = [h.in, ...h.out].map((counts) => {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return counts.map((c) => c / total);
  });
  const top = Math.max(0.05, ...shares.flat());
  const bins = h.in.length;
  const px = (b: number) => PAD.left + (b / bins) * (W - PAD.left - PAD.right);
  const py = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const step = (s: number[]) => s.map((v, b) => `${b === 0 ? 'M' : 'L'}${px(b).toFixed(1)},${py(v).toFixed(1)} L${px(b + 1).toFixed(1)},${py(v).toFixed(1)}`).join(' ');
  return { shares, top, px, py, paths: shares.map(step) };
}
