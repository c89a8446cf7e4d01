/** The disparities group probes summarise their metrics by (definitions in metrics/fairness-disparity.ts). */
import {
  betweenGroupsDifference, betweenGroupsRatio, worseOfDifferences, worseOfRatios, worstAverageOddsDifference,
} from '../../metrics/fairness-disparity';
import type { GroupMetric, SummarySpec } from './group-analysis';

const needsLabels = (metric: GroupMetric): boolean => metric !== 'selection_rate';

/** Largest minus smallest group value (Fairlearn MetricFrame.difference, between_groups). */
export function differenceOf(name: string, title: string, metric: GroupMetric): SummarySpec {
  return { name, title, direction: 'lower', labels: needsLabels(metric), metric, kind: 'difference', compute: (v) => betweenGroupsDifference(v(metric)) };
}

/** Smallest over largest group value (Fairlearn MetricFrame.ratio, between_groups). */
export function ratioOf(name: string, title: string, metric: GroupMetric): SummarySpec {
  return { name, title, direction: 'higher', labels: needsLabels(metric), metric, kind: 'ratio', compute: (v) => betweenGroupsRatio(v(metric)) };
}

/** Fairlearn equalized_odds_difference: max(TPR difference, FPR difference). */
export const equalizedOddsDifference: SummarySpec = {
  name: 'eo_difference', title: 'Equalized odds difference', direction: 'lower', labels: true, metric: 'tpr', kind: 'difference',
  compute: (v) => worseOfDifferences(betweenGroupsDifference(v('tpr')), betweenGroupsDifference(v('fpr'))),
};

/** Fairlearn equalized_odds_ratio: min(TPR ratio, FPR ratio). */
export const equalizedOddsRatio: SummarySpec = {
  name: 'eo_ratio', title: 'Equalized odds ratio', direction: 'higher', labels: true, metric: 'tpr', kind: 'ratio',
  compute: (v) => worseOfRatios(betweenGroupsRatio(v('tpr')), betweenGroupsRatio(v('fpr'))),
};

/** Worst |AIF360 average_odds_difference| over pairs of groups. */
export const averageOddsDifference: SummarySpec = {
  name: 'average_odds_difference', title: 'Average odds difference', direction: 'lower', labels: true, metric: 'tpr', kind: 'difference',
  compute: (v) => worstAverageOddsDifference(v('tpr'), v('fpr')),
};
