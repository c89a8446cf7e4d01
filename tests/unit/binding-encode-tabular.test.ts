import { describe, expect, it } from 'vitest';
import { encodeRows, featureSlices } from '../../src/core/binding';
import type { Cell, TabularBinding } from '../../src/core/types';

const binding: TabularBinding = {
  kind: 'tabular',
  features: [
    { column: 'age', kind: 'numeric', offset: 20, divisor: 10, impute: 40 },
    { column: 'sex', kind: 'one-hot', vocabulary: ['Female', 'Male'] },
    { column: 'hours', kind: 'numeric' },
    { column: 'grade', kind: 'one-hot', vocabulary: ['1', '2', '2+'] },
  ],
  target: 'y',
  sensitive: [],
  output: { kind: 'probabilities', labels: ['0', '1'] },
};
const columns = ['age', 'sex', 'hours', 'grade', 'y'];

describe('encodeRows', () => {
  it('scales numbers as (raw − offset) / divisor and one-hot encodes in vocabulary order', () => {
    const rows: Cell[][] = [
      ['30', 'Male', '40', '2+', '1'],
      [45, 'Female', 12.5, 1, '0'],
    ];
    expect(Array.from(encodeRows(rows, columns, binding))).toEqual([
      1, 0, 1, 40, 0, 0, 1,
      2.5, 1, 0, 12.5, 1, 0, 0,
    ]);
  });

  it('encodes unknown categories as zeros and matches trimmed text', () => {
    const rows: Cell[][] = [[' 30 ', ' Male', '1e1', '3', null], ['20', '?', '0', null, null]];
    expect(Array.from(encodeRows(rows, columns, binding))).toEqual([
      1, 0, 1, 10, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('imputes missing numbers before scaling', () => {
    const rows: Cell[][] = [['', 'Male', '?', '1', '1'], [null, 'Male', 'NA', '1', '1']];
    // age: (40 − 20) / 10 = 2; hours: impute 0 → 0.
    expect(Array.from(encodeRows(rows, columns, binding))).toEqual([2, 0, 1, 0, 1, 0, 0, 2, 0, 1, 0, 1, 0, 0]);
  });

  it('refuses text in a numeric column, naming column, row and value', () => {
    const rows: Cell[][] = [['30', 'Male', '40', '1', '1'], ['abc', 'Male', '40', '1', '1']];
    expect(() => encodeRows(rows, columns, binding)).toThrow("Column 'age' is numeric in the binding but row 2 holds 'abc'.");
  });

  it('lists the dataset columns when a feature column is missing', () => {
    expect(() => encodeRows([['1']], ['age'], binding)).toThrow(
      "The binding's feature 2 uses column 'sex', which the dataset does not have. Its columns are 'age'.",
    );
  });

  it('computes derived map and bins columns first, so features can use them', () => {
    const derived: TabularBinding = {
      ...binding,
      derive: [
        { name: 'sex', from: 'status', kind: 'map', map: { A91: 'male', A92: 'female' }, otherwise: 'unknown' },
        { name: 'band', from: 'age', kind: 'bins', edges: [25, 60], labels: ['young', 'adult', 'old'] },
        { name: 'code', from: 'status', kind: 'map', map: { A91: 'one' } },
      ],
      features: [
        { column: 'sex', kind: 'one-hot', vocabulary: ['female', 'male', 'unknown'] },
        { column: 'band', kind: 'one-hot', vocabulary: ['young', 'adult', 'old'] },
        { column: 'code', kind: 'one-hot', vocabulary: ['one', 'A92'] },
      ],
    };
    const rows: Cell[][] = [['A91', '24'], ['A92', '25'], ['A95', '60'], [null, '']];
    expect(Array.from(encodeRows(rows, ['status', 'age'], derived))).toEqual([
      0, 1, 0, 1, 0, 0, 1, 0, // male, young (24 < 25), mapped 'one'
      1, 0, 0, 0, 1, 0, 0, 1, // female, adult (25 is the next bin), unmapped A92 passes through
      0, 0, 1, 0, 0, 1, 0, 0, // otherwise 'unknown', old (edges are exclusive upper bounds)
      0, 0, 0, 0, 0, 0, 0, 0, // missing source stays missing
    ]);
  });

  it('refuses a derived name that shadows a column', () => {
    const bad: TabularBinding = { ...binding, derive: [{ name: 'age', from: 'sex', kind: 'map', map: {} }] };
    expect(() => encodeRows([], columns, bad)).toThrow("derived column 1 is named 'age', but the dataset already has a column that name");
  });
});

describe('featureSlices', () => {
  it('gives each feature its start and width in the encoded vector', () => {
    expect(featureSlices(binding).map(({ column, start, width }) => [column, start, width])).toEqual([
      ['age', 0, 1], ['sex', 1, 2], ['hours', 3, 1], ['grade', 4, 3],
    ]);
    expect(featureSlices(binding)[1].slots).toEqual(['sex=Female', 'sex=Male']);
  });
});
