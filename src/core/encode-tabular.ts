/**
 * Tabular encoding: raw cells → derived columns → the model's input vector. Cells arrive as the
 * readers keep them (CSV strings, JSON numbers or strings, null); numbers are parsed here, where
 * the binding says which columns are numeric. Strings are matched as written, then trimmed.
 * Built for 200,000 rows: the binding is compiled once into lookup tables, and the row loop writes
 * into one Float32Array without allocating per cell.
 */
import { BindingError } from './binding-error';
import type { Cell, DerivedColumn, FeatureSpec, TabularBinding } from './types';

/** Cells that mean "no value" in a numeric column; they take the feature's `impute` value. */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(['', '?', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None']);

/** Group name used for a missing sensitive value. */
export const MISSING_GROUP = '(missing)';

/** Where each feature sits in the encoded vector; a one-hot group is one feature of `width` slots. */
export interface FeatureSlice {
  column: string;
  kind: FeatureSpec['kind'];
  start: number;
  width: number;
  /** Names of the slots: the column for numeric features, `column=value` for one-hot slots. */
  slots: string[];
}

export function featureWidth(f: FeatureSpec): number {
  return f.kind === 'numeric' ? 1 : f.vocabulary.length;
}

export function tabularWidth(binding: TabularBinding): number {
  let width = 0;
  for (const f of binding.features) width += featureWidth(f);
  return width;
}

/** The encoded layout of a tabular binding, feature by feature (for attribution over raw columns). */
export function featureSlices(binding: TabularBinding): FeatureSlice[] {
  let start = 0;
  return binding.features.map((f) => {
    const width = featureWidth(f);
    const slots = f.kind === 'numeric' ? [f.column] : f.vocabulary.map((v) => `${f.column}=${v}`);
    const slice = { column: f.column, kind: f.kind, start, width, slots };
    start += width;
    return slice;
  });
}

/** Outcome of reading one numeric cell: a number, NaN for missing, or undefined for text that is no number. */
export function parseNumericCell(v: Cell): number | undefined {
  if (v === null) return NaN;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (MISSING_MARKERS.has(v)) return NaN;
  const n = Number(v);
  if (Number.isFinite(n)) return n === 0 && v.trim() === '' ? NaN : n;
  return MISSING_MARKERS.has(v.trim()) ? NaN : undefined;
}

export function notANumberError(column: string, row: number, value: Cell): BindingError {
  return new BindingError(
    `Column '${column}' is numeric in the binding but row ${row + 1} holds '${String(value)}'. ` +
      "Fix that cell (leave it empty or '?' to use the feature's impute value), or encode the column as one-hot instead of numeric.",
  );
}

/** A string lookup that also matches numbers (JSON cells) and trimmed strings. */
export interface ValueIndex {
  byString: Map<string, number>;
  byNumber: Map<number, number>;
}

export function makeValueIndex(values: string[]): ValueIndex {
  const byString = new Map<string, number>();
  const byNumber = new Map<number, number>();
  values.forEach((v, i) => {
    if (!byString.has(v)) byString.set(v, i);
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n) && !byNumber.has(n)) byNumber.set(n, i);
  });
  return { byString, byNumber };
}

/** Index of a cell in the value list, or −1 (null, unknown). */
export function lookupValue(index: ValueIndex, v: Cell): number {
  if (v === null) return -1;
  if (typeof v === 'number') return index.byNumber.get(v) ?? -1;
  const hit = index.byString.get(v);
  if (hit !== undefined) return hit;
  const trimmed = v.trim();
  return trimmed === v ? -1 : (index.byString.get(trimmed) ?? -1);
}

/** A cell as a trimmed string, or null when missing. */
export function cellText(v: Cell): string | null {
  if (v === null) return null;
  if (typeof v === 'number') return String(v);
  const t = v.trim();
  return t === '' ? null : t;
}

/**
 * The table as the binding sees it: the dataset's columns followed by the derived ones. Column
 * `i < base` reads `rows[r][i]`; column `base + j` reads `derived[j][r]`.
 */
export interface ExtendedTable {
  columns: string[];
  base: number;
  rows: Cell[][];
  derived: Cell[][];
  n: number;
}

export function cellAt(t: ExtendedTable, r: number, c: number): Cell {
  return c < t.base ? t.rows[r][c] : t.derived[c - t.base][r];
}

/** Index of a column, or a BindingError that lists the columns there are. */
export function requireColumn(columns: string[], name: string, role: string): number {
  const i = columns.indexOf(name);
  if (i >= 0) return i;
  const shown = columns.slice(0, 40).map((c) => `'${c}'`).join(', ') + (columns.length > 40 ? `, … (${columns.length} in all)` : '');
  throw new BindingError(`The binding's ${role} uses column '${name}', which the dataset does not have. Its columns are ${shown}. Fix the name in the binding or choose the dataset it was written for.`);
}

