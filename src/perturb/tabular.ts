/**
 * Perturbations of raw table rows, applied before the binding encodes them, so they act on what a
 * person would change in the data (a wage, a job category), not on one-hot slots:
 * - Gaussian noise on numeric columns, k times each column's standard deviation;
 * - category swaps: a categorical cell replaced by another value of its vocabulary;
 * - missing values: a cell emptied, which the binding then imputes (numeric `impute`, or all
 *   zeros for a one-hot column: the binding has no other way to say "unknown").
 * Only the raw columns behind the binding's features are touched (for a derived feature, the
 * column it is derived from). Rows are copied; the input is never modified.
 */
import type { Rng } from '../core/rng';
import type { Cell, TabularBinding, TabularData } from '../core/types';
import { parseNumericCell } from '../core/binding';
import { normal } from './random';

export interface NumericColumn {
  name: string;
  index: number;
  /** Population standard deviation over the rows given (missing cells left out); 0 when constant. */
  std: number;
}

export interface CategoricalColumn {
  name: string;
  index: number;
  /** The values the model knows (the one-hot vocabulary, or the keys of a derived map). */
  values: string[];
}

export interface PerturbationPlan {
  numeric: NumericColumn[];
  categorical: CategoricalColumn[];
  /** Feature columns that could not be traced to a raw column (e.g. derived from a derived column). */
  untraced: string[];
}

/** Which raw columns to perturb, and their spread over `rows`. */
export function planPerturbation(data: TabularData, binding: TabularBinding, rows: Cell[][]): PerturbationPlan {
  const numeric = new Map<string, NumericColumn>();
  const categorical = new Map<string, CategoricalColumn>();
  const untraced: string[] = [];
  const derived = new Map((binding.derive ?? []).map((d) => [d.name, d]));
  const addNumeric = (name: string) => {
    const index = data.columns.indexOf(name);
    if (index >= 0 && !numeric.has(name) && !categorical.has(name)) numeric.set(name, { name, index, std: columnStd(rows, index) });
  };
  const addCategorical = (name: string, values: string[]) => {
    const index = data.columns.indexOf(name);
    if (index < 0 || numeric.has(name)) return;
    const known = categorical.get(name);
    if (known) known.values = [...new Set([...known.values, ...values])];
    else categorical.set(name, { name, index, values: [...new Set(values)] });
  };
  for (const f of binding.features) {
    const raw = data.columns.includes(f.column);
    if (raw) {
      if (f.kind === 'numeric') addNumeric(f.column);
      else addCategorical(f.column, f.vocabulary);
      continue;
    }
    const d = derived.get(f.column);
    if (d && data.columns.includes(d.from)) {
      if (d.kind === 'bins') addNumeric(d.from);
      else addCategorical(d.from, Object.keys(d.map));
    } else {
      untraced.push(f.column);
    }
  }
  return { numeric: [...numeric.values()], categorical: [...categorical.values()].filter((c) => c.values.length > 0), untraced };
}

function columnStd(rows: Cell[][], index: number): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const row of rows) {
    const v = parseNumericCell(row[index]);
    if (v === undefined || Number.isNaN(v)) continue;
    n++;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
  }
  return n > 0 ? Math.sqrt(m2 / n) : 0;
}

/** Every numeric cell (that holds a number) plus N(0, (k·std)²). */
export function addGaussianNoise(rows: Cell[][], plan: PerturbationPlan, k: number, rng: Rng): Cell[][] {
  return rows.map((row) => {
    const out = row.slice();
    for (const col of plan.numeric) {
      const v = parseNumericCell(row[col.index]);
      if (v === undefined || Number.isNaN(v)) continue;
      out[col.index] = v + k * col.std * normal(rng);
    }
    return out;
  });
}

/** Each categorical cell, with probability p, replaced by another of its column's values (any value when it held none of them). */
export function swapCategories(rows: Cell[][], plan: PerturbationPlan, p: number, rng: Rng): Cell[][] {
  return rows.map((row) => {
    const out = row.slice();
    for (const col of plan.categorical) {
      if (rng.next() >= p) continue;
      const current = row[col.index] === null ? null : String(row[col.index]).trim();
      const at = current === null ? -1 : col.values.indexOf(current);
      if (at < 0) {
        out[col.index] = col.values[rng.int(col.values.length)];
      } else if (col.values.length > 1) {
        const pick = rng.int(col.values.length - 1);
        out[col.index] = col.values[pick >= at ? pick + 1 : pick];
      }
    }
    return out;
  });
}

/** Each perturbable cell, with probability p, emptied (null), for the binding to impute. */
export function removeValues(rows: Cell[][], plan: PerturbationPlan, p: number, rng: Rng): Cell[][] {
  const columns = [...plan.numeric.map((c) => c.index), ...plan.categorical.map((c) => c.index)].sort((a, b) => a - b);
  return rows.map((row) => {
    const out = row.slice();
    for (const index of columns) if (rng.next() < p) out[index] = null;
    return out;
  });
}
