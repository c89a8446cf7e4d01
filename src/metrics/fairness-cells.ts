/**
 * Groups defined by sensitive attributes and their intersections. Every sample belongs to one
 * *cell*: its combination of values of all the attributes analysed (the finest grouping). A
 * *partition* groups cells by a subset of the attributes: `sex`, `race`, or `sex × race`
 * (Fairlearn's MetricFrame with several sensitive features gives the same intersections; see
 * https://fairlearn.org/main/user_guide/assessment/intersecting_groups.html). Counting per cell
 * once and merging cells into groups keeps a bootstrap resample to one pass over the samples.
 */

export interface CellCoding {
  /** The attributes, in the order given. */
  attributes: string[];
  /** Distinct values of each attribute, most frequent first (ties by name). */
  values: string[][];
  /** Cell of each sample. */
  cellOf: Int32Array;
  /** For each cell, the value index of each attribute. */
  cellValues: number[][];
}

/** One group of a partition: a combination of values of the partition's attributes. */
export interface Group {
  /** e.g. "Female" or "Female × Black". */
  label: string;
  /** The value of each attribute of the partition. */
  values: string[];
}

export interface Partition {
  /** e.g. "sex" or "sex × race". */
  name: string;
  attributes: string[];
  groups: Group[];
  /** Group of each cell. */
  groupOfCell: Int32Array;
}

/** Separator in the names of intersections. */
export const CROSS = ' × ';

function valuesByFrequency(column: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of column) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
}

/**
 * Codes samples into cells. `columns[a][i]` is the value of attribute `a` for sample `i`; all
 * columns must have the same length.
 */
export function codeCells(attributes: string[], columns: string[][]): CellCoding {
  if (attributes.length !== columns.length || attributes.length === 0) {
    throw new RangeError(`codeCells needs one column per attribute and at least one attribute; got ${attributes.length} names and ${columns.length} columns.`);
  }
  const n = columns[0].length;
  for (const c of columns) {
    if (c.length !== n) throw new RangeError(`Every sensitive column must have one value per sample; got ${n} and ${c.length}.`);
  }
  const values = columns.map(valuesByFrequency);
  const valueIndex = values.map((list) => new Map(list.map((v, k) => [v, k])));
  const cellOf = new Int32Array(n);
  const cellByKey = new Map<string, number>();
  const keys: number[][] = [];
  for (let i = 0; i < n; i++) {
    const key = columns.map((c, a) => valueIndex[a].get(c[i])!);
    const text = key.join(',');
    let cell = cellByKey.get(text);
    if (cell === undefined) {
      cell = keys.length;
      cellByKey.set(text, cell);
      keys.push(key);
    }
    cellOf[i] = cell;
  }
  return { attributes: [...attributes], values, cellOf, cellValues: keys };
}

/** Every subset of 1…maxOrder of the attributes, singles first, in attribute order. */
export function attributeSubsets(count: number, maxOrder: number): number[][] {
  const out: number[][] = [];
  const order = Math.min(Math.max(1, Math.floor(maxOrder)), count);
  const extend = (start: number, chosen: number[], size: number): void => {
    if (chosen.length === size) {
      out.push([...chosen]);
      return;
    }
    for (let a = start; a < count; a++) extend(a + 1, [...chosen, a], size);
  };
  for (let size = 1; size <= order; size++) extend(0, [], size);
  return out;
}

/**
 * The partitions by each attribute and by each intersection of up to `maxOrder` attributes.
 * Groups are those that occur, ordered by the attributes' value order (most frequent first).
 */
export function partitionsOf(coding: CellCoding, maxOrder: number): Partition[] {
  return attributeSubsets(coding.attributes.length, maxOrder).map((subset) => partitionBy(coding, subset));
}

export function partitionBy(coding: CellCoding, subset: number[]): Partition {
  const cells = coding.cellValues;
  const keyOf = (cell: number[]): number[] => subset.map((a) => cell[a]);
  const distinct = new Map<string, number[]>();
  for (const cell of cells) {
    const key = keyOf(cell);
    distinct.set(key.join(','), key);
  }
  const sorted = [...distinct.values()].sort((a, b) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return 0;
  });
  const groupIndex = new Map(sorted.map((key, g) => [key.join(','), g]));
  const groups: Group[] = sorted.map((key) => {
    const values = key.map((v, k) => coding.values[subset[k]][v]);
    return { label: values.join(CROSS), values };
  });
  const groupOfCell = Int32Array.from(cells, (cell) => groupIndex.get(keyOf(cell).join(','))!);
  return { name: subset.map((a) => coding.attributes[a]).join(CROSS), attributes: subset.map((a) => coding.attributes[a]), groups, groupOfCell };
}
