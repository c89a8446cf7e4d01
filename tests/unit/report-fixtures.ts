/** A stored run with a fairness measurement shaped like the fairness group probes write it, for report tests. */
import type { Run } from '../../src/core/types';
import { parseRun } from '../../src/core/run-schema';
import fixture from '../fixtures/storage/run-v1.json';

export function adultRunWithFairness(): Run {
  const run = parseRun(structuredClone(fixture));
  const interval = (low: number, high: number) => ({ low, high, level: 0.95, method: 'bootstrap-percentile' as const, resamples: 1000 });
  run.results.splice(2, 0, {
    probeId: 'fairness/group-metrics',
    probeVersion: 1,
    pillar: 'fairness',
    params: { threshold: 0.5, minGroupSize: 30, bootstrap: 1000 },
    status: 'ok',
    durationMs: 812,
    measurement: {
      value: 0.172,
      interval: interval(0.164, 0.18),
      n: 32561,
      groups: [
        { group: 'Male', status: 'ok', value: 0.252, interval: interval(0.246, 0.258), n: 21790 },
        { group: 'Female', status: 'ok', value: 0.08, interval: interval(0.075, 0.085), n: 10771 },
        { group: 'Female × Other', status: 'insufficient-data', value: null, interval: null, n: 12, undefinedReason: 'only 12 samples' },
      ],
      secondary: { dp_ratio: { value: 0.3172, interval: interval(0.3001, 0.335), n: 32561 } },
      notes: ['Decision: P(>50K) ≥ 0.5.'],
      details: {
        groupMetric: 'Selection rate by group',
        worst: { dp_difference: 'sex', dp_ratio: 'sex' },
        partitions: [{
          name: 'sex',
          attributes: ['sex'],
          groups: [],
          summaries: {
            dp_difference: { value: 0.172, low: 0.164, high: 0.18, lowGroup: 'Female', highGroup: 'Male' },
            dp_ratio: { value: 0.3172, low: 0.3001, high: 0.335, lowGroup: 'Female', highGroup: 'Male' },
          },
        }],
      },
    },
  });
  return run;
}
