import { defineGroupProbe } from './group-probe';
import { differenceOf, ratioOf } from './summaries';

export default defineGroupProbe({
  id: 'fairness/demographic-parity',
  version: 1,
  title: 'Demographic parity',
  description:
    'Compares how often each group gets the favourable decision (the selection rate), for every sensitive attribute and ' +
    'every intersection of up to two (or three) of them. Reports the largest gap between groups and the ratio of the lowest ' +
    'to the highest rate (the disparate-impact figure read against the four-fifths rule), as Fairlearn and AIF360 define them, ' +
    'with seeded bootstrap intervals stratified by group. Groups below the minimum size are listed as insufficient data and never judged. ' +
    'Needs no labels.',
  metric: {
    name: 'dp_difference',
    title: 'Demographic parity difference',
    direction: 'lower',
    range: [0, 1],
    definition:
      'Largest minus smallest group selection rate (fairlearn.metrics.demographic_parity_difference, method="between_groups"); ' +
      'for two groups |AIF360 statistical_parity_difference|. Worst over the attributes and intersections analysed.',
  },
  secondary: [
    {
      name: 'dp_ratio',
      title: 'Demographic parity ratio (disparate impact)',
      direction: 'higher',
      range: [0, 1],
      definition:
        'Smallest over largest group selection rate (fairlearn.metrics.demographic_parity_ratio; AIF360 disparate_impact with the ' +
        'lowest group as unprivileged). The four-fifths rule (29 CFR 1607.4(D)) flags values below 0.8.',
    },
  ],
  labels: false,
  analysis: {
    metrics: ['selection_rate'],
    summaries: [
      differenceOf('dp_difference', 'Demographic parity difference', 'selection_rate'),
      ratioOf('dp_ratio', 'Demographic parity ratio', 'selection_rate'),
    ],
  },
});
