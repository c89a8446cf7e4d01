import { defineGroupProbe } from './group-probe';
import { differenceOf, ratioOf } from './summaries';

export default defineGroupProbe({
  id: 'fairness/accuracy-parity',
  version: 1,
  title: 'Accuracy and calibration parity',
  description:
    'Compares how well the model serves each group: accuracy of its decisions and calibration of its confidence (expected ' +
    'calibration error, 15 equal-width top-class confidence bins, within each group). Reports the largest gap and the ratio of ' +
    'accuracies, and the largest gap in calibration error, for every sensitive attribute and intersection, with seeded bootstrap ' +
    'intervals stratified by group. Needs labels.',
  metric: {
    name: 'accuracy_difference',
    title: 'Accuracy parity difference',
    direction: 'lower',
    range: [0, 1],
    definition:
      'Largest minus smallest group accuracy (Fairlearn MetricFrame(metrics=accuracy_score).difference(method="between_groups")). ' +
      'Worst over the attributes and intersections analysed.',
  },
  secondary: [
    {
      name: 'accuracy_ratio', title: 'Accuracy parity ratio', direction: 'higher', range: [0, 1],
      definition: 'Smallest over largest group accuracy (Fairlearn MetricFrame.ratio, method="between_groups").',
    },
    {
      name: 'ece_difference', title: 'Calibration parity difference', direction: 'lower', range: [0, 1],
      definition: 'Largest minus smallest group expected calibration error (Guo et al. 2017, eq. 3, 15 bins, within each group).',
    },
  ],
  labels: true,
  analysis: {
    metrics: ['accuracy', 'ece'],
    summaries: [
      differenceOf('accuracy_difference', 'Accuracy parity difference', 'accuracy'),
      ratioOf('accuracy_ratio', 'Accuracy parity ratio', 'accuracy'),
      differenceOf('ece_difference', 'Calibration parity difference', 'ece'),
    ],
  },
});
