/**
 * Known answers for the attacks on linear models, where the worst L∞ perturbation is known in
 * closed form: FGSM and PGD must match it exactly, bisection must find the minimal ε, and the
 * black-box attacks must never beat it (and should get close to it within their budgets).
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import { bisectMinimalEpsilon } from '../../src/perturb/attacks/bisection';
import { fgsm, fgsmPoint } from '../../src/perturb/attacks/fgsm';
import { hopSkipJump } from '../../src/perturb/attacks/hopskipjump';
import { pgd } from '../../src/perturb/attacks/pgd';
import { squareAttack, squareShare } from '../../src/perturb/attacks/square';
import { ascend, probabilityMargins, project, LOG_FLOOR } from '../../src/perturb/attacks/unit-box';
import { linearOracle, logitsOf, worstLinfLogitGap, type LinearModel } from './robustness-attack-fixtures';

const IMAGE = { channels: 1, height: 4, width: 4, layout: 'NCHW' as const };
const D = 16;
const BINARY: LinearModel = {
  w: [Array.from({ length: D }, (_, j) => Math.sin(j + 1) * 2), Array.from({ length: D }, (_, j) => Math.cos(2 * j + 1) * 2)],
  b: [0.3, -0.1],
};

/** n samples inside the box, each labelled with the class the model gives it (all correct). */
function samples(model: LinearModel, n: number, seed = 5): { z: Float32Array; y: Int32Array } {
  const rng = createRng(seed);
  const z = Float32Array.from({ length: n * D }, () => 0.15 + 0.7 * rng.next());
  const y = Int32Array.from({ length: n }, (_, i) => {
    const l = logitsOf(model, z, i * D);
    return l[1] > l[0] ? 1 : 0;
  });
  return { z, y };
}

/** The exact minimal L∞ ε of a binary linear model (the closed-form gap is decreasing in ε). */
function minimalLinf(model: LinearModel, z: Float32Array, i: number, y: number): number {
  if (worstLinfLogitGap(model, z, i * D, y, 1) > 0) return Number.POSITIVE_INFINITY;
  let lo = 0;
  let hi = 1;
  for (let s = 0; s < 60; s++) {
    const mid = (lo + hi) / 2;
    if (worstLinfLogitGap(model, z, i * D, y, mid) < 0) hi = mid;
    else lo = mid;
  }
  return hi;
}

const EPS = [0.01, 0.03, 0.05, 0.1, 0.2];

