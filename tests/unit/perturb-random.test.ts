/** The random draws of the corruptions: numpy's algorithms, checked by their moments and known values. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { arange, fillNormal, logGamma, normal, permutation, poisson, randint } from '../../src/perturb/random';

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let variance = 0;
  for (let i = 0; i < values.length; i++) variance += (values[i] - mean) ** 2;
  return { mean, variance: variance / values.length };
}

describe('numpy-compatible helpers', () => {
  it('arange has numpy\'s length ⌈(stop − start)/step⌉, so arange(1, 1.06, 0.01) ends at 1.06 as in CIFAR-10-C', () => {
    expect(arange(1, 1.06, 0.01)).toHaveLength(7);
    expect(arange(1, 1.26, 0.01)).toHaveLength(26);
    expect(arange(1, 1.31, 0.03)).toHaveLength(11);
    expect(arange(0, 30, 2)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28]);
  });

  it('logGamma matches log Γ at known points (numpy loggam)', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });

  it('randint excludes its upper end, like numpy.random.randint', () => {
    const rng = createRng(4);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(randint(rng, -2, 2));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1].sort());
  });

  it('permutation is a permutation', () => {
    expect(Array.from(permutation(createRng(2), 50)).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('normal draws (ziggurat)', () => {
  it('have mean 0, variance 1, the normal tail shares, and are the same for a seed', () => {
    const n = 200_000;
    const values = new Float64Array(n);
    fillNormal(createRng(11), values);
    const { mean, variance } = moments(values);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
    const beyond = (t: number) => values.filter((v) => Math.abs(v) > t).length / n;
    expect(beyond(1)).toBeCloseTo(0.3173, 2);
    expect(beyond(2)).toBeCloseTo(0.0455, 2);
    expect(beyond(3.5)).toBeGreaterThan(0.0002); // the tail past the ziggurat's base layer (3.44) is drawn
    expect(beyond(3.5)).toBeLessThan(0.0008);
    const again = new Float64Array(5);
    fillNormal(createRng(11), again);
    expect(Array.from(again)).toEqual(Array.from(values.subarray(0, 5)));
    expect(normal(createRng(1))).not.toBe(normal(createRng(2)));
  });
});

describe('Poisson draws', () => {
  it.each([0.5, 3, 9.5, 10, 50, 500])('λ = %s has mean and variance λ (multiplication below 10, PTRS above)', (lam) => {
    const rng = createRng(Math.round(lam * 10));
    const values = Float64Array.from({ length: 40_000 }, () => poisson(rng, lam));
    const { mean, variance } = moments(values);
    expect(Math.abs(mean - lam)).toBeLessThan(4 * Math.sqrt(lam / values.length) + 1e-9);
    expect(Math.abs(variance / lam - 1)).toBeLessThan(0.05);
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
  });

  it('λ = 0 gives 0', () => {
    expect(poisson(createRng(1), 0)).toBe(0);
  });
});
