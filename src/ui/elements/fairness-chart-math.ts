/**
 * The arithmetic behind the fairness charts, apart from the elements so it is tested without a
 * DOM: bar axes, heat-map grids and shades, and how a selection-rate ratio reads against the
 * four-fifths rule.
 */
import type { FairnessPartition, ValueInterval } from './fairness-details';

/** One bar of a per-group chart. */
export interface BarRow {
  label: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  /** `insufficient-data`: drawn faintly, never judged; `untestable`: no bar, only the reason. */
  status: 'ok' | 'insufficient-data' | 'untestable';
  /** Why the value is undefined or the row untestable. */
  reason: string | null;
}

/** Step sizes an axis may use: 1, 2, 2.5 or 5 times a power of ten. */
const NICE = [1, 2, 2.5, 5];

/**
 * The axis for bars of values in [0, limit]: from 0 to a round number at or above the largest
 * value or interval end, in four or five round steps (0.05, 0.1, 0.25, …), at most `limit`.
 */
export function barAxis(rows: BarRow[], limit = 1): { top: number; step: number } {
  let top = 0;
  for (const r of rows) for (const v of [r.value, r.high]) if (v !== null && Number.isFinite(v) && v > top) top = v;
  top = Math.min(limit, Math.max(top, limit / 100));
  const rough = top / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = NICE.map((m) => m * power).find((s) => s >= rough - 1e-12) ?? 10 * power;
  const rounded = Math.ceil(top / step - 1e-9) * step;
  return { top: Math.min(rounded, Math.ceil(limit / step - 1e-9) * step), step };
}

/** Tick values 0, step, 2·step, … up to `top`. */
export function ticks(top: number, step: number): number[] {
  const count = Math.round(top / step);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(10)));
}

/** Decimals needed to write multiples of `step` exactly (0.25 → 2, 0.1 → 1, 5 → 0). */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 6;
}

/** The four-fifths rule (29 CFR 1607.4(D)) applied to a selection-rate ratio with its interval. */
export type FourFifths = 'below' | 'likely-below' | 'unclear' | 'above' | null;

export function fourFifths(ratio: ValueInterval): FourFifths {
  if (ratio.value === null) return null;
  const high = ratio.high ?? ratio.value;
  const low = ratio.low ?? ratio.value;
  if (high < 0.8) return 'below';
  if (ratio.value < 0.8) return 'likely-below';
  if (low < 0.8) return 'unclear';
  return 'above';
}

/** Short badge text, and the reading in full for its tooltip. */
export const FOUR_FIFTHS_TEXT: Record<Exclude<FourFifths, null>, { short: string; long: string }> = {
  below: { short: 'below 0.8', long: 'Below four-fifths: the whole interval lies under 0.8.' },
  'likely-below': { short: 'below 0.8?', long: 'Below four-fifths, but the interval reaches 0.8.' },
  unclear: { short: '0.8 in interval', long: 'At or above 0.8, but the interval reaches below it.' },
  above: { short: 'meets 0.8', long: 'At or above four-fifths, interval included.' },
};

/** A two-attribute partition laid out as a grid: rows = first attribute, columns = second. */
export interface HeatGrid {
  rowAttribute: string;
  columnAttribute: string;
  rows: string[];
  columns: string[];
  /** cells[r][c], or null when that combination does not occur. */
  cells: ({ value: number | null; low: number | null; high: number | null; n: number; status: 'ok' | 'insufficient-data' } | null)[][];
}

export function heatGrid(partition: FairnessPartition, metric: string): HeatGrid | null {
  if (partition.attributes.length !== 2) return null;
  const rows: string[] = [];
  const columns: string[] = [];
  for (const g of partition.groups) {
    if (g.values.length !== 2) return null;
    if (!rows.includes(g.values[0])) rows.push(g.values[0]);
    if (!columns.includes(g.values[1])) columns.push(g.values[1]);
  }
  const cells = rows.map((r) => columns.map((c) => {
    const g = partition.groups.find((x) => x.values[0] === r && x.values[1] === c);
    if (!g) return null;
    const m = g.metrics[metric];
    return { value: m?.value ?? null, low: m?.low ?? null, high: m?.high ?? null, n: g.n, status: g.status };
  }));
  return { rowAttribute: partition.attributes[0], columnAttribute: partition.attributes[1], rows, columns, cells };
}

export const HEAT_LEVELS = 8;

/** Shade level 1…HEAT_LEVELS of a value between the smallest and largest judged value (0 when undefined). */
export function heatLevel(value: number | null, min: number, max: number): number {
  if (value === null || !Number.isFinite(value)) return 0;
  if (!(max > min)) return Math.ceil(HEAT_LEVELS / 2);
  const share = (value - min) / (max - min);
  return Math.max(1, Math.min(HEAT_LEVELS, 1 + Math.floor(share * HEAT_LEVELS - 1e-9)));
}

/** Smallest and largest judged value of a grid, or null when none is defined. */
export function gridRange(grid: HeatGrid): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const row of grid.cells) {
    for (const cell of row) {
      if (!cell || cell.status !== 'ok' || cell.value === null) continue;
      min = Math.min(min, cell.value);
      max = Math.max(max, cell.value);
    }
  }
  return min <= max ? [min, max] : null;
}
