/**
 * The counterfactual flip test, kNN consistency and proxy search on small tables whose answers
 * are worked out by hand, encoded through real bindings (prepareData), so derived sensitive
 * attributes behave as they do on German credit.
 */
import { describe, expect, it } from 'vitest';
import { encodeRows, prepareData } from '../../src/core/binding';
import type { Classifier } from '../../src/core/probe';
import type { Cell, Dataset, TabularBinding } from '../../src/core/types';
import consistency from '../../src/probes/fairness/consistency';
import counterfactual, { valueEncodings } from '../../src/probes/fairness/counterfactual';
import { planSwap } from '../../src/probes/fairness/counterfactual-plan';
import proxies from '../../src/probes/fairness/proxies';
import { contextFor, modelInfo } from './probes-fixtures';

function dataset(columns: string[], rows: Cell[][]): Dataset {
  return { manifest: { id: 't', name: 't', format: 'csv', sha256: '3'.repeat(64), rows: rows.length }, data: { kind: 'tabular', columns, rows } };
}

/** A two-class model ['0', '1'] whose P('1') is a function of the encoded row. */
function functionModel(width: number, pOf: (x: Float32Array) => number): Classifier {
  return {
    info: modelInfo, labels: ['0', '1'], sampleShape: [width], gradient: null,
    async predict(x, n) {
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const p = pOf(x.subarray(i * width, (i + 1) * width));
        out[i * 2] = 1 - p;
        out[i * 2 + 1] = p;
      }
      return out;
    },
  };
}

// sex (one-hot F, M), score, age / 100 are the inputs; status (→ sex2) is not.
const people = dataset(['sex', 'status', 'age', 'score', 'label'], [
  ['F', 'B', 25, 0.4, '0'],
  ['F', 'B', 25, 0.9, '1'],
  ['M', 'A', 40, 0.0, '1'],
  ['M', 'A', 40, 0.6, '1'],
]);
const binding: TabularBinding = {
  kind: 'tabular',
  derive: [
    { name: 'sex2', from: 'status', kind: 'map', map: { A: 'male', B: 'female' } },
    { name: 'age_group', from: 'age', kind: 'bins', edges: [30], labels: ['young', 'old'] },
  ],
  features: [
    { column: 'sex', kind: 'one-hot', vocabulary: ['F', 'M'] },
    { column: 'score', kind: 'numeric' },
    { column: 'age', kind: 'numeric', divisor: 100 },
  ],
  target: 'label',
  sensitive: ['sex', 'sex2', 'age_group'],
  output: { kind: 'probabilities', labels: ['0', '1'], positive: '1' },
};
// P('1') = 0.2 + 0.5·score + 0.3·[male] + 0.5·(age/100 − 0.3): rows give 0.375, 0.625, 0.55, 0.85.
const linear = functionModel(4, (x) => 0.2 + 0.5 * x[2] + 0.3 * x[1] + 0.5 * (x[3] - 0.3));
const cfParams = { threshold: 0.5, favourable: '', attributes: [] as string[], maxRows: 0, bootstrap: 200, level: 0.95 };

describe('fairness/counterfactual', () => {
  it('flips 2 of 4 decisions by sex (|Δp| 0.3) and 1 of 4 by age group, changed through age', async () => {
    const data = prepareData(people, binding);
    const m = await counterfactual.run(contextFor(linear, data, cfParams));
    const byAttribute = Object.fromEntries(m.groups.map((g) => [g.group, g]));
    expect(byAttribute.sex.value).toBe(0.5);
    expect(byAttribute.age_group.value).toBe(0.25);
    expect(m.value).toBe(0.5);
    expect(m.secondary.mean_abs_change.value).toBeCloseTo(0.3, 6);
    expect(m.n).toBe(4);
    expect(m.notes).toContain("'age_group' is changed through 'age': old → 40, young → 25 (the commonest 'age' value of each group).");
  });

  it("reports an attribute the model does not read as untestable, never as 'no flips'", async () => {
    const data = prepareData(people, binding);
    const m = await counterfactual.run(contextFor(linear, data, { ...cfParams, attributes: ['sex2'] }));
    expect(m.value).toBeNull();
    expect(m.undefinedReason).toMatch(/^no sensitive attribute can be tested: sex2: 'sex2' \(derived from 'status'\) is not an input of the model/);
    expect(m.undefinedReason).toMatch(/Zero flips here would be true by construction, not evidence of fairness/);
    expect(m.groups).toEqual([expect.objectContaining({ group: 'sex2', value: null })]);
  });

  it('builds each counterfactual row exactly as re-encoding the changed raw row would', () => {
    const data = prepareData(people, binding);
    const plan = planSwap('age_group', people.data.kind === 'tabular' ? people.data : (null as never), binding, data.sensitive.age_group);
    if (!plan.testable) throw new Error(plan.reason);
    const { slices, byValue } = valueEncodings(plan, binding);
    const row = [...(people.data as { rows: Cell[][] }).rows[0]];
    const x = Float32Array.from(data.x.subarray(0, 4));
    let from = 0;
    for (const s of slices) {
      x.set(byValue.get('old')!.subarray(from, from + s.width), s.start);
      from += s.width;
    }
    row[2] = 40;
    expect(Array.from(x)).toEqual(Array.from(encodeRows([row], people.data.kind === 'tabular' ? people.data.columns : [], binding)));
  });

  it('tests a seeded sample of rows when maxRows is set, the same for the same seed', async () => {
    const rows: Cell[][] = Array.from({ length: 40 }, (_, i) => [i % 2 ? 'M' : 'F', 'A', 20 + i, (i % 10) / 10, '1']);
    const data = prepareData(dataset(people.data.kind === 'tabular' ? people.data.columns : [], rows), binding);
    const a = await counterfactual.run(contextFor(linear, data, { ...cfParams, maxRows: 10 }, { seed: 3 }));
    const b = await counterfactual.run(contextFor(linear, data, { ...cfParams, maxRows: 10 }, { seed: 3 }));
    expect(a.n).toBe(10);
    expect(b).toEqual(a);
    expect(a.notes).toContain('Tested a seeded sample of 10 of 40 rows (parameter maxRows).');
  });
});

