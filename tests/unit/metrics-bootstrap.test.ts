import { describe, expect, it } from 'vitest';
import { bootstrapInterval, bootstrapIntervals, quantileSorted } from '../../src/metrics/bootstrap';
import { normalQuantile } from '../../src/metrics/normal';
import { wilsonInterval } from '../../src/metrics/wilson';
import { createRng } from '../../src/core/rng';
import { CancelledError } from '../../src/core/probe';

const values = Array.from({ length: 25 }, (_, i) => Math.round(100 * Math.sin(1.3 * i * i)) / 100);
const meanOf = (data: number[]) => (idx: Int32Array) => {
  let sum = 0;
  for (const i of idx) sum += data[i];
  return sum / idx.length;
};

describe('bootstrapInterval', () => {
  it('gives a fixed interval for a fixed seed (numbers recorded from the first run)', () => {
    const interval = bootstrapInterval(25, meanOf(values), { rng: createRng(42), resamples: 1000 });
    expect(interval).toMatchObject({ level: 0.95, method: 'bootstrap-percentile', resamples: 1000, skipped: 0 });
    expect(interval!.low).toBeCloseTo(-0.3082, 12);
    expect(interval!.high).toBeCloseTo(0.28001, 12);
    const again = bootstrapInterval(25, meanOf(values), { rng: createRng(42), resamples: 1000 });
    expect(again).toEqual(interval);
    const otherSeed = bootstrapInterval(25, meanOf(values), { rng: createRng(43), resamples: 1000 });
    expect(otherSeed!.low).toBeCloseTo(-0.2812, 12);
  });

  it('contains the point estimate, and narrows as n grows', () => {
    const small = bootstrapInterval(25, meanOf(values), { rng: createRng(1), resamples: 500 })!;
    const estimate = meanOf(values)(Int32Array.from(values.keys()));
    expect(small.low).toBeLessThan(estimate);
    expect(small.high).toBeGreaterThan(estimate);
    const many = Array.from({ length: 400 }, (_, i) => values[i % 25]);
    const large = bootstrapInterval(400, meanOf(many), { rng: createRng(1), resamples: 500 })!;
    expect(large.low).toBeLessThan(estimate);
    expect(large.high).toBeGreaterThan(estimate);
    // Width shrinks roughly as 1/√n: 16× the data, about a quarter of the width.
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 2.5);
  });

  it('keeps every stratum at its size and each position within its own stratum', () => {
    const strata = Int32Array.from({ length: 30 }, (_, i) => (i < 5 ? 7 : i < 12 ? -1 : 3));
    let calls = 0;
    const interval = bootstrapInterval(30, (idx) => {
      calls++;
      for (let i = 0; i < idx.length; i++) expect(strata[idx[i]]).toBe(strata[i]);
      return idx[0];
    }, { rng: createRng(5), resamples: 100, strata });
    expect(calls).toBe(100);
    // Position 0 is in the stratum of size 5 (indices 0…4), so the statistic stays in it.
    expect(interval!.low).toBeGreaterThanOrEqual(0);
    expect(interval!.high).toBeLessThanOrEqual(4);
  });

  it('gives a fixed interval when stratified too', () => {
    const strata = Int32Array.from({ length: 25 }, (_, i) => i % 3);
    const interval = bootstrapInterval(25, meanOf(values), { rng: createRng(42), resamples: 1000, strata })!;
    expect(interval.low).toBeCloseTo(-0.29686, 12);
    expect(interval.high).toBeCloseTo(0.27681, 12);
  });

  it('skips resamples whose statistic is undefined (null or not finite) and counts them', () => {
    let call = 0;
    const statistic = () => {
      const c = call++;
      return c % 4 === 0 ? null : c % 5 === 0 ? Number.NaN : 1;
    };
    const interval = bootstrapInterval(10, statistic, { rng: createRng(2), resamples: 100 })!;
    // Of calls 0…99: 25 multiples of 4 (null), plus 20 − 5 further multiples of 5 (NaN).
    expect(interval.skipped).toBe(40);
    expect(interval.low).toBe(1);
    expect(interval.high).toBe(1);
  });

  it('returns null when there is nothing to resample or nothing defined', () => {
    const opts = { rng: createRng(1), resamples: 10 };
    expect(bootstrapInterval(0, () => 1, opts)).toBeNull();
    expect(bootstrapInterval(5, () => 1, { ...opts, resamples: 0 })).toBeNull();
    expect(bootstrapInterval(5, () => null, opts)).toBeNull();
  });

  it('throws CancelledError when the signal is already aborted, before any resample', () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    expect(() => bootstrapInterval(10, () => ++calls, { rng: createRng(1), resamples: 1000, signal: controller.signal }))
      .toThrow(CancelledError);
    expect(calls).toBe(0);
  });

  it('stops within 50 resamples of an abort', () => {
    const controller = new AbortController();
    let calls = 0;
    const statistic = () => {
      if (++calls === 60) controller.abort();
      return calls;
    };
    expect(() => bootstrapInterval(10, statistic, { rng: createRng(1), resamples: 10_000, signal: controller.signal }))
      .toThrow(CancelledError);
    expect(calls).toBe(100);
  });

  it('refuses bad settings with a message that says what to give', () => {
    const rng = createRng(1);
    expect(() => bootstrapInterval(3, () => 1, { rng, resamples: 10, level: 1 })).toThrow(/strictly between 0 and 1/);
    expect(() => bootstrapInterval(3, () => 1, { rng, resamples: 2.5 })).toThrow(/whole number/);
    expect(() => bootstrapInterval(3, () => 1, { rng, resamples: 10, strata: new Int32Array(2) })).toThrow(/one stratum per sample/);
  });
});

