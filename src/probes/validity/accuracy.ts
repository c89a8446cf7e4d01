import { defineProbe } from '../../core/probe';
import type { GroupEstimate, Json } from '../../core/types';
import {
  accuracy, accuracyFromConfusion, argmaxPredictions, balancedAccuracy, classScores, confusionMatrix, confusionRows, macroF1,
  type ClassScores,
} from '../../metrics/classification';
import { wilsonInterval } from '../../metrics/wilson';
import { intervalNotes, seededIntervals, toEstimate } from '../estimates';
import { labelledSubset } from '../labelled';
import { readBootstrapParams } from '../params';
import { predictAll } from '../predict-all';
import { encodePredictions } from '../../core/predictions';

const ID = 'validity/accuracy';
const NO_LABELS = 'none of the samples has a known label';

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'validity',
  title: 'Accuracy',
  description:
    'Predicts every sample, takes the class with the highest probability, and compares it with the label. ' +
    'Reports accuracy with a seeded percentile-bootstrap interval, balanced accuracy and macro F1 (also bootstrapped), ' +
    'recall per class with Wilson intervals, the confusion matrix, and precision, recall and F1 per class, ' +
    "with scikit-learn's definitions. Samples without a known label are left out and counted.",
  metric: {
    name: 'accuracy',
    title: 'Accuracy',
    direction: 'higher',
    range: [0, 1],
    definition: 'Share of labelled samples whose top class is the true class (sklearn.metrics.accuracy_score).',
  },
  secondary: [
    {
      name: 'balanced_accuracy',
      title: 'Balanced accuracy',
      direction: 'higher',
      range: [0, 1],
      definition: 'Mean recall over the classes that occur (sklearn.metrics.balanced_accuracy_score).',
    },
    {
      name: 'macro_f1',
      title: 'Macro F1',
      direction: 'higher',
      range: [0, 1],
      definition: "Unweighted mean of per-class F1 = 2TP / (2TP + FP + FN) over classes that occur or are predicted (sklearn.metrics.f1_score, average='macro').",
    },
  ],
  requires: { labels: true },
  defaults: { bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const settings = { ...readBootstrapParams(ID, ctx.params), rng: ctx.rng, signal: ctx.signal };
    const labels = ctx.model.labels;
    const k = labels.length;
    const probs = await predictAll(ctx, { share: 0.9 });
    const subset = labelledSubset(ctx.data.y, probs, k);
    const yTrue = subset.y;
    const yPred = argmaxPredictions(subset.probs, k);
    const n = yTrue.length;

    const cm = confusionMatrix(yTrue, yPred, k);
    const scores = classScores(cm);
    const intervals = seededIntervals(['accuracy', 'balanced_accuracy', 'macro_f1'], n, (idx) => {
      const resampled = confusionMatrix(yTrue, yPred, k, idx);
      return {
        accuracy: accuracyFromConfusion(resampled),
        balanced_accuracy: balancedAccuracy(resampled).value,
        macro_f1: macroF1(resampled).value,
      };
    }, settings);
    ctx.progress(1);

    const headline = toEstimate(accuracy(yTrue, yPred), n, intervals.accuracy, NO_LABELS);
    return {
      ...headline,
      groups: scores.map((s, c) => recallGroup(labels[c], s, settings.level)),
      secondary: {
        balanced_accuracy: toEstimate(balancedAccuracy(cm), n, intervals.balanced_accuracy, NO_LABELS),
        macro_f1: toEstimate(macroF1(cm), n, intervals.macro_f1, NO_LABELS),
      },
      notes: [
        ...subset.notes,
        ...intervalNotes(settings.bootstrap, intervals),
        'Per-class values are recall (the share of each class predicted correctly) with Wilson score intervals.',
      ],
      details: {
        labels: [...labels],
        confusion: confusionRows(cm),
        perClass: scores.map((s, c) => perClassRow(labels[c], s)),
        // Top class of every sample, labelled or not, in dataset order: lets two runs on the same
        // rows be compared sample by sample (backend agreement, paired comparisons).
        predictions: encodePredictions(argmaxPredictions(probs, k), k),
        // The label of every sample (k = unknown), so paired comparisons need not reopen the dataset.
        truth: encodePredictions(Array.from(ctx.data.y, (label) => (label < 0 ? k : label)), k + 1),
      },
    };
  },
});

function recallGroup(label: string, s: ClassScores, level: number): GroupEstimate {
  const interval = wilsonInterval(s.truePositives, s.support, level);
  return { group: label, status: s.support === 0 ? 'insufficient-data' : 'ok', ...toEstimate(s.recall, s.support, interval, NO_LABELS) };
}

function perClassRow(label: string, s: ClassScores): { [key: string]: Json } {
  const reasons: { [key: string]: Json } = {};
  if (s.precision.reason) reasons.precision = s.precision.reason;
  if (s.recall.reason) reasons.recall = s.recall.reason;
  if (s.f1.reason) reasons.f1 = s.f1.reason;
  return {
    label,
    support: s.support,
    predicted: s.predicted,
    precision: s.precision.value,
    recall: s.recall.value,
    f1: s.f1.value,
    ...(Object.keys(reasons).length > 0 ? { undefinedReasons: reasons } : {}),
  };
}
