import type { MetricRule, Policy } from '../core/report-types';
import { trustgradeDefaultV1 } from './trustgrade-default-v1';

/**
 * Version 2 changes one rule: out-of-distribution detection is graded on the model's detector score
 * (the energy score when the logits are bound, else the maximum softmax probability) instead of on
 * MSP alone. A float32 softmax saturates on confident models (the reference MNIST CNN gives 1.0 to
 * nearly every input, OOD or not), so MSP's AUROC fell to 0.5 and graded E although the same
 * model's logits separate Fashion-MNIST from MNIST with an AUROC of 0.998.
 */
const oodDetectorRule: MetricRule = {
  probe: 'robustness/ood',
  metric: 'auroc_detector',
  headline: false,
  title: 'out-of-distribution detection AUROC',
  direction: 'higher',
  bands: { A: 0.95, B: 0.9, C: 0.8, D: 0.7 },
  basis: 'policy-reasoning',
  rationale:
    'How well the model’s outputs tell inputs unlike its training data from familiar ones (0.5 = not at all), so it can fail safely beyond its knowledge. ' +
    'The score is the energy of the logits where they are bound (Liu et al. 2020), which does not saturate, else the maximum softmax probability; the rule picks it before either value is seen. ' +
    'Hendrycks & Gimpel (2017) report baseline AUROCs mostly above 0.9; this policy gives B from 0.9 and E below 0.7.',
  source:
    'TrustGrade policy reasoning; Hendrycks & Gimpel (2017), "A Baseline for Detecting Misclassified and Out-of-Distribution Examples", ICLR; ' +
    'Liu, Wang, Owens & Li (2020), "Energy-based Out-of-distribution Detection", NeurIPS.',
};

export const trustgradeDefaultV2: Policy = {
  ...trustgradeDefaultV1,
  version: 2,
  published: '2026-11-23',
  description:
    `${trustgradeDefaultV1.description} ` +
    'Version 2: out-of-distribution detection is graded on the energy score where the logits are bound (MSP otherwise), because a saturated softmax cannot rank inputs.',
  rules: trustgradeDefaultV1.rules.map((rule) => (rule.probe === oodDetectorRule.probe && rule.metric === 'auroc_msp' ? oodDetectorRule : rule)),
};
