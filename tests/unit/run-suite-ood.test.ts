/**
 * How the engine sees a second dataset with the role `ood` (issue 3): another distribution, whose
 * labels, sensitive columns and split are not the model's; only its shape and encoding must fit.
 */
import { describe, expect, it } from 'vitest';
import { BindingError, prepareData } from '../../src/core/binding';
import type { Dataset, ImageBinding, TabularBinding } from '../../src/core/types';
import { oodView } from '../../src/engine/run-suite';

const manifest = (format: Dataset['manifest']['format']) => ({ id: 'ood', name: 'OOD set', format, sha256: 'x', rows: 2 });

const table: TabularBinding = {
  kind: 'tabular',
  features: [{ column: 'age', kind: 'numeric' }, { column: 'era', kind: 'one-hot', vocabulary: ['early', 'late'] }],
  derive: [{ name: 'era', from: 'born', kind: 'bins', edges: [1970], labels: ['early', 'late'] }],
  target: 'label', sensitive: ['sex'], split: { column: 'split', member: 'member' },
  output: { kind: 'probabilities', labels: ['no', 'yes'] },
};

describe('oodView', () => {
  it('drops image labels, whatever their label space', () => {
    const data = { kind: 'image' as const, width: 2, height: 2, channels: 1 as const, pixels: new Uint8Array(8), labels: ['shirt', 'boot'], names: ['a', 'b'] };
    const dataset: Dataset = { manifest: manifest('images'), data };
    const binding: ImageBinding = { kind: 'image', layout: 'NHWC', channels: 1, width: 2, height: 2, range: [0, 1], output: { kind: 'logits', labels: ['0', '1'] } } as ImageBinding;
    expect(() => prepareData(dataset, binding)).toThrow(/not among the binding's labels/);
    const view = oodView(dataset, binding);
    expect(view.dataset.data).toMatchObject({ labels: [null, null], names: ['a', 'b'] });
    expect(data.labels).toEqual(['shirt', 'boot']); // the dataset itself is left as it is
    expect(Array.from(prepareData(view.dataset, view.binding).y)).toEqual([-1, -1]);
  });

  it('empties (or adds) the target column of a table and leaves out its sensitive columns and split', () => {
    const withTarget: Dataset = { manifest: manifest('csv'), data: { kind: 'tabular', columns: ['age', 'born', 'label'], rows: [[30, 1960, 'maybe'], [40, 1980, 'unknown']] } };
    const withoutTarget: Dataset = { manifest: manifest('csv'), data: { kind: 'tabular', columns: ['born', 'age'], rows: [[1960, 30], [1980, 40]] } };
    for (const dataset of [withTarget, withoutTarget]) {
      const view = oodView(dataset, table);
      expect(view.binding).toMatchObject({ sensitive: [] });
      expect('split' in view.binding).toBe(false);
      const prepared = prepareData(view.dataset, view.binding);
      expect(Array.from(prepared.y)).toEqual([-1, -1]);
      expect(prepared.n).toBe(2);
    }
    expect(withTarget.data.kind === 'tabular' && withTarget.data.rows[0][2]).toBe('maybe');
  });

  it('names the columns a table has and the raw columns its features need, also through derived columns', () => {
    const dataset: Dataset = { manifest: manifest('csv'), data: { kind: 'tabular', columns: ['age', 'label'], rows: [[30, null]] } };
    expect(() => oodView(dataset, table)).toThrow(BindingError);
    expect(() => oodView(dataset, table)).toThrow(
      "The out-of-distribution set 'OOD set' has 2 columns ('age', 'label') but the binding's features need the column 'born' as well. An OOD table must hold the same feature columns as the evaluated data (its labels are not used).",
    );
  });
});
