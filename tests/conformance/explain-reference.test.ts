/**
 * Explainability on the reference models (../shared/reference): known answers where they exist
 * (brute-force Shapley values of the Iris MLP), and on the MNIST CNN, the Adult MLP, the XGBoost
 * loan model and TinyVGG, the checks the explainability issue asks for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { unmetRequirement } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import type { Binding, Measurement } from '../../src/core/types';
import { tabularGroups } from '../../src/explain/groups';
import { kernelShap } from '../../src/explain/kernel-shap';
import { exactShapley } from '../../src/explain/shapley-exact';
import { argmax } from '../../src/explain/stats';
import attributions from '../../src/probes/explainability/attributions';
import { backgroundIndices, explainModelOf, gather, spreadIndices } from '../../src/probes/explainability/context';
import faithfulness from '../../src/probes/explainability/faithfulness';
import globalImportance from '../../src/probes/explainability/global-importance';
import igCompleteness from '../../src/probes/explainability/ig-completeness';
import randomisation from '../../src/probes/explainability/randomisation';
import { openForExplaining, type Opened } from './explain-harness';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ref = (path: string) => REFERENCE + path;
const bindingOf = (id: string): Binding => JSON.parse(readFileSync(fileURLToPath(new URL(`../../src/bindings/${id}.json`, import.meta.url)), 'utf8')).binding;

const opened: Opened[] = [];
async function open(args: Parameters<typeof openForExplaining>[0]): Promise<Opened> {
  const o = await openForExplaining(args);
  opened.push(o);
  return o;
}
afterAll(async () => {
  await Promise.all(opened.map((o) => o.dispose()));
});

const fast = { bootstrap: 200, level: 0.95 };
const details = <T>(m: Measurement) => m.details as unknown as T;

describe.skipIf(!existsSync(REFERENCE))('conformance: explanations of the reference models (../shared/reference)', () => {
  it('Iris MLP (4 features): KernelSHAP matches brute-force Shapley values within 0.01', async () => {
    const o = await open({ model: ref('models/iris-mlp-onnx/Network.onnx'), data: [ref('datasets/iris/Iris.csv')], binding: bindingOf('iris-mlp-onnx') });
    const model = explainModelOf(o.context({}));
    const groups = tabularGroups(o.data.binding as Extract<Binding, { kind: 'tabular' }>);
    const replacements = gather(o.data.x, 4, backgroundIndices(o.data.n, 12));
    let largest = 0;
    for (const row of spreadIndices(o.data.n, 6)) {
      const x = o.data.x.subarray(row * 4, row * 4 + 4);
      const probs = await model.predict(x, 1);
      for (const target of [argmax(probs), (argmax(probs) + 1) % 3]) {
        const masker = { x, replacements, rows: 12, groups };
        const exact = await exactShapley(model, masker, target);
        for (const samples of [14, 100]) {
          const approx = await kernelShap(model, masker, target, { samples, rng: createRng(row) });
          approx.values.forEach((v, j) => {
            expect(Math.abs(v - exact.values[j]), `row ${row} class ${target} feature ${j} with ${samples} coalitions`).toBeLessThan(0.01);
          });
        }
        largest = Math.max(largest, ...Array.from(exact.values, Math.abs));
      }
    }
    // The comparison is not vacuous: the values themselves are far larger than the tolerance.
    expect(largest).toBeGreaterThan(0.2);
  });

  describe('MNIST CNN (ONNX, fixed batch 1, gradients through the TF.js translation)', () => {
    const mnist = () => open({ model: ref('models/mnist-cnn-onnx/mnist.onnx'), data: [ref('datasets/mnist-test')], binding: bindingOf('mnist-cnn-onnx'), limit: 20 });
    let o: Opened;

    it('draws saliency, Integrated Gradients and occlusion heat maps for a handful of digits', async () => {
      o = await mnist();
      expect(o.model.gradient).not.toBeNull();
      const m = await attributions.run(o.context({ ...attributions.defaults, ...fast, samples: 4, shapSamples: 100, smoothSamples: 4 }));
      const d = details<{ methods: { id: string }[]; images: { class: string; label: string; maps: Record<string, { width: number; height: number; scale: number }> }[] }>(m);
      expect(d.methods.map((x) => x.id)).toEqual(['occlusion', 'image-kernel-shap', 'saliency', 'gradient-x-input', 'integrated-gradients', 'smoothgrad']);
      expect(d.images).toHaveLength(4);
      for (const image of d.images) {
        expect(image.class).toBe(image.label);
        for (const id of ['saliency', 'integrated-gradients', 'occlusion']) {
          expect(image.maps[id]).toMatchObject({ width: 28, height: 28 });
          expect(image.maps[id].scale).toBeGreaterThan(0);
        }
      }
    });

    it.each(['integrated-gradients', 'occlusion', 'saliency'])('%s: deletion and insertion AUCs beat random orders', async (method) => {
      const m = await faithfulness.run(o.context({ ...faithfulness.defaults, ...fast, samples: 10, steps: 10, randomOrders: 2, subsets: 10, smoothSamples: 4, method }));
      expect(m.details?.method).toBe(method);
      expect(m.value!, 'gain over random').toBeGreaterThan(0);
      expect(m.interval!.low, 'gain interval above 0').toBeGreaterThan(0);
      expect(m.secondary.deletion_gain.value!).toBeGreaterThan(0);
      expect(m.secondary.insertion_gain.value!).toBeGreaterThan(0);
    });

    it('randomisation test: explanations of a randomised copy have a low rank correlation', async () => {
      const m = await randomisation.run(o.context({ ...randomisation.defaults, ...fast, samples: 4, smoothSamples: 4 }));
      const methods = details<{ methods: { id: string; rankCorrelation: number }[] }>(m).methods;
      const of = (id: string) => methods.find((x) => x.id === id)!.rankCorrelation;
      expect(of('saliency')).toBeLessThan(0.3);
      expect(of('occlusion')).toBeLessThan(0.3);
      expect(m.secondary.prediction_change.value!).toBeGreaterThan(0.3);
      // Integrated Gradients (the headline method) multiplies by the input, so it keeps more of the
      // digit's shape (Adebayo et al. 2018 find the same), but far from an unchanged explanation.
      expect(m.value!).toBeLessThan(0.8);
    });

    it('Integrated Gradients completeness: the gap is reported per digit', async () => {
      const m = await igCompleteness.run(o.context({ ...igCompleteness.defaults, ...fast, samples: 4 }));
      expect(m.value).not.toBeNull();
      expect(m.n).toBeGreaterThan(0);
      expect(m.value!).toBeLessThan(0.25);
    });
  });

  it('Adult MLP (TF.js): KernelSHAP and LIME on the 13 raw columns, IG, permutation importance with the sensitive share', async () => {
    const o = await open({ model: ref('models/adult-income-mlp-tfjs'), data: [ref('datasets/adult/adult.csv')], binding: bindingOf('adult-income-mlp-tfjs'), limit: 2000 });
    const m = await attributions.run(o.context({ ...attributions.defaults, ...fast, samples: 4, shapSamples: 200, limeSamples: 300 }));
    const d = details<{ features: string[]; methods: string[]; rows: { probability: number; base: number; shap: number[]; lime: number[]; values: string[] }[] }>(m);
    expect(d.features).toEqual(['age', 'workclass', 'education', 'education-num', 'marital-status', 'occupation', 'relationship', 'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country']);
    expect(d.methods).toEqual(['kernel-shap', 'lime', 'integrated-gradients']);
    for (const row of d.rows) {
      expect(row.shap.reduce((a, b) => a + b, 0)).toBeCloseTo(row.probability - row.base, 4);
      expect(row.lime).toHaveLength(13);
      expect(['Male', 'Female']).toContain(row.values[8]);
    }
    expect(m.value!).toBeGreaterThan(0.3);
    const g = await globalImportance.run(o.context({ ...globalImportance.defaults, ...fast, rows: 300, repeats: 2, dependenceRows: 100 }));
    const features = details<{ features: { column: string; sensitive: boolean; importance: number }[] }>(g).features;
    expect(features.filter((f) => f.sensitive).map((f) => f.column)).toEqual(['age', 'race', 'sex']);
    expect(g.value).not.toBeNull();
    expect(Math.max(...features.map((f) => f.importance))).toBeGreaterThan(0.01);
  });

  it('XGBoost loan model (ONNX tree ensemble): explained by model-agnostic methods only, and the report says so', async () => {
    const o = await open({ model: ref('models/lending-club-xgboost-onnx/lending-club-xgboost.onnx'), data: [ref('datasets/lending-club/lending-club.csv')], binding: bindingOf('lending-club-xgboost-onnx'), limit: 1000 });
    expect(o.model.gradient).toBeNull();
    expect(unmetRequirement(igCompleteness.requires, { modality: 'tabular', task: 'binary-classification', sensitive: 0, labelled: 1000, split: false, differentiable: o.adapter.info.differentiable })).toBe('needs a differentiable model');
    const m = await attributions.run(o.context({ ...attributions.defaults, ...fast, samples: 4, shapSamples: 200, limeSamples: 300 }));
    const d = details<{ features: string[]; methods: string[]; rows: { probability: number; base: number; shap: number[] }[] }>(m);
    expect(d.methods).toEqual(['kernel-shap', 'lime']);
    expect(d.features).toHaveLength(16);
    expect(m.notes.join(' ')).toMatch(/not differentiable.*TreeEnsembleClassifier.*model-agnostic methods only/);
    for (const row of d.rows) expect(row.shap.reduce((a, b) => a + b, 0)).toBeCloseTo(row.probability - row.base, 4);
    const g = await globalImportance.run(o.context({ ...globalImportance.defaults, ...fast, rows: 300, repeats: 2, dependenceRows: 100 }));
    expect(g.value).toBeNull();
    expect(g.undefinedReason).toMatch(/no sensitive column/);
    expect(details<{ features: { importance: number }[] }>(g).features.some((f) => f.importance > 0.01)).toBe(true);
    const f = await faithfulness.run(o.context({ ...faithfulness.defaults, ...fast, samples: 4, randomOrders: 2, shapSamples: 200 }));
    expect(f.details?.method).toBe('kernel-shap');
    expect(f.value!).toBeGreaterThan(0);
  });

  it('TinyVGG (TF.js, 64×64 colour): heat maps over its images', async () => {
    const o = await open({ model: ref('models/tinyvgg-4class-tfjs'), data: [ref('datasets/tinyvgg-images')], binding: bindingOf('tinyvgg-4class-tfjs'), limit: 6 });
    const m = await attributions.run(o.context({ ...attributions.defaults, ...fast, samples: 2, shapSamples: 100, smoothSamples: 4 }));
    const d = details<{ methods: { id: string }[]; images: { image: { width: number; channels: number }; maps: Record<string, { width: number; scale: number }> }[] }>(m);
    // TF.js wasm lacks Conv2DBackpropFilter; the runtime supplies it, so the gradient maps are drawn too (issue 5).
    expect(d.methods.map((x) => x.id)).toEqual(expect.arrayContaining(['saliency', 'integrated-gradients']));
    expect(m.notes.join(' ')).not.toMatch(/failed to compute input gradients/);
    for (const image of d.images) {
      expect(image.image).toMatchObject({ width: 64, channels: 3 });
      expect(image.maps.occlusion.width).toBe(64);
      expect(image.maps.occlusion.scale).toBeGreaterThan(0);
      expect(image.maps['image-kernel-shap'].scale).toBeGreaterThan(0);
      expect(image.maps['integrated-gradients'].scale).toBeGreaterThan(0);
    }
  });
});
