/**
 * How to change one sensitive attribute of a raw row. A sensitive attribute is either a raw column
 * or a column the binding derives from one (German credit's sex from personal_status, an age group
 * from age). Changing a derived attribute means changing its source: each target value is written
 * as the most common source value among the rows that have it (for sex = male, the commonest
 * male personal_status code; for an age group, the commonest age in that group). An attribute
 * that no model input depends on cannot change a decision, so it is reported as untestable
 * rather than as "no flips".
 */
import { cellText, MISSING_GROUP } from '../../core/encode-tabular';
import type { Cell, TabularBinding, TabularData } from '../../core/types';

/** Attributes with more values than this (a raw number, an identifier) are not flip-tested. */
export const MAX_VALUES = 20;

export type SwapPlan =
  | {
      attribute: string;
      testable: true;
      /** The raw column written. */
      column: string;
      columnIndex: number;
      /** Whether the attribute is derived from `column`. */
      derived: boolean;
      /** Values of the attribute, most frequent first. */
      values: string[];
      /** The raw cell written for each value. */
      rawFor: Map<string, Cell>;
      /** How values are written, in words. */
      how: string;
    }
  | { attribute: string; testable: false; reason: string };

/** Raw and derived columns that reach the model's input, directly or through derived columns. */
export function columnsReachingModel(binding: TabularBinding): Set<string> {
  const used = new Set(binding.features.map((f) => f.column));
  const derive = binding.derive ?? [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of derive) {
      if (used.has(d.name) && !used.has(d.from)) {
        used.add(d.from);
        grew = true;
      }
    }
  }
  return used;
}

function frequencyOrder(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== MISSING_GROUP) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

/** The commonest raw cell of `columnIndex` among the first n rows whose attribute has each value. */
function commonestRaw(rows: Cell[][], columnIndex: number, attributeValues: string[], values: string[]): Map<string, Cell> {
  const tallies = new Map<string, Map<string, { cell: Cell; count: number }>>();
  for (let i = 0; i < attributeValues.length; i++) {
    const v = attributeValues[i];
    const cell = rows[i][columnIndex];
    const key = cellText(cell);
    if (key === null) continue;
    let tally = tallies.get(v);
    if (!tally) tallies.set(v, (tally = new Map()));
    const entry = tally.get(key);
    if (entry) entry.count++;
    else tally.set(key, { cell, count: 1 });
  }
  const out = new Map<string, Cell>();
  for (const v of values) {
    const entries = [...(tallies.get(v)?.values() ?? [])].sort((a, b) => b.count - a.count || (String(a.cell) < String(b.cell) ? -1 : 1));
    if (entries.length > 0) out.set(v, entries[0].cell);
  }
  return out;
}

export function planSwap(attribute: string, data: TabularData, binding: TabularBinding, attributeValues: string[]): SwapPlan {
  const derived = (binding.derive ?? []).find((d) => d.name === attribute);
  const column = derived ? derived.from : attribute;
  if (derived && (binding.derive ?? []).some((d) => d.name === derived.from)) {
    return { attribute, testable: false, reason: `'${attribute}' is derived from the derived column '${derived.from}'; the flip test changes raw columns only` };
  }
  const columnIndex = data.columns.indexOf(column);
  if (columnIndex < 0) {
    return { attribute, testable: false, reason: `the dataset's rows have no column '${column}' to change` };
  }
  if (!columnsReachingModel(binding).has(column)) {
    const via = derived ? ` (derived from '${column}')` : '';
    return {
      attribute,
      testable: false,
      reason: `'${attribute}'${via} is not an input of the model: no feature of the binding depends on ${derived ? `'${column}'` : 'it'}, so changing it cannot change a decision. ` +
        'Zero flips here would be true by construction, not evidence of fairness; its influence can only come through proxies (see fairness/proxies)',
    };
  }
  const values = frequencyOrder(attributeValues);
  if (values.length > MAX_VALUES) {
    return {
      attribute, testable: false,
      reason: `'${attribute}' takes ${values.length} values; the flip test tries every other value for every row, so it needs at most ${MAX_VALUES}. Group it with a derived column (bins or map) in the binding`,
    };
  }
  if (values.length < 2) {
    return { attribute, testable: false, reason: `only one value of '${attribute}' is present${values.length ? ` ('${values[0]}')` : ''}, so there is no other value to change to` };
  }
  const rawFor = commonestRaw(data.rows, columnIndex, attributeValues, values);
  const how = derived
    ? `'${attribute}' is changed through '${column}': ${values.map((v) => `${v} → ${String(rawFor.get(v))}`).join(', ')} (the commonest '${column}' value of each group)`
    : `'${attribute}' is changed in place`;
  return { attribute, testable: true, column, columnIndex, derived: derived !== undefined, values, rawFor, how };
}
