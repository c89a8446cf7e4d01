/**
 * The explainability probes on hand-built classifiers with known answers: a differentiable
 * logistic regression over a table with a one-hot sensitive column, and copies of it standing in
 * for the randomised model.
 */
import { describe, expect, it } from 'vitest';
import type { Classifier, PreparedData } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import type { Binding } from '../../src/core/types';
import attributions from '../../src/probes/explainability/attributions';
import faithfulness from '../../src/probes/explainability/faithfulness';
import globalImportance from '../../src/probes/explainability/global-importance';
import igCompleteness from '../../src/probes/explainability/ig-completeness';
import randomisation from '../../src/probes/explainability/randomisation';
import stability from '../../src/probes/explainability/stability';
import { chooseMethod } from '../../src/probes/explainability/methods';
import { contextFor, imageMulticlassData, modelInfo } from './probes-fixtures';

const binding: Binding = {
  kind: 'tabular',
  features: [
    { column: 'income', kind: 'numeric', offset: 50, divisor: 10 },
    { column: 'debt', kind: 'numeric' },
    { column: 'sex', kind: 'one-hot', vocabulary: ['F', 'M'] },
  ],
  target: 'approved',
  sensitive: ['sex'],
  output: { kind: 'probabilities', labels: ['no', 'yes'], positive: 'yes' },
};

/** p(yes) = σ(w·x + b) with its analytic gradient; `differentiable: false` drops the gradient. */
function logistic(weights: number[], bias: number, differentiable = true): Classifier {
  const size = weights.length;
  const p1 = (x: Float32Array, o: number) => {
    let z = bias;
    for (let j = 0; j < size; j++) z += weights[j] * x[o + j];
    return 1 / (1 + Math.exp(-z));
  };
  return {
    info: { ...modelInfo, differentiable, format: 'tfjs' },
    labels: ['no', 'yes'],
    sampleShape: [size],
    async predict(x, n) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const p = p1(x, i * size);
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    },
    gradient: differentiable
      ? async (x, n, loss) => {
          const classes = loss.kind === 'class-probability' ? loss.classes : loss.labels;
          const gradient = new Float32Array(n * size);
          const value = new Float32Array(n);
          for (let i = 0; i < n; i++) {
            const p = p1(x, i * size);
            const sign = classes[i] === 1 ? 1 : -1;
            value[i] = classes[i] === 1 ? p : 1 - p;
            for (let j = 0; j < size; j++) gradient[i * size + j] = sign * p * (1 - p) * weights[j];
          }
          return { gradient, loss: value };
        }
      : null,
  };
}

function tableData(n = 120, labelBySex = false): PreparedData {
  const rng = createRng(3);
  const x = new Float32Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x[i * 4] = rng.normal();
    x[i * 4 + 1] = rng.normal();
    const male = rng.next() < 0.5 ? 1 : 0;
    x[i * 4 + 2] = 1 - male;
    x[i * 4 + 3] = male;
    y[i] = labelBySex ? male : x[i * 4] - 0.5 * x[i * 4 + 1] + 0.3 * rng.normal() > 0 ? 1 : 0;
  }
  return {
    dataset: { manifest: { id: 't', name: 't', format: 'csv', sha256: '3'.repeat(64), rows: n }, data: { kind: 'tabular', columns: ['income'], rows: [] } },
    binding, n, x, sampleSize: 4, y, sensitive: { sex: Array.from({ length: n }, (_, i) => (x[i * 4 + 3] ? 'M' : 'F')) }, member: null,
  };
}

const fast = { bootstrap: 100, level: 0.95 };

