import { describe, expect, it } from 'vitest';
import { barDomain, eceOfBins, shadeClass, sharedDomain, summariseReliability } from '../../src/ui/elements/chart-math';

describe('bar axes', () => {
  it('use the metric range, widened to hold every point', () => {
    expect(barDomain([0, 1], [0.98, 0.97, 0.99])).toEqual([0, 1]);
    expect(barDomain([0, 1], [-0.2, 0.5])).toEqual([-0.2, 1]);
  });
  it('close an open range around the numbers', () => {
    const [low, high] = barDomain([0, Number.POSITIVE_INFINITY], [3.2, 2.9, 3.6]);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(3.96, 12);
    expect(barDomain([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY], [])).toEqual([0, 1]);
  });
  it('zoom a shared axis onto the groups and keep it inside the range', () => {
    const groups = [
      { value: 0.99, interval: { low: 0.98, high: 1, level: 0.95, method: 'wilson' as const }, n: 100 },
      { value: 0.95, interval: { low: 0.93, high: 0.97, level: 0.95, method: 'wilson' as const }, n: 100 },
      { value: null, interval: null, n: 3, undefinedReason: 'too small' },
    ];
    const [low, high] = sharedDomain(groups, [0, 1]);
    expect(low).toBeCloseTo(0.92, 12); // 0.93 − max(10 % of the 0.07 span, 1 % of the range)
    expect(high).toBe(1);
    expect(sharedDomain([], [0, 1])).toEqual([0, 1]);
  });
});

describe('confusion-matrix shading', () => {
  it('grows with the square root of the row share', () => {
    expect(shadeClass(0, true)).toBe('');
    expect(shadeClass(1, true)).toBe('hit-10');
    expect(shadeClass(0.25, false)).toBe('miss-5');
    expect(shadeClass(0.001, false)).toBe('miss-1');
  });
});

describe('reliability bins', () => {
  const bins = [
    { count: 2, confidence: 0.9, accuracy: 0.5, low: 0.8, high: 1 },
    { count: 0, confidence: null, accuracy: null },
    { count: 2, confidence: 0.6, accuracy: 0.7, low: 0.4, high: 0.6 },
  ];
  it('give the sample-weighted mean gap as ECE', () => {
    expect(eceOfBins(bins)).toBeCloseTo((2 * 0.4 + 2 * 0.1) / 4, 12);
    expect(eceOfBins([{ count: 0, confidence: null, accuracy: null }])).toBeNull();
  });
  it('are summarised in one sentence', () => {
    expect(summariseReliability(bins, 0.25)).toBe(
      'Reliability diagram over 3 equal-width confidence bins and 4 samples; ECE 0.2500; '
      + 'accuracy is below confidence (over-confident) in 1 of 2 non-empty bins; the largest gap is 0.4000 in the bin 0.80–1.',
    );
  });
});
