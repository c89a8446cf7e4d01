import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { decodeImage, decodeMap, encodeImage, encodeMap, fromBase64, toBase64 } from '../../src/explain/encode-map';
import type { FeatureGroups } from '../../src/explain/groups';
import { completenessGap } from '../../src/explain/quality/completeness';
import { meanCurve, perturbationCurves, randomOrder, stepCounts } from '../../src/explain/quality/deletion-insertion';
import { faithfulnessCorrelation } from '../../src/explain/quality/faithfulness-correlation';
import { randomisationSimilarity } from '../../src/explain/quality/randomisation';
import { maxRelativeChange, relativeChange } from '../../src/explain/quality/sensitivity';
import { marginModel } from './explain-fixtures';

const singles = (m: number): FeatureGroups => ({ names: Array.from({ length: m }, (_, i) => `f${i}`), slots: Array.from({ length: m }, (_, i) => Int32Array.of(i)) });

describe('deletion and insertion curves', () => {
  // f = 0.4·x₀ + 0.3·x₁ + 0.2·x₂ + 0.1·x₃ at x = 1, baseline 0: removing features in order of weight.
  const model = marginModel([0.4, 0.3, 0.2, 0.1]);
  const masker = { x: Float32Array.from([1, 1, 1, 1]), replacements: new Float32Array(4), rows: 1, groups: singles(4) };

  it('follow the model feature by feature in the given order, with trapezoid areas', async () => {
    const curves = await perturbationCurves(model, masker, 0, [0, 1, 2, 3], 4);
    expect(curves.fractions).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const expectedDeletion = [1, 0.6, 0.3, 0.1, 0];
    const expectedInsertion = [0, 0.4, 0.7, 0.9, 1];
    curves.deletion.forEach((v, i) => expect(v).toBeCloseTo(expectedDeletion[i], 6));
    curves.insertion.forEach((v, i) => expect(v).toBeCloseTo(expectedInsertion[i], 6));
    // Trapezoid: deletion (1+.6)/2+(.6+.3)/2+(.3+.1)/2+(.1+0)/2 = 1.5, over 4 → 0.375.
    expect(curves.deletionAuc).toBeCloseTo(0.375, 6);
    expect(curves.insertionAuc).toBeCloseTo(0.625, 6);
  });

  it('are worse in the reverse order than in the right one', async () => {
    const right = await perturbationCurves(model, masker, 0, [0, 1, 2, 3], 4);
    const wrong = await perturbationCurves(model, masker, 0, [3, 2, 1, 0], 4);
    expect(wrong.deletionAuc).toBeGreaterThan(right.deletionAuc);
    expect(wrong.insertionAuc).toBeLessThan(right.insertionAuc);
  });

  it('use evenly spaced step counts and seeded random orders', () => {
    expect(stepCounts(10, 4)).toEqual([0, 3, 5, 8, 10]);
    expect(stepCounts(3, 20)).toEqual([0, 1, 2, 3]);
    expect(randomOrder(6, createRng(1))).toEqual(randomOrder(6, createRng(1)));
    expect([...randomOrder(6, createRng(1))].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(meanCurve([[0, 2], [2, 4]])).toEqual([1, 3]);
  });
});

describe('faithfulness correlation', () => {
  it('is 1 for the exact attribution of a linear model and about 0 for an unrelated one', async () => {
    const weights = [0.5, -1, 2, 0.25, -0.75, 1.5];
    const model = marginModel(weights);
    const x = Float32Array.from([1, 2, -1, 3, 0.5, 1]);
    const masker = { x, replacements: new Float32Array(6), rows: 1, groups: singles(6) };
    const exact = weights.map((w, j) => w * x[j]);
    const fx = exact.reduce((a, b) => a + b, 0);
    const r = await faithfulnessCorrelation(model, masker, 0, exact, { subsets: 30, subsetSize: 2, rng: createRng(3), fx });
    expect(r).toBeCloseTo(1, 6);
    const shuffled = [exact[3], exact[5], exact[0], exact[4], exact[1], exact[2]];
    const unrelated = await faithfulnessCorrelation(model, masker, 0, shuffled, { subsets: 30, subsetSize: 2, rng: createRng(3), fx });
    expect(unrelated!).toBeLessThan(0.6);
  });
});

describe('sensitivity, randomisation and completeness', () => {
  it('measure relative change between explanations in [0, 2]', () => {
    expect(relativeChange([3, 4], [3, 4])).toBe(0);
    expect(relativeChange([3, 4], [-3, -4])).toBe(2);
    expect(relativeChange([3, 4], [0, 0])).toBe(1);
    expect(relativeChange([0, 0], [0, 0])).toBeNull();
    expect(maxRelativeChange([1, 0], [[1, 0], [0, 1], [1, 0.1]])).toBeCloseTo(Math.SQRT2, 12);
  });

  it('compare trained and randomised explanations by rank correlation of absolute and signed values', () => {
    const s = randomisationSimilarity([1, -2, 3, -4], [-1, 2, -3, 4]);
    expect(s.spearmanAbsolute).toBeCloseTo(1, 12);
    expect(s.spearmanSigned).toBeCloseTo(-1, 12);
  });

  it('gives the completeness gap relative to f(x) − f(x′), undefined when they are equal', () => {
    expect(completenessGap([0.2, 0.3], 0.9, 0.4).relative).toBeCloseTo(0, 12);
    expect(completenessGap([0.2, 0.29], 0.9, 0.4).relative).toBeCloseTo(0.02, 12);
    expect(completenessGap([0.1], 0.5, 0.5).relative).toBeNull();
  });
});

describe('stored maps and images', () => {
  it('encodes base64 as the standard alphabet does', () => {
    for (const bytes of [[], [0], [255, 1], [1, 2, 3], [250, 251, 252, 253, 254]]) {
      const u = Uint8Array.from(bytes);
      expect(toBase64(u)).toBe(Buffer.from(u).toString('base64'));
      expect(Array.from(fromBase64(toBase64(u)))).toEqual(bytes);
    }
  });

  it('keeps a map to within 1/127 of its largest magnitude, averaging large maps down to 64 pixels a side', () => {
    const values = Float32Array.from({ length: 28 * 28 }, (_, i) => Math.sin(i) * 0.02);
    const map = encodeMap(values, 28, 28);
    const back = decodeMap(map);
    back.forEach((v, i) => expect(Math.abs(v - values[i])).toBeLessThanOrEqual(map.scale / 127 / 2 + 1e-9));
    const big = encodeMap(new Float32Array(128 * 100).fill(1), 128, 100);
    expect([big.width, big.height]).toEqual([64, 50]);
    expect(decodeMap(big)[0]).toBeCloseTo(1, 6);
    expect(decodeMap(encodeMap(new Float32Array(4), 2, 2))).toEqual(new Float32Array(4));
  });

  it('stores images as they are up to 96 pixels a side', () => {
    const pixels = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => i * 7);
    const image = encodeImage(pixels, 4, 3, 3);
    expect(Array.from(decodeImage(image))).toEqual(Array.from(pixels));
  });
});
