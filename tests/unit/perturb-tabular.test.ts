/** Raw-row perturbations and synthetic OOD inputs, on a table small enough to check by hand. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { encodeRows } from '../../src/core/binding';
import type { Cell, TabularBinding, TabularData } from '../../src/core/types';
import { addGaussianNoise, planPerturbation, removeValues, swapCategories } from '../../src/perturb/tabular';
import { columnShuffledRows, pixelShuffledImages, uniformNoiseImages, uniformRows } from '../../src/perturb/synthetic-ood';

const data: TabularData = {
  kind: 'tabular',
  columns: ['age', 'job', 'wage', 'label', 'note'],
  rows: [
    [20, 'a', '5', 'no', 'x'],
    [30, 'b', '7', 'yes', 'x'],
    [40, 'c', '?', 'no', 'x'],
    [50, 'a', '9', 'yes', 'x'],
  ],
};
const binding: TabularBinding = {
  kind: 'tabular',
  derive: [{ name: 'age_group', from: 'age', kind: 'bins', edges: [35], labels: ['young', 'old'] }],
  features: [
    { column: 'wage', kind: 'numeric', impute: 6 },
    { column: 'job', kind: 'one-hot', vocabulary: ['a', 'b', 'c'] },
    { column: 'age_group', kind: 'one-hot', vocabulary: ['young', 'old'] },
  ],
  target: 'label',
  sensitive: [],
  output: { kind: 'probabilities', labels: ['no', 'yes'] },
};

describe('which columns are perturbed', () => {
  it('numeric and one-hot feature columns, and the raw column a binned feature comes from; never the target', () => {
    const plan = planPerturbation(data, binding, data.rows);
    expect(plan.numeric.map((c) => c.name)).toEqual(['wage', 'age']);
    expect(plan.categorical.map((c) => [c.name, c.values])).toEqual([['job', ['a', 'b', 'c']]]);
    // Population standard deviations over the numbers present: wage {5, 7, 9} → √(8/3); age → √125.
    expect(plan.numeric[0].std).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(plan.numeric[1].std).toBeCloseTo(Math.sqrt(125), 12);
    expect(plan.untraced).toEqual([]);
  });
});

describe('perturbations', () => {
  const plan = planPerturbation(data, binding, data.rows);

  it('Gaussian noise adds k·σ·N(0, 1) to numbers, leaves missing cells missing, copies rows', () => {
    const rows = addGaussianNoise(data.rows, plan, 0.5, createRng(1));
    expect(rows[2][2]).toBe('?');
    expect(typeof rows[0][2]).toBe('number');
    expect(rows[0][1]).toBe('a');
    expect(rows[0][3]).toBe('no');
    expect(data.rows[0][2]).toBe('5');
    const big = Array.from({ length: 4000 }, (_, i): Cell[] => [i % 2 === 0 ? 20 : 50, 'a', '7', 'no', 'x']);
    const noisy = addGaussianNoise(big, planPerturbation(data, binding, big), 2, createRng(2));
    const d = noisy.map((r) => (r[2] as number) - 7);
    const sd = Math.sqrt(d.reduce((a, v) => a + v * v, 0) / d.length);
    expect(sd).toBeLessThan(0.05); // wage is constant here: σ = 0, no noise
    const ages = noisy.map((r, i) => (r[0] as number) - (i % 2 === 0 ? 20 : 50));
    const ageSd = Math.sqrt(ages.reduce((a, v) => a + v * v, 0) / ages.length);
    expect(Math.abs(ageSd - 2 * 15) / 30).toBeLessThan(0.05); // σ(age) = 15
  });

  it('category swaps always pick another known value, at the rate asked', () => {
    const rows = Array.from({ length: 3000 }, (): Cell[] => [30, 'b', '7', 'no', 'x']);
    const swapped = swapCategories(rows, plan, 0.2, createRng(3));
    const changed = swapped.filter((r) => r[1] !== 'b');
    expect(changed.every((r) => r[1] === 'a' || r[1] === 'c')).toBe(true);
    expect(Math.abs(changed.length / rows.length - 0.2)).toBeLessThan(0.03);
    expect(swapCategories(data.rows, plan, 1, createRng(3)).every((r, i) => r[1] !== data.rows[i][1])).toBe(true);
  });

  it('missing values empty cells, which the binding imputes (numeric → impute, one-hot → all zeros)', () => {
    const rows = removeValues(data.rows, plan, 1, createRng(4));
    expect(rows.every((r) => r[0] === null && r[1] === null && r[2] === null && r[3] !== null)).toBe(true);
    const x = encodeRows(rows, data.columns, binding);
    // wage → impute 6; job → [0, 0, 0]; age → missing → age_group null → [0, 0].
    expect(Array.from(x.subarray(0, 6))).toEqual([6, 0, 0, 0, 0, 0]);
  });

  it('are the same for the same seed', () => {
    expect(addGaussianNoise(data.rows, plan, 1, createRng(9))).toEqual(addGaussianNoise(data.rows, plan, 1, createRng(9)));
  });
});

describe('synthetic OOD inputs', () => {
  it('uniform-noise images cover the byte range; shuffled images keep each image\'s pixels', () => {
    const shape = { width: 4, height: 4, channels: 3 as const };
    const noise = uniformNoiseImages(createRng(1), 50, shape);
    expect(noise).toHaveLength(50 * 48);
    expect(Math.min(...noise)).toBeLessThan(5);
    expect(Math.max(...noise)).toBeGreaterThan(250);
    const images = Uint8Array.from({ length: 2 * 48 }, (_, i) => i);
    const shuffled = pixelShuffledImages(createRng(2), images, 2, shape);
    for (let i = 0; i < 2; i++) {
      const pixels = (a: Uint8Array) => Array.from({ length: 16 }, (_, p) => Array.from(a.subarray(i * 48 + p * 3, i * 48 + p * 3 + 3)).join()).sort();
      expect(pixels(shuffled)).toEqual(pixels(images));
    }
    expect(Array.from(shuffled)).not.toEqual(Array.from(images));
  });

  it('column-shuffled rows keep every column\'s values; uniform rows stay within the widened ranges and vocabularies', () => {
    const plan = planPerturbation(data, binding, data.rows);
    const shuffled = columnShuffledRows(createRng(5), data.rows, plan);
    for (const col of [0, 1, 2]) expect(shuffled.map((r) => String(r[col])).sort()).toEqual(data.rows.map((r) => String(r[col])).sort());
    expect(shuffled.map((r) => r[3])).toEqual(data.rows.map((r) => r[3]));
    const uniform = uniformRows(createRng(6), data.rows, plan, 200);
    expect(uniform).toHaveLength(200);
    for (const r of uniform) {
      expect(r[2] as number).toBeGreaterThanOrEqual(1);
      expect(r[2] as number).toBeLessThanOrEqual(13);
      expect(['a', 'b', 'c']).toContain(r[1]);
    }
  });
});
