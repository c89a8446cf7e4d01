import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/core/types';
import {
  logAxisFloor, logPosition, readChecks, readExposure, readFaultTable, readFindings, readMembership,
} from '../../src/ui/elements/privacy-details';

describe('privacy detail readers', () => {
  it('read what the membership probe writes, and refuse a malformed curve', () => {
    const details: { [key: string]: Json } = {
      members: 134, nonMembers: 400, lowFpr: 0.01, falsePositivesAllowed: 4,
      attacks: [{ id: 'loss', title: 'Loss threshold', auc: 0.65, advantage: 0.44, tprAtLowFpr: 0, curve: [[0, 0], [0.5, 0.8], [1, 1]] }],
    };
    expect(readMembership(details)).toEqual({
      members: 134, nonMembers: 400, lowFpr: 0.01, falsePositivesAllowed: 4,
      attacks: [{ id: 'loss', title: 'Loss threshold', auc: 0.65, advantage: 0.44, tprAtLowFpr: 0, points: [[0, 0], [0.5, 0.8], [1, 1]] }],
    });
    expect(readMembership({ attacks: [{ id: 'loss', curve: [[0, 'x']] }] })).toBeNull();
    expect(readMembership(undefined)).toBeNull();
  });

  it('read the fault table, findings, checks and exposure', () => {
    expect(readFaultTable({ faultTable: [{ kind: 'nan', title: 'NaN', inputs: 8, handled: 2, nonFinite: 6, errors: 0, example: null, variants: ['a'] }] }))
      .toEqual([{ kind: 'nan', title: 'NaN', description: '', inputs: 8, handled: 2, nonFinite: 6, errors: 0, example: null, variants: ['a'] }]);
    expect(readFaultTable({ faultTable: [{ kind: 'nan' }] })).toBeNull();
    expect(readFindings({ findings: [{ code: 'x', severity: 'high', file: 'm.json', message: 'm' }] })).toEqual([{ code: 'x', severity: 'high', file: 'm.json', message: 'm' }]);
    expect(readFindings({ findings: [{ code: 'x', severity: 'critical', message: 'm' }] })).toBeNull();
    expect(readChecks({ checks: [{ name: 'Model SHA-256', required: true, passed: true, recorded: 'ab' }] })).toEqual([{ name: 'Model SHA-256', required: true, passed: true, recorded: 'ab' }]);
    expect(readExposure({ exposure: 'rounded', distinctConfidences: 3, distinctInputs: 10, decimals: 2, exampleConfidences: [0.5, 'x'] }))
      .toEqual({ exposure: 'rounded', distinctConfidences: 3, distinctInputs: 10, decimals: 2, exampleConfidences: [0.5] });
  });

  it('place rates on a log axis whose floor is a power of ten at or below 1 / n', () => {
    expect(logAxisFloor(400)).toBe(0.001);
    expect(logAxisFloor(50)).toBe(0.01);
    expect(logAxisFloor(20_000)).toBe(0.00001);
    expect(logPosition(0.001, 0.001)).toBe(0);
    expect(logPosition(0, 0.001)).toBe(0);
    expect(logPosition(0.01, 0.001)).toBeCloseTo(1 / 3, 12);
    expect(logPosition(1, 0.001)).toBeCloseTo(1, 12);
  });
});
