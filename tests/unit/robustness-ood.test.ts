/**
 * OOD detection with scores worked out by hand: a model whose logit is 8·(mean pixel − ½), shown
 * flat images it is sure about (in-distribution) and mid-gray ones it is not (OOD).
 */
import { describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/core/probe';
import { BindingError, prepareData } from '../../src/core/binding';
import type { Dataset, ImageBinding } from '../../src/core/types';
import ood from '../../src/probes/robustness/ood';
import { maxSoftmax, negativeEnergy } from '../../src/probes/robustness/ood-scores';
import { rankScores, summarizeRanked } from '../../src/metrics/roc';

const weightedAuc = (ranked: ReturnType<typeof rankScores>, positives: number[], weights?: number[]) => summarizeRanked(ranked, positives, { weights }).auc;
import { toLogits } from '../../src/core/encode-output';
import { createClassifier } from '../../src/engine/classifier';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { contextFor, modelInfo } from './probes-fixtures';

const binding: ImageBinding = {
  kind: 'image', layout: 'NCHW', channels: 1, width: 4, height: 4, range: [0, 1], channelOrder: 'RGB',
  output: { kind: 'logits', labels: ['dark', 'bright'] },
};

function logitsOf(x: Float32Array, n: number): Float32Array {
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let j = 0; j < 16; j++) mean += x[i * 16 + j] / 16;
    out[2 * i + 1] = 8 * (mean - 0.5);
  }
  return out;
}

function softmax2(logits: Float32Array): Float32Array {
  return Float32Array.from(logits, (_, j) => {
    const i = j - (j % 2);
    const d = logits[i + 1] - logits[i];
    const p1 = 1 / (1 + Math.exp(-d));
    return j % 2 ? p1 : 1 - p1;
  });
}

const model: Classifier = {
  info: modelInfo, labels: ['dark', 'bright'], sampleShape: [1, 4, 4], gradient: null,
  predict: async (x, n) => softmax2(logitsOf(x, n)),
  logits: async (x, n) => logitsOf(x, n),
};

function flat(levels: number[], size = 4, channels: 1 | 3 = 1, labelled = true): Dataset {
  const px = size * size * channels;
  const pixels = new Uint8Array(levels.length * px);
  levels.forEach((v, i) => pixels.fill(v, i * px, (i + 1) * px));
  return {
    manifest: { id: 'f', name: labelled ? 'digits' : 'gray squares', format: 'images', sha256: '5'.repeat(64), rows: levels.length },
    data: { kind: 'image', width: size, height: size, channels, pixels, labels: levels.map((v) => (labelled ? (v > 127 ? 'bright' : 'dark') : null)), names: levels.map((_, i) => `${i}.png`) },
  };
}

const inData = () => prepareData(flat([100, 110, 120, 200, 210]), binding);
const oodData = () => prepareData(flat([128, 128, 128], 4, 1, false), binding);
const params = { ...ood.defaults, bootstrap: 200 };

describe('scores', () => {
  it('maximum softmax probability, and −energy = T·log Σ exp(f/T)', () => {
    expect(Array.from(maxSoftmax(Float32Array.of(0.2, 0.8, 0.6, 0.4), 2))).toEqual([Math.fround(0.8), Math.fround(0.6)]);
    const e = negativeEnergy(Float32Array.of(0, 0, 1, 2), 2);
    expect(e[0]).toBeCloseTo(Math.log(2), 12);
    expect(e[1]).toBeCloseTo(2 + Math.log(1 + Math.exp(-1)), 12);
    expect(negativeEnergy(Float32Array.of(0, 0), 2, 2)[0]).toBeCloseTo(2 * Math.log(2), 12);
  });

  it('AUROC counts ties one half and leaves zero-weight samples out', () => {
    const scores = [0.7, 0.6, 0.5, 0.7, 0.6, 0.5, 0.1, 0.2];
    const positives = [1, 1, 1, 0, 0, 0, 0, 0];
    expect(weightedAuc(rankScores(scores.slice(0, 6)), positives)).toBeCloseTo(0.5, 12);
    expect(weightedAuc(rankScores(scores), positives, [1, 1, 1, 1, 1, 1, 0, 0])).toBeCloseTo(0.5, 12);
    expect(weightedAuc(rankScores(scores), positives)).toBeCloseTo((4.5 + 6) / 15, 12);
    expect(weightedAuc(rankScores([1, 2]), [1, 1])).toBeNull();
  });

  it('FPR at 95 % TPR: the OOD share at or above the threshold that keeps 95 % of in-distribution scores', () => {
    // 20 in-distribution scores 1…20 (95 % threshold: 2), OOD scores 0, 1.5, 2.5, 30 → 2 of 4 at or above.
    const scores = [...Array.from({ length: 20 }, (_, i) => i + 1), 0, 1.5, 2.5, 30];
    const positives = scores.map((_, i) => (i < 20 ? 1 : 0));
    expect(summarizeRanked(rankScores(scores), positives).fprAtTpr).toBe(0.5);
  });
});

