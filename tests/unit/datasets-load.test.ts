import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/datasets/errors';
import { loadDataset } from '../../src/datasets/load';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/data/${name}`, import.meta.url)));
const file = (name: string, path = name) => ({ path, bytes: fixture(name) });

describe('loadDataset', () => {
  it('dispatches CSV, JSON, IDX and images by content and extension', async () => {
    expect((await loadDataset([file('people.csv')])).manifest).toMatchObject({ format: 'csv', name: 'people', rows: 4 });
    expect((await loadDataset([file('people.json')])).manifest).toMatchObject({ format: 'json', rows: 3 });
    // JSON sniffed from its first character even without an extension.
    expect((await loadDataset([file('people.json', 'rows')])).manifest.format).toBe('json');
    const idx = await loadDataset([file('tiny-labels-idx1-ubyte.gz'), file('tiny-images-idx3-ubyte.gz')]);
    expect(idx.manifest).toMatchObject({ format: 'idx', rows: 3, name: 'tiny' });
    expect(idx.data.kind === 'image' && idx.data.labels).toEqual(['7', '2', '1']);
    const images = await loadDataset([file('images/digit_00_3.png'), file('images/digit_01_5.png'), file('images/labels.csv')]);
    expect(images.manifest).toMatchObject({ format: 'images', name: 'images', rows: 2 });
    expect(images.data.kind === 'image' && images.data.labels).toEqual(['8', '9']);
  });

  it('uses the name it is given', async () => {
    expect((await loadDataset([file('people.csv')], { name: 'My people' })).manifest).toMatchObject({ name: 'My people', id: expect.stringMatching(/^my-people-[0-9a-f]{12}$/) });
  });

  it('ignores licence and readme files beside images', async () => {
    const licence = { path: 'images/LICENSE.txt', bytes: new TextEncoder().encode('MIT License\nCopyright, someone\n') };
    const d = await loadDataset([file('images/digit_00_3.png'), licence]);
    expect(d.manifest.rows).toBe(1);
    expect(d.data.kind === 'image' && d.data.labels).toEqual(['3']);
  });

  it('hashes a gzipped CSV by the bytes given', async () => {
    const { gzipSync } = await import('fflate');
    const { createHash } = await import('node:crypto');
    const gz = gzipSync(fixture('people.csv'), { mtime: 0 });
    const d = await loadDataset([{ path: 'people.csv.gz', bytes: gz }]);
    expect(d.manifest).toMatchObject({ format: 'csv', name: 'people', rows: 4, sha256: createHash('sha256').update(gz).digest('hex') });
  });

  it('refuses unknown types, empty files, mixtures and lone label files with what it accepts', async () => {
    await expect(loadDataset([file('random-bytes.bin')])).rejects.toThrow(/'random-bytes.bin' is not a dataset this app can read. Use a CSV file .* PNG\/JPEG images/);
    await expect(loadDataset([file('empty.csv')])).rejects.toThrow("The file 'empty.csv' is empty (0 bytes)");
    await expect(loadDataset([])).rejects.toThrow(DatasetError);
    await expect(loadDataset([file('people.csv'), file('tiny-images-idx3-ubyte')])).rejects.toThrow('These files mix dataset types');
    await expect(loadDataset([file('people.csv'), file('people.json')])).rejects.toThrow('Only one table can be loaded at a time');
    await expect(loadDataset([file('tiny-labels-idx1-ubyte')])).rejects.toThrow('needs exactly one images file (magic 2051)');
  });

  it('passes on the readers\' errors for bad tables', async () => {
    await expect(loadDataset([file('ragged.csv')])).rejects.toThrow('line 3 has 2');
    await expect(loadDataset([file('header-only.csv')])).rejects.toThrow('no data rows');
    await expect(loadDataset([file('invalid.json')])).rejects.toThrow('is not valid JSON at line 2');
    await expect(loadDataset([file('truncated-images-idx3-ubyte')])).rejects.toThrow('It is truncated');
  });
});
