/** The dataset readers on the real files in ../shared/reference/datasets (see its MANIFEST.md). */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Dataset, ImageData8, TabularData } from '../../src/core/types';
import { loadDataset } from '../../src/datasets/load';

const reference = new URL('../../../shared/reference/', import.meta.url);
const root = fileURLToPath(reference);
const read = (path: string) => ({ path, bytes: new Uint8Array(readFileSync(new URL(`datasets/${path}`, reference))) });
const folder = (name: string) => readdirSync(new URL(`datasets/${name}`, reference)).map((f) => read(`${name}/${f}`));
const sums = (): Map<string, string> =>
  new Map(readFileSync(new URL('SHA256SUMS', reference), 'utf8').trim().split('\n').map((line) => {
    const [sha, path] = line.split(/\s+/);
    return [path.replace(/^\.\//, ''), sha];
  }));
const tabular = (d: Dataset): TabularData => d.data as TabularData;
const images = (d: Dataset): ImageData8 => d.data as ImageData8;

describe.skipIf(!existsSync(root))('reference datasets load (conformance, needs ../shared/reference)', () => {
  it('adult.csv: 32,561 rows, 15 columns, hashed as in SHA256SUMS', async () => {
    const d = await loadDataset([read('adult/adult.csv')]);
    expect(d.manifest.rows).toBe(32561);
    expect(d.manifest.sha256).toBe(sums().get('datasets/adult/adult.csv'));
    expect(tabular(d).columns).toHaveLength(15);
    expect(tabular(d).rows[0]).toEqual(['39', 'State-gov', '77516', 'Bachelors', '13', 'Never-married', 'Adm-clerical', 'Not-in-family', 'White', 'Male', '2174', '0', '40', 'United-States', '<=50K']);
    const income = tabular(d).columns.indexOf('income-per-year');
    expect(tabular(d).rows.filter((r) => r[income] === '>50K')).toHaveLength(7841);
  });

  it('bank.csv: semicolon-separated and quoted, 4,521 rows of 17 columns', async () => {
    const d = await loadDataset([read('bank-marketing/bank.csv')]);
    expect(d.manifest.rows).toBe(4521);
    expect(tabular(d).columns).toEqual(['age', 'job', 'marital', 'education', 'default', 'balance', 'housing', 'loan', 'contact', 'day', 'month', 'duration', 'campaign', 'pdays', 'previous', 'poutcome', 'y']);
    expect(tabular(d).rows[0]).toEqual(['30', 'unemployed', 'married', 'primary', 'no', '1787', 'no', 'no', 'cellular', '19', 'oct', '79', '1', '-1', '0', 'unknown', 'no']);
  });

  it('the other CSV tables have the row counts of MANIFEST.md', async () => {
    const counts: Record<string, number> = {
      'compas/wit_compas_data.flat.csv': 3496,
      'german-credit/german.csv': 1000,
      'iris/Iris.csv': 150,
      'lending-club/lending-club.csv': 5000,
      'berndt-cps-wages-1985/data.csv': 534,
    };
    for (const [path, rows] of Object.entries(counts)) {
      expect((await loadDataset([read(path)])).manifest.rows, path).toBe(rows);
    }
  });

  it('penguins.json: 344 rows with numbers kept and nulls allowed', async () => {
    const d = await loadDataset([read('penguins/penguins.json')]);
    expect(d.manifest).toMatchObject({ rows: 344, format: 'json', name: 'penguins' });
    expect(tabular(d).columns).toEqual(['Species', 'Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex']);
    expect(tabular(d).rows[0]).toEqual(['Adelie', 'Torgersen', 39.1, 18.7, 181, 3750, 'MALE']);
    expect(tabular(d).rows[3]).toEqual(['Adelie', 'Torgersen', null, null, null, null, null]);
  });

  it('MNIST IDX (gzipped): 10,000 images of 28×28, first label 7', async () => {
    const d = await loadDataset([read('mnist-test/t10k-images-idx3-ubyte.gz'), read('mnist-test/t10k-labels-idx1-ubyte.gz')]);
    expect(d.manifest).toMatchObject({ rows: 10000, format: 'idx' });
    const data = images(d);
    expect([data.width, data.height, data.channels, data.pixels.length]).toEqual([28, 28, 1, 10000 * 784]);
    expect(data.labels.slice(0, 10)).toEqual(['7', '2', '1', '0', '4', '1', '4', '9', '5', '9']);
    const counts = new Map<string | null, number>();
    for (const l of data.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    expect(counts.get('1')).toBe(1135); // the official test set has 1,135 ones
  });

  it('image-samples: 40 gray 28×28 PNGs labelled by file name; the licence file is ignored', async () => {
    const d = await loadDataset(folder('image-samples'));
    const data = images(d);
    expect(d.manifest).toMatchObject({ rows: 40, format: 'images', name: 'image-samples' });
    expect([data.width, data.height, data.channels]).toEqual([28, 28, 1]);
    const byName = new Map(data.names.map((n, i) => [n, data.labels[i]]));
    expect(byName.get('mnist_00_7.png')).toBe('7');
    expect(byName.get('mnist_07_9.png')).toBe('9');
    expect(byName.get('fashionMNIST_00_9.png')).toBe('9');
    // The first MNIST sample is the first image of the IDX test set.
    const idx = images(await loadDataset([read('mnist-test/t10k-images-idx3-ubyte.gz')]));
    const first = data.names.indexOf('mnist_00_7.png');
    expect(Array.from(data.pixels.subarray(first * 784, first * 784 + 784))).toEqual(Array.from(idx.pixels.subarray(0, 784)));
  });

  it('tinyvgg-images: 200 RGB 64×64 JPEGs, unlabelled', async () => {
    const d = await loadDataset(folder('tinyvgg-images'));
    const data = images(d);
    expect(d.manifest.rows).toBe(200);
    expect([data.width, data.height, data.channels]).toEqual([64, 64, 3]);
    expect(data.labels.every((l) => l === null)).toBe(true);
    expect(data.names[0]).toBe('0001.jpeg');
  });

  it('hashes single files exactly as SHA256SUMS does', async () => {
    const d = await loadDataset([read('penguins/penguins.json')]);
    expect(d.manifest.sha256).toBe(sums().get('datasets/penguins/penguins.json'));
    expect(d.manifest.sha256).toBe(createHash('sha256').update(read('penguins/penguins.json').bytes).digest('hex'));
  });
});
