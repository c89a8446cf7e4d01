import type { MetricSpec } from '../../core/types';

/** The metrics both corruption probes report (their headline is `corruption_accuracy`). */
export const CORRUPTION_METRIC: MetricSpec = {
  name: 'corruption_accuracy',
  title: 'Mean corruption accuracy',
  direction: 'higher',
  range: [0, 1],
  definition:
    'Accuracy under each corruption averaged over its severities, then over corruptions, on the same labelled images (Hendrycks & Dietterich 2019, "Benchmarking Neural Network Robustness to Common Corruptions and Perturbations", ICLR; reported as accuracy rather than AlexNet-normalised mCE).',
};

export const CORRUPTION_SECONDARY: MetricSpec[] = [
  {
    name: 'clean_accuracy',
    title: 'Clean accuracy (same images)',
    direction: 'higher',
    range: [0, 1],
    definition: 'Accuracy on the same images without corruption (sklearn.metrics.accuracy_score).',
  },
  {
    name: 'accuracy_drop',
    title: 'Accuracy drop',
    direction: 'lower',
    range: [-1, 1],
    definition: 'Clean accuracy minus mean corruption accuracy, on the same images.',
  },
  {
    name: 'relative_drop',
    title: 'Relative accuracy drop',
    direction: 'lower',
    range: [Number.NEGATIVE_INFINITY, 1],
    definition: '(clean accuracy − mean corruption accuracy) / clean accuracy: the share of clean accuracy lost to corruptions; undefined when clean accuracy is 0.',
  },
  {
    name: 'worst_corruption_accuracy',
    title: 'Worst corruption accuracy',
    direction: 'higher',
    range: [0, 1],
    definition: 'The lowest accuracy of any one corruption (averaged over its severities).',
  },
];
