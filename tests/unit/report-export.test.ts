import { describe, expect, it } from 'vitest';
import { latestPolicy } from '../../src/policies';
import { buildReport, reportFileStem, reportJson } from '../../src/report/export';
import { modelCardSnippet } from '../../src/report/model-card';
import { adultRunWithFairness } from './report-fixtures';

describe('exporting a report as JSON', () => {
  it('gives byte-identical JSON for the same run exported twice', async () => {
    const a = reportJson(await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'high' }));
    const b = reportJson(await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'high' }));
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
    // Keys are in canonical order at the top level too.
    expect(Object.keys(JSON.parse(a))).toEqual(['gradedBy', 'grading', 'policy', 'run', 'schema']);
  });

  it('names the file after the model and run', async () => {
    const report = await buildReport(adultRunWithFairness(), latestPolicy());
    expect(reportFileStem(report)).toBe('trustgrade-report-adult-income-mlp-5b0f2c1e');
  });

  it('states the fairness verdict with the groups compared', async () => {
    const report = await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'high' });
    const high = report.grading.verdicts.find((v) => v.riskClass === 'high')!;
    expect(high.meets).toBe(false);
    expect(high.shortfalls.find((s) => s.pillar === 'fairness')!.reason).toBe(
      'fairness E (needs B) because the selection-rate ratio for Female vs Male (sex) is 0.317 (95 % interval 0.3–0.335)',
    );
  });
});

describe('the Hugging Face model-card snippet', () => {
  it('has a model-index with the key metrics and a grade table', async () => {
    const card = modelCardSnippet(await buildReport(adultRunWithFairness(), latestPolicy()));
    const yaml = card.slice(0, card.indexOf('\n---\n', 4));
    expect(yaml).toContain('model-index:\n- name: "adult-income-mlp"\n  results:\n  - task:\n      type: "tabular-classification"');
    expect(yaml).toContain('    - type: "accuracy"\n      value: 0.85802\n      name: "Accuracy (95 % CI 0.854–0.862, n = 32561)"\n      verified: false');
    expect(yaml).toContain('    - type: "dp_ratio"\n      value: 0.3172\n');
    expect(yaml).toContain('    - type: "dp_difference"\n      value: 0.172\n');
    expect(card).toContain('| Fairness | E | the weakest graded probe is fairness/group-metrics');
    expect(card).toContain('Overall grade **E** under policy `trustgrade-default` v2');
  });
});
