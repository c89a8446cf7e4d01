import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../src/core/types';
import { suites } from '../../src/suites/catalogue';
import { countNames, domainName, groupByPillar, groupSuites, runStatusSentence, statusSentence } from '../../src/ui/elements/result-text';

const result = (probeId: string, pillar: ProbeResult['pillar']): ProbeResult => ({
  probeId, probeVersion: 1, pillar, params: {}, status: 'ok', durationMs: 1,
});

describe('status sentences', () => {
  it('say why a probe has no measurement', () => {
    expect(statusSentence('Calibration', 'skipped', 'needs labelled samples')).toBe('Calibration was skipped: needs labelled samples');
    expect(statusSentence('Calibration', 'skipped', undefined)).toBe('Calibration was skipped: no reason was recorded');
    expect(statusSentence('Accuracy', 'failed', 'out of memory')).toBe('Accuracy failed: out of memory');
    expect(statusSentence('Accuracy', 'cancelled', undefined)).toBe('Accuracy was cancelled before it finished');
    expect(statusSentence('Accuracy', 'ok', undefined)).toBeNull();
  });
  it('say what a run status means for the results', () => {
    expect(runStatusSentence('complete', undefined)).toBeNull();
    expect(runStatusSentence('failed', 'The worker stopped.')).toBe('The run failed; the error was: The worker stopped. Only the probes that finished before the failure are shown.');
    expect(runStatusSentence('interrupted', undefined)).toMatch(/^The run was interrupted/);
  });
});

describe('grouping', () => {
  it('puts results under pillars in report order and keeps empty pillars', () => {
    const groups = groupByPillar([result('fairness/x', 'fairness'), result('validity/accuracy', 'validity'), result('validity/calibration', 'validity')]);
    expect([...groups.keys()]).toEqual(['validity', 'robustness', 'fairness', 'explainability', 'privacy']);
    expect(groups.get('validity')!.map((r) => r.probeId)).toEqual(['validity/accuracy', 'validity/calibration']);
    expect(groups.get('robustness')).toEqual([]);
  });
  it('counts layer names, most frequent first', () => {
    expect(countNames(['Dense', 'Dropout', 'Dense', 'InputLayer', 'Dense', 'Dropout'])).toEqual([['Dense', 3], ['Dropout', 2], ['InputLayer', 1]]);
  });
  it('names the default ONNX domain', () => {
    expect(domainName('')).toBe('ai.onnx');
    expect(domainName('ai.onnx.ml')).toBe('ai.onnx.ml');
  });
  it('groups the shipped suites by modality and task, each with its quick and standard suite', () => {
    const groups = groupSuites(suites);
    expect(groups).toHaveLength(4);
    for (const g of groups) expect(g.suites.map((s) => s.id).sort()).toEqual(['quick', 'standard']);
  });
});
