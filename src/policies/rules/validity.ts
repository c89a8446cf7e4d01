import type { MetricRule } from '../../core/report-types';

/** Thresholds for the validity pillar (probes in src/probes/validity/). */
export const validityRules: MetricRule[] = [
  {
    probe: 'validity/accuracy',
    metric: 'balanced_accuracy',
    headline: false,
    title: 'balanced accuracy',
    direction: 'higher',
    bands: { A: 0.9, B: 0.8, C: 0.7, D: 0.6 },
    basis: 'policy-reasoning',
    rationale:
      'No public practice sets an accuracy every model must reach: what is enough depends on the task and the cost of each error, so accuracy itself is reported, not graded. ' +
      'This policy grades balanced accuracy (mean recall over classes) so that predicting only the majority class cannot score well on imbalanced data (it scores 1/k); ' +
      'the bands are the policy’s own: 0.5 is chance for two classes and gets E. A task with its own requirement should use a policy that states it.',
    source: 'TrustGrade policy reasoning; definition: sklearn.metrics.balanced_accuracy_score.',
  },
  {
    probe: 'validity/calibration',
    metric: 'ece',
    headline: true,
    title: 'expected calibration error',
    direction: 'lower',
    bands: { A: 0.02, B: 0.05, C: 0.1, D: 0.15 },
    basis: 'policy-reasoning',
    rationale:
      'There is no agreed ECE limit. Guo et al. (2017) report 15-bin ECEs of about 1–2 % for networks after temperature scaling and 4–16 % for uncalibrated modern networks; ' +
      'this policy gives A to what calibration methods routinely reach (≤ 0.02) and E where stated confidence is off by more than 15 points on average.',
    source: 'Guo, Pleiss, Sun, Weinberger (2017), "On Calibration of Modern Neural Networks", ICML, Table 1; bands are TrustGrade policy reasoning.',
  },
];
