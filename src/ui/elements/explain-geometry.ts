/**
 * Where things go on the explanation charts — attribution bars of one row, global importance bars,
 * partial-dependence multiples, deletion/insertion curves. Pure numbers, shared by the app's
 * elements (explain-*.ts) and the exported HTML report (src/report/svg/explainability.ts), so both
 * draw the same charts.
 */
import type { AttributionRow, DependenceCurve } from './explain-details';
import { linear, linePath, orderByMagnitude, spanDomain, zeroDomain } from './explain-chart-math';

export const ATTRIBUTION_BARS = { labelW: 230, plotW: 320, barH: 7, gap: 8, top: 18 } as const;

export interface AttributionLayout {
  /** The methods this row has, in the order asked. */
  methods: string[];
  /** Column indices, largest KernelSHAP magnitude first. */
  order: number[];
  domain: [number, number];
  x: (v: number) => number;
  /** Height of one column's band (a bar per method and a gap). */
  band: number;
  width: number;
  height: number;
}

export function attributionLayout(row: AttributionRow, methodIds: string[]): AttributionLayout {
  const { labelW, plotW, barH, gap, top } = ATTRIBUTION_BARS;
  const methods = methodIds.filter((m) => row.methods[m]);
  const order = orderByMagnitude(row.methods['kernel-shap']);
  const domain = zeroDomain(methods.flatMap((m) => row.methods[m]));
  const band = methods.length * barH + gap;
  return { methods, order, domain, x: linear(domain, [labelW, labelW + plotW]), band, width: labelW + plotW + 20, height: top + order.length * band + 6 };
}

export const IMPORTANCE_CHART = { labelW: 160, plotW: 340, row: 20, top: 16 } as const;

export interface ImportanceLike { value: number; low?: number | null; high?: number | null; compare?: number | null }

export function importanceLayout<T extends ImportanceLike>(input: T[]): { items: T[]; domain: [number, number]; x: (v: number) => number; width: number; height: number; hasCompare: boolean } {
  const { labelW, plotW, row, top } = IMPORTANCE_CHART;
  const items = [...input].sort((a, b) => b.value - a.value);
  const domain = spanDomain(items.flatMap((i) => [i.value, i.low ?? 0, i.high ?? 0, i.compare ?? 0]));
  return {
    items, domain, x: linear(domain, [labelW, labelW + plotW]), width: labelW + plotW + 16, height: top + items.length * row + 26,
    hasCompare: items.some((i) => i.compare !== undefined && i.compare !== null),
  };
}

export const DEPENDENCE_CHART = { width: 210, height: 140, pad: { left: 36, right: 8, top: 16, bottom: 28 } } as const;

/** One partial-dependence chart: the column's grid on x, probability (padded by 0.05, inside 0–1) on y, a path per class. */
export function dependenceLayout(c: DependenceCurve): { lo: number; hi: number; yLow: number; yHigh: number; x: (v: number) => number; y: (v: number) => number; paths: string[] } {
  const { width: W, height: H, pad: P } = DEPENDENCE_CHART;
  const lo = c.grid[0];
  const hi = c.grid[c.grid.length - 1];
  const all = c.values.flat();
  const yLow = Math.max(0, Math.min(...all) - 0.05);
  const yHigh = Math.min(1, Math.max(...all) + 0.05);
  const x = linear([lo, hi], [P.left, W - P.right]);
  const y = linear([yLow, yHigh], [H - P.bottom, P.top]);
  return { lo, hi, yLow, yHigh, x, y, paths: c.values.map((v) => linePath(c.grid.map((g, i) => [x(g), y(v[i])]))) };
}

export const FAITHFULNESS_CHART = { width: 300, height: 210, pad: { left: 40, right: 10, top: 12, bottom: 34 }, ticks: [0, 0.25, 0.5, 0.75, 1] } as const;

/** Scales of a deletion or insertion chart (both axes 0–1), the path of a curve and the area under it. */
export function faithfulnessLayout(fractions: number[]): { x: (v: number) => number; y: (v: number) => number; path: (ys: number[]) => string; area: (ys: number[]) => string } {
  const { width: W, height: H, pad: P } = FAITHFULNESS_CHART;
  const x = linear([0, 1], [P.left, W - P.right]);
  const y = linear([0, 1], [H - P.bottom, P.top]);
  const path = (ys: number[]) => linePath(fractions.map((f, i): [number, number] => [x(f), y(ys[i])]));
  return { x, y, path, area: (ys) => `${path(ys)}L${x(1)},${y(0)}L${x(0)},${y(0)}Z` };
}
