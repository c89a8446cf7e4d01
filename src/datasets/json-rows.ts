/**
 * JSON rows reader: an array of objects (penguins.json style; keys become columns in first-seen
 * order, a missing key or null is a missing cell) or `{ "columns": [...], "rows": [[...], ...] }`.
 * Numbers stay numbers and strings stay strings; booleans become 'true' / 'false'.
 */
import type { Cell, Dataset } from '../core/types';
import { DatasetError } from './errors';
import { baseName, makeManifest } from './manifest';
import { decodeText, lineAndColumn } from './text';

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatasetError(
      `The ${what} is not valid JSON${describeWhere(text, detail)}: ${detail.replace(/ in JSON at position \d+.*$/, '')}. ` +
        'Fix the file (a JSON validator shows the exact spot) or export the data again.',
    );
  }
}

/** Where JSON.parse stopped, from its message (V8 gives an offset, Firefox a line and column). */
function describeWhere(text: string, detail: string): string {
  const position = /position (\d+)/.exec(detail);
  if (position) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    return ` at line ${line}, column ${column}`;
  }
  const lineColumn = /line (\d+) column (\d+)/.exec(detail);
  if (lineColumn) return ` at line ${lineColumn[1]}, column ${lineColumn[2]}`;
  if (/end/i.test(detail)) return ' (it ends too early)';
  return '';
}

function toCell(value: unknown, row: number, column: string, what: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new DatasetError(
    `The ${what} has a ${Array.isArray(value) ? 'list' : 'nested object'} in row ${row + 1}, column '${column}'. ` +
      'Each cell must be a string, a number, true/false or null: flatten the data into one value per column first.',
  );
}

function fromObjects(items: unknown[], what: string): { columns: string[]; rows: Cell[][] } {
  const index = new Map<string, number>();
  const columns: string[] = [];
  items.forEach((item, r) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new DatasetError(
        `The ${what} is a list, but item ${r + 1} is ${item === null ? 'null' : Array.isArray(item) ? 'a list' : `a ${typeof item}`}, not an object. ` +
          'Use a list of objects like [{"age": 39, "sex": "Male"}, …] or {"columns": [...], "rows": [[...], …]}.',
      );
    }
    for (const key of Object.keys(item)) {
      if (!index.has(key)) {
        index.set(key, columns.length);
        columns.push(key);
      }
    }
  });
  const rows = items.map((item, r) => {
    const row: Cell[] = new Array(columns.length).fill(null);
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      row[index.get(key)!] = toCell(value, r, key, what);
    }
    return row;
  });
  return { columns, rows };
}

function fromTable(table: Record<string, unknown>, what: string): { columns: string[]; rows: Cell[][] } {
  const { columns, rows } = table;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
    throw new DatasetError(`The ${what}'s "columns" must be a list of column names (strings).`);
  }
  if (!Array.isArray(rows)) {
    throw new DatasetError(`The ${what} has "columns" but its "rows" is not a list. Give "rows" as a list of lists, one per row.`);
  }
  const out = rows.map((row, r) => {
    if (!Array.isArray(row)) {
      throw new DatasetError(`The ${what}'s row ${r + 1} is not a list. Each row must be a list of ${columns.length} values.`);
    }
    if (row.length !== columns.length) {
      throw new DatasetError(
        `The ${what} has ${columns.length} columns but row ${r + 1} has ${row.length} values. Give every row one value per column (null for a missing one).`,
      );
    }
    return row.map((value, c) => toCell(value, r, columns[c], what));
  });
  return { columns: columns as string[], rows: out };
}

/** Reads JSON rows into a tabular Dataset. */
export async function readJsonRows(bytes: Uint8Array, opts: { name?: string; path?: string } = {}): Promise<Dataset> {
  const what = opts.path ? `JSON file '${opts.path}'` : 'JSON file';
  const json = parseJson(decodeText(bytes, what), what);
  let table: { columns: string[]; rows: Cell[][] };
  if (Array.isArray(json)) {
    table = fromObjects(json, what);
  } else if (json !== null && typeof json === 'object' && 'columns' in json && 'rows' in json) {
    table = fromTable(json as Record<string, unknown>, what);
  } else {
    throw new DatasetError(
      `The ${what} is valid JSON but not a table. Use a list of objects like [{"age": 39, "sex": "Male"}, …] or {"columns": [...], "rows": [[...], …]}.`,
    );
  }
  if (table.rows.length === 0) {
    throw new DatasetError(`The ${what} holds no rows. Add at least one row.`);
  }
  if (table.columns.length === 0) {
    throw new DatasetError(`The ${what}'s rows have no fields. Each row needs at least one named value.`);
  }
  const name = opts.name ?? (opts.path ? baseName(opts.path) : 'dataset');
  const manifest = await makeManifest({ name, format: 'json', parts: [bytes], rows: table.rows.length });
  return { manifest, data: { kind: 'tabular', columns: table.columns, rows: table.rows } };
}
