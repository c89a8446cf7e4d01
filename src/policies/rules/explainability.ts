import type { MetricRule, UngradedEntry } from '../../core/report-types';

/**
 * Explanations cost hundreds of predictions per sample, so the probes explain a handful of samples;
 * their bootstrap interval over those samples carries the uncertainty, and the grade reads its
 * unfavourable end. Five samples is the fewest this policy grades.
 */
const FEW_SAMPLES = 5;

/** Thresholds for the explainability pillar (probes in src/probes/explainability/): faithful, stable, passes the sanity check. */
export const explainabilityRules: MetricRule[] = [
  {
    probe: 'explainability/faithfulness',
    metric: 'gain_over_random',
    headline: true,
    title: 'faithfulness gain over a random order',
    direction: 'higher',
    minSampleSize: FEW_SAMPLES,
    bands: { A: 0.2, B: 0.1, C: 0.05, D: 0 },
    basis: 'policy-reasoning',
    rationale:
      'An explanation is faithful when removing (inserting) the features it ranks first changes the prediction faster than a random order does (above 0). ' +
      'No published limit exists; this policy asks for a clear margin — an insertion-minus-deletion AUC gain of 0.1 for B — and gives E when the explanation is not shown to beat random at all.',
    source: 'TrustGrade policy reasoning; deletion and insertion curves of Petsiuk, Das, Saenko (2018), "RISE", BMVC.',
  },
  {
    probe: 'explainability/stability',
    metric: 'max_sensitivity',
    headline: true,
    title: 'explanation max-sensitivity',
    direction: 'lower',
    minSampleSize: FEW_SAMPLES,
    bands: { A: 0.1, B: 0.2, C: 0.35, D: 0.5 },
    basis: 'policy-reasoning',
    rationale:
      'The largest relative change of an explanation under small input noise: 0.2 means the explanation moves by a fifth of its size for an input nobody would call different. ' +
      'No published limit exists; these bands are the policy’s own, with E when a tiny nudge changes the explanation by more than half.',
    source: 'TrustGrade policy reasoning; max-sensitivity of Yeh, Hsieh, Suggala, Inouye, Ravikumar (2019), NeurIPS, made relative.',
  },
  {
    probe: 'explainability/randomisation',
    metric: 'rank_correlation',
    headline: true,
    title: 'rank correlation of explanations, trained vs randomised model',
    direction: 'lower',
    minSampleSize: FEW_SAMPLES,
    bands: { A: 0.2, B: 0.4, C: 0.6, D: 0.8 },
    basis: 'policy-reasoning',
    rationale:
      'The sanity check of Adebayo et al.: explanations of a model with randomised weights must differ from those of the trained model, or they do not depend on what it learned. ' +
      'No published limit exists; B asks for a rank correlation of at most 0.4, and above 0.8 (explanations barely change) is E.',
    source: 'TrustGrade policy reasoning; Adebayo, Gilmer, Muelly, Goodfellow, Hardt, Kim (2018), "Sanity Checks for Saliency Maps", NeurIPS.',
  },
];

/** Explainability measurements shown but not graded, and why. */
export const explainabilityUngraded: UngradedEntry[] = [
  {
    probe: 'explainability/attributions',
    reason: 'the attributions themselves are evidence to read; two methods disagreeing is common (Krishna et al. 2022) and has no agreed limit, so their agreement is reported, not graded.',
  },
  {
    probe: 'explainability/global-importance',
    reason: 'how much the model relies on sensitive columns is a fairness question, graded through the parity and counterfactual probes; the importance ranking is reported for reading.',
  },
  {
    probe: 'explainability/ig-completeness',
    reason: 'the completeness gap checks the Integrated Gradients computation (enough integration steps), not the model, so it qualifies the attributions rather than grading the model.',
  },
];
