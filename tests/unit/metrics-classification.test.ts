import { describe, expect, it } from 'vitest';
import {
  accuracy, accuracyFromConfusion, argmaxPredictions, balancedAccuracy, classScores, confusionMatrix, confusionRows, knownLabelIndices, macroF1,
} from '../../src/metrics/classification';

const i32 = (values: number[]) => Int32Array.from(values);

describe('confusion matrix and accuracy (scikit-learn documentation examples)', () => {
  it('matches the sklearn.metrics.confusion_matrix example', () => {
    const cm = confusionMatrix(i32([2, 0, 2, 2, 0, 1]), i32([0, 0, 2, 2, 0, 2]), 3);
    expect(confusionRows(cm)).toEqual([[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
    expect(cm.total).toBe(6);
  });

  it('matches the sklearn.metrics.accuracy_score example', () => {
    expect(accuracy(i32([0, 1, 2, 3]), i32([0, 2, 1, 3]))).toBe(0.5);
    expect(accuracyFromConfusion(confusionMatrix(i32([0, 1, 2, 3]), i32([0, 2, 1, 3]), 4))).toBe(0.5);
    expect(accuracyFromConfusion(confusionMatrix(i32([-1]), i32([0]), 4))).toBeNull();
  });

  it('leaves unknown labels (−1) out of accuracy and the confusion matrix', () => {
    const yTrue = i32([0, -1, 1, -1]);
    const yPred = i32([0, 1, 0, 0]);
    expect(accuracy(yTrue, yPred)).toBe(0.5);
    expect(confusionMatrix(yTrue, yPred, 2).total).toBe(2);
    expect(accuracy(i32([-1, -1]), i32([0, 0]))).toBeNull();
  });

  it('evaluates a resample through indices, repeats included', () => {
    const yTrue = i32([0, 1, 1]);
    const yPred = i32([0, 0, 1]);
    expect(accuracy(yTrue, yPred, i32([1, 1, 1, 2]))).toBe(0.25);
    expect(confusionRows(confusionMatrix(yTrue, yPred, 2, i32([0, 0, 1])))).toEqual([[2, 0], [1, 0]]);
  });

  it('refuses a prediction outside the class range', () => {
    expect(() => confusionMatrix(i32([0]), i32([3]), 2)).toThrow(/0…1/);
  });
});

describe('per-class precision, recall and F1', () => {
  // sklearn precision_recall_fscore_support example: cat=0, dog=1, pig=2.
  const yTrue = i32([0, 1, 2, 0, 1, 2]);
  const yPred = i32([0, 2, 1, 0, 0, 1]);

  it('matches precision_recall_fscore_support(average=None)', () => {
    const scores = classScores(confusionMatrix(yTrue, yPred, 3));
    expect(scores.map((s) => s.precision.value)).toEqual([2 / 3, 0, 0]);
    expect(scores.map((s) => s.recall.value)).toEqual([1, 0, 0]);
    expect(scores.map((s) => s.f1.value)).toEqual([0.8, 0, 0]);
    expect(scores.map((s) => s.support)).toEqual([2, 2, 2]);
  });

  it("matches the macro averages of the docs: F1 0.26…, and f1_score(average=None) [0.8, 0, 0]", () => {
    expect(macroF1(confusionMatrix(yTrue, yPred, 3)).value).toBeCloseTo(0.8 / 3, 12);
  });

  it('gives null with a reason where sklearn would warn and substitute 0 (precision_score zero_division example)', () => {
    // y_pred all class 0: classes 1 and 2 are never predicted, so their precision is undefined.
    const scores = classScores(confusionMatrix(yTrue, i32([0, 0, 0, 0, 0, 0]), 3));
    expect(scores[0].precision.value).toBeCloseTo(1 / 3, 12);
    expect(scores[1].precision).toEqual({ value: null, reason: 'the model never predicted this class' });
    expect(scores[2].precision.value).toBeNull();
    expect(scores[1].recall.value).toBe(0);
    // F1 = 2TP / (2TP + FP + FN) is defined (0) when the class occurs but is never predicted.
    expect(scores[1].f1.value).toBe(0);
  });

  it('leaves a class that neither occurs nor is predicted out of macro F1 and balanced accuracy', () => {
    const cm = confusionMatrix(i32([0, 0, 1, 1]), i32([0, 1, 1, 1]), 3);
    const scores = classScores(cm);
    expect(scores[2].f1).toEqual({ value: null, reason: 'this class neither occurs nor is predicted' });
    expect(scores[2].recall.value).toBeNull();
    // F1: class 0 = 2/(2+0+1) = 2/3, class 1 = 4/(4+1+0) = 0.8.
    expect(macroF1(cm).value).toBeCloseTo((2 / 3 + 0.8) / 2, 12);
    expect(balancedAccuracy(cm).value).toBeCloseTo(0.75, 12);
  });

  it('matches the sklearn.metrics.balanced_accuracy_score example (0.625)', () => {
    const cm = confusionMatrix(i32([0, 1, 0, 0, 1, 0]), i32([0, 1, 0, 0, 0, 1]), 2);
    expect(balancedAccuracy(cm).value).toBeCloseTo(0.625, 12);
  });

  it('is undefined, with a reason, when nothing is labelled', () => {
    const cm = confusionMatrix(i32([-1]), i32([0]), 2);
    expect(balancedAccuracy(cm)).toEqual({ value: null, reason: 'no sample has a known label' });
    expect(macroF1(cm).value).toBeNull();
  });
});

describe('predictions and labels', () => {
  it('takes the argmax of each row, the first index on ties (numpy.argmax)', () => {
    const probs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0.2, 0.2, 0.6]);
    expect(Array.from(argmaxPredictions(probs, 3))).toEqual([1, 0, 2]);
  });

  it('refuses a matrix whose length is not a multiple of k', () => {
    expect(() => argmaxPredictions(new Float32Array(5), 2)).toThrow(/n × k/);
  });

  it('lists the positions of known labels', () => {
    expect(Array.from(knownLabelIndices(i32([-1, 2, 0, -1, 1])))).toEqual([1, 2, 4]);
  });
});