function deriveColumn(t: ExtendedTable, d: DerivedColumn, from: number): Cell[] {
  const out: Cell[] = new Array(t.n);
  if (d.kind === 'map') {
    const lookup = new Map(Object.entries(d.map));
    for (let r = 0; r < t.n; r++) {
      const text = cellText(cellAt(t, r, from));
      // An unmapped value becomes `otherwise` when given, else passes through unchanged.
      out[r] = text === null ? null : (lookup.get(text) ?? d.otherwise ?? text);
    }
  } else {
    for (let r = 0; r < t.n; r++) {
      const raw = cellAt(t, r, from);
      const v = parseNumericCell(raw);
      if (v === undefined) {
        throw new BindingError(
          `Derived column '${d.name}' bins column '${d.from}', but row ${r + 1} holds '${String(raw)}', which is not a number. Fix that cell or bin a numeric column.`,
        );
      }
      if (Number.isNaN(v)) {
        out[r] = null;
        continue;
      }
      let bin = 0;
      while (bin < d.edges.length && v >= d.edges[bin]) bin++;
      out[r] = d.labels[bin];
    }
  }
  return out;
}

/** Adds the binding's derived columns to the first n rows (each computed from a raw or an earlier derived column). */
export function extendTable(rows: Cell[][], columns: string[], binding: TabularBinding, n = rows.length): ExtendedTable {
  const t: ExtendedTable = { columns: [...columns], base: columns.length, rows, derived: [], n: Math.min(n, rows.length) };
  (binding.derive ?? []).forEach((d, i) => {
    if (t.columns.includes(d.name)) {
      throw new BindingError(
        `The binding's derived column ${i + 1} is named '${d.name}', but ${columns.includes(d.name) ? 'the dataset already has a column' : 'an earlier derived column has'} that name. Give it another name.`,
      );
    }
    const from = requireColumn(t.columns, d.from, `derived column '${d.name}'`);
    t.derived.push(deriveColumn(t, d, from));
    t.columns.push(d.name);
  });
  return t;
}

type CompiledFeature =
  | { kind: 'numeric'; col: number; column: string; offset: number; divisor: number; missing: number; start: number }
  | { kind: 'one-hot'; col: number; column: string; index: ValueIndex; start: number };

function compileFeatures(t: ExtendedTable, binding: TabularBinding): CompiledFeature[] {
  let start = 0;
  return binding.features.map((f, i) => {
    const col = requireColumn(t.columns, f.column, `feature ${i + 1}`);
    const compiled: CompiledFeature =
      f.kind === 'numeric'
        ? {
            kind: 'numeric', col, column: f.column, start,
            offset: f.offset ?? 0,
            divisor: f.divisor ?? 1,
            missing: ((f.impute ?? 0) - (f.offset ?? 0)) / (f.divisor ?? 1),
          }
        : { kind: 'one-hot', col, column: f.column, index: makeValueIndex(f.vocabulary), start };
    start += featureWidth(f);
    return compiled;
  });
}

/** Counts gathered while encoding, for the notes a run shows. */
export interface EncodeStats {
  /** Missing numeric cells per column (imputed). */
  imputed: Map<string, number>;
  /** Values outside the vocabulary per one-hot column, with counts (encoded as zeros). */
  unknown: Map<string, Map<string, number>>;
}

/** Encodes an extended table; writes rows × width values. */
export function encodeExtended(t: ExtendedTable, binding: TabularBinding, stats?: EncodeStats): Float32Array {
  const features = compileFeatures(t, binding);
  const width = tabularWidth(binding);
  const x = new Float32Array(t.n * width);
  const { base, rows, derived } = t;
  for (let r = 0; r < t.n; r++) {
    const row = rows[r];
    const o = r * width;
    for (let k = 0; k < features.length; k++) {
      const f = features[k];
      const v = f.col < base ? row[f.col] : derived[f.col - base][r];
      if (f.kind === 'numeric') {
        const num = parseNumericCell(v);
        if (num === undefined) throw notANumberError(f.column, r, v);
        if (Number.isNaN(num)) {
          x[o + f.start] = f.missing;
          if (stats) stats.imputed.set(f.column, (stats.imputed.get(f.column) ?? 0) + 1);
        } else {
          x[o + f.start] = (num - f.offset) / f.divisor;
        }
      } else {
        const slot = lookupValue(f.index, v);
        if (slot >= 0) {
          x[o + f.start + slot] = 1;
        } else if (stats) {
          let counts = stats.unknown.get(f.column);
          if (!counts) stats.unknown.set(f.column, (counts = new Map()));
          const key = v === null ? MISSING_GROUP : typeof v === 'number' ? String(v) : v;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
  }
  return x;
}

/**
 * Encodes raw rows through a tabular binding: n × width float32 values. Probes use it to re-encode
 * perturbed or counterfactual rows. Throws BindingError for a missing column or a numeric cell
 * holding text.
 */
export function encodeRows(rows: Cell[][], columns: string[], binding: TabularBinding): Float32Array {
  return encodeExtended(extendTable(rows, columns, binding), binding);
}