describe('fairness/consistency', () => {
  it('gives 5/9 on a hand-computed 1-D case with 3 neighbours', async () => {
    const values = [0, 1, 2, 10, 11, 12];
    const decisions = [1, 1, 0, 0, 0, 1];
    const d = dataset(['v', 'g', 'label'], values.map((v, i) => [v, i % 2 ? 'x' : 'y', '1']));
    const b: TabularBinding = { kind: 'tabular', features: [{ column: 'v', kind: 'numeric' }], target: 'label', sensitive: ['g'], output: { kind: 'probabilities', labels: ['0', '1'], positive: '1' } };
    const model = functionModel(1, (x) => (decisions[values.indexOf(x[0])] ? 0.9 : 0.1));
    const m = await consistency.run(contextFor(model, prepareData(d, b), { threshold: 0.5, favourable: '', neighbours: 3, samples: 0, bootstrap: 200, level: 0.95 }));
    expect(m.value).toBeCloseTo(5 / 9, 12);
    expect(m.n).toBe(6);
    expect(m.interval!.low).toBeLessThanOrEqual(5 / 9);
  });
});

describe('fairness/proxies', () => {
  const table = dataset(['sex', 'dept', 'noise', 'height', 'id', 'label'], [
    ['F', 'x', 'p', 160, 'r1', '0'], ['F', 'x', 'q', 162, 'r2', '1'], ['F', 'x', 'p', 164, 'r3', '0'], ['F', 'x', 'q', 166, 'r4', '1'],
    ['M', 'y', 'p', 170, 'r5', '0'], ['M', 'y', 'q', 172, 'r6', '1'], ['M', 'y', 'p', 174, 'r7', '0'], ['M', 'y', 'q', 176, 'r8', '1'],
  ]);
  const b: TabularBinding = {
    kind: 'tabular', features: [{ column: 'height', kind: 'numeric' }], target: 'label', sensitive: ['sex'],
    output: { kind: 'probabilities', labels: ['0', '1'], positive: '1' },
  };
  const model = functionModel(1, () => 0.5);

  it("flags a column that encodes sex (Cramér's V 1), not an independent one (V 0), and measures a numeric one by η and AUC", async () => {
    const m = await proxies.run(contextFor(model, prepareData(table, b), { attributes: [], flagAt: 0.3, maxCategories: 5, bootstrap: 200, level: 0.95 }));
    expect(m.value).toBeCloseTo(1, 12);
    const columns = (m.details as { columns: { column: string; kind: string; reason?: string; associations: { value: number | null; auc?: number; flagged: boolean }[] }[] }).columns;
    const by = Object.fromEntries(columns.map((c) => [c.column, c.associations[0]?.value]));
    expect(by.dept).toBeCloseTo(1, 12);
    expect(by.noise).toBe(0);
    // Group means 163 and 173 around 168: η = √(200 / 240).
    expect(by.height).toBeCloseTo(Math.sqrt(200 / 240), 12);
    // The measurement's groups are the flagged pairs, strongest first.
    expect(m.groups.map((g) => g.group)).toEqual(['dept ~ sex', 'height ~ sex']);
    expect(columns.map((c) => c.column)).toEqual(['dept', 'height', 'noise', 'id']);
    expect(columns[1].associations[0]).toMatchObject({ auc: 1, flagged: true });
    expect(columns[2].associations[0].flagged).toBe(false);
    expect(columns[3]).toMatchObject({ kind: 'skipped' });
    expect(m.notes[0]).toBe("Possible proxies (association ≥ 0.3): dept ~ sex (Cramér's V 1.00), height ~ sex (η 0.91).");
    expect(m.notes).toContain("Column 'id' left out: 8 distinct values: too many for a category (more than 5), and not all numbers.");
  });

  it('leaves out the target and the source of a derived sensitive attribute', async () => {
    const derived: TabularBinding = { ...b, derive: [{ name: 'tall', from: 'height', kind: 'bins', edges: [168], labels: ['short', 'tall'] }], sensitive: ['tall'] };
    const m = await proxies.run(contextFor(model, prepareData(table, derived), { attributes: [], flagAt: 0.3, maxCategories: 5, bootstrap: 0, level: 0.95 }));
    const columns = (m.details as { columns: { column: string }[] }).columns.map((c) => c.column).sort();
    expect(columns).toEqual(['dept', 'id', 'noise', 'sex']);
    expect(m.notes).toContain('No confidence intervals: the suite set bootstrap to 0.');
  });
});

describe('planSwap', () => {
  it('refuses an attribute with too many values to try each one, and says to bin it', () => {
    const rows: Cell[][] = Array.from({ length: 30 }, (_, i) => ['F', 'A', 20 + i, 0.5, '1']);
    const data = prepareData(dataset(people.data.kind === 'tabular' ? people.data.columns : [], rows), { ...binding, sensitive: ['age'] });
    const plan = planSwap('age', data.dataset.data as { kind: 'tabular'; columns: string[]; rows: Cell[][] }, binding, data.sensitive.age);
    expect(plan.testable).toBe(false);
    expect(!plan.testable && plan.reason).toMatch(/^'age' takes 30 values; .* at most 20\. Group it with a derived column/);
  });
});
