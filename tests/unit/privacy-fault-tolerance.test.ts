import { describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import faultTolerance from '../../src/probes/privacy/fault-tolerance';
import { HOSTILE_KINDS, buildHostileInputs, inputRanges } from '../../src/probes/privacy/hostile-inputs';
import { contextFor, imageMulticlassData, linearClassifier, modelInfo, tabularBinaryData } from './probes-fixtures';

type Row = { kind: string; inputs: number; handled: number; nonFinite: number; errors: number; example: string | null };
const table = (details: unknown) => (details as { faultTable: Row[] }).faultTable;

/** Wraps a classifier: throws on any non-finite input value, like a model with input validation. */
function validating(inner: Classifier): Classifier {
  return {
    ...inner,
    async predict(x, n, signal) {
      if (x.some((v) => !Number.isFinite(v))) throw new RangeError('input contains a value that is not finite');
      return inner.predict(x, n, signal);
    },
  };
}

/** Clamps inputs to [−10, 10] and maps NaN to 0 before predicting: handles everything. */
function clamping(inner: Classifier): Classifier {
  return {
    ...inner,
    async predict(x, n, signal) {
      return inner.predict(x.map((v) => (Number.isNaN(v) ? 0 : Math.max(-10, Math.min(10, v)))), n, signal);
    },
  };
}

describe('hostile inputs', () => {
  it('observed ranges per position, or the fixed range of an image binding', () => {
    const x = Float32Array.from([1, 10, 3, -5, 2, NaN]);
    const ranges = inputRanges(x, 3, 2, null);
    expect(Array.from(ranges.low)).toEqual([1, -5]);
    expect(Array.from(ranges.high)).toEqual([3, 10]);
    expect(Array.from(inputRanges(x, 3, 2, [0, 1]).high)).toEqual([1, 1]);
  });

  it('builds each kind from real samples, reproducibly for a seed', () => {
    const x = Float32Array.from({ length: 40 }, (_, i) => i / 10);
    const ranges = inputRanges(x, 10, 4, null);
    const a = buildHostileInputs(x, 10, 4, ranges, 4, createRng(1));
    const b = buildHostileInputs(x, 10, 4, ranges, 4, createRng(1));
    expect(a).toEqual(b);
    expect(a).toHaveLength(4 * (HOSTILE_KINDS.length - 1) + 1);
    const nan = a.filter((h) => h.kind === 'nan');
    expect(nan[0].variant).toMatch(/^one value \(position \d\)$/);
    expect(nan[0].x.filter(Number.isNaN)).toHaveLength(1);
    expect(nan[1].x.every(Number.isNaN)).toBe(true);
    expect(Array.from(a.find((h) => h.kind === 'zeros')!.x)).toEqual([0, 0, 0, 0]);
    // Position 0 spans 0–3.6 (centre 1.8): "every value" of the 2nd out-of-range input is centre − 10 × span.
    const far = a.filter((h) => h.kind === 'out-of-range')[1];
    expect(far.x[0]).toBeCloseTo(1.8 - 36, 4);
    expect(a.filter((h) => h.kind === 'extreme')[1].x.every((v) => v === Math.fround(-1e30))).toBe(true);
  });
});

describe('the fault-tolerance probe', () => {
  it('a plain linear softmax fails on NaN and infinities, handles the rest; every failure is contained', async () => {
    const { data } = tabularBinaryData(60);
    const model = linearClassifier(['no', 'yes'], [4]);
    const m = await faultTolerance.run(contextFor(model, data, { perKind: 8 }, { seed: 2 }));
    const rows = table(m.details);
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
    expect(byKind.nan).toMatchObject({ inputs: 8, handled: 0, nonFinite: 8, errors: 0 });
    expect(byKind['positive-infinity'].handled).toBe(0);
    expect(byKind['negative-infinity'].handled).toBe(0);
    expect(byKind['out-of-range']).toMatchObject({ inputs: 8, handled: 8 });
    expect(byKind.zeros).toMatchObject({ inputs: 1, handled: 1 });
    expect(byKind.extreme).toMatchObject({ inputs: 8, handled: 8 });
    expect(m.value).toBeCloseTo(17 / 41, 12);
    expect(m.n).toBe(41);
    expect(m.groups.map((g) => [g.group, g.value])).toEqual([
      ['NaN', 0], ['+Infinity', 0], ['−Infinity', 0], ['Far outside the range', 1], ['All zeros', 1], ['Extreme magnitude', 1],
    ]);
    expect(m.secondary.contained_share).toMatchObject({ value: 1, n: 24 });
  });

  it('pins an error to its input when the model throws, and keeps the message', async () => {
    const { data } = tabularBinaryData(60);
    const model = validating(linearClassifier(['no', 'yes'], [4]));
    const m = await faultTolerance.run(contextFor(model, data, { perKind: 4 }, { seed: 2 }));
    const nan = table(m.details).find((r) => r.kind === 'nan')!;
    expect(nan).toMatchObject({ inputs: 4, handled: 0, errors: 4, nonFinite: 0 });
    expect(nan.example).toBe('RangeError: input contains a value that is not finite');
    expect(table(m.details).find((r) => r.kind === 'zeros')!.errors).toBe(0);
  });

  it('a model that sanitises its input handles every hostile input, on image data too', async () => {
    const { data } = imageMulticlassData(30);
    const model = clamping(linearClassifier(['zero', 'one', 'two', 'three'], [1, 4, 4]));
    const m = await faultTolerance.run(contextFor({ ...model, info: modelInfo }, data, { perKind: 2 }));
    expect(m.value).toBe(1);
    expect(m.secondary.contained_share.value).toBeNull();
    expect(m.secondary.contained_share.undefinedReason).toMatch(/handled every hostile input/);
    expect(m.notes[1]).toMatch(/not the same as a sensible answer/);
  });
});
