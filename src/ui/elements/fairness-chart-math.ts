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

/**
 * The axis for bars of values that lie in [0, limit]: from 0 to the next tenth above the largest
 * value or interval end, at least 0.1, at most `limit`.
 */
export function barAxis(rows: BarRow[], limit = 1): [number, number] {
  let top = 0;
  for (const r of rows) for (const v of [r.value, r.high]) if (v !== null && Number.isFinite(v) && v > top) top = v;
  const rounded = Math.ceil(top * 10 - 1e-9) / 10;
  return [0, Math.min(limit, Math.max(0.1, rounded))];
}

/** Tick values from 0 to `top` in `steps` equal parts. */
export function ticks(top: number, steps = 4): number[] {
  return Array.from({ length: steps + 1 }, (_, i) => (top * i) / steps);
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

export const FOUR_FIFTHS_TEXT: Record<Exclude<FourFifths, null>, string> = {
  below: 'below four-fifths (whole interval under 0.8)',
  'likely-below': 'below four-fifths (the interval reaches 0.8)',
  unclear: 'above 0.8, but the interval reaches below it',
  above: 'at or above four-fifths',
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
