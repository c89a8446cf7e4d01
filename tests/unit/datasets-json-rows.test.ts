import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/datasets/errors';
import { readJsonRows } from '../../src/datasets/json-rows';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/data/${name}`, import.meta.url)));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readJsonRows', () => {
  it('reads a list of objects, keeping numbers and nulls', async () => {
    const d = await readJsonRows(fixture('people.json'), { path: 'people.json' });
    expect(d.manifest).toMatchObject({ name: 'people', format: 'json', rows: 3 });
    expect(d.data).toEqual({
      kind: 'tabular',
      columns: ['age', 'sex', 'income'],
      rows: [[39, 'Male', '>50K'], [50, 'Female', '<=50K'], [null, 'Female', '<=50K']],
    });
  });

  it('takes columns in first-seen order; a missing key is null; booleans become text', async () => {
    const d = await readJsonRows(bytes('[{"a":1},{"b":true,"a":2}]'));
    expect(d.data).toEqual({ kind: 'tabular', columns: ['a', 'b'], rows: [[1, null], [2, 'true']] });
  });

  it('reads {columns, rows}', async () => {
    const d = await readJsonRows(fixture('people-table.json'));
    expect(d.data).toEqual({ kind: 'tabular', columns: ['age', 'sex', 'income'], rows: [[39, 'Male', '>50K'], [50, 'Female', '<=50K']] });
  });

  it('gives the line and column of invalid JSON', async () => {
    await expect(readJsonRows(fixture('invalid.json'), { path: 'invalid.json' })).rejects.toThrow(
      /^The JSON file 'invalid.json' is not valid JSON at line 2, column 13: .*Fix the file/,
    );
    await expect(readJsonRows(bytes('[{"a": 1}'))).rejects.toThrow(DatasetError);
  });

  it('rejects JSON that is not a table, nested values, ragged rows and empty lists', async () => {
    await expect(readJsonRows(bytes('{"a": 1}'))).rejects.toThrow('is valid JSON but not a table');
    await expect(readJsonRows(bytes('[1, 2]'))).rejects.toThrow('item 1 is a number, not an object');
    await expect(readJsonRows(bytes('[{"a": {"b": 1}}]'))).rejects.toThrow("nested object in row 1, column 'a'");
    await expect(readJsonRows(bytes('{"columns": ["a", "b"], "rows": [[1, 2], [3]]}'))).rejects.toThrow('has 2 columns but row 2 has 1 values');
    await expect(readJsonRows(bytes('[]'))).rejects.toThrow('holds no rows');
    await expect(readJsonRows(new Uint8Array())).rejects.toThrow('is empty (0 bytes)');
  });
});
