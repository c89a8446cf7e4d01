import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { gradientTimesInput, integratedGradients, saliency, smoothGrad } from '../../src/explain/gradient-methods';
import { patchGroups, pixelGroups, slotsToGroups, type FeatureGroups, type ImageShape } from '../../src/explain/groups';
import { imageKernelShap } from '../../src/explain/image-shap';
import { limeTabular } from '../../src/explain/lime';
import { occlusion, windowStarts } from '../../src/explain/occlusion';
import { partialDependence, quantileGrid } from '../../src/explain/partial-dependence';
import { correctness, importanceOn, permutationImportance } from '../../src/explain/permutation-importance';
import { completenessGap } from '../../src/explain/quality/completeness';
import { functionModel, logisticModel, marginModel } from './explain-fixtures';

const singles = (m: number): FeatureGroups => ({ names: Array.from({ length: m }, (_, i) => `f${i}`), slots: Array.from({ length: m }, (_, i) => Int32Array.of(i)) });

describe('LIME on raw columns', () => {
  it('recovers w·(x − b) for a linear margin model with one background row and no penalty, with R² = 1', async () => {
    const weights = [1.5, -2, 0.5, 3];
    const x = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([0, 1, -1, 2]);
    const result = await limeTabular(marginModel(weights), { x, replacements: b, rows: 1, groups: singles(4) }, 0, { samples: 300, rng: createRng(2), alpha: 1e-9 });
    weights.forEach((w, j) => expect(result.coefficients[j]).toBeCloseTo(w * (x[j] - b[j]), 6));
    expect(result.score).toBeCloseTo(1, 9);
    expect(result.fx).toBeCloseTo(1.5 - 4 + 1.5 + 12, 5);
  });

  it('shrinks towards zero with the default ridge penalty but keeps the ranking', async () => {
    const weights = [1.5, -2, 0.7, 3];
    const x = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([0, 1, -1, 2]);
    const result = await limeTabular(marginModel(weights), { x, replacements: b, rows: 1, groups: singles(4) }, 0, { samples: 300, rng: createRng(2) });
    const exact = weights.map((w, j) => Math.abs(w * (x[j] - b[j])));
    const got = Array.from(result.coefficients, Math.abs);
    expect(got.map((_, j) => j).sort((i, j) => got[j] - got[i])).toEqual(exact.map((_, j) => j).sort((i, j) => exact[j] - exact[i]));
    got.forEach((g, j) => expect(g).toBeLessThan(exact[j] + 1e-9));
  });
});

describe('gradient methods on a logistic regression with an analytic gradient', () => {
  const weights = [0.8, -1.2, 0.4];
  const model = logisticModel(weights, 0.1);
  const x = Float32Array.from([1, 0.5, -2, 0.3, -0.7, 1.1]);
  const classes = Int32Array.from([1, 0]);

  it('saliency is p(1 − p)·w, signed by class, and gradient × input multiplies it by x', async () => {
    const g = await saliency(model, x, 2, classes);
    const z = 0.1 + 0.8 * 1 - 1.2 * 0.5 + 0.4 * -2;
    const p = 1 / (1 + Math.exp(-z));
    weights.forEach((w, j) => expect(g[j]).toBeCloseTo(p * (1 - p) * w, 6));
    const gx = await gradientTimesInput(model, x, 2, classes);
    expect(gx[1]).toBeCloseTo(g[1] * 0.5, 6);
  });

  it('Integrated Gradients leave a completeness gap below 1 % with 16 steps', async () => {
    const baseline = new Float32Array(3);
    const ig = await integratedGradients(model, x, 2, classes, baseline, 16);
    const probs = await model.predict(Float32Array.from([...x, ...baseline]), 3);
    for (let i = 0; i < 2; i++) {
      const fx = probs[i * 2 + classes[i]];
      const fb = probs[4 + classes[i]];
      const gap = completenessGap(ig.subarray(i * 3, i * 3 + 3), fx, fb);
      expect(gap.relative!).toBeLessThan(0.01);
    }
  });

  it('Integrated Gradients of a linear margin are exactly w·(x − x′)', async () => {
    const linear = { ...marginModel([2, -1]), gradient: async (_x: Float32Array, n: number) => Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? 2 : -1)) };
    const ig = await integratedGradients(linear, Float32Array.from([3, 4]), 1, Int32Array.of(0), Float32Array.from([1, 1]), 4);
    expect(Array.from(ig)).toEqual([4, -3]);
  });

  it('SmoothGrad is the same for the same seed, and close to the plain gradient for small noise', async () => {
    const sigma = Float32Array.from([0.01, 0.01, 0.01]);
    const a = await smoothGrad(model, x, 2, classes, { samples: 8, sigma, rng: createRng(3) });
    const b = await smoothGrad(model, x, 2, classes, { samples: 8, sigma, rng: createRng(3) });
    expect(a).toEqual(b);
    const g = await saliency(model, x, 2, classes);
    a.forEach((v, i) => expect(v).toBeCloseTo(g[i], 3));
  });
});

