import { describe, expect, it } from 'vitest';
import accuracyProbe from '../../src/probes/validity/accuracy';
import { ProbeParameterError } from '../../src/probes/params';
import { contextFor, lookupClassifier, lookupData } from './probes-fixtures';

// sklearn.metrics.confusion_matrix example: y_true [2,0,2,2,0,1], y_pred [0,0,2,2,0,2], plus two unlabelled samples.
const labels = ['a', 'b', 'c'];
const rowFor = [[0.7, 0.2, 0.1], [0.2, 0.6, 0.2], [0.1, 0.3, 0.6]];
const predicted = [0, 0, 2, 2, 0, 2, 1, 0];
const model = () => lookupClassifier(labels, predicted.map((c) => rowFor[c]));
const data = lookupData(labels, [2, 0, 2, 2, 0, 1, -1, -1]);

describe('validity/accuracy on the scikit-learn confusion-matrix example', () => {
  it('reports accuracy, the confusion matrix and per-class scores', async () => {
    const m = await accuracyProbe.run(contextFor(model(), data, { bootstrap: 200, level: 0.95 }));
    expect(m.value).toBeCloseTo(4 / 6, 12);
    expect(m.n).toBe(6);
    expect(m.details!.confusion).toEqual([[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
    expect(m.details!.labels).toEqual(labels);
    expect(m.secondary.balanced_accuracy.value).toBeCloseTo((1 + 0 + 2 / 3) / 3, 12);
    // F1: a = 4/5, b = 0, c = 4/6.
    expect(m.secondary.macro_f1.value).toBeCloseTo((0.8 + 0 + 4 / 6) / 3, 12);
    expect(m.notes).toContain("2 samples without a known label (missing, or not one of the model's labels) were excluded.");
  });

  it('gives per-class recall as groups named by label, with Wilson intervals', async () => {
    const m = await accuracyProbe.run(contextFor(model(), data, { bootstrap: 50, level: 0.95 }));
    expect(m.groups.map((g) => [g.group, g.value, g.n, g.status])).toEqual([
      ['a', 1, 2, 'ok'], ['b', 0, 1, 'ok'], ['c', 2 / 3, 3, 'ok'],
    ]);
    expect(m.groups[0].interval?.method).toBe('wilson');
  });

  it('marks undefined per-class precision as null with its reason', async () => {
    const m = await accuracyProbe.run(contextFor(model(), data, { bootstrap: 0, level: 0.95 }));
    const perClass = m.details!.perClass as { label: string; precision: number | null; undefinedReasons?: { precision?: string } }[];
    expect(perClass[1]).toMatchObject({ label: 'b', precision: null, undefinedReasons: { precision: 'the model never predicted this class' } });
    expect(perClass[0].precision).toBeCloseTo(2 / 3, 12);
  });

  it('brackets the value with a seeded bootstrap interval, and none when bootstrap is 0', async () => {
    const m = await accuracyProbe.run(contextFor(model(), data, { bootstrap: 300, level: 0.9 }));
    expect(m.interval).toMatchObject({ method: 'bootstrap-percentile', resamples: 300, level: 0.9 });
    expect(m.interval!.low).toBeLessThanOrEqual(m.value!);
    expect(m.interval!.high).toBeGreaterThanOrEqual(m.value!);
    const off = await accuracyProbe.run(contextFor(model(), data, { bootstrap: 0, level: 0.95 }));
    expect(off.interval).toBeNull();
    expect(off.notes).toContain('No confidence intervals: the suite set bootstrap to 0.');
  });

  it('gives an explicit undefined value when no label is known', async () => {
    const m = await accuracyProbe.run(contextFor(model(), lookupData(labels, [-1, -1, -1]), { bootstrap: 10, level: 0.95 }));
    expect(m.value).toBeNull();
    expect(m.undefinedReason).toBe('none of the samples has a known label');
    expect(m.n).toBe(0);
    expect(m.groups.every((g) => g.status === 'insufficient-data' && g.value === null)).toBe(true);
  });

  it('refuses a parameter it cannot use, naming it', async () => {
    await expect(accuracyProbe.run(contextFor(model(), data, { bootstrap: -3, level: 0.95 }))).rejects.toThrow(ProbeParameterError);
    await expect(accuracyProbe.run(contextFor(model(), data, { bootstrap: 10, level: 95 }))).rejects.toThrow(/"level"/);
  });
});
