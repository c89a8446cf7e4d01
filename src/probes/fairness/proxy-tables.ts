/**
 * Every (column, sensitive attribute) association of a proxy search, from one pass over the
 * samples (or a bootstrap resample). Each column is counted against the *cells* (combinations of
 * all the sensitive attributes) once, and the per-attribute tables are summed from the cells
 * afterwards, so a resample costs one update per column per drawn sample however many
 * attributes there are. A numeric column with few distinct values (ages, counts, hours) is
 * counted as a value × cell table too, and its moments are read from the table.
 */
import { correlationRatio, cramersV } from '../../metrics/association';
import type { Defined } from '../../metrics/defined';
import type { CellCoding } from '../../metrics/fairness-cells';
import type { ProxyColumn } from './proxy-columns';

export interface ProxyPair {
  /** Index in the columns given. */
  column: number;
  /** Index in the coding's attributes. */
  attribute: number;
  measure: 'cramers_v' | 'correlation_ratio';
}

export class ProxyTables {
  readonly pairs: ProxyPair[] = [];
  private readonly n: number;
  private readonly cellCount: number;
  /** Per attribute, the value index of each cell. */
  private readonly valueOfCell: Int32Array[];
  private readonly valueCounts: number[];
  /** Tabled columns: per sample, its slot in each column's level × cell table (offsets included). */
  private readonly slots: Int32Array;
  /** `values`: for a numeric column counted as a table, the (centred) number of each level; NaN = missing. */
  private readonly categorical: { column: number; offset: number; levels: number; values?: Float64Array }[] = [];
  private readonly counts: Float64Array;
  /** Numeric columns: per sample, its (centred) value in each, NaN when missing, and its cell. */
  private readonly numbers: Float64Array;
  private readonly cellOf: Int32Array;
  private readonly numeric: { column: number }[] = [];
  private readonly count: Float64Array;
  private readonly sum: Float64Array;
  private readonly squares: Float64Array;
  /** How often each sample is drawn in the current resample. */
  private readonly weights: Int32Array;

  constructor(columns: ProxyColumn[], coding: CellCoding) {
    const n = coding.cellOf.length;
    this.n = n;
    this.weights = new Int32Array(n);
    this.cellOf = coding.cellOf;
    const cells = coding.cellValues.length;
    this.cellCount = cells;
    this.valueOfCell = coding.attributes.map((_, a) => Int32Array.from(coding.cellValues, (key) => key[a]));
    this.valueCounts = coding.values.map((v) => v.length);
    columns.forEach((column, c) => {
      if (column.kind === 'skipped') return;
      coding.attributes.forEach((_, a) => this.pairs.push({ column: c, attribute: a, measure: column.kind === 'categorical' ? 'cramers_v' : 'correlation_ratio' }));
    });

    // Every column as level codes when it is categorical or has few distinct numbers.
    const tabled: { c: number; codes: Int32Array; levels: number; values?: Float64Array }[] = [];
    const numeric: { c: number; values: Float64Array }[] = [];
    columns.forEach((column, c) => {
      if (column.kind === 'categorical') tabled.push({ c, codes: column.codes, levels: column.levels.length });
      if (column.kind !== 'numeric') return;
      const centredValues = centre(column.values);
      const table = asTable(centredValues);
      if (table) tabled.push({ c, ...table });
      else numeric.push({ c, values: centredValues });
    });
    const perSample = tabled.length;
    this.slots = new Int32Array(n * perSample);
    let offset = 0;
    tabled.forEach(({ c, codes, levels, values }, k) => {
      for (let i = 0; i < n; i++) this.slots[i * perSample + k] = offset + codes[i] * cells + coding.cellOf[i];
      this.categorical.push({ column: c, offset, levels, ...(values ? { values } : {}) });
      offset += levels * cells;
    });
    this.counts = new Float64Array(offset);

    this.numbers = new Float64Array(n * numeric.length);
    numeric.forEach(({ c, values }, k) => {
      for (let i = 0; i < n; i++) this.numbers[i * numeric.length + k] = values[i];
      this.numeric.push({ column: c });
    });
    this.count = new Float64Array(numeric.length * cells);
    this.sum = new Float64Array(numeric.length * cells);
    this.squares = new Float64Array(numeric.length * cells);
  }