describe('occlusion on a toy image model with a known answer', () => {
  // 6 × 6 gray image; the "probability" is the mean of the 2 × 2 block at rows 1–2, columns 3–4.
  const shape: ImageShape = { width: 6, height: 6, channels: 1, layout: 'NHWC' };
  const inBlock = (i: number) => [1, 2].includes(Math.floor(i / 6)) && [3, 4].includes(i % 6);
  const model = functionModel(36, (x, o) => (x[o + 9] + x[o + 10] + x[o + 15] + x[o + 16]) / 4);
  const x = Float32Array.from({ length: 36 }, (_, i) => 0.2 + (i % 5) * 0.1);

  it('with a 1-pixel window gives x/4 inside the block and 0 elsewhere', async () => {
    const map = await occlusion(model, x, shape, new Float32Array(36), 0, { window: 1, stride: 1 });
    map.forEach((v, i) => expect(v).toBeCloseTo(inBlock(i) ? x[i] / 4 : 0, 6));
  });

  it('with overlapping 2-pixel windows averages the drops of the windows covering each pixel', async () => {
    expect(windowStarts(6, 2, 2)).toEqual([0, 2, 4]);
    expect(windowStarts(7, 3, 2)).toEqual([0, 2, 4]);
    expect(windowStarts(8, 3, 2)).toEqual([0, 2, 4, 5]);
    const map = await occlusion(model, x, shape, new Float32Array(36), 0, { window: 2, stride: 2 });
    // Windows at (0,2),(0,4),(2,2),(2,4) each cover one block pixel; pixel (1,3) is only in window (0,2).
    expect(map[1 * 6 + 3]).toBeCloseTo(x[9] / 4, 6);
    expect(map[0]).toBeCloseTo(0, 6);
    expect(map[1 * 6 + 2]).toBeCloseTo(x[9] / 4, 6);
  });

  it('image KernelSHAP over 2 × 2 patches puts the whole output on the block patches', async () => {
    const result = await imageKernelShap(model, x, shape, new Float32Array(36), 0, { patch: 2, samples: 500, rng: createRng(1) });
    expect(result.grid.rows).toBe(3);
    const patchValues = Array.from(result.values);
    // Block pixels (1,3),(1,4),(2,3),(2,4) fall in patches (0,1),(0,2),(1,1),(1,2).
    const expected = [0, x[9] / 4, x[10] / 4, 0, x[15] / 4, x[16] / 4, 0, 0, 0];
    patchValues.forEach((v, p) => expect(v).toBeCloseTo(expected[p], 4));
    expect(result.pixels.reduce((s, v) => s + v, 0)).toBeCloseTo(result.fx - result.base, 4);
  });

  it('groups pixels and patches over both layouts', () => {
    const rgb: ImageShape = { width: 2, height: 2, channels: 3, layout: 'NCHW' };
    expect(Array.from(pixelGroups(rgb).slots[1])).toEqual([1, 5, 9]);
    expect(Array.from(pixelGroups({ ...rgb, layout: 'NHWC' }).slots[1])).toEqual([3, 4, 5]);
    const grid = patchGroups({ width: 5, height: 3, channels: 1, layout: 'NHWC' }, 2);
    expect([grid.rows, grid.cols]).toEqual([2, 3]);
    expect(Array.from(grid.pixels[2])).toEqual([4, 9]);
    expect(Array.from(slotsToGroups(pixelGroups(rgb), Float32Array.from({ length: 12 }, (_, i) => i)))).toEqual([12, 15, 18, 21]);
  });
});

describe('global methods', () => {
  it('permutation importance is zero for features the model ignores and large for the one it uses', async () => {
    const n = 200;
    const rng = createRng(4);
    const x = Float32Array.from({ length: n * 3 }, () => rng.normal());
    const labels = Int32Array.from({ length: n }, (_, i) => (x[i * 3] > 0 ? 1 : 0));
    const model = logisticModel([8, 0, 0]);
    const result = await permutationImportance({ model, x, n, groups: singles(3), scores: correctness(labels, 2), repeats: 3, rng: createRng(1) });
    expect(result.baseline).toBe(1);
    expect(result.importances[0].mean).toBeGreaterThan(0.3);
    expect(result.importances[1]).toEqual({ mean: 0, std: 0, drops: [0, 0, 0] });
    // The per-row scores give the same importance back, and on any subset of rows.
    expect(importanceOn(result, 0)).toBeCloseTo(result.importances[0].mean, 12);
    expect(importanceOn(result, 2, Int32Array.from([0, 1, 2]))).toBe(0);
  });

  it('partial dependence of a linear margin is the margin at the grid value plus the other features\' means', async () => {
    const x = Float32Array.from([1, 10, 3, 20, 5, 30]);
    const pd = await partialDependence({ model: marginModel([2, 0.5]), x, n: 3, slot: 0, grid: [0, 1] });
    expect(Array.from(pd)).toEqual([10, 12]);
    expect(quantileGrid([1, 2, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(quantileGrid(Array.from({ length: 101 }, (_, i) => i), 3)).toEqual([5, 50, 95]);
  });
});
