import { describe, expect, it } from 'vitest';
import { normalisedEntropy, sparseness } from '../../src/explain/quality/complexity';
import { binomial, orderByValueDescending, pearson, ranks, spearman, trapezoidArea } from '../../src/explain/stats';
import { gaussLegendre } from '../../src/explain/gradient-methods';
import { solveSymmetric, weightedRidge } from '../../src/explain/linalg';

describe('explanation statistics', () => {
  it('ranks ties by their average rank, as scipy.stats.rankdata', () => {
    expect(Array.from(ranks([0, 2, 3, 2]))).toEqual([1, 2.5, 4, 2.5]);
  });

  it("computes Spearman's rho as scipy.stats.spearmanr on a textbook example", () => {
    // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]) → 0.8207826816681233
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [2, 4, 6])).toBeNull();
  });

  it('integrates by the trapezoid rule on [0, 1] by default', () => {
    expect(trapezoidArea([0, 1])).toBeCloseTo(0.5, 12);
    expect(trapezoidArea([1, 1, 1, 1])).toBeCloseTo(1, 12);
    expect(trapezoidArea([0, 1, 0], [0, 0.25, 1])).toBeCloseTo(0.5, 12);
  });

  it('orders by value, largest first, keeping ties in index order', () => {
    expect(Array.from(orderByValueDescending([0.1, 0.5, 0.5, -1]))).toEqual([1, 2, 0, 3]);
    expect(binomial(10, 3)).toBe(120);
    expect(binomial(52, 26)).toBe(495918532948104);
  });

  it('gives the Gini sparseness of one-hot and uniform attributions their extreme values', () => {
    expect(sparseness([0, 0, 0, 5])).toBeCloseTo(3 / 4, 12);
    expect(sparseness([2, -2, 2, -2])).toBeCloseTo(0, 12);
    // Hand-computed: |a| sorted [1, 2, 3]: (−2·1 + 0·2 + 2·3)/(3·6) = 4/18.
    expect(sparseness([3, -1, 2])).toBeCloseTo(4 / 18, 12);
    expect(sparseness([0, 0])).toBeNull();
  });

  it('gives the normalised entropy 1 for uniform and 0 for one-feature attributions', () => {
    expect(normalisedEntropy([1, -1, 1, -1])).toBeCloseTo(1, 12);
    expect(normalisedEntropy([0, 7, 0])).toBeCloseTo(0, 12);
    // p = [0.5, 0.25, 0.25]: H = 1.5 ln 2, divided by ln 3.
    expect(normalisedEntropy([2, 1, -1])).toBeCloseTo((1.5 * Math.LN2) / Math.log(3), 12);
  });

  it('Gauss–Legendre with m points integrates polynomials of degree 2m − 1 exactly on [0, 1]', () => {
    const { nodes, weights } = gaussLegendre(4);
    const integral = (f: (t: number) => number) => nodes.reduce((s, t, i) => s + weights[i] * f(t), 0);
    expect(integral(() => 1)).toBeCloseTo(1, 14);
    expect(integral((t) => t ** 7)).toBeCloseTo(1 / 8, 14);
    expect(integral((t) => 3 * t ** 2 - t)).toBeCloseTo(0.5, 14);
  });

  it('solves symmetric systems and weighted ridge regressions like scikit-learn', () => {
    expect(Array.from(solveSymmetric(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2)).map((v) => +v.toFixed(12))).toEqual([0.5, 0]);
    // y = 1 + 2·x exactly: with α → 0 the fit recovers it and R² = 1.
    const x = Float64Array.from([0, 1, 2, 3]);
    const y = Float64Array.from([1, 3, 5, 7]);
    const fit = weightedRidge(x, y, Float64Array.from([1, 2, 1, 3]), 4, 1, 1e-12);
    expect(fit.coefficients[0]).toBeCloseTo(2, 9);
    expect(fit.intercept).toBeCloseTo(1, 9);
    expect(fit.r2).toBeCloseTo(1, 12);
    // sklearn Ridge(alpha=1).fit([[0],[1],[2],[3]], [1,3,5,7]).coef_ → [1.66666667], intercept_ 1.5
    const ridge = weightedRidge(x, y, Float64Array.from([1, 1, 1, 1]), 4, 1, 1);
    expect(ridge.coefficients[0]).toBeCloseTo(5 / 3, 9);
    expect(ridge.intercept).toBeCloseTo(1.5, 9);
  });
});