describe('logits for the energy score', () => {
  it('are the outputs for "logits", log(s / (1 − s)) for sigmoid units ([0, logit] for one), and absent for probabilities', () => {
    const out = (kind: 'logits' | 'sigmoid' | 'probabilities', labels = ['a', 'b']) => ({ kind, labels });
    expect(Array.from(toLogits(Float32Array.of(1, -2), 2, 1, out('logits'))!)).toEqual([1, -2]);
    const one = toLogits(Float32Array.of(0.75), 1, 1, out('sigmoid'))!;
    expect(one[0]).toBe(0);
    expect(one[1]).toBeCloseTo(Math.log(3), 6);
    const three = toLogits(Float32Array.of(0.5, 0.9, 1), 3, 1, out('sigmoid', ['a', 'b', 'c']))!;
    expect(three[0]).toBeCloseTo(0, 6);
    expect(three[1]).toBeCloseTo(Math.log(9), 5);
    expect(three[2]).toBeCloseTo(Math.log(2 ** 24 - 1), 3); // clamped below 1, not infinite
    expect(toLogits(Float32Array.of(0.3, 0.7), 2, 1, out('probabilities'))).toBeNull();
  });

  it('are offered by the engine\'s classifier for logits and sigmoid bindings only', async () => {
    const adapter = { info: modelInfo, engine: 'fake', threads: 1, sampleSize: () => 1, dispose: async () => {}, predict: async (_x: Float32Array, n: number) => ({ values: new Float32Array(2 * n).fill(0.5), width: 2 }) } as unknown as ModelAdapter;
    const image: Omit<ImageBinding, 'output'> = { kind: 'image', layout: 'NCHW', channels: 1, width: 1, height: 1, range: [0, 1], channelOrder: 'RGB' };
    const withLogits = createClassifier(adapter, { ...image, output: { kind: 'logits', labels: ['a', 'b'] } });
    expect(Array.from(await withLogits.logits!(new Float32Array(1), 1))).toEqual([0.5, 0.5]);
    expect(createClassifier(adapter, { ...image, output: { kind: 'probabilities', labels: ['a', 'b'] } }).logits).toBeUndefined();
  });
});

describe('robustness/ood with a declared OOD set', () => {
  it('separates perfectly by MSP, and by energy only as far as the logits do (2 of 5 above the OOD energy)', async () => {
    const m = await ood.run(contextFor(model, inData(), params, { auxiliary: { ood: oodData() } }));
    expect(m.value).toBe(1);
    expect(m.secondary.fpr_at_95_tpr.value).toBe(0);
    // −E: softplus(8·(v/255 − ½)): 100 → 0.35, 110 → 0.46, 120 → 0.58, 200 → 2.37, 210 → 2.66; OOD (128) → 0.70.
    expect(m.secondary.auroc_energy.value).toBeCloseTo(0.4, 12);
    // With logits bound, the model's detector is the energy score, whatever MSP gives.
    expect(m.secondary.auroc_detector).toEqual(m.secondary.auroc_energy);
    expect(m.n).toBe(5);
    expect(m.groups).toEqual([expect.objectContaining({ group: 'gray squares', value: 1, n: 3 })]);
    expect(m.details).toMatchObject({ energyFrom: 'logits', sources: [{ name: 'gray squares', kind: 'declared', n: 3 }] });
    const hist = (m.details!.histograms as { msp: { in: number[]; out: number[][] } }).msp;
    expect(hist.in.reduce((a, b) => a + b, 0)).toBe(5);
    expect(hist.out[0].reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('says what energy is when the model gives probabilities: log Σ p = 0 for every input, so undefined', async () => {
    const { logits: _drop, ...probabilitiesOnly } = model;
    const m = await ood.run(contextFor(probabilitiesOnly, inData(), params, { auxiliary: { ood: oodData() } }));
    expect(m.value).toBe(1);
    expect(m.secondary.auroc_energy.value).toBeNull();
    expect(m.secondary.auroc_energy.undefinedReason).toMatch(/log-probabilities is log Σ_k p_k = 0 for every input/);
    expect(m.details!.energyFrom).toBe('log-probabilities');
    expect(m.secondary.auroc_detector.value).toBe(1);
    expect(m.secondary.auroc_detector.interval).toEqual(m.interval);
  });

  it('refuses an OOD set of another image size with a message that says what to do', async () => {
    const other = prepareData(flat([128], 6), { ...binding });
    await expect(ood.run(contextFor(model, inData(), params, { auxiliary: { ood: other } }))).rejects.toThrow(
      /holds 6×6 images with 1 channel but the evaluated dataset holds 4×4 images with 1 channel\. Give an OOD set of the same size/,
    );
  });
});

describe('robustness/ood with an OOD set the binding cannot encode', () => {
  it('says what to do when the OOD set does not fit the binding (its labels are never read: run-suite oodView)', async () => {
    const ctx = contextFor(model, inData(), params);
    ctx.auxiliary = () => { throw new BindingError('The binding is for images but the dataset holds a table of rows.'); };
    await expect(ood.run(ctx)).rejects.toThrow(/cannot be encoded through this model's binding: The binding is for images.*leave it out to use synthetic OOD inputs/);
  });
});

describe('robustness/ood without an OOD set', () => {
  it('uses uniform-noise and pixel-shuffled images, reported separately', async () => {
    const m = await ood.run(contextFor(model, inData(), { ...params, syntheticSamples: 40 }));
    expect(m.groups.map((g) => [g.group, g.n])).toEqual([['uniform noise', 40], ['pixel-shuffled images', 5]]);
    // Shuffling a flat image changes nothing: those "OOD" inputs are the in-distribution images themselves.
    expect(m.groups[1].value).toBeCloseTo(0.5, 12);
    expect(m.notes[0]).toMatch(/No out-of-distribution set was given/);
    expect(m.value).toBeGreaterThan(0.5);
  });

  it('is the same for the same seed', async () => {
    const a = await ood.run(contextFor(model, inData(), params, { seed: 3 }));
    expect(await ood.run(contextFor(model, inData(), params, { seed: 3 }))).toEqual(a);
  });
});
