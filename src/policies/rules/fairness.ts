import type { MetricRule, UngradedEntry } from '../../core/report-types';

const FOUR_FIFTHS = '29 CFR 1607.4(D) (US Uniform Guidelines on Employee Selection Procedures, the "four-fifths rule"); Fairlearn demographic_parity_ratio.';
const PARITY_BAND =
  'The ±0.1 band commonly used for parity differences (e.g. the fair range of statistical parity and average odds differences in IBM AIF360’s guidance, −0.1 to 0.1); Fairlearn MetricFrame.difference(method="between_groups").';

/** Bands for a between-groups difference: B is the common ±0.1 band, A half of it, C–D widening by 0.05. */
const DIFFERENCE_BANDS = { A: 0.05, B: 0.1, C: 0.15, D: 0.2 };

/**
 * Thresholds for the fairness pillar (probes in src/probes/fairness/). Every disparity is the worst
 * over attributes and intersections; group-metrics reports them all from one bootstrap.
 */
export const fairnessRules: MetricRule[] = [
  {
    probe: 'fairness/group-metrics',
    metric: 'dp_ratio',
    headline: false,
    title: 'selection-rate ratio',
    direction: 'higher',
    bands: { A: 0.9, B: 0.8, C: 0.7, D: 0.6 },
    basis: 'public-practice',
    rationale:
      'The four-fifths rule treats a selection rate for any group below 80 % of the highest group’s rate as evidence of adverse impact; B is that rule met with confidence. ' +
      'A asks for 90 %; C and D mark widening shortfalls, and below 0.6 is E.',
    source: FOUR_FIFTHS,
  },
  {
    probe: 'fairness/group-metrics',
    metric: 'dp_difference',
    headline: true,
    title: 'selection-rate difference',
    direction: 'lower',
    bands: DIFFERENCE_BANDS,
    basis: 'public-practice',
    rationale:
      'A gap of at most 0.1 between the highest and lowest group selection rate is the band commonly treated as fair; B is that band met with confidence, A half of it. ' +
      'Both the ratio and the difference are graded because each misses what the other catches (a ratio exaggerates gaps between tiny rates, a difference hides them).',
    source: PARITY_BAND,
  },
  {
    probe: 'fairness/group-metrics',
    metric: 'eo_difference',
    headline: false,
    title: 'equalized-odds difference',
    direction: 'lower',
    bands: DIFFERENCE_BANDS,
    basis: 'public-practice',
    rationale:
      'The larger of the between-group gaps in true-positive and false-positive rate (Fairlearn equalized_odds_difference), read against the same ±0.1 band; ' +
      'it bounds the equal-opportunity difference, which is therefore not graded separately.',
    source: `${PARITY_BAND} Hardt, Price, Srebro (2016), "Equality of Opportunity in Supervised Learning".`,
  },
  {
    probe: 'fairness/group-metrics',
    metric: 'ppv_difference',
    headline: false,
    title: 'predictive-parity difference',
    direction: 'lower',
    bands: DIFFERENCE_BANDS,
    basis: 'policy-reasoning',
    rationale:
      'No published limit exists for gaps in positive predictive value; this policy applies the ±0.1 parity band so that a favourable decision means about the same for every group.',
    source: 'TrustGrade policy reasoning, by analogy with the ±0.1 parity band; Chouldechova (2017), "Fair prediction with disparate impact".',
  },
  {
    probe: 'fairness/group-metrics',
    metric: 'accuracy_difference',
    headline: false,
    title: 'accuracy difference between groups',
    direction: 'lower',
    bands: DIFFERENCE_BANDS,
    basis: 'policy-reasoning',
    rationale:
      'No published limit exists for accuracy gaps between groups; this policy applies the ±0.1 parity band: a model 10 points less accurate for one group fails that group.',
    source: 'TrustGrade policy reasoning, by analogy with the ±0.1 parity band; Fairlearn MetricFrame(accuracy_score).difference().',
  },
  {
    probe: 'fairness/counterfactual',
    metric: 'flip_rate',
    headline: true,
    title: 'counterfactual flip rate',
    direction: 'lower',
    bands: { A: 0.01, B: 0.02, C: 0.05, D: 0.1 },
    basis: 'policy-reasoning',
    rationale:
      'A decision that changes when only the protected attribute changes treats that person differently because of it. No published limit exists; ' +
      'this policy tolerates at most 1 in 100 such rows for A and 1 in 50 for B, and gives E when more than 1 in 10 decisions flip.',
    source: 'TrustGrade policy reasoning; counterfactual fairness after Kusner et al. (2017), flip test as in Black, Yeom, Fredrikson (2020) "FlipTest".',
  },
];

/** Fairness measurements shown but not graded, and why. */
export const fairnessUngraded: UngradedEntry[] = [
  {
    probe: 'fairness/inequality',
    reason:
      'generalized entropy and Theil indices over AIF360’s benefit (ŷ − y + 1) mix accuracy with fairness and have no agreed scale, so this policy reports them without a grade.',
  },
  {
    probe: 'fairness/consistency',
    reason:
      'kNN consistency depends on how features are scaled and how dense the data is, and has no agreed limit; it is reported for individual fairness without a grade.',
  },
  {
    probe: 'fairness/proxies',
    reason:
      'a proxy is a property of the data, flagged so a person can review it; the model’s use of proxies shows up in the parity probes, which are graded.',
  },
];