describe('explainability probes on a differentiable logistic regression', () => {
  it('attributions: KernelSHAP and LIME agree on the columns, IG is added, rows show raw values', async () => {
    const model = logistic([2, -1, 0, 0], 0.2);
    const m = await attributions.run(contextFor(model, tableData(), { ...attributions.defaults, ...fast, samples: 6 }));
    expect(m.value!).toBeGreaterThan(0.5);
    expect(m.n).toBe(6);
    const details = m.details as { features: string[]; explainedClass: string; methods: string[]; rows: { values: string[]; shap: number[]; ig: number[] }[] };
    expect(details.features).toEqual(['income', 'debt', 'sex']);
    expect(details.explainedClass).toBe('yes');
    expect(details.methods).toContain('integrated-gradients');
    // income is stored scaled: raw = x·10 + 50.
    expect(Number(details.rows[0].values[0])).toBeCloseTo(tableData().x[0] * 10 + 50, 3);
    expect(['F', 'M']).toContain(details.rows[0].values[2]);
    // The model ignores sex: its SHAP value is exactly 0 (the dummy axiom).
    for (const row of details.rows) expect(Math.abs(row.shap[2])).toBeLessThan(1e-9);
  });

  it('ig-completeness: the gap is below 1 % on the smooth model', async () => {
    const m = await igCompleteness.run(contextFor(logistic([1.5, -1, 0.5, -0.5], 0.1), tableData(), { ...igCompleteness.defaults, ...fast, samples: 8 }));
    expect(m.value!).toBeLessThan(0.01);
    expect(m.secondary.within_5_percent.value).toBe(1);
  });

  it('ig-completeness: says why when the runtime gives no gradients', async () => {
    const m = await igCompleteness.run(contextFor(logistic([1, 1, 0, 0], 0, false), tableData(), { ...igCompleteness.defaults, ...fast }));
    expect(m.value).toBeNull();
    expect(m.undefinedReason).toMatch(/no input gradients/);
  });

  it('global-importance: the share on the sensitive column is 1 when only it matters and 0 when it is ignored', async () => {
    const onlySex = await globalImportance.run(contextFor(logistic([0, 0, -3, 3], 0), tableData(120, true), { ...globalImportance.defaults, ...fast, rows: 120 }));
    expect(onlySex.value).toBe(1);
    const noSex = await globalImportance.run(contextFor(logistic([3, -1, 0, 0], 0), tableData(), { ...globalImportance.defaults, ...fast, rows: 120 }));
    expect(noSex.value).toBe(0);
    const details = noSex.details as { features: { column: string; importance: number; sensitive: boolean }[]; dependence: { column: string; grid: number[]; values: number[][] }[] };
    expect(details.features.map((f) => f.sensitive)).toEqual([false, false, true]);
    expect(details.features[0].importance).toBeGreaterThan(0.2);
    // Partial dependence on income rises (positive weight), on the raw scale.
    const income = details.dependence.find((d) => d.column === 'income')!;
    expect(income.grid[0]).toBeGreaterThan(20);
    expect(income.values[0][income.values[0].length - 1]).toBeGreaterThan(income.values[0][0]);
  });

  it('faithfulness: KernelSHAP orders beat random orders', async () => {
    const m = await faithfulness.run(contextFor(logistic([2, -1.5, 0.2, -0.2], 0), tableData(), { ...faithfulness.defaults, ...fast, samples: 6 }));
    expect(m.value!).toBeGreaterThan(0);
    expect(m.secondary.deletion_auc.value!).toBeLessThan(m.secondary.insertion_auc.value!);
    expect(m.secondary.faithfulness_correlation.value!).toBeGreaterThan(0.5);
  });

  it('faithfulness on images uses Integrated Gradients when gradients exist, occlusion otherwise', () => {
    expect(chooseMethod('auto', 'image', true).method).toBe('integrated-gradients');
    expect(chooseMethod('auto', 'image', false).method).toBe('occlusion');
    expect(chooseMethod('saliency', 'image', false)).toMatchObject({ method: 'occlusion', notes: [expect.stringMatching(/needs input gradients/)] });
    expect(chooseMethod('lime', 'image', true).method).toBe('integrated-gradients');
  });

  it('stability: the explanation of a smooth model barely moves under small noise', async () => {
    const m = await stability.run(contextFor(logistic([1, -1, 0.5, 0], 0), tableData(), { ...stability.defaults, ...fast, samples: 3, perturbations: 2, method: 'integrated-gradients' }));
    expect(m.value!).toBeLessThan(0.1);
    expect(m.notes.join(' ')).toMatch(/2 numeric columns/);
  });

  it('randomisation: an identical copy correlates perfectly, a randomised one much less', async () => {
    const trained = logistic([3, -2, 0.5, -0.5], 0);
    const withCopy = (weights: number[]): Classifier => ({
      ...trained,
      randomized: async () => ({ ...logistic(weights, 0), dispose: async () => {} }),
    });
    const same = await randomisation.run(contextFor(withCopy([3, -2, 0.5, -0.5]), tableData(), { ...randomisation.defaults, ...fast, samples: 5 }));
    expect(same.value).toBeCloseTo(1, 6);
    expect(same.secondary.prediction_change.value).toBe(0);
    const random = await randomisation.run(contextFor(withCopy([-0.3, 0.1, 2, -2]), tableData(), { ...randomisation.defaults, ...fast, samples: 5 }));
    expect(random.value!).toBeLessThan(0.5);
    expect(random.secondary.prediction_change.value!).toBeGreaterThan(0.05);
  });

  it('randomisation: says why when the model cannot be randomised', async () => {
    const m = await randomisation.run(contextFor(logistic([1, 0, 0, 0], 0), tableData(), { ...randomisation.defaults, ...fast }));
    expect(m.value).toBeNull();
    expect(m.undefinedReason).toMatch(/randomised weights/);
  });
});

describe('explainability probes on images without gradients', () => {
  it('attributions give occlusion and patch KernelSHAP maps and say gradient methods were not used', async () => {
    const { model, data } = imageMulticlassData(20);
    const m = await attributions.run(contextFor(model, data, { ...attributions.defaults, ...fast, samples: 3 }));
    const details = m.details as { methods: { id: string }[]; images: { maps: Record<string, { width: number; data: string }>; image: { width: number } }[] };
    expect(details.methods.map((d) => d.id)).toEqual(['occlusion', 'image-kernel-shap']);
    expect(details.images).toHaveLength(3);
    expect(details.images[0].maps.occlusion.width).toBe(4);
    expect(details.images[0].image.width).toBe(4);
    expect(m.notes.join(' ')).toMatch(/model-agnostic methods only/);
    expect(m.secondary.lime_fidelity.value).toBeNull();
  });
});
