import { describe, expect, it } from 'vitest';
import { grade } from '../../src/core/grade';
import { gradeMetric, gradeNumber } from '../../src/core/grade-metric';
import type { MetricRule, Policy } from '../../src/core/report-types';
import type { Measurement, ProbeResult, Run } from '../../src/core/types';
import { parseRun } from '../../src/core/run-schema';
import { trustgradeDefaultV1 } from '../../src/policies/trustgrade-default-v1';
import { trustgradeDefaultV2 } from '../../src/policies/trustgrade-default-v2';
import fixture from '../fixtures/storage/run-v1.json';

const run = (): Run => parseRun(structuredClone(fixture));

const ratioRule: MetricRule = {
  probe: 'fairness/test-parity',
  metric: 'selection_rate_ratio',
  headline: true,
  title: 'selection-rate ratio',
  direction: 'higher',
  bands: { A: 0.9, B: 0.8, C: 0.7, D: 0.6 },
  basis: 'public-practice',
  rationale: 'four-fifths rule',
  source: '29 CFR 1607.4(D)',
};

function measurement(value: number | null, low: number | null, high: number | null, n = 1000, extra: Partial<Measurement> = {}): Measurement {
  return {
    value,
    interval: low === null || high === null ? null : { low, high, level: 0.95, method: 'bootstrap-percentile', resamples: 1000 },
    n,
    groups: [],
    secondary: {},
    notes: [],
    ...extra,
  };
}

function result(probeId: string, m: Measurement | undefined, status: ProbeResult['status'] = 'ok', reason?: string): ProbeResult {
  return {
    probeId, probeVersion: 1, pillar: probeId.split('/')[0] as ProbeResult['pillar'], params: {}, status, durationMs: 5,
    ...(m ? { measurement: m } : {}), ...(reason ? { reason } : {}),
  };
}

/** The shipped policy plus a rule for the synthetic fairness probe, and every pillar required at B for "high". */
function testPolicy(edit: (p: Policy) => void = () => {}): Policy {
  const policy = structuredClone(trustgradeDefaultV1);
  policy.rules.push(ratioRule);
  edit(policy);
  return policy;
}

describe('grading one metric by the unfavourable end of its interval', () => {
  it('grades a higher-is-better metric by the lower end, not the value', () => {
    // The value 0.85 alone would be B; the lower end 0.78 is only C.
    const g = gradeMetric(ratioRule, measurement(0.85, 0.78, 0.9), 30);
    expect(g.outcome).toBe('C');
    expect(g.basis).toBe('interval-low');
    expect(g.graded).toBe(0.78);
    expect(g.threshold).toEqual({ grade: 'C', comparison: '>=', limit: 0.7, met: true });
    expect(g.reason).toBe('selection-rate ratio 0.85 (95 % interval 0.78–0.9, n = 1000): C, because the lower end of the interval, 0.78, is at least 0.7, the limit for C');
  });

  it('grades a lower-is-better metric by the upper end', () => {
    const ece: MetricRule = trustgradeDefaultV1.rules.find((r) => r.metric === 'ece')!;
    expect(gradeMetric(ece, measurement(0.015, 0.012, 0.019), 30).outcome).toBe('A');
    const wide = gradeMetric(ece, measurement(0.015, 0.012, 0.021), 30);
    expect(wide.outcome).toBe('B');
    expect(wide.basis).toBe('interval-high');
    expect(wide.threshold).toEqual({ grade: 'B', comparison: '<=', limit: 0.05, met: true });
  });

  it('gives E below the D limit and names the D limit it missed', () => {
    const g = gradeMetric(ratioRule, measurement(0.317, 0.3, 0.335, 32561), 30);
    expect(g.outcome).toBe('E');
    expect(g.threshold).toEqual({ grade: 'D', comparison: '>=', limit: 0.6, met: false });
    expect(g.reason).toContain('is below 0.6, the limit for D');
  });

  it('grades the value when there is no interval, and says so', () => {
    const g = gradeMetric(ratioRule, measurement(0.85, null, null), 30);
    expect(g.outcome).toBe('B');
    expect(g.basis).toBe('value');
    expect(g.reason).toContain('no interval was given, so the point value is graded');
  });

  it('grades a signed gap by the interval end furthest from zero', () => {
    const gap: MetricRule = { ...ratioRule, metric: 'aod', title: 'average odds difference', direction: 'lower', magnitude: true, bands: { A: 0.05, B: 0.1, C: 0.15, D: 0.2 } };
    const g = gradeMetric(gap, measurement(-0.04, -0.12, 0.02), 30);
    expect(g.graded).toBe(0.12);
    expect(g.outcome).toBe('C');
  });

  it('a limit met exactly counts as met, despite floating-point noise', () => {
    expect(gradeNumber(0.7999999999999999, ratioRule).grade).toBe('B');
    expect(gradeNumber(0.8, ratioRule).grade).toBe('B');
    expect(gradeNumber(0.79, ratioRule).grade).toBe('C');
  });
});