  /** Association of every pair over all samples, or over a resample's `indices` (repeats allowed). */
  scores(indices: Int32Array | null): Defined[] {
    // Locals rather than fields in the loop, so V8 keeps them in registers.
    const { slots, counts, numbers, cellOf, count, sum, squares, cellCount, weights, n } = this;
    counts.fill(0);
    count.fill(0);
    sum.fill(0);
    squares.fill(0);
    // A resample as multiplicities, so the samples are then visited in memory order.
    if (indices) {
      weights.fill(0);
      for (let j = 0; j < indices.length; j++) weights[indices[j]]++;
    } else {
      weights.fill(1);
    }
    const perCat = this.categorical.length;
    const perNum = this.numeric.length;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const slotBase = i * perCat;
      for (let p = 0; p < perCat; p++) counts[slots[slotBase + p]] += w;
      const numberBase = i * perNum;
      const cell = cellOf[i];
      for (let k = 0; k < perNum; k++) {
        const v = numbers[numberBase + k];
        if (v !== v) continue; // NaN: missing
        const s = k * cellCount + cell;
        const wv = w * v;
        count[s] += w;
        sum[s] += wv;
        squares[s] += wv * v;
      }
    }
    return this.pairs.map((pair) => this.score(pair));
  }

  /** Per attribute value: count, sum and sum of squares of a numeric column counted as a table. */
  private tableMoments(t: { offset: number; levels: number; values?: Float64Array }, values: number, valueOf: Int32Array) {
    const cells = this.cellCount;
    const count = new Float64Array(values);
    const sum = new Float64Array(values);
    const squares = new Float64Array(values);
    for (let level = 0; level < t.levels; level++) {
      const x = t.values![level];
      if (x !== x) continue; // the missing level
      const base = t.offset + level * cells;
      for (let c = 0; c < cells; c++) {
        const w = this.counts[base + c];
        if (w === 0) continue;
        count[valueOf[c]] += w;
        sum[valueOf[c]] += w * x;
        squares[valueOf[c]] += w * x * x;
      }
    }
    return { count, sum, squares };
  }

  private score(pair: ProxyPair): Defined {
    const values = this.valueCounts[pair.attribute];
    const valueOf = this.valueOfCell[pair.attribute];
    const cells = this.cellCount;
    const t = this.categorical.find((x) => x.column === pair.column);
    if (t?.values) return correlationRatio(this.tableMoments(t, values, valueOf));
    if (t) {
      const table = new Float64Array(t.levels * values);
      for (let level = 0; level < t.levels; level++) {
        const base = t.offset + level * cells;
        for (let c = 0; c < cells; c++) table[level * values + valueOf[c]] += this.counts[base + c];
      }
      return cramersV(table, t.levels, values);
    }
    const k = this.numeric.findIndex((x) => x.column === pair.column);
    const count = new Float64Array(values);
    const sum = new Float64Array(values);
    const squares = new Float64Array(values);
    for (let c = 0; c < cells; c++) {
      const s = k * cells + c;
      count[valueOf[c]] += this.count[s];
      sum[valueOf[c]] += this.sum[s];
      squares[valueOf[c]] += this.squares[s];
    }
    return correlationRatio({ count, sum, squares });
  }
}

/** Numeric columns with at most this many distinct values are counted as tables. */
const MAX_TABLE_LEVELS = 256;

/** x minus its mean over the defined values, so sums of squares keep their precision (e.g. fnlwgt). */
function centre(x: Float64Array): Float64Array {
  let total = 0;
  let defined = 0;
  for (const v of x) if (!Number.isNaN(v)) { total += v; defined++; }
  const mean = defined === 0 ? 0 : total / defined;
  return x.map((v) => v - mean);
}

/** Level codes of a numeric column with few distinct values (the last level = missing), or null. */
function asTable(x: Float64Array): { codes: Int32Array; levels: number; values: Float64Array } | null {
  const distinct = new Map<number, number>();
  for (const v of x) {
    if (Number.isNaN(v) || distinct.has(v)) continue;
    if (distinct.size === MAX_TABLE_LEVELS) return null;
    distinct.set(v, distinct.size);
  }
  const values = Float64Array.from([...distinct.keys(), NaN]);
  const missing = distinct.size;
  return { codes: Int32Array.from(x, (v) => (Number.isNaN(v) ? missing : distinct.get(v)!)), levels: values.length, values };
}
