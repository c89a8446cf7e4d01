/** The tabular perturbation probe on a small table with models whose flips can be counted by hand. */
import { describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/core/probe';
import { prepareData } from '../../src/core/binding';
import type { Dataset, TabularBinding } from '../../src/core/types';
import tabularPerturbation from '../../src/probes/robustness/tabular-perturbation';
import { contextFor, modelInfo } from './probes-fixtures';

const binding: TabularBinding = {
  kind: 'tabular',
  features: [
    { column: 'wage', kind: 'numeric', offset: 0, divisor: 10, impute: 0 },
    { column: 'job', kind: 'one-hot', vocabulary: ['a', 'b', 'c'] },
  ],
  target: 'label',
  sensitive: [],
  output: { kind: 'probabilities', labels: ['no', 'yes'] },
};

/** 60 rows: job cycles a, b, c; wage 1…60; label 'yes' exactly for job 'a'. */
const dataset: Dataset = {
  manifest: { id: 't', name: 'table', format: 'csv', sha256: '4'.repeat(64), rows: 60 },
  data: {
    kind: 'tabular',
    columns: ['wage', 'job', 'label'],
    rows: Array.from({ length: 60 }, (_, i) => [String(i + 1), ['a', 'b', 'c'][i % 3], i % 3 === 0 ? 'yes' : 'no']),
  },
};

/** Says 'yes' exactly when the job is 'a' (encoded slot 1): right on every clean row. */
const jobModel: Classifier = {
  info: modelInfo, labels: ['no', 'yes'], sampleShape: [4], gradient: null,
  async predict(x, n) {
    return Float32Array.from({ length: 2 * n }, (_, j) => (x[Math.floor(j / 2) * 4 + 1] === 1 ? [0.2, 0.8] : [0.8, 0.2])[j % 2]);
  },
};

const run = (model: Classifier, params: Record<string, unknown>, seed = 1) =>
  tabularPerturbation.run(contextFor(model, prepareData(dataset, binding), { ...tabularPerturbation.defaults, bootstrap: 100, ...params } as typeof tabularPerturbation.defaults, { seed }));

describe('robustness/tabular-perturbation', () => {
  it('counts flips exactly when every value goes missing: the job-"a" rows (a third) lose their one-hot and flip', async () => {
    const m = await run(jobModel, { noise: [], swap: [], missing: [1] });
    expect(m.value).toBeCloseTo(1 / 3, 12);
    expect(m.secondary.accuracy_drop.value).toBeCloseTo(1 / 3, 12);
    expect(m.groups).toEqual([expect.objectContaining({ group: 'Missing values 100 %', value: 1 / 3, n: 60 })]);
    const settings = m.details!.settings as { accuracy: number; flipped: number }[];
    expect(settings[0]).toMatchObject({ accuracy: 2 / 3, flipped: 20 });
  });

  it('sees no flips from noise on a column the model ignores, and swaps flip about as often as they hit or leave "a"', async () => {
    const m = await run(jobModel, { noise: [0.5, 2], swap: [1], missing: [] });
    const settings = m.details!.settings as { name: string; flipRate: number }[];
    expect(settings.map((s) => s.name)).toEqual(['Gaussian noise 0.5σ', 'Gaussian noise 2σ', 'Category swap 100 %']);
    expect(settings[0].flipRate).toBe(0);
    expect(settings[1].flipRate).toBe(0);
    // Every swap changes the job: 'a' rows always flip (1/3); 'b'/'c' rows flip when they become 'a' (half of them).
    expect(Math.abs(settings[2].flipRate - (1 / 3 + (2 / 3) * 0.5))).toBeLessThan(0.2);
    expect(m.secondary.worst_flip_rate.value).toBe(settings[2].flipRate);
    expect(m.value).toBeCloseTo(settings[2].flipRate / 3, 12);
  });

  it('reports a model that ignores its input as flip-free, with intervals at 0', async () => {
    const constant: Classifier = { ...jobModel, predict: async (_x, n) => Float32Array.from({ length: 2 * n }, (_, j) => (j % 2 ? 0.4 : 0.6)) };
    const m = await run(constant, {});
    expect(m.value).toBe(0);
    expect(m.interval).toMatchObject({ low: 0, high: 0 });
    expect(m.groups).toHaveLength(10);
    expect(m.notes.some((n) => n.includes("numeric 'wage' (σ = 17.32)"))).toBe(true);
  });

  it('skips what does not apply (no categorical column) and says so; rejects bad levels', async () => {
    const numericOnly: TabularBinding = { ...binding, features: [binding.features[0]] };
    const model: Classifier = { ...jobModel, sampleShape: [1], predict: async (x, n) => Float32Array.from({ length: 2 * n }, (_, j) => (x[Math.floor(j / 2)] > 3 ? [0.1, 0.9] : [0.9, 0.1])[j % 2]) };
    const m = await tabularPerturbation.run(contextFor(model, prepareData(dataset, numericOnly), { ...tabularPerturbation.defaults, bootstrap: 0 }));
    expect(m.notes).toContain('Skipped — category swaps: no categorical feature column.');
    expect((m.details!.settings as unknown[]).length).toBe(7);
    await expect(run(jobModel, { swap: [1.5] })).rejects.toThrow(/"swap" must be a list of numbers above 0 and at most 1/);
  });

  it('is the same for the same seed and differs for another', async () => {
    const a = await run(jobModel, { noise: [], missing: [], swap: [0.3] }, 4);
    expect(await run(jobModel, { noise: [], missing: [], swap: [0.3] }, 4)).toEqual(a);
    const others = await Promise.all([5, 6, 7, 8].map((seed) => run(jobModel, { noise: [], missing: [], swap: [0.3] }, seed)));
    expect(new Set([a, ...others].map((m) => m.value)).size).toBeGreaterThan(1);
  });
});