describe('bootstrapIntervals (several statistics on shared resamples)', () => {
  it('gives each statistic the interval bootstrapInterval gives it alone for the same seed', () => {
    const squares = values.map((v) => v * v);
    const both = bootstrapIntervals(25, ['mean', 'meanSquare'], (idx) => ({ mean: meanOf(values)(idx), meanSquare: meanOf(squares)(idx) }), {
      rng: createRng(42), resamples: 1000,
    });
    expect(both.mean).toEqual(bootstrapInterval(25, meanOf(values), { rng: createRng(42), resamples: 1000 }));
    expect(both.meanSquare).toEqual(bootstrapInterval(25, meanOf(squares), { rng: createRng(42), resamples: 1000 }));
  });

  it('counts skipped resamples per statistic and gives null to one never defined', () => {
    const out = bootstrapIntervals(5, ['always', 'never'], () => ({ always: 1, never: null }), { rng: createRng(1), resamples: 20 });
    expect(out.always?.skipped).toBe(0);
    expect(out.never).toBeNull();
    expect(bootstrapIntervals(0, ['a'], () => ({ a: 1 }), { rng: createRng(1), resamples: 20 })).toEqual({ a: null });
  });
});

describe('quantileSorted', () => {
  it('interpolates linearly like numpy.percentile', () => {
    const sorted = Float64Array.from([1, 2, 3, 4]);
    expect(quantileSorted(sorted, 0.25)).toBe(1.75);
    expect(quantileSorted(sorted, 0.5)).toBe(2.5);
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 1)).toBe(4);
  });
});

describe('wilsonInterval', () => {
  it('matches statsmodels proportion_confint(8, 10, method="wilson") = (0.4902, 0.9433)', () => {
    const interval = wilsonInterval(8, 10, 0.95)!;
    expect(interval.low).toBeCloseTo(0.49016247153664183, 8);
    expect(interval.high).toBeCloseTo(0.9433178485456247, 8);
    expect(interval.method).toBe('wilson');
  });

  it('stays inside [0, 1] at 0 and n successes', () => {
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(0.27753279986288915, 8);
    expect(wilsonInterval(10, 10)!.high).toBe(1);
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(0.7224672001371109, 8);
  });

  it('is null for n = 0 and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(/successes ≤ n/);
  });
});

describe('normalQuantile', () => {
  it('matches Python statistics.NormalDist().inv_cdf to 1e-8', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514715, 8);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.5758293035489, 8);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 7);
    expect(normalQuantile(0.5)).toBe(0);
  });
});
