import { describe, expect, it } from 'vitest';
import accuracyProbe from '../../src/probes/validity/accuracy';
import calibrationProbe from '../../src/probes/validity/calibration';
import {
  detailText, otherDetails, readConfusion, readPerClass, readPredictionCount, readReliabilityBins, readText,
} from '../../src/ui/elements/details-shapes';
import { eceOfBins } from '../../src/ui/elements/chart-math';
import { contextFor, lookupClassifier, lookupData } from './probes-fixtures';

// The contract between the validity probes' `details` and what the probe card draws: run the real
// probes on the hand-computed cases of their own tests and read their details back.
describe('details written by validity/accuracy', () => {
  const labels = ['a', 'b', 'c'];
  const rowFor = [[0.7, 0.2, 0.1], [0.2, 0.6, 0.2], [0.1, 0.3, 0.6]];
  const predicted = [0, 0, 2, 2, 0, 2];
  const data = lookupData(labels, [2, 0, 2, 2, 0, 1]);

  it('are read as a labelled confusion matrix and per-class rows, with nothing left over', async () => {
    const m = await accuracyProbe.run(contextFor(lookupClassifier(labels, predicted.map((c) => rowFor[c])), data, { bootstrap: 0, level: 0.95 }));
    expect(readConfusion(m.details)).toEqual({ labels, matrix: [[2, 0, 0], [0, 0, 1], [1, 0, 2]] });
    const rows = readPerClass(m.details)!;
    expect(rows.map((r) => [r.label, r.support, r.predicted])).toEqual([['a', 2, 3], ['b', 1, 0], ['c', 3, 3]]);
    expect(rows[1].precision).toBeNull();
    expect(rows[1].undefinedReasons.precision).toBe('the model never predicted this class');
    expect(rows[0].precision).toBeCloseTo(2 / 3, 12);
    expect(readPredictionCount(m.details)).toBe(6);
    expect(otherDetails(m.details)).toEqual([]);
  });
});

describe('details written by validity/calibration', () => {
  const labels = ['no', 'yes'];
  const rows = [[0.25, 0.75], [0.75, 0.25], [0.125, 0.875], [0, 1], [0.375, 0.625], [0.5, 0.5], [0.1, 0.9]];

  it('are read as reliability bins whose ECE equals the headline ECE (1.75 / 6)', async () => {
    const m = await calibrationProbe.run(contextFor(lookupClassifier(labels, rows), lookupData(labels, [1, 1, 1, 1, 0, 1, -1], 'yes'), { bins: 15, bootstrap: 0, level: 0.95 }));
    const bins = readReliabilityBins(m.details)!;
    expect(bins).toHaveLength(15);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(6);
    expect(bins[14]).toMatchObject({ low: 14 / 15, high: 1, count: 1, confidence: 1, accuracy: 1 });
    expect(bins[0]).toMatchObject({ count: 0, confidence: null, accuracy: null });
    expect(eceOfBins(bins)).toBeCloseTo(1.75 / 6, 12);
    expect(eceOfBins(bins)).toBeCloseTo(m.value!, 12);
    expect(readText(m.details, 'binEdges')).toMatch(/^right-closed/);
    expect(otherDetails(m.details)).toEqual([]);
  });
});

describe('details readers on data they do not expect', () => {
  it('refuse a matrix that is not square or holds non-numbers', () => {
    expect(readConfusion({ confusion: [[1, 2], [3]] })).toBeNull();
    expect(readConfusion({ confusion: [[1, '2'], [3, 4]] })).toBeNull();
    expect(readConfusion({ confusion: [] })).toBeNull();
    expect(readConfusion(undefined)).toBeNull();
  });
  it('name classes by index when labels are missing or of the wrong length', () => {
    expect(readConfusion({ confusion: [[1, 0], [0, 1]], labels: ['only one'] })!.labels).toEqual(['class 0', 'class 1']);
  });
  it('accept `reliability` as an array or { bins } with `confidence`, and refuse broken bins', () => {
    const bin = { count: 3, confidence: 0.8, accuracy: 2 / 3 };
    expect(readReliabilityBins({ reliability: [bin] })).toEqual([bin]);
    expect(readReliabilityBins({ reliability: { bins: [bin] } })).toEqual([bin]);
    expect(readReliabilityBins({ bins: [{ count: '3', confidence: 0.8, accuracy: 1 }] })).toBeNull();
    expect(readReliabilityBins({ bins: [{ count: 3, confidence: 'high', accuracy: 1 }] })).toBeNull();
  });
  it('summarise a raw value too long to read', () => {
    expect(detailText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(detailText(Array.from({ length: 5000 }, (_, i) => i))).toMatch(/^a list of 5,000 values \([\d,]+ characters of JSON\): too long to show here/);
  });
  it('list keys nobody draws', () => {
    expect(otherDetails({ labels: ['a'], selectionRates: { f: 0.2 }, roc: [] })).toEqual([['selectionRates', { f: 0.2 }], ['roc', []]]);
  });
});
