/**
 * Classification metrics from class probabilities, with scikit-learn's definitions
 * (https://scikit-learn.org/stable/modules/model_evaluation.html#classification-metrics).
 *
 * Labels are class indices; −1 means "unknown" and such samples are left out of every count.
 * Functions that take `indices` evaluate the samples at those positions (repeats allowed), so a
 * bootstrap resample can be scored without copying.
 */
import { meanOfDefined, ratio, type Defined } from './defined';

/**
 * Predicted class per sample: the index of the largest probability in each row of the n × k
 * matrix; ties go to the lowest index (numpy.argmax).
 */
export function argmaxPredictions(probs: Float32Array, k: number): Int32Array {
  const n = probabilityRowCount(probs, k);
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let best = 0;
    let bestValue = probs[row];
    for (let c = 1; c < k; c++) {
      if (probs[row + c] > bestValue) {
        bestValue = probs[row + c];
        best = c;
      }
    }
    predicted[i] = best;
  }
  return predicted;
}

/** Positions of the samples with a known label (y ≥ 0). */
export function knownLabelIndices(y: Int32Array): Int32Array {
  let count = 0;
  for (const label of y) if (label >= 0) count++;
  const indices = new Int32Array(count);
  let next = 0;
  y.forEach((label, i) => {
    if (label >= 0) indices[next++] = i;
  });
  return indices;
}

/**
 * Share of samples whose prediction equals the label; sklearn.metrics.accuracy_score.
 * Null when no sample has a known label.
 */
export function accuracy(yTrue: Int32Array, yPred: Int32Array, indices?: Int32Array): number | null {
  let correct = 0;
  let total = 0;
  const count = indices ? indices.length : yTrue.length;
  for (let j = 0; j < count; j++) {
    const i = indices ? indices[j] : j;
    if (yTrue[i] < 0) continue;
    total++;
    if (yPred[i] === yTrue[i]) correct++;
  }
  return total === 0 ? null : correct / total;
}

/** Counts of (true class, predicted class) pairs. */
export interface ConfusionMatrix {
  k: number;
  /** Row-major k × k: row = true class, column = predicted class (sklearn.metrics.confusion_matrix). */
  counts: Int32Array;
  /** Samples counted. */
  total: number;
}

/** sklearn.metrics.confusion_matrix with labels = 0…k−1; samples with an unknown label are skipped. */
export function confusionMatrix(yTrue: Int32Array, yPred: Int32Array, k: number, indices?: Int32Array): ConfusionMatrix {
  const counts = new Int32Array(k * k);
  let total = 0;
  const count = indices ? indices.length : yTrue.length;
  for (let j = 0; j < count; j++) {
    const i = indices ? indices[j] : j;
    const t = yTrue[i];
    if (t < 0) continue;
    const p = yPred[i];
    if (t >= k || p < 0 || p >= k) {
      throw new RangeError(`Sample ${i} has true class ${t} and predicted class ${p}; both must lie in 0…${k - 1}.`);
    }
    counts[t * k + p]++;
    total++;
  }
  return { k, counts, total };
}

/** Accuracy read from a confusion matrix: its trace over its total; null when it is empty. */
export function accuracyFromConfusion(cm: ConfusionMatrix): number | null {
  let correct = 0;
  for (let c = 0; c < cm.k; c++) correct += cm.counts[c * cm.k + c];
  return cm.total === 0 ? null : correct / cm.total;
}

/** The matrix as nested rows (row = true class), for reports. */
export function confusionRows(cm: ConfusionMatrix): number[][] {
  return Array.from({ length: cm.k }, (_, t) => Array.from(cm.counts.subarray(t * cm.k, (t + 1) * cm.k)));
}

/** One class's scores, as sklearn.metrics.precision_recall_fscore_support(average=None) defines them. */
export interface ClassScores {
  /** Samples whose true class is this one. */
  support: number;
  /** Samples predicted as this class. */
  predicted: number;
  truePositives: number;
  /** TP / (TP + FP); undefined when the class is never predicted. */
  precision: Defined;
  /** TP / (TP + FN); undefined when the class has no samples. */
  recall: Defined;
  /** 2TP / (2TP + FP + FN); undefined only when the class neither occurs nor is predicted. */
  f1: Defined;
}

/**
 * Per-class precision, recall and F1. sklearn returns 0 (with an UndefinedMetricWarning) where a
 * denominator is 0; we return null with the reason instead. F1 uses sklearn's formula
 * 2TP / (2TP + FP + FN) (f1_score docs), so a class that occurs but is never predicted has F1 = 0.
 */
export function classScores(cm: ConfusionMatrix): ClassScores[] {
  const { k, counts } = cm;
  const scores: ClassScores[] = [];
  for (let c = 0; c < k; c++) {
    let support = 0;
    let predicted = 0;
    for (let o = 0; o < k; o++) {
      support += counts[c * k + o];
      predicted += counts[o * k + c];
    }
    const tp = counts[c * k + c];
    const fp = predicted - tp;
    const fn = support - tp;
    scores.push({
      support,
      predicted,
      truePositives: tp,
      precision: ratio(tp, predicted, 'the model never predicted this class'),
      recall: ratio(tp, support, 'no sample has this class'),
      f1: ratio(2 * tp, 2 * tp + fp + fn, 'this class neither occurs nor is predicted'),
    });
  }
  return scores;
}

/**
 * Mean recall over the classes that occur (sklearn.metrics.balanced_accuracy_score, which drops
 * classes absent from y_true). Null when no sample is counted.
 */
export function balancedAccuracy(cm: ConfusionMatrix): Defined {
  return meanOfDefined(classScores(cm).map((s) => s.recall), 'no sample has a known label');
}

/**
 * Unweighted mean of per-class F1 over the classes that occur or are predicted:
 * sklearn.metrics.f1_score(average='macro') with its default labels (those in y_true ∪ y_pred).
 */
export function macroF1(cm: ConfusionMatrix): Defined {
  return meanOfDefined(classScores(cm).map((s) => s.f1), 'no sample has a known label');
}

/** Rows of an n × k probability matrix; throws when its length is not a multiple of k. */
export function probabilityRowCount(probs: Float32Array, k: number): number {
  if (!Number.isInteger(k) || k < 1 || probs.length % k !== 0) {
    throw new RangeError(`A probability matrix of length ${probs.length} cannot have ${k} columns; expected n × k values.`);
  }
  return probs.length / k;
}
