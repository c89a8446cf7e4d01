import { defineGroupProbe } from './group-probe';
import { averageOddsDifference, differenceOf, equalizedOddsDifference, equalizedOddsRatio, ratioOf } from './summaries';

export default defineGroupProbe({
  id: 'fairness/equalized-odds',
  version: 1,
  title: 'Equalized odds and equal opportunity',
  description:
    'Compares error rates between groups: the true positive rate (how many of those whose label is favourable get the favourable ' +
    'decision) and the false positive rate, for every sensitive attribute and intersection. Reports Fairlearn\'s equalized-odds ' +
    'difference and ratio, equal-opportunity difference and ratio (true positive rates only) and AIF360\'s average odds difference ' +
    '(worst pair of groups), with seeded bootstrap intervals stratified by group. Needs labels.',
  metric: {
    name: 'eo_difference',
    title: 'Equalized odds difference',
    direction: 'lower',
    range: [0, 1],
    definition:
      'max(TPR difference, FPR difference) between groups (fairlearn.metrics.equalized_odds_difference, agg="worst_case"); ' +
      'worst over the attributes and intersections analysed.',
  },
  secondary: [
    {
      name: 'eo_ratio', title: 'Equalized odds ratio', direction: 'higher', range: [0, 1],
      definition: 'min(TPR ratio, FPR ratio), each smallest over largest group value (fairlearn.metrics.equalized_odds_ratio).',
    },
    {
      name: 'eop_difference', title: 'Equal opportunity difference', direction: 'lower', range: [0, 1],
      definition: 'Largest minus smallest group true positive rate (fairlearn.metrics.equal_opportunity_difference; |AIF360 equal_opportunity_difference| for two groups).',
    },
    {
      name: 'eop_ratio', title: 'Equal opportunity ratio', direction: 'higher', range: [0, 1],
      definition: 'Smallest over largest group true positive rate (fairlearn.metrics.equal_opportunity_ratio).',
    },
    {
      name: 'average_odds_difference', title: 'Average odds difference (worst pair)', direction: 'lower', range: [0, 1],
      definition: 'max over pairs of groups U, P of |½[(FPR_U − FPR_P) + (TPR_U − TPR_P)]| (AIF360 average_odds_difference) = ½(max − min) of TPR + FPR.',
    },
  ],
  labels: true,
  analysis: {
    metrics: ['tpr', 'fpr'],
    summaries: [
      equalizedOddsDifference,
      equalizedOddsRatio,
      differenceOf('eop_difference', 'Equal opportunity difference', 'tpr'),
      ratioOf('eop_ratio', 'Equal opportunity ratio', 'tpr'),
      averageOddsDifference,
    ],
  },
});
