/**
 * Disparities between groups, as Fairlearn and AIF360 define them.
 *
 * Fairlearn summarises a metric over groups "between_groups": MetricFrame.difference() is the
 * largest group value minus the smallest, MetricFrame.ratio() the smallest over the largest
 * (https://fairlearn.org/main/api_reference/generated/fairlearn.metrics.MetricFrame.html); groups
 * whose value is undefined are left out, as pandas' min/max skip NaN. Its named metrics
 * (fairlearn/metrics/_fairness_metrics.py) are:
 * - demographic_parity_difference / _ratio: difference / ratio of selection rates;
 * - equalized_odds_difference: max(TPR difference, FPR difference) (agg="worst_case");
 * - equalized_odds_ratio: min(TPR ratio, FPR ratio);
 * - equal_opportunity_difference / _ratio: difference / ratio of true positive rates.
 *
 * AIF360 (aif360/metrics/classification_metric.py) compares an unprivileged group U with a
 * privileged group P: statistical_parity_difference = SR_U − SR_P, disparate_impact = SR_U / SR_P,
 * equal_opportunity_difference = TPR_U − TPR_P, average_odds_difference =
 * ½[(FPR_U − FPR_P) + (TPR_U − TPR_P)]. Without a declared privileged group we report the worst
 * case over every ordered pair of groups: |SPD| worst = the Fairlearn difference, DI worst = the
 * Fairlearn ratio, and the worst |AOD| = ½(max(TPR + FPR) − min(TPR + FPR)).
 */
import type { Defined } from './defined';

/** A between-groups summary: the value, and which groups hold the smallest and largest metric value. */
export interface BetweenGroups extends Defined {
  /** Index (in the values given) of the group with the smallest value, when defined. */
  low?: number;
  /** Index of the group with the largest value, when defined. */
  high?: number;
}

interface Extremes {
  low: number;
  high: number;
  defined: number;
}

/** Indices of the smallest and largest defined values (first on ties). */
function extremes(values: readonly (number | null)[]): Extremes {
  let low = -1;
  let high = -1;
  let defined = 0;
  values.forEach((v, i) => {
    if (v === null) return;
    defined++;
    if (low < 0 || v < values[low]!) low = i;
    if (high < 0 || v > values[high]!) high = i;
  });
  return { low, high, defined };
}

function tooFew(defined: number, total: number): string {
  if (total < 2) return total === 1 ? 'only one group is large enough to compare; a disparity needs two' : 'no group is large enough to compare';
  return defined === 1
    ? 'the metric is defined for only one group; a disparity needs two'
    : 'the metric is undefined for every group';
}

/** Largest minus smallest defined value (Fairlearn MetricFrame.difference, method="between_groups"). */
export function betweenGroupsDifference(values: readonly (number | null)[]): BetweenGroups {
  const { low, high, defined } = extremes(values);
  if (defined < 2) return { value: null, reason: tooFew(defined, values.length) };
  return { value: values[high]! - values[low]!, low, high };
}

/**
 * Smallest over largest defined value (Fairlearn MetricFrame.ratio, method="between_groups");
 * for selection rates this is the disparate-impact figure read against the four-fifths rule.
 * Undefined when the largest value is 0 (every group at 0: 0/0).
 */
export function betweenGroupsRatio(values: readonly (number | null)[]): BetweenGroups {
  const { low, high, defined } = extremes(values);
  if (defined < 2) return { value: null, reason: tooFew(defined, values.length) };
  if (values[high] === 0) return { value: null, reason: 'every group has a value of 0, so the ratio is 0/0', low, high };
  return { value: values[low]! / values[high]!, low, high };
}

/** The larger of two disparities (Fairlearn equalized_odds_difference); undefined when either is. */
export function worseOfDifferences(tpr: BetweenGroups, fpr: BetweenGroups): BetweenGroups {
  if (tpr.value === null) return { value: null, reason: `true positive rate: ${tpr.reason}` };
  if (fpr.value === null) return { value: null, reason: `false positive rate: ${fpr.reason}` };
  return tpr.value >= fpr.value ? tpr : fpr;
}

/** The smaller of two ratios (Fairlearn equalized_odds_ratio); undefined when either is. */
export function worseOfRatios(tpr: BetweenGroups, fpr: BetweenGroups): BetweenGroups {
  if (tpr.value === null) return { value: null, reason: `true positive rate: ${tpr.reason}` };
  if (fpr.value === null) return { value: null, reason: `false positive rate: ${fpr.reason}` };
  return tpr.value <= fpr.value ? tpr : fpr;
}

/**
 * Worst-case |average odds difference| over every pair of groups: ½(max s − min s) with
 * s = TPR + FPR per group (groups where either rate is undefined are left out). For two groups it
 * is |AIF360 average_odds_difference|.
 */
export function worstAverageOddsDifference(tpr: readonly (number | null)[], fpr: readonly (number | null)[]): BetweenGroups {
  const sums = tpr.map((t, g) => (t === null || fpr[g] === null ? null : t + fpr[g]!));
  const d = betweenGroupsDifference(sums);
  return d.value === null ? d : { ...d, value: d.value / 2 };
}

// ── AIF360's pairwise definitions (unprivileged U against privileged P) ──

/** AIF360 statistical_parity_difference: SR_U − SR_P. */
export function statisticalParityDifference(selectionU: number, selectionP: number): number {
  return selectionU - selectionP;
}

/** AIF360 disparate_impact: SR_U / SR_P; undefined when SR_P = 0. */
export function disparateImpact(selectionU: number, selectionP: number): Defined {
  return selectionP === 0
    ? { value: null, reason: 'the privileged group has no positive decisions, so the ratio divides by 0' }
    : { value: selectionU / selectionP };
}

/** AIF360 equal_opportunity_difference: TPR_U − TPR_P. */
export function equalOpportunityDifference(tprU: number, tprP: number): number {
  return tprU - tprP;
}

/** AIF360 average_odds_difference: ½[(FPR_U − FPR_P) + (TPR_U − TPR_P)]. */
export function averageOddsDifference(u: { tpr: number; fpr: number }, p: { tpr: number; fpr: number }): number {
  return ((u.fpr - p.fpr) + (u.tpr - p.tpr)) / 2;
}
