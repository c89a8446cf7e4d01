import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import type { FeatureGroups } from '../../src/explain/groups';
import { kernelShap, sampleCoalitions } from '../../src/explain/kernel-shap';
import { exactShapley, shapleyFromTable } from '../../src/explain/shapley-exact';
import { functionModel, marginModel } from './explain-fixtures';

/** Groups of slots: sizes [1, 3, 1, 2, …]: some "one-hot" groups of several slots. */
function groupsOf(sizes: number[]): FeatureGroups {
  let start = 0;
  return {
    names: sizes.map((_, i) => `f${i}`),
    slots: sizes.map((s) => {
      const slots = Int32Array.from({ length: s }, (_, k) => start + k);
      start += s;
      return slots;
    }),
  };
}

function randomRows(rows: number, size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: rows * size }, () => rng.normal());
}

describe('KernelSHAP', () => {
  it('recovers the exact Shapley values of a linear model on its margin, w·(x − E[x]) per raw column, from sampled coalitions', async () => {
    const sizes = [1, 3, 1, 2, 1, 1, 4, 1, 1, 1, 2, 1];
    const groups = groupsOf(sizes);
    const size = sizes.reduce((a, b) => a + b, 0);
    const rng = createRng(5);
    const weights = Array.from({ length: size }, () => rng.normal() * 2);
    const model = marginModel(weights, 0.3);
    const background = randomRows(25, size, 9);
    const x = randomRows(1, size, 13);
    // 200 coalitions of 4,094: sampled, not enumerated.
    const result = await kernelShap(model, { x, replacements: background, rows: 25, groups }, 0, { samples: 200, rng: createRng(1) });
    expect(result.exact).toBe(false);
    const expected = groups.slots.map((slots) => {
      let phi = 0;
      for (const s of slots) {
        let mean = 0;
        for (let b = 0; b < 25; b++) mean += background[b * size + s] / 25;
        phi += weights[s] * (x[s] - mean);
      }
      return phi;
    });
    result.values.forEach((v, j) => expect(Math.abs(v - expected[j]), `feature ${j}`).toBeLessThan(0.01));
    // Efficiency: the values add up to f(x) − E[f].
    expect(result.values.reduce((a, b) => a + b, 0)).toBeCloseTo(result.fx - result.base, 5);
  });

  it('matches brute-force Shapley values exactly when the budget covers every coalition', async () => {
    const groups = groupsOf([1, 1, 1, 1, 1]);
    const model = functionModel(5, (x, o) => Math.tanh(x[o] * x[o + 1]) + Math.max(0, x[o + 2] - x[o + 3]) * x[o + 4] + x[o] ** 2);
    const background = randomRows(6, 5, 2);
    const x = randomRows(1, 5, 3);
    const masker = { x, replacements: background, rows: 6, groups };
    const exact = await exactShapley(model, masker, 0);
    const approx = await kernelShap(model, masker, 0, { samples: 100, rng: createRng(4) });
    expect(approx.exact).toBe(true);
    expect(approx.coalitions).toBe(30);
    approx.values.forEach((v, j) => expect(v).toBeCloseTo(exact.values[j], 5));
  });

  it('comes within 0.01 of brute-force Shapley values of a non-linear 10-feature model with a sampled budget', async () => {
    const groups = groupsOf(Array(10).fill(1));
    const model = functionModel(10, (x, o) => {
      let s = 0;
      for (let j = 0; j < 10; j++) s += Math.sin(x[o + j]) * 0.3;
      return 1 / (1 + Math.exp(-(s + x[o] * x[o + 1] * 0.5 - x[o + 2] * x[o + 3] * 0.4)));
    });
    const masker = { x: randomRows(1, 10, 21), replacements: randomRows(5, 10, 22), rows: 5, groups };
    const exact = await exactShapley(model, masker, 0);
    const approx = await kernelShap(model, masker, 0, { samples: 700, rng: createRng(8) });
    expect(approx.exact).toBe(false);
    approx.values.forEach((v, j) => expect(Math.abs(v - exact.values[j]), `feature ${j}`).toBeLessThan(0.01));
  });

  it('computes the Shapley values of a hand-made game', () => {
    // v(∅)=0, v({0})=1, v({1})=2, v({0,1})=6: φ₀ = ½(1−0) + ½(6−2) = 2.5, φ₁ = 3.5.
    expect(Array.from(shapleyFromTable(2, [0, 1, 2, 6]))).toEqual([2.5, 3.5]);
  });

  it('samples the same coalitions for the same seed, with kernel weights that sum to 1', () => {
    const a = sampleCoalitions(12, 300, createRng(3));
    const b = sampleCoalitions(12, 300, createRng(3));
    expect(a.masks).toEqual(b.masks);
    expect(a.weights).toEqual(b.weights);
    expect(a.count).toBe(300);
    expect(a.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    // Sizes 1 and 11 (24 coalitions) and 2 and 10 (132) are enumerated first.
    const sizeOf = (i: number) => a.masks.subarray(i * 12, (i + 1) * 12).reduce((s, v) => s + v, 0);
    expect(new Set(Array.from({ length: 24 }, (_, i) => sizeOf(i)))).toEqual(new Set([1, 11]));
    const full = sampleCoalitions(4, 1000, createRng(1));
    expect(full.exact).toBe(true);
    expect(full.count).toBe(14);
  });
});
