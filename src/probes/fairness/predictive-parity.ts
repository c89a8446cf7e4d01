import { defineGroupProbe } from './group-probe';
import { differenceOf, ratioOf } from './summaries';

export default defineGroupProbe({
  id: 'fairness/predictive-parity',
  version: 1,
  title: 'Predictive parity',
  description:
    'Compares how often a favourable decision is right in each group: the positive predictive value (precision). A model with ' +
    'predictive parity means the same thing by a favourable decision whatever the group. Reports the largest gap and the ratio ' +
    'between groups, for every sensitive attribute and intersection, with seeded bootstrap intervals stratified by group. Needs labels.',
  metric: {
    name: 'ppv_difference',
    title: 'Predictive parity difference',
    direction: 'lower',
    range: [0, 1],
    definition:
      'Largest minus smallest group positive predictive value TP / (TP + FP) (Fairlearn MetricFrame.difference of precision, ' +
      'method="between_groups"; AIF360 positive_predictive_value per group). Worst over the attributes and intersections analysed.',
  },
  secondary: [
    {
      name: 'ppv_ratio', title: 'Predictive parity ratio', direction: 'higher', range: [0, 1],
      definition: 'Smallest over largest group positive predictive value (Fairlearn MetricFrame.ratio of precision, method="between_groups").',
    },
  ],
  labels: true,
  analysis: {
    metrics: ['ppv'],
    summaries: [
      differenceOf('ppv_difference', 'Predictive parity difference', 'ppv'),
      ratioOf('ppv_ratio', 'Predictive parity ratio', 'ppv'),
    ],
  },
});
