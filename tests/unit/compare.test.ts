import { describe, expect, it } from 'vitest';
import { compareRuns, incomparability } from '../../src/core/compare';
import { gradeChanges } from '../../src/core/compare-grades';
import { encodePredictions } from '../../src/core/predictions';
import { pairedAccuracyDifference, pairedAccuracyTest } from '../../src/metrics/paired';
import type { Estimate, MetricSpec, ProbeResult, Run } from '../../src/core/types';
import type { Grading } from '../../src/core/report-types';
import fixture from '../fixtures/storage/run-v1.json';

const base = fixture as unknown as Run;
const spec: MetricSpec = { name: 'accuracy', title: 'Accuracy', direction: 'higher', range: [0, 1], definition: '' };
const lookup = (id: string) => (id === 'validity/accuracy' ? [spec] : null);

function estimate(value: number, low: number, high: number): Estimate {
  return { value, n: 1000, interval: { low, high, level: 0.95, method: 'bootstrap-percentile', resamples: 1000 } };
}

function withAccuracy(run: Run, e: Estimate, patch: Partial<ProbeResult> = {}): Run {
  const results = run.results.map((r) => (r.probeId === 'validity/accuracy'
    ? { ...r, ...patch, measurement: { ...r.measurement!, ...e, secondary: {} } }
    : r));
  return { ...run, id: `${run.id}-x`, results };
}

describe('comparing two runs', () => {
  it('calls a change significant only when the intervals do not overlap, read through the direction', () => {
    const a = withAccuracy(base, estimate(0.85, 0.84, 0.86));
    const worse = compareRuns(a, withAccuracy(base, estimate(0.80, 0.79, 0.81)), lookup);
    expect(worse.regressions).toHaveLength(1);
    expect(worse.regressions[0]).toMatchObject({ change: 'worse', significance: 'significant', method: 'interval-overlap' });
    expect(worse.regressions[0].delta).toBeCloseTo(-0.05);
    expect(worse.probes[0].probeId).toBe('validity/accuracy');

    const overlapping = compareRuns(a, withAccuracy(base, estimate(0.845, 0.83, 0.855)), lookup);
    expect(overlapping.regressions).toEqual([]);
    expect(overlapping.probes.find((p) => p.probeId === 'validity/accuracy')!.changes[0]).toMatchObject({ change: 'worse', significance: 'not-significant' });

    const better = compareRuns(a, withAccuracy(base, estimate(0.9, 0.89, 0.91)), lookup);
    expect(better.improvements).toHaveLength(1);
    const lowerIsBetter = compareRuns(a, withAccuracy(base, estimate(0.9, 0.89, 0.91)), () => [{ ...spec, direction: 'lower' }]);
    expect(lowerIsBetter.regressions).toHaveLength(1);
  });

  it('marks probes incomparable, with the reason, when version, parameters, dataset, binding or sample count differ', () => {
    const a = base.results.find((r) => r.probeId === 'validity/accuracy')!;
    expect(incomparability(base, base, a, { ...a, probeVersion: 2 })).toMatch(/version differs/);
    expect(incomparability(base, base, a, { ...a, params: { ...a.params, bootstrap: 5 } })).toMatch(/parameters differ/);
    expect(incomparability(base, { ...base, dataset: { ...base.dataset, sha256: 'f'.repeat(64) } }, a, a)).toMatch(/different datasets/);
    expect(incomparability(base, { ...base, binding: { ...base.binding, sensitive: [] } as Run['binding'] }, a, a)).toMatch(/bindings/);
    // A version retrained on other features is still compared: the encoding belongs to the model.
    expect(incomparability(base, { ...base, binding: { ...base.binding, features: [] } as Run['binding'] }, a, a)).toBeNull();
    expect(incomparability(base, { ...base, samples: 3 }, a, a)).toMatch(/numbers of samples/);
    expect(incomparability(base, base, a, { ...a, status: 'failed' })).toMatch(/Only measured results/);
    expect(incomparability(base, base, a, { ...a, params: Object.fromEntries(Object.entries(a.params).reverse()) })).toBeNull();
    const result = compareRuns(base, withAccuracy(base, estimate(0.5, 0.4, 0.6), { probeVersion: 9 }), lookup);
    expect(result.regressions).toEqual([]);
    expect(result.probes.find((p) => p.probeId === 'validity/accuracy')).toMatchObject({ status: 'incomparable' });
  });

  it('uses a paired bootstrap on the same rows when both runs kept predictions and labels', () => {
    const truth = Int32Array.from({ length: 400 }, (_, i) => i % 2);
    const good = Int32Array.from(truth);
    const slightlyWorse = Int32Array.from(truth, (t, i) => (i % 40 === 0 ? 1 - t : t)); // 10 of 400 flipped
    const paired = pairedAccuracyDifference(good, slightlyWorse, truth, 2)!;
    expect(paired.difference).toBeCloseTo(-0.025);
    expect(paired.interval.high).toBeLessThan(0);
    expect(pairedAccuracyDifference(good, slightlyWorse, truth, 2)).toEqual(paired);

    const result = (predictions: Int32Array): ProbeResult => ({
      probeId: 'validity/accuracy', probeVersion: 1, pillar: 'validity', params: {}, status: 'ok', durationMs: 0,
      measurement: { ...estimate(0, 0, 1), groups: [], secondary: {}, notes: [], details: {
        labels: ['0', '1'], predictions: encodePredictions(predictions, 2), truth: encodePredictions(truth, 3),
      } },
    });
    expect(pairedAccuracyTest(result(good), result(slightlyWorse))).toBe('significant');
    expect(pairedAccuracyTest(result(good), result(good))).toBe('not-significant');
  });

  it('lists grade drops and lost risk-class verdicts', () => {
    const grading = (overall: string, fairness: string, meetsHigh: boolean) => ({
      overall: { outcome: overall },
      pillars: [{ pillar: 'validity', outcome: 'A' }, { pillar: 'fairness', outcome: fairness }],
      verdicts: [{ riskClass: 'high', meets: meetsHigh }],
    }) as unknown as Grading;
    const { grades, verdicts } = gradeChanges(grading('B', 'B', true), grading('C', 'not-assessed', false));
    expect(grades).toEqual([
      { scope: 'overall', base: 'B', next: 'C', change: 'worse' },
      { scope: 'validity', base: 'A', next: 'A', change: 'same' },
      { scope: 'fairness', base: 'B', next: 'not-assessed', change: 'worse' },
    ]);
    expect(verdicts).toEqual([{ riskClass: 'high', base: true, next: false, change: 'no-longer-meets' }]);
  });
});
