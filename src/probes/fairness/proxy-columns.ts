/**
 * The raw columns a proxy search looks at, each read once into codes (categorical) or numbers
 * (numeric). Left out: the target, the split column, the sensitive attributes themselves and the
 * raw columns they are derived from (age is trivially associated with an age group).
 */
import { cellAt, cellText, extendTable, MISSING_GROUP, parseNumericCell } from '../../core/encode-tabular';
import type { TabularBinding, TabularData } from '../../core/types';

export type ProxyColumn =
  | { column: string; kind: 'categorical'; codes: Int32Array; levels: string[] }
  | { column: string; kind: 'numeric'; values: Float64Array }
  | { column: string; kind: 'skipped'; reason: string };

/** A column whose cells are all numbers is read as numeric when it has more than this many distinct values. */
const NUMERIC_MIN_DISTINCT = 10;

export function excludedColumns(binding: TabularBinding, attributes: string[]): Map<string, string> {
  const out = new Map<string, string>();
  out.set(binding.target, 'the target');
  if (binding.split) out.set(binding.split.column, 'the member/non-member split');
  for (const a of attributes) {
    const derived = (binding.derive ?? []).find((d) => d.name === a);
    out.set(a, 'a sensitive attribute');
    if (derived) out.set(derived.from, `the source of the sensitive attribute '${a}'`);
  }
  return out;
}

export function readProxyColumns(data: TabularData, binding: TabularBinding, n: number, attributes: string[], maxCategories: number): ProxyColumn[] {
  const excluded = excludedColumns(binding, attributes);
  // Derived columns are included only when they are features (a model input made from a raw column).
  const table = extendTable(data.rows, data.columns, binding, n);
  const featureKind = new Map(binding.features.map((f) => [f.column, f.kind]));
  const candidates = table.columns.filter((c, i) => i < table.base || featureKind.has(c));
  return candidates.filter((c) => !excluded.has(c)).map((column): ProxyColumn => {
    const index = table.columns.indexOf(column);
    const declared = featureKind.get(column);
    const numbers = new Float64Array(table.n);
    let allNumbers = declared !== 'one-hot';
    const distinct = new Set<string>();
    for (let r = 0; r < table.n; r++) {
      const cell = cellAt(table, r, index);
      const text = cellText(cell);
      distinct.add(text ?? MISSING_GROUP);
      if (!allNumbers) continue;
      const v = parseNumericCell(cell);
      if (v === undefined) allNumbers = false;
      else numbers[r] = v;
    }
    if (declared === 'numeric' || (allNumbers && distinct.size > NUMERIC_MIN_DISTINCT)) {
      if (!allNumbers) return { column, kind: 'skipped', reason: 'numeric in the binding but holds text' };
      return { column, kind: 'numeric', values: numbers };
    }
    if (distinct.size > maxCategories) {
      return { column, kind: 'skipped', reason: `${distinct.size} distinct values: too many for a category (more than ${maxCategories}), and not all numbers` };
    }
    const levels = [...distinct].sort();
    const levelIndex = new Map(levels.map((l, k) => [l, k]));
    const codes = new Int32Array(table.n);
    for (let r = 0; r < table.n; r++) codes[r] = levelIndex.get(cellText(cellAt(table, r, index)) ?? MISSING_GROUP)!;
    return { column, kind: 'categorical', codes, levels };
  });
}