describe('insufficient data and undefined values are not graded', () => {
  it('an estimate on fewer samples than the policy minimum is insufficient data', () => {
    const g = gradeMetric(ratioRule, measurement(0.95, 0.93, 0.97, 12), 30);
    expect(g.outcome).toBe('insufficient-data');
    expect(g.threshold).toBeNull();
    expect(g.reason).toBe('selection-rate ratio was measured on 12 samples, fewer than the 30 this policy needs to grade it');
  });

  it('per-group grading leaves out groups marked insufficient data and grades the worst of the rest', () => {
    const rule = { ...ratioRule, eachGroup: true, title: 'recall' };
    const m = measurement(0.9, 0.88, 0.92, 600, {
      groups: [
        { group: 'White', status: 'ok', value: 0.9, interval: { low: 0.88, high: 0.92, level: 0.95, method: 'wilson' }, n: 500 },
        { group: 'Black', status: 'ok', value: 0.8, interval: { low: 0.72, high: 0.86, level: 0.95, method: 'wilson' }, n: 92 },
        // A tiny group with a terrible value must not decide the grade: it is too small to judge.
        { group: 'Other', status: 'insufficient-data', value: null, interval: null, n: 8 },
      ],
    });
    const g = gradeMetric(rule, m, 30);
    expect(g.outcome).toBe('C');
    expect(g.group).toBe('Black');
    expect(g.reason).toContain('recall for Black 0.8');
    expect(g.reason).toContain('1 group too small to grade (Other: n = 8) was left out');
  });

  it('when every group is too small, the metric is insufficient data', () => {
    const rule = { ...ratioRule, eachGroup: true };
    const m = measurement(null, null, null, 19, {
      undefinedReason: 'every group is below the minimum size',
      groups: [
        { group: 'Asian', status: 'insufficient-data', value: null, interval: null, n: 11 },
        { group: 'Native American', status: 'insufficient-data', value: null, interval: null, n: 8 },
      ],
    });
    expect(gradeMetric(rule, m, 30).outcome).toBe('insufficient-data');
  });

  it('an undefined value is not assessed, with its reason', () => {
    const g = gradeMetric(ratioRule, measurement(null, null, null, 500, { undefinedReason: 'only one group is present' }), 30);
    expect(g.outcome).toBe('not-assessed');
    expect(g.reason).toBe('selection-rate ratio is undefined: only one group is present');
  });

  it('a probe graded only on insufficient data makes its pillar insufficient data, which caps the overall grade', () => {
    const r = run();
    r.results.push(result('fairness/test-parity', measurement(0.95, 0.93, 0.97, 12)));
    const report = grade(r, testPolicy());
    const fairness = report.grading.pillars.find((p) => p.pillar === 'fairness')!;
    expect(fairness.outcome).toBe('insufficient-data');
    expect(report.grading.overall.cappedBy).toContain('fairness');
  });
});

