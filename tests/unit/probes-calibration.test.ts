import { describe, expect, it } from 'vitest';
import calibrationProbe from '../../src/probes/validity/calibration';
import { contextFor, lookupClassifier, lookupData } from './probes-fixtures';

const params = { bins: 15, bootstrap: 200, level: 0.95 };

describe('validity/calibration on a hand-computed case', () => {
  const labels = ['no', 'yes'];
  // Same case as the metric test: ECE = 1.75 / 6, MCE = 0.625.
  const rows = [[0.25, 0.75], [0.75, 0.25], [0.125, 0.875], [0, 1], [0.375, 0.625], [0.5, 0.5], [0.1, 0.9]];
  const y = [1, 1, 1, 1, 0, 1, -1];

  it('reports ECE, MCE and reliability bins', async () => {
    const m = await calibrationProbe.run(contextFor(lookupClassifier(labels, rows), lookupData(labels, y, 'yes'), params));
    expect(m.value).toBeCloseTo(1.75 / 6, 12);
    expect(m.n).toBe(6);
    expect(m.secondary.mce.value).toBe(0.625);
    const bins = m.details!.bins as { count: number }[];
    expect(bins).toHaveLength(15);
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(6);
    expect(m.notes[0]).toMatch(/^1 sample without a known label .* was excluded\.$/);
    expect(m.interval!.low).toBeLessThanOrEqual(m.value!);
    expect(m.interval!.high).toBeGreaterThanOrEqual(m.value!);
  });

  it("matches sklearn's brier_score_loss example (0.0375) on the declared positive class", async () => {
    const sk = [[0.9, 0.1], [0.1, 0.9], [0.2, 0.8], [0.7, 0.3]];
    const m = await calibrationProbe.run(contextFor(lookupClassifier(labels, sk), lookupData(labels, [0, 1, 1, 0], 'yes'), params));
    expect(m.secondary.brier_positive.value).toBeCloseTo(0.0375, 7);
    expect(m.secondary.brier.value).toBeCloseTo(0.075, 7);
    expect(m.notes).toContain('Positive class for the binary Brier score: "yes" (declared in the binding).');
  });

  it('uses the declared positive class even when it is the first label', async () => {
    const sk = [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.3, 0.7]];
    const m = await calibrationProbe.run(contextFor(lookupClassifier(['pos', 'neg'], sk), lookupData(['pos', 'neg'], [1, 0, 0, 1], 'pos'), params));
    expect(m.secondary.brier_positive.value).toBeCloseTo(0.0375, 7);
  });

  it('leaves the binary Brier score undefined, with a reason, for more than two classes', async () => {
    const three = ['a', 'b', 'c'];
    const m = await calibrationProbe.run(contextFor(lookupClassifier(three, [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.2, 0.2, 0.6]]), lookupData(three, [0, 1, 2]), params));
    expect(m.secondary.brier.value).toBeCloseTo(0.44 / 3, 7);
    expect(m.secondary.brier_positive).toMatchObject({ value: null, undefinedReason: 'defined for two-class models only' });
  });
});
