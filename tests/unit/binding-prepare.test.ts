import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BindingError, checkBindingAgainstData, encodedWidth, modalityOf, parseBinding, prepareData, taskOf,
} from '../../src/core/binding';
import type { Binding, Cell, Dataset, ImageBinding, TabularBinding } from '../../src/core/types';
import { loadDataset } from '../../src/datasets/load';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/data/${name}`, import.meta.url)));
const load = (...names: string[]): Promise<Dataset> => loadDataset(names.map((n) => ({ path: n, bytes: fixture(n) })));
const peopleBinding = (): TabularBinding => parseBinding(JSON.parse(new TextDecoder().decode(fixture('people.binding.json')))) as TabularBinding;
const table = (columns: string[], rows: Cell[][]): Dataset => ({
  manifest: { id: 't', name: 't', format: 'csv', sha256: '0'.repeat(64), rows: rows.length },
  data: { kind: 'tabular', columns, rows },
});

describe('taskOf, modalityOf, encodedWidth', () => {
  it('derive from the binding', () => {
    const b = peopleBinding();
    expect(taskOf(b)).toBe('binary-classification');
    expect(taskOf({ ...b, output: { kind: 'logits', labels: ['a', 'b', 'c'] } })).toBe('multiclass-classification');
    expect(() => taskOf({ ...b, output: { kind: 'logits', labels: ['a'] } })).toThrow(BindingError);
    expect(modalityOf(b)).toBe('tabular');
    expect(encodedWidth(b)).toBe(3);
  });
});

describe('prepareData (tabular)', () => {
  it('encodes x, y, raw sensitive values and notes', async () => {
    const p = prepareData(await load('people.csv'), peopleBinding());
    expect(p.n).toBe(4);
    expect(p.sampleSize).toBe(3);
    // age / 100 (the '?' takes impute 40), sex one-hot [Female, Male]; 'Other' is outside the vocabulary.
    expect(Array.from(p.x)).toEqual([0.39, 0, 1, 0.5, 1, 0, 0.4, 1, 0, 0.28, 0, 0].map(Math.fround));
    expect(Array.from(p.y)).toEqual([1, 0, 0, 1]);
    expect(p.sensitive).toEqual({ sex: ['Male', 'Female', 'Female', 'Other'] });
    expect(p.member).toBeNull();
    expect(p.notes).toEqual([
      "Column 'age': 1 of 4 rows are missing a number and were given 40 (the binding's impute value).",
      "Column 'sex': 1 of 4 rows hold values outside the one-hot vocabulary and encode as all zeros: 'Other' (1 row).",
    ]);
  });

  it('reads JSON numbers and nulls the same way', async () => {
    const p = prepareData(await load('people.json'), peopleBinding());
    expect(Array.from(p.x)).toEqual([0.39, 0, 1, 0.5, 1, 0, 0.4, 1, 0].map(Math.fround));
  });

  it('takes the first `limit` rows', async () => {
    const p = prepareData(await load('people.csv'), peopleBinding(), { limit: 2 });
    expect(p.n).toBe(2);
    expect(p.x.length).toBe(6);
    expect(p.sensitive.sex).toEqual(['Male', 'Female']);
  });

  it('refuses a width the model does not take, naming both numbers and the input', async () => {
    expect(() => prepareData(table(['age', 'sex', 'income'], [['1', 'Male', '>50K']]), peopleBinding(), { sampleSize: 2, inputName: 'dense_1_input' })).toThrow(
      "The binding encodes 3 values per row but the model input 'dense_1_input' takes 2. Check the one-hot vocabularies",
    );
  });

  it('refuses text in a numeric column with column, row and value', async () => {
    expect(() => checkBindingAgainstData(peopleBinding(), table(['age', 'sex', 'income'], [['39', 'Male', '>50K'], ['abc', 'Female', '<=50K']]))).toThrow(
      "Column 'age' is numeric in the binding but row 2 holds 'abc'.",
    );
    await expect(load('numeric-text.csv').then((d) => prepareData(d, peopleBinding()))).rejects.toThrow("Column 'age' is numeric in the binding but row 2 holds 'abc'");
  });

  it('lists target values that are not labels, with counts, and notes labels never seen', () => {
    const d = table(['age', 'sex', 'income'], [['1', 'Male', '>50K.'], ['2', 'Male', '>50K.'], ['3', 'Male', 'x'], ['4', 'Male', '<=50K']]);
    expect(() => checkBindingAgainstData(peopleBinding(), d)).toThrow(
      "Target column 'income' holds values that are not among the binding's labels: '>50K.' (2 rows), 'x' (1 row). The labels are '<=50K', '>50K'.",
    );
    const partial = table(['age', 'sex', 'income'], [['1', 'Male', '<=50K'], ['2', 'Male', null]]);
    const { notes } = checkBindingAgainstData(peopleBinding(), partial);
    expect(notes).toContain("1 of 2 samples have no label in target column 'income'; they count as unlabelled.");
    expect(notes).toContain("No sample has the label '>50K'; metrics for that class are undefined.");
    expect(Array.from(prepareData(partial, peopleBinding()).y)).toEqual([0, -1]);
  });

  it('names a missing column and lists the ones there are', () => {
    const b: TabularBinding = { ...peopleBinding(), sensitive: ['race'] };
    expect(() => checkBindingAgainstData(b, table(['age', 'sex', 'income'], [['1', 'Male', '>50K']]))).toThrow(
      "The binding's sensitive attribute uses column 'race', which the dataset does not have. Its columns are 'age', 'sex', 'income'.",
    );
    const noTarget: TabularBinding = { ...peopleBinding(), target: 'label' };
    expect(() => checkBindingAgainstData(noTarget, table(['age', 'sex', 'income'], [['1', 'Male', '>50K']]))).toThrow("target uses column 'label'");
  });

  it('keeps derived sensitive columns raw and flags members of a split', () => {
    const b: TabularBinding = {
      ...peopleBinding(),
      derive: [{ name: 'band', from: 'age', kind: 'bins', edges: [45], labels: ['under 45', '45+'] }],
      sensitive: ['band', 'sex'],
      split: { column: 'set', member: 'train' },
    };
    const d = table(['age', 'sex', 'income', 'set'], [['39', 'Male', '>50K', 'train'], ['50', null, '<=50K', 'test'], ['?', 'Female', '<=50K', ' train ']]);
    const p = prepareData(d, b);
    expect(p.sensitive).toEqual({ band: ['under 45', '45+', '(missing)'], sex: ['Male', '(missing)', 'Female'] });
    expect(p.member).toEqual([true, false, true]);
    expect(p.notes).toContain("Split column 'set': 2 member rows ('train') and 1 non-member rows.");
  });

  it('refuses a binding for another modality and an empty selection', async () => {
    const image: Binding = { kind: 'image', layout: 'NCHW', channels: 1, width: 2, height: 2, range: [0, 255], channelOrder: 'RGB', output: { kind: 'logits', labels: ['a', 'b'] } };
    const people = await load('people.csv');
    expect(() => prepareData(people, image)).toThrow("The binding is for images but the dataset 'people' holds a table of rows.");
    expect(() => prepareData(people, peopleBinding(), { limit: 0 })).toThrow('There are no samples to evaluate (the limit is 0)');
  });

  it('encodes 200,000 rows × 15 columns quickly', () => {
    const columns = Array.from({ length: 15 }, (_, i) => `c${i}`);
    const vocab = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const rows: Cell[][] = Array.from({ length: 200_000 }, (_, r) =>
      columns.map((_, c) => (c === 14 ? String(r % 2) : c < 7 ? String((r * (c + 3)) % 97) : vocab[(r + c) % 8])),
    );
    const b: TabularBinding = {
      kind: 'tabular',
      features: columns.slice(0, 14).map((column, c) => (c < 7 ? { column, kind: 'numeric', divisor: 97 } : { column, kind: 'one-hot', vocabulary: vocab })),
      target: 'c14',
      sensitive: ['c7'],
      output: { kind: 'probabilities', labels: ['0', '1'] },
    };
    const start = performance.now();
    const p = prepareData(table(columns, rows), b);
    const ms = performance.now() - start;
    expect(p.sampleSize).toBe(7 + 7 * 8);
    expect(p.x[63 + 1]).toBeCloseTo(4 / 97, 6); // row 1, column c1: (1 · 4) % 97 = 4
    expect(ms).toBeLessThan(3000);
  });
});

describe('prepareData (images)', () => {
  const binding: ImageBinding = {
    kind: 'image', layout: 'NCHW', channels: 1, width: 2, height: 2, range: [0, 1], channelOrder: 'RGB',
    output: { kind: 'logits', labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  };

  it('encodes IDX images and their labels', async () => {
    const p = prepareData(await load('tiny-images-idx3-ubyte.gz', 'tiny-labels-idx1-ubyte.gz'), binding, { sampleSize: 4 });
    expect(p.n).toBe(3);
    expect(Array.from(p.x.subarray(0, 4))).toEqual([0, 1, 1, 0]);
    expect(Array.from(p.y)).toEqual([7, 2, 1]);
    expect(p.sensitive).toEqual({});
    expect(p.notes).toContain("No sample has the labels '0', '3', '4', '5', '6', '8', '9'; metrics for those classes are undefined.");
  });

  it('resizes and notes it; unlabelled images get −1', async () => {
    const p = prepareData(await load('tiny-images-idx3-ubyte'), { ...binding, width: 4, height: 4, channels: 3 });
    expect(p.sampleSize).toBe(48);
    expect(Array.from(p.y)).toEqual([-1, -1, -1]);
    expect(p.notes).toEqual([
      'No sample has a label (the images are unlabelled), so only label-free probes can run.',
      'Images are 2×2; they are resized (bilinear) to 4×4 for the model.',
      'Gray images are repeated into three channels for the model.',
    ]);
  });

  it('refuses image labels the binding does not know', async () => {
    const d = await load('images/digit_00_3.png', 'images/digit_01_5.png');
    expect(() => prepareData(d, { ...binding, output: { kind: 'logits', labels: ['3', '4'] } })).toThrow(
      "The images have labels that are not among the binding's labels: '5' (1 row).",
    );
  });
});
