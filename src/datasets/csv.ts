/**
 * CSV reader. Cells are kept as the raw strings the file holds (an empty cell becomes null); numbers
 * are converted later, by the binding, which knows which columns are numeric. Keeping strings means
 * '007', '2+' and '1.0' reach one-hot vocabularies exactly as written.
 */
import Papa from 'papaparse';
import type { Cell, Dataset } from '../core/types';
import { DatasetError } from './errors';
import { baseName, makeManifest } from './manifest';
import { decodeText, lineAndColumn } from './text';

export interface CsvTable {
  columns: string[];
  rows: Cell[][];
  delimiter: string;
}

const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0].trim() === '';
}

/** The 1-based line on which record `index` (0 = header) starts, found by parsing again up to it. */
function lineOfRecord(text: string, delimiter: string, index: number): number {
  if (index === 0) return 1;
  let seen = 0;
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    step: (result, parser) => {
      if (seen === index - 1) {
        start = result.meta.cursor;
        parser.abort();
      }
      seen++;
    },
  });
  // The cursor sits on the line break that ends the previous record.
  let line = lineAndColumn(text, start).line;
  if (text.charCodeAt(start) === 13) start++;
  if (text.charCodeAt(start) === 10) line++;
  return line;
}

/** Parses CSV text into a header and rows of raw cells. */
export function parseCsvText(text: string, what = 'CSV file'): CsvTable {
  if (text.trim() === '') {
    throw new DatasetError(`The ${what} holds no text. Choose a CSV file with a header line and at least one row.`);
  }
  const result = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const delimiter = result.meta.delimiter;
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const { line } = lineAndColumn(text, quoteError.index ?? 0);
    throw new DatasetError(
      `The ${what} has a quote problem near line ${line}: ${quoteError.message.toLowerCase()}. ` +
        'Check that every quoted value has a closing quote and that quotes inside values are doubled ("").',
    );
  }
  const records = result.data;
  let headerIndex = 0;
  while (headerIndex < records.length && isBlank(records[headerIndex])) headerIndex++;
  if (headerIndex >= records.length) {
    throw new DatasetError(`The ${what} holds no text. Choose a CSV file with a header line and at least one row.`);
  }
  const header = records[headerIndex];
  const columns = header.map((name, i) => name.trim() || `column_${i + 1}`);
  const seen = new Map<string, number>();
  columns.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new DatasetError(
        `The ${what}'s header names the column '${name}' twice (columns ${first + 1} and ${i + 1}). Rename one of them so every column has its own name.`,
      );
    }
    seen.set(name, i);
  });
  const width = columns.length;
  const rows: Cell[][] = [];
  for (let r = headerIndex + 1; r < records.length; r++) {
    const record = records[r];
    if (isBlank(record)) continue;
    if (record.length !== width) {
      const line = lineOfRecord(text, delimiter, r);
      const delimName = delimiterNames[delimiter] ?? `'${delimiter}'`;
      throw new DatasetError(
        `The ${what} has ${plural(width, 'column')} in its header but line ${line} has ${record.length}. ` +
          `Check that line for an unquoted ${delimName} inside a value or a missing value, or quote values that contain the delimiter.`,
      );
    }
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = record[c] === '' ? null : record[c];
    rows.push(row);
  }
  if (rows.length === 0) {
    throw new DatasetError(
      `The ${what} has a header (${columns.slice(0, 5).join(', ')}${columns.length > 5 ? ', …' : ''}) but no data rows. Add at least one row below the header.`,
    );
  }
  return { columns, rows, delimiter };
}

/** Reads a CSV file (header required, delimiter detected) into a tabular Dataset. */
export async function readCsv(bytes: Uint8Array, opts: { name?: string; path?: string } = {}): Promise<Dataset> {
  const label = opts.path ? `CSV file '${opts.path}'` : 'CSV file';
  const table = parseCsvText(decodeText(bytes, label), label);
  const name = opts.name ?? (opts.path ? baseName(opts.path) : 'dataset');
  const manifest = await makeManifest({ name, format: 'csv', parts: [bytes], rows: table.rows.length });
  return { manifest, data: { kind: 'tabular', columns: table.columns, rows: table.rows } };
}