describe('not assessed is never passed', () => {
  it('a skipped or failed probe is not assessed, even when its last measurement would pass', () => {
    const r = run();
    r.results.push({ ...result('fairness/test-parity', measurement(0.99, 0.98, 1)), status: 'failed', reason: 'the worker ran out of memory' });
    const report = grade(r, testPolicy());
    const probe = report.grading.probes.find((p) => p.probeId === 'fairness/test-parity')!;
    expect(probe.outcome).toBe('not-assessed');
    expect(probe.reason).toBe('fairness/test-parity was failed: the worker ran out of memory. Not assessed is not passed.');
    expect(report.grading.pillars.find((p) => p.pillar === 'fairness')!.outcome).toBe('not-assessed');
    const privacy = report.grading.probes.find((p) => p.probeId === 'privacy/membership-inference')!;
    expect(privacy.outcome).toBe('not-assessed');
    expect(privacy.reason).toContain('skipped: needs a member/non-member split');
  });

  it('a pillar the suite did not measure caps the overall grade and is named as the reason', () => {
    const report = grade(run(), trustgradeDefaultV1);
    const g = report.grading;
    // Validity: balanced accuracy lower end 0.754 → C; ECE upper end 0.0191 → A; so validity C.
    expect(g.pillars.map((p) => [p.pillar, p.outcome])).toEqual([
      ['validity', 'C'], ['robustness', 'not-assessed'], ['fairness', 'not-assessed'], ['explainability', 'not-assessed'], ['privacy', 'not-assessed'],
    ]);
    expect(g.overall.outcome).toBe('C');
    expect(g.overall.cappedBy).toEqual(['robustness', 'fairness', 'explainability', 'privacy']);
    expect(g.overall.reason).toContain('robustness (not assessed), fairness (not assessed), explainability (not assessed) and privacy & security (not assessed)');
  });

  it('the cap lowers a better grade: an all-A validity pillar alone gives C overall, not A', () => {
    const r = run();
    r.results[0].measurement!.secondary.balanced_accuracy = { value: 0.97, interval: { low: 0.96, high: 0.98, level: 0.95, method: 'bootstrap-percentile' }, n: 32561 };
    const g = grade(r, trustgradeDefaultV1).grading;
    expect(g.pillars[0].outcome).toBe('A');
    expect(g.overall.outcome).toBe('C');
    expect(g.overall.reason).toMatch(/^C: the weakest assessed pillar is validity \(A\); capped at C because/);
  });

  it('a probe the policy does not know is shown as not graded, and a pillar of only such probes is not assessed', () => {
    const r = run();
    r.results.push(result('explainability/brand-new-probe', measurement(0.5, 0.4, 0.6)));
    const g = grade(r, trustgradeDefaultV1).grading;
    const probe = g.probes.find((p) => p.probeId === 'explainability/brand-new-probe')!;
    expect(probe.outcome).toBe('not-graded');
    expect(g.pillars.find((p) => p.pillar === 'explainability')!.outcome).toBe('not-assessed');
    expect(g.findings.find((f) => f.probeId === 'explainability/brand-new-probe')!.severity).toBe('info');
  });

  it('never throws on a measurement that lacks the metric a rule names', () => {
    const r = run();
    r.results.push(result('fairness/test-parity', { ...measurement(0.9, 0.85, 0.95), secondary: undefined as never, groups: undefined as never }));
    const policy = testPolicy((p) => p.rules.push({ ...ratioRule, metric: 'missing', headline: false, title: 'missing metric' }));
    const probe = grade(r, policy).grading.probes.find((p) => p.probeId === 'fairness/test-parity')!;
    expect(probe.metrics.map((m) => m.outcome)).toEqual(['B', 'not-assessed']);
    expect(probe.outcome).toBe('B');
  });
});

describe('pillars, overall, verdicts and findings', () => {
  function adultLike(): Run {
    const r = run();
    r.results.push(result('fairness/test-parity', measurement(0.3172, 0.3001, 0.335, 32561)));
    return r;
  }

  it('names the failing pillar, its grade, the grade it needs and the measurement that decided it', () => {
    const report = grade(adultLike(), testPolicy(), { riskClass: 'high' });
    const g = report.grading;
    expect(g.riskClass).toBe('high');
    const high = g.verdicts.find((v) => v.riskClass === 'high')!;
    expect(high.meets).toBe(false);
    const fairness = high.shortfalls.find((s) => s.pillar === 'fairness')!;
    expect(fairness.reason).toBe('fairness E (needs B) because the selection-rate ratio is 0.317 (95 % interval 0.3–0.335)');
    expect(high.shortfalls.find((s) => s.pillar === 'validity')!.reason).toBe('validity C (needs B) because the balanced accuracy is 0.76 (95 % interval 0.754–0.766)');
    expect(high.shortfalls.find((s) => s.pillar === 'privacy')!.reason).toBe('privacy & security not assessed (needs B)');
    expect(high.sentence).toBe(
      'does not meet high-risk: validity C (needs B) because the balanced accuracy is 0.76 (95 % interval 0.754–0.766); ' +
        'fairness E (needs B) because the selection-rate ratio is 0.317 (95 % interval 0.3–0.335); ' +
        'not assessed: robustness (needs B), explainability (needs C), privacy & security (needs B)',
    );
  });

  it('says which classes are met in one sentence', () => {
    const policy = testPolicy((p) => {
      p.riskClasses = [
        { id: 'minimal', title: 'Minimal', description: '', rationale: '', minimum: { validity: 'C' } },
        { id: 'limited', title: 'Limited', description: '', rationale: '', minimum: { validity: 'C', fairness: 'E' } },
        { id: 'high', title: 'High', description: '', rationale: '', minimum: { validity: 'C', fairness: 'B' } },
      ];
    });
    const g = grade(adultLike(), policy).grading;
    expect(g.summary).toBe(
      'meets minimal-risk and limited-risk requirements; does not meet high-risk: fairness E (needs B) because the selection-rate ratio is 0.317 (95 % interval 0.3–0.335)',
    );
    expect(g.verdicts[0].sentence).toBe('meets minimal-risk requirements (validity ≥ C)');
  });

  it('pillar = weakest probe, overall = weakest pillar', () => {
    const g = grade(adultLike(), testPolicy()).grading;
    expect(g.pillars.find((p) => p.pillar === 'fairness')).toMatchObject({ outcome: 'E', decidedBy: { probeId: 'fairness/test-parity', metric: 'selection_rate_ratio' } });
    expect(g.overall.outcome).toBe('E');
    expect(g.overall.decidedBy).toBe('fairness');
  });

  it('lists findings worst first, passed checks included', () => {
    const g = grade(adultLike(), testPolicy()).grading;
    expect(g.findings.map((f) => [f.outcome, f.probeId ?? f.pillar])).toEqual([
      ['E', 'fairness/test-parity'],
      ['not-assessed', 'robustness'],
      ['not-assessed', 'explainability'],
      ['not-assessed', 'privacy/membership-inference'],
      ['C', 'validity/accuracy'],
      ['A', 'validity/calibration'],
    ]);
    expect(g.findings.at(-1)!.severity).toBe('pass');
  });

  it('says in words that grades come from the unfavourable end of the interval', () => {
    expect(grade(run(), trustgradeDefaultV1).grading.method).toContain('we are confident the model does at least this well');
  });

  it('gives the run’s declared risk class unless told otherwise', () => {
    const r = run();
    r.riskClass = 'limited';
    expect(grade(r, trustgradeDefaultV1).grading.riskClass).toBe('limited');
    expect(grade(r, trustgradeDefaultV1, { riskClass: null }).grading.riskClass).toBeNull();
  });

  it('lists each probe’s crosswalk clauses, falling back to its pillar’s entry for probes added later', () => {
    const r = adultLike();
    const g = grade(r, testPolicy()).grading;
    expect(g.probes.find((p) => p.probeId === 'validity/accuracy')!.clauses).toContain('eu-ai-act-15-3');
    expect(g.probes.find((p) => p.probeId === 'fairness/test-parity')!.clauses).toEqual(['nist-measure-2.11', 'iso-24027-assessment', 'eu-ai-act-10-2-f', 'gbt-45225-4']);
  });
});

