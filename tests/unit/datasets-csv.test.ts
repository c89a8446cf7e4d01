import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvText, readCsv } from '../../src/datasets/csv';
import { DatasetError } from '../../src/datasets/errors';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/data/${name}`, import.meta.url)));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readCsv', () => {
  it('keeps raw strings, turns empty cells into null, and hashes the bytes', async () => {
    const d = await readCsv(fixture('people.csv'), { path: 'people.csv' });
    expect(d.data).toEqual({
      kind: 'tabular',
      columns: ['age', 'sex', 'income'],
      rows: [['39', 'Male', '>50K'], ['50', 'Female', '<=50K'], ['?', 'Female', '<=50K'], ['28', 'Other', '>50K']],
    });
    expect(d.manifest.name).toBe('people');
    expect(d.manifest.format).toBe('csv');
    expect(d.manifest.rows).toBe(4);
    // sha256sum tests/fixtures/data/people.csv
    const { createHash } = await import('node:crypto');
    expect(d.manifest.sha256).toBe(createHash('sha256').update(fixture('people.csv')).digest('hex'));
    expect(d.manifest.id).toBe(`people-${d.manifest.sha256.slice(0, 12)}`);
    expect((await readCsv(bytes('a,b\n1,\n'))).data).toMatchObject({ rows: [['1', null]] });
  });

  it('detects a quoted, semicolon-separated file, strips the BOM and ignores blank trailing lines', async () => {
    const d = await readCsv(fixture('people-semicolon.csv'));
    expect(d.data).toEqual({ kind: 'tabular', columns: ['age', 'sex', 'income'], rows: [['39', 'Male', '>50K'], ['50', 'Female', '<=50K']] });
  });

  it('keeps delimiters inside quotes and CRLF line ends', () => {
    const t = parseCsvText('name,note\r\n"Smith, J.","said ""hi"""\r\n');
    expect(t.rows).toEqual([['Smith, J.', 'said "hi"']]);
    expect(t.delimiter).toBe(',');
  });

  it('reads a one-column file', () => {
    expect(parseCsvText('label\n1\n2\n').rows).toEqual([['1'], ['2']]);
  });

  it('names the line and the counts of a ragged row', async () => {
    await expect(readCsv(fixture('ragged.csv'), { path: 'ragged.csv' })).rejects.toThrow(
      "The CSV file 'ragged.csv' has 3 columns in its header but line 3 has 2. Check that line for an unquoted comma",
    );
  });

  it('counts lines through blank lines and quoted line breaks', () => {
    expect(() => parseCsvText('a,b\n1,2\n\n"x\ny",3\n4\n')).toThrow('has 2 columns in its header but line 6 has 1');
  });

  it('rejects a header-only file, an empty file and blank text', async () => {
    await expect(readCsv(fixture('header-only.csv'))).rejects.toThrow('has a header (age, sex, income) but no data rows');
    await expect(readCsv(fixture('empty.csv'))).rejects.toThrow('is empty (0 bytes)');
    await expect(readCsv(bytes('\n\n  \n'))).rejects.toThrow(DatasetError);
  });

  it('rejects duplicate column names and unterminated quotes', () => {
    expect(() => parseCsvText('a,b,a\n1,2,3\n')).toThrow("names the column 'a' twice (columns 1 and 3)");
    expect(() => parseCsvText('a,b\n1,2\n3,"4\n')).toThrow('quote problem near line 3');
  });
});