describe('FGSM on a linear model equals its closed form', () => {
  const { z, y } = samples(BINARY, 300);

  it.each(['margin', 'cross-entropy'] as const)('L∞ with the %s loss: fooled exactly where the worst-case logit gap turns negative', async (loss) => {
    const oracle = linearOracle(BINARY, IMAGE);
    const result = await fgsm(oracle, z, y, EPS, 'linf', loss);
    for (const [e, eps] of EPS.entries()) {
      const expected = Array.from(y, (label, i) => (worstLinfLogitGap(BINARY, z, i * D, label, eps) < 0 ? 1 : 0));
      expect(Array.from(result.success[e]), `ε = ${eps}`).toEqual(expected);
    }
    // Some but not all samples fall at the middle of the grid: the comparison is not vacuous.
    const fooled = result.success[2].reduce((a, b) => a + b, 0);
    expect(fooled).toBeGreaterThan(20);
    expect(fooled).toBeLessThan(280);
    expect(result.zeroGradient.every((v) => v === 0)).toBe(true);
    expect(oracle.gradients).toBe(300);
    expect(oracle.predicted).toBe(300 * EPS.length);
  });

  it('the FGSM point is x + ε·sign(w_other − w_y), clipped to the box', async () => {
    const result = await fgsm(linearOracle(BINARY, IMAGE), z, y, [0.1], 'linf', 'margin');
    const point = fgsmPoint(z, result.direction, 3, D, 0.1);
    const other = 1 - y[3];
    point.forEach((v, j) => {
      const expected = Math.min(1, Math.max(0, z[3 * D + j] + 0.1 * Math.sign(BINARY.w[other][j] - BINARY.w[y[3]][j])));
      expect(v).toBeCloseTo(expected, 6);
    });
  });

  it('L2 (fast gradient method): interior steps lower the logit gap by exactly ε·‖w_y − w_other‖₂', async () => {
    const diff = BINARY.w[1].map((v, j) => v - BINARY.w[0][j]);
    const norm2 = Math.hypot(...diff);
    const eps = 0.2;
    const result = await fgsm(linearOracle(BINARY, IMAGE), z, y, [eps], 'l2', 'margin');
    let checked = 0;
    for (let i = 0; i < y.length; i++) {
      const point = fgsmPoint(z, result.direction, i, D, eps);
      const interior = Array.from({ length: D }, (_, j) => z[i * D + j] + eps * result.direction[i * D + j]).every((v) => v >= 0 && v <= 1);
      if (!interior) continue;
      checked++;
      const gap = (l: number[]) => (y[i] === 1 ? l[1] - l[0] : l[0] - l[1]);
      expect(gap(logitsOf(BINARY, point))).toBeCloseTo(gap(logitsOf(BINARY, z, i * D)) - eps * norm2, 4);
      expect(result.success[0][i]).toBe(gap(logitsOf(BINARY, z, i * D)) - eps * norm2 < 0 ? 1 : 0);
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('PGD and minimal-ε bisection on a linear model', () => {
  const { z, y } = samples(BINARY, 120, 9);

  it('PGD (L∞, random start, 10 steps) finds exactly the samples the closed form says can be fooled', async () => {
    for (const eps of [0.03, 0.1]) {
      const result = await pgd(linearOracle(BINARY, IMAGE), z, y, { eps, norm: 'linf', steps: 10, randomStart: true, loss: 'margin', rng: createRng(1) });
      const expected = Array.from(y, (label, i) => (worstLinfLogitGap(BINARY, z, i * D, label, eps) < -1e-6 ? 1 : 0));
      const got = Array.from(result.success);
      // Only samples within a hair of the boundary may differ.
      got.forEach((v, i) => {
        if (v !== expected[i]) expect(Math.abs(worstLinfLogitGap(BINARY, z, i * D, y[i], eps))).toBeLessThan(1e-3);
      });
      // Every adversarial point lies in the ε-box and the unit box.
      for (let i = 0; i < y.length; i++) {
        for (let j = 0; j < D; j++) {
          const v = result.adversarial[i * D + j];
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          expect(Math.abs(v - z[i * D + j])).toBeLessThanOrEqual(eps + 1e-6);
        }
      }
    }
  });

  it('bisection with PGD recovers the closed-form minimal ε to within the bracket width', async () => {
    const oracle = linearOracle(BINARY, IMAGE);
    const attack = async (indices: Int32Array, eps: Float32Array) => {
      const zs = new Float32Array(indices.length * D);
      indices.forEach((i, r) => zs.set(z.subarray(i * D, (i + 1) * D), r * D));
      const labels = Int32Array.from(indices, (i) => y[i]);
      return (await pgd(oracle, zs, labels, { eps, norm: 'linf', steps: 10, randomStart: false, loss: 'margin', rng: createRng(2) })).success;
    };
    const steps = 12;
    const found = await bisectMinimalEpsilon(attack, new Float32Array(y.length), new Float32Array(y.length).fill(1), steps);
    let compared = 0;
    for (let i = 0; i < y.length; i++) {
      const truth = minimalLinf(BINARY, z, i, y[i]);
      if (!Number.isFinite(truth)) continue;
      compared++;
      expect(found[i]).toBeGreaterThanOrEqual(truth - 1e-6);
      expect(found[i] - truth).toBeLessThanOrEqual(2 ** -steps + 1e-6);
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('black-box attacks on a linear model never beat the closed form, and get close to it', () => {
  const { z, y } = samples(BINARY, 60, 13);
  const truth = Array.from(y, (label, i) => minimalLinf(BINARY, z, i, label));

  it('Square Attack: no success below the minimal ε; most samples fall at 1.5× it within 300 queries', async () => {
    const oracle = linearOracle(BINARY, IMAGE);
    const eps = 0.06;
    const result = await squareAttack(oracle, z, y, { eps, queries: 300, pInit: 0.3, rng: createRng(3) });
    let reachable = 0;
    let found = 0;
    for (let i = 0; i < y.length; i++) {
      if (result.success[i]) {
        expect(truth[i], `sample ${i} cannot be fooled at ε = ${eps}`).toBeLessThanOrEqual(eps + 1e-6);
        const gap = logitsOf(BINARY, result.adversarial, i * D);
        expect(y[i] === 1 ? gap[1] < gap[0] : gap[0] < gap[1]).toBe(true);
      }
      if (truth[i] * 1.5 <= eps) {
        reachable++;
        found += result.success[i];
      }
      expect(result.queries[i]).toBeLessThanOrEqual(300);
      expect(result.queries[i]).toBeGreaterThanOrEqual(1);
    }
    expect(reachable).toBeGreaterThan(10);
    expect(found / reachable).toBeGreaterThan(0.8);
    expect(oracle.predicted).toBe(Array.from(result.queries).reduce((a, b) => a + b, 0));
  });

  it('HopSkipJump: distances are never below the minimal ε, and within 2× of it for most samples (1,000 queries)', async () => {
    const oracle = linearOracle(BINARY, IMAGE);
    const some = 25;
    const result = await hopSkipJump(oracle, z.subarray(0, some * D), y.subarray(0, some), { queries: 1000, rng: createRng(4) });
    let close = 0;
    for (let i = 0; i < some; i++) {
      expect(result.queries[i]).toBeLessThanOrEqual(1000);
      if (!Number.isFinite(result.distance[i])) continue;
      expect(result.distance[i]).toBeGreaterThanOrEqual(truth[i] - 1e-5);
      // The point it returns is adversarial and at that distance.
      const l = logitsOf(BINARY, result.adversarial, i * D);
      expect(y[i] === 1 ? l[1] < l[0] : l[0] < l[1]).toBe(true);
      if (result.distance[i] <= 2 * truth[i]) close++;
    }
    expect(close / some).toBeGreaterThan(0.8);
    expect(oracle.predicted).toBe(Array.from(result.queries).reduce((a, b) => a + b, 0));
  });
});

describe('attack building blocks', () => {
  it('projects onto the L∞ box and the L2 ball, inside the unit box', () => {
    const x = Float32Array.from([0.5, 0.5, 0.95, 0.05]);
    const zl = Float32Array.from([0.9, 0.1, 1.2, -0.3]);
    project(zl, x, 1, 4, [0.1], 'linf');
    expect(Array.from(zl)).toEqual([0.6, 0.4, 1, 0].map(Math.fround));
    const z2 = Float32Array.from([0.8, 0.9, 0.95, 0.05]);
    project(z2, x, 1, 4, [0.25], 'l2');
    // (0.3, 0.4) has length 0.5: halved to (0.15, 0.2).
    expect(z2[0]).toBeCloseTo(0.65, 6);
    expect(z2[1]).toBeCloseTo(0.7, 6);
  });

  it('ascends by α·sign(g) for L∞ and α·g/‖g‖₂ for L2, leaving zero gradients where they are', () => {
    const z = new Float32Array(6);
    ascend(z, Float32Array.from([3, -4, 0, 0, 0, 0]), 2, 3, [0.5, 0.5], 'linf');
    expect(Array.from(z)).toEqual([0.5, -0.5, 0, 0, 0, 0]);
    const w = new Float32Array(3);
    ascend(w, Float32Array.from([3, -4, 0]), 1, 3, [1], 'l2');
    expect(Array.from(w)).toEqual([0.6, -0.8, 0].map(Math.fround));
  });

  it('follows the Square Attack schedule of the reference code (p halves at 10, 50, 200, 500 … of 10,000)', () => {
    expect(squareShare(0.8, 0, 10000)).toBe(0.8);
    expect(squareShare(0.8, 10, 10000)).toBe(0.8);
    expect(squareShare(0.8, 11, 10000)).toBe(0.4);
    expect(squareShare(0.8, 200, 10000)).toBe(0.2);
    expect(squareShare(0.8, 201, 10000)).toBe(0.1);
    expect(squareShare(0.8, 9000, 10000)).toBe(0.8 / 512);
    // Scaled to the budget: iteration 30 of 300 is 1,000 of 10,000.
    expect(squareShare(0.8, 30, 300)).toBe(0.05);
  });

  it('clamps the margin of saturated probabilities to a finite value', () => {
    const m = probabilityMargins(Float32Array.from([1, 0, 0, 0.2, 0.7, 0.1]), 3, [0, 1]);
    expect(m[0]).toBeCloseTo(-LOG_FLOOR, 6);
    expect(m[1]).toBeCloseTo(Math.log(0.7) - Math.log(0.2), 5);
  });

  it('stops with CancelledError when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const oracle = linearOracle(BINARY, IMAGE, controller.signal);
    const { z, y } = samples(BINARY, 4);
    await expect(fgsm(oracle, z, y, [0.1], 'linf', 'margin')).rejects.toThrow(CancelledError);
    await expect(squareAttack(oracle, z, y, { eps: 0.1, queries: 10, pInit: 0.1, rng: createRng(1) })).rejects.toThrow(CancelledError);
    await expect(hopSkipJump(oracle, z, y, { queries: 10, rng: createRng(1) })).rejects.toThrow(CancelledError);
  });
});