describe('re-grading a stored run under a second policy version', () => {
  it('changes the grades the new thresholds change, records the new policy, and leaves the run untouched', () => {
    const stored = run();
    Object.freeze(stored);
    const before = JSON.stringify(stored);
    const v1 = grade(stored, trustgradeDefaultV1);
    const v2Policy: Policy = {
      ...structuredClone(trustgradeDefaultV1),
      version: 2,
      rules: trustgradeDefaultV1.rules.map((r) => (r.metric === 'balanced_accuracy' ? { ...r, bands: { A: 0.95, B: 0.9, C: 0.85, D: 0.75 } } : r)),
    };
    const v2 = grade(stored, v2Policy);
    expect(v1.grading.policy).toEqual({ id: 'trustgrade-default', version: 1, title: 'TrustGrade default policy' });
    expect(v2.grading.policy.version).toBe(2);
    expect(v2.policy.version).toBe(2);
    expect(v1.grading.pillars[0].outcome).toBe('C');
    expect(v2.grading.pillars[0].outcome).toBe('D');
    // The measurements are read, never recomputed: the run inside both reports is the stored one.
    expect(v2.run).toBe(stored);
    expect(JSON.stringify(stored)).toBe(before);
  });

  it('shipped v2 grades OOD detection on the energy score where v1 read a saturated softmax', () => {
    // The reference MNIST CNN: MSP ties at 1.0 (AUROC ≈ 0.5), its logits' energy separates Fashion-MNIST.
    const saturated = measurement(0.5, 0.48, 0.52, 1000, {
      secondary: {
        auroc_energy: { value: 0.998, interval: { low: 0.996, high: 0.999, level: 0.95, method: 'bootstrap-percentile', resamples: 1000 }, n: 1000 },
        auroc_detector: { value: 0.998, interval: { low: 0.996, high: 0.999, level: 0.95, method: 'bootstrap-percentile', resamples: 1000 }, n: 1000 },
      },
    });
    const stored = { ...run(), results: [{ ...result('robustness/ood', saturated), probeVersion: 2 }] };
    const ood = (policy: Policy) => grade(stored, policy).grading.probes.find((p) => p.probeId === 'robustness/ood')!;
    expect(ood(trustgradeDefaultV1).outcome).toBe('E');
    expect(ood(trustgradeDefaultV2).outcome).toBe('A');
    expect(ood(trustgradeDefaultV2).metrics.map((m) => m.metric)).toEqual(['auroc_detector']);
    // A run stored by OOD probe v1 has no detector AUROC: v2 says so rather than guessing.
    const old = { ...run(), results: [result('robustness/ood', measurement(0.5, 0.48, 0.52))] };
    expect(grade(old, trustgradeDefaultV2).grading.probes.find((p) => p.probeId === 'robustness/ood')!.outcome).toBe('not-assessed');
  });

  it('is deterministic: the same run and policy give an equal report', () => {
    expect(grade(run(), trustgradeDefaultV1)).toEqual(grade(run(), trustgradeDefaultV1));
  });
});
