import { describe, expect, it } from 'vitest';
import {
  describeIntervalMethod, formatBytes, formatCount, formatDate, formatDuration, formatEstimate, formatInterval,
  formatNumber, formatParam, formatPercent, formatShape, formatTimeLeft, pillarTitle, shortHash,
} from '../../src/ui/format';
import type { Interval } from '../../src/core/types';

const ci: Interval = { low: 0.987, high: 0.991, level: 0.95, method: 'bootstrap-percentile', resamples: 1000 };

describe('formatNumber', () => {
  it('gives four decimals by default and groups thousands', () => {
    expect(formatNumber(0.98912)).toBe('0.9891');
    expect(formatNumber(10000)).toBe('10,000');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(12345.6789)).toBe('12,345.68');
    expect(formatNumber(0)).toBe('0');
  });
  it('uses a true minus sign and switches to scientific notation for tiny values', () => {
    expect(formatNumber(-0.25)).toBe('\u22120.2500');
    expect(formatNumber(0.0000032)).toBe('3.2e\u22126');
    expect(formatNumber(0.00005)).toBe('0.0001');
  });
  it('honours a digits option and gives measured whole numbers their decimals when asked', () => {
    expect(formatNumber(0.123456, { digits: 2 })).toBe('0.12');
    expect(formatNumber(1, { fixed: true })).toBe('1.0000');
    expect(formatNumber(0, { fixed: true })).toBe('0.0000');
    expect(formatNumber(2000, { fixed: true })).toBe('2,000');
  });
  it('never prints NaN or Infinity', () => {
    expect(formatNumber(Number.NaN)).toBe('undefined');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('undefined');
    expect(formatNumber(null)).toBe('undefined');
  });
});

describe('formatPercent and formatCount', () => {
  it('formats fractions as percentages', () => {
    expect(formatPercent(0.9891)).toBe('98.9 %');
    expect(formatPercent(0.9891, 2)).toBe('98.91 %');
    expect(formatPercent(-0.05)).toBe('\u22125.0 %');
    expect(formatPercent(Number.NaN)).toBe('undefined');
  });
  it('rounds counts', () => {
    expect(formatCount(32561)).toBe('32,561');
    expect(formatCount(2.6)).toBe('3');
  });
});

describe('formatInterval and formatEstimate', () => {
  it('writes the interval with its level', () => {
    expect(formatInterval(ci)).toBe('95 % CI 0.9870–0.9910');
    expect(formatInterval({ ...ci, level: 0.9 })).toBe('90 % CI 0.9870–0.9910');
    expect(formatInterval({ ...ci, low: -0.052, high: -0.009 })).toBe('95 % CI \u22120.0520 to \u22120.0090');
    expect(formatInterval({ ...ci, low: -0.02, high: 0.01 }, { digits: 2 })).toBe('95 % CI \u22120.02 to 0.01');
    expect(formatInterval({ ...ci, low: 0.9899, high: 1 })).toBe('95 % CI 0.9899–1.0000');
  });
  it('writes value, interval and n as one phrase', () => {
    expect(formatEstimate({ value: 0.9891, interval: ci, n: 10000 })).toBe('0.9891 (95 % CI 0.9870–0.9910, n = 10,000)');
    expect(formatEstimate({ value: 0.5, interval: null, n: 12 })).toBe('0.5000 (n = 12)');
    expect(formatEstimate({ value: 1, interval: { ...ci, low: 0.9963, high: 1 }, n: 1000 })).toBe('1.0000 (95 % CI 0.9963–1.0000, n = 1,000)');
  });
  it('writes an undefined value with its reason, never NaN', () => {
    expect(formatEstimate({ value: null, interval: null, n: 8, undefinedReason: 'the group has no positives' }))
      .toBe('undefined — the group has no positives (n = 8)');
    expect(formatEstimate({ value: Number.NaN, interval: null, n: 3 })).toBe('undefined — no reason was recorded (n = 3)');
  });
  it('describes how the interval was computed', () => {
    expect(describeIntervalMethod(ci)).toBe('bootstrap percentile, 1,000 resamples');
    expect(describeIntervalMethod({ ...ci, skipped: 4 })).toBe('bootstrap percentile, 1,000 resamples, 4 left out as undefined');
    expect(describeIntervalMethod({ low: 0, high: 1, level: 0.95, method: 'wilson' })).toBe('Wilson score');
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(999_999)).toBe('1.0 MB');
    expect(formatBytes(26_454_000)).toBe('26.5 MB');
    expect(formatBytes(-1)).toBe('undefined');
  });
});

describe('formatDuration and formatTimeLeft', () => {
  it('formats elapsed time', () => {
    expect(formatDuration(350.4)).toBe('350 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(75_000)).toBe('1 min 15 s');
    expect(formatDuration(4_020_000)).toBe('1 h 07 min');
  });
  it('rounds time left so it does not flicker', () => {
    expect(formatTimeLeft(null)).toBe('estimating time left…');
    expect(formatTimeLeft(400)).toBe('less than a second left');
    expect(formatTimeLeft(12_000)).toBe('about 10 s left');
    expect(formatTimeLeft(7_400)).toBe('about 7 s left');
    expect(formatTimeLeft(44_000)).toBe('about 45 s left');
    expect(formatTimeLeft(59_000)).toBe('about 55 s left');
    expect(formatTimeLeft(170_000)).toBe('about 3 min left');
  });
});

describe('formatShape, shortHash, formatDate, formatParam, pillarTitle', () => {
  it('formats shapes with symbolic and unknown dims', () => {
    expect(formatShape(['N', 1, 28, 28])).toBe('[N, 1, 28, 28]');
    expect(formatShape([null, 104])).toBe('[?, 104]');
    expect(formatShape([])).toBe('[]');
  });
  it('shortens hashes', () => {
    const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(shortHash(sha)).toBe('e3b0c44298fc');
    expect(shortHash(sha, 8)).toBe('e3b0c442');
  });
  it('formats dates in UTC and leaves junk alone', () => {
    expect(formatDate('2025-11-23T14:05:09.123Z')).toBe('2025-11-23 14:05:09 UTC');
    expect(formatDate('yesterday')).toBe('yesterday');
  });
  it('formats parameters', () => {
    expect(formatParam(1000)).toBe('1000');
    expect(formatParam(Number.NaN)).toBe('undefined');
    expect(formatParam(0.5)).toBe('0.5');
    expect(formatParam('top-class')).toBe('top-class');
    expect(formatParam([0.05, 0.1])).toBe('[0.05,0.1]');
    expect(formatParam(true)).toBe('true');
  });
  it('names pillars', () => {
    expect(pillarTitle('privacy')).toBe('Privacy & security');
  });
});
