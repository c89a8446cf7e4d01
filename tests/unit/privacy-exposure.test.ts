import { describe, expect, it } from 'vitest';
import { analyzeExposure, countDistinctRows, decimalGrid } from '../../src/probes/privacy/exposure-analysis';
import exposure from '../../src/probes/privacy/output-exposure';
import { contextFor, lookupClassifier, lookupData } from './probes-fixtures';

/** n distinct one-value inputs (0, 1, 2, …). */
const inputs = (n: number) => Float32Array.from({ length: n }, (_, i) => i);
const rows = (ps: number[]) => Float32Array.from(ps.flatMap((p) => [1 - p, p]));

describe('analyzeExposure', () => {
  it('recognises hard labels', () => {
    const a = analyzeExposure(rows([0, 1, 1, 0, 1]), 2, inputs(5), 1);
    expect(a).toMatchObject({ kind: 'labels-only', level: 0, distinctConfidences: 1, distinctInputs: 5 });
  });

  it('recognises probabilities rounded to two decimals', () => {
    const ps = Array.from({ length: 200 }, (_, i) => Math.round(((i * 37) % 100) + 0.4) / 100);
    const a = analyzeExposure(rows(ps), 2, inputs(200), 1);
    expect(a.kind).toBe('rounded');
    expect(a.decimals).toBe(2);
    expect(a.level).toBe(1);
  });

  it('recognises coarse scores: few distinct values for many distinct inputs', () => {
    const leaves = [0.6123457, 0.7234568, 0.8123459, 0.9345671, 0.5512341];
    const a = analyzeExposure(rows(Array.from({ length: 100 }, (_, i) => leaves[i % 5])), 2, inputs(100), 1);
    expect(a).toMatchObject({ kind: 'coarse', level: 1, distinctInputs: 100 });
    expect(a.distinctConfidences).toBe(5);
  });

  it('calls full precision full precision, even when inputs repeat', () => {
    const ps = Array.from({ length: 50 }, (_, i) => 0.5 + 0.4 * Math.sin(i * 1.234567));
    const a = analyzeExposure(rows(ps), 2, inputs(50), 1);
    expect(a).toMatchObject({ kind: 'full-precision', level: 2, distinctInputs: 50 });
    // 10 distinct inputs repeated 10 times: 10 confidences for 10 inputs is still one score per input.
    const repeatedInputs = Float32Array.from({ length: 100 }, (_, i) => i % 10);
    const repeatedPs = Array.from({ length: 100 }, (_, i) => 0.5 + 0.4 * Math.sin((i % 10) * 1.234567));
    expect(analyzeExposure(rows(repeatedPs), 2, repeatedInputs, 1)).toMatchObject({ kind: 'full-precision', distinctInputs: 10 });
  });

  it('decimalGrid and countDistinctRows give known answers', () => {
    expect(decimalGrid(Float32Array.from([0.5, 0.25, 0.75]))).toBe(2);
    expect(decimalGrid(Float32Array.from([0.1, 0.7]))).toBe(1);
    expect(decimalGrid(Float32Array.from([0.123456]))).toBeNull();
    expect(countDistinctRows(Float32Array.from([1, 2, 1, 2, 2, 1, 0, 0]), 2, 4)).toBe(3);
  });
});

describe('the output-exposure probe', () => {
  it('reports the level, the distinct share and advice for a label-only model', async () => {
    const model = lookupClassifier(['no', 'yes'], [[1, 0], [0, 1], [0, 1]]);
    const m = await exposure.run(contextFor(model, lookupData(['no', 'yes'], [0, 1, 1]), {}));
    expect(m.value).toBe(0);
    expect(m.n).toBe(3);
    expect(m.secondary.distinct_confidence_share.value).toBeCloseTo(1 / 3, 12);
    expect(m.notes[0]).toMatch(/read as labels only: 1 distinct confidence values for 3 distinct inputs/);
    expect(m.notes[1]).toMatch(/Label-Only Membership Inference/);
    expect(m.details).toMatchObject({ exposure: 'labels-only', distinctConfidences: 1, distinctInputs: 3, decimals: null });
  });

  it('never calls a logits model label-only, even when its softmax saturates to 0 and 1', async () => {
    const model = lookupClassifier(['no', 'yes'], [[1, 0], [0, 1], [0, 1]]);
    const data = lookupData(['no', 'yes'], [0, 1, 1]);
    data.binding = { ...data.binding, output: { ...data.binding.output, kind: 'logits' } };
    const m = await exposure.run(contextFor(model, data, {}));
    expect(m.value).toBe(2);
    expect(m.details!.exposure).toBe('full-precision');
    expect(m.notes.join(' ')).toMatch(/their softmax reads as hard labels only because the logits are far apart/);
  });

  it('advises returning labels only when the model gives full-precision probabilities', async () => {
    const model = lookupClassifier(['no', 'yes'], [[0.123, 0.877], [0.6541, 0.3459], [0.2, 0.8]].map((r) => r.map((v) => v + 1e-5 * r[0])));
    const m = await exposure.run(contextFor(model, lookupData(['no', 'yes'], [0, 1, 1]), {}));
    expect(m.value).toBe(2);
    expect(m.notes[1]).toMatch(/return only the label/);
  });
});
