/**
 * Every (column, sensitive attribute) association of a proxy search, from one pass over the
 * samples (or a bootstrap resample). Each column is counted against the *cells* (combinations of
 * all the sensitive attributes) once, and the per-attribute tables are summed from the cells
 * afterwards, so a resample costs one update per column per drawn sample however many
 * attributes there are.
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
  /** Categorical columns: per sample, its slot in each column's level × cell table (offsets included). */
  private readonly slots: Int32Array;
  private readonly categorical: { column: number; offset: number; levels: number }[] = [];
  private readonly counts: Float64Array;
  /** Numeric columns: per sample, its (centred) value in each, NaN when missing, and its cell. */
  private readonly numbers: Float64Array;
  private readonly cellOf: Int32Array;
  private readonly numeric: { column: number }[] = [];
  private readonly count: Float64Array;
  private readonly sum: Float64Array;
  private readonly squares: Float64Array;

  constructor(columns: ProxyColumn[], coding: CellCoding) {
    const n = coding.cellOf.length;
    this.n = n;
    this.cellOf = coding.cellOf;
    const cells = coding.cellValues.length;
    this.cellCount = cells;
    this.valueOfCell = coding.attributes.map((_, a) => Int32Array.from(coding.cellValues, (key) => key[a]));
    this.valueCounts = coding.values.map((v) => v.length);
    columns.forEach((column, c) => {
      if (column.kind === 'skipped') return;
      coding.attributes.forEach((_, a) => this.pairs.push({ column: c, attribute: a, measure: column.kind === 'categorical' ? 'cramers_v' : 'correlation_ratio' }));
    });

    const categorical = columns.map((column, c) => ({ column, c })).filter((e): e is { column: Extract<ProxyColumn, { kind: 'categorical' }>; c: number } => e.column.kind === 'categorical');
    const perSample = categorical.length;
    this.slots = new Int32Array(n * perSample);
    let offset = 0;
    categorical.forEach(({ column, c }, k) => {
      for (let i = 0; i < n; i++) this.slots[i * perSample + k] = offset + column.codes[i] * cells + coding.cellOf[i];
      this.categorical.push({ column: c, offset, levels: column.levels.length });
      offset += column.levels.length * cells;
    });
    this.counts = new Float64Array(offset);

    const numeric = columns.map((column, c) => ({ column, c })).filter((e): e is { column: Extract<ProxyColumn, { kind: 'numeric' }>; c: number } => e.column.kind === 'numeric');
    this.numbers = new Float64Array(n * numeric.length);
    numeric.forEach(({ column, c }, k) => {
      let total = 0;
      let defined = 0;
      for (const v of column.values) if (!Number.isNaN(v)) { total += v; defined++; }
      // Centred, so sums of squares keep their precision for large values (e.g. fnlwgt).
      const mean = defined === 0 ? 0 : total / defined;
      for (let i = 0; i < n; i++) this.numbers[i * numeric.length + k] = column.values[i] - mean;
      this.numeric.push({ column: c });
    });
    this.count = new Float64Array(numeric.length * cells);
    this.sum = new Float64Array(numeric.length * cells);
    this.squares = new Float64Array(numeric.length * cells);
  }

  /** Association of every pair over all samples, or over a resample's `indices` (repeats allowed). */
  scores(indices: Int32Array | null): Defined[] {
    // Locals rather than fields in the loop, so V8 keeps them in registers.
    const { slots, counts, numbers, cellOf, count, sum, squares, cellCount } = this;
    counts.fill(0);
    count.fill(0);
    sum.fill(0);
    squares.fill(0);
    const total = indices ? indices.length : this.n;
    const perCat = this.categorical.length;
    const perNum = this.numeric.length;
    for (let j = 0; j < total; j++) {
      const i = indices ? indices[j] : j;
      const slotBase = i * perCat;
      for (let p = 0; p < perCat; p++) counts[slots[slotBase + p]] += 1;
      const numberBase = i * perNum;
      const cell = cellOf[i];
      for (let k = 0; k < perNum; k++) {
        const v = numbers[numberBase + k];
        if (v !== v) continue; // NaN: missing
        const s = k * cellCount + cell;
        count[s] += 1;
        sum[s] += v;
        squares[s] += v * v;
      }
    }
    return this.pairs.map((pair) => this.score(pair));
  }

  private score(pair: ProxyPair): Defined {
    const values = this.valueCounts[pair.attribute];
    const valueOf = this.valueOfCell[pair.attribute];
    const cells = this.cellCount;
    if (pair.measure === 'cramers_v') {
      const t = this.categorical.find((x) => x.column === pair.column)!;
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
