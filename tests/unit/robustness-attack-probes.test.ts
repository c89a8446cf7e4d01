/**
 * The white-box and black-box attack probes on a linear model over 4 × 4 grey images scaled to
 * 0–255, where the worst L∞ perturbation is known in closed form: robust accuracy must equal it
 * (white-box) or never beat it (black-box), ε must mean a fraction of the range, and a model whose
 * gradients are masked must be caught by the Carlini et al. (2019) checks.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, type Classifier, type PreparedData } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import type { Binding, Dataset, Measurement } from '../../src/core/types';
import { ProbeParameterError } from '../../src/probes/params';
import blackBox from '../../src/probes/robustness/attacks-black-box';
import whiteBox from '../../src/probes/robustness/attacks-white-box';
import { contextFor } from './probes-fixtures';
import { linearClassifier, worstLinfLogitGap, type LinearModel } from './robustness-attack-fixtures';

const D = 16;
const MODEL: LinearModel = {
  w: [Array.from({ length: D }, (_, j) => Math.sin(j + 1) * 2), Array.from({ length: D }, (_, j) => Math.cos(2 * j + 1) * 2)],
  b: [0.3, -0.1],
};

/** n grey 4 × 4 images (pixels 0–255) labelled by the model itself, except every 7th, whose label is flipped. */
function imageData(n: number, seed = 21): PreparedData {
  const rng = createRng(seed);
  const pixels = Uint8Array.from({ length: n * D }, () => 40 + rng.int(176));
  const x = Float32Array.from(pixels);
  const y = Int32Array.from({ length: n }, (_, i) => {
    let gap = MODEL.b[1] - MODEL.b[0];
    for (let j = 0; j < D; j++) gap += (MODEL.w[1][j] - MODEL.w[0][j]) * (pixels[i * D + j] / 255);
    const predicted = gap > 0 ? 1 : 0;
    return i % 7 === 3 ? 1 - predicted : predicted;
  });
  const binding: Binding = {
    kind: 'image', layout: 'NCHW', channels: 1, width: 4, height: 4, range: [0, 255], channelOrder: 'RGB',
    output: { kind: 'logits', labels: ['class 0', 'class 1'] },
  };
  const dataset: Dataset = {
    manifest: { id: 'tiny', name: 'tiny images', format: 'images', sha256: '3'.repeat(64), rows: n },
    data: { kind: 'image', width: 4, height: 4, channels: 1, pixels, labels: Array.from(y, (c) => `class ${c}`), names: [] },
  };
  return { dataset, binding, n, x, sampleSize: D, y, sensitive: {}, member: null };
}

/** Closed form: attacked samples still right at ε (a fraction of the 0–255 range). */
function closedFormRobust(data: PreparedData, eps: number): number {
  let robust = 0;
  for (let i = 0; i < data.n; i++) {
    const z = Array.from(data.x.subarray(i * D, (i + 1) * D), (v) => v / 255);
    const clean = worstLinfLogitGap(MODEL, z, 0, data.y[i], 0);
    if (clean > 0 && worstLinfLogitGap(MODEL, z, 0, data.y[i], eps) > 0) robust++;
  }
  return robust;
}

const SMALL = { maxSamples: 80, bootstrap: 100 };
const WHITE = { ...whiteBox.defaults, ...SMALL, epsilons: [0.02, 0.05, 0.1, 0.2], headlineEpsilon: 0.05, l2Epsilons: [0.5, 1], pgdSteps: 10 };
const BLACK = { ...blackBox.defaults, ...SMALL, epsilons: [0.02, 0.05, 0.1, 0.2], headlineEpsilon: 0.05, squareQueries: 150, hopSkipJumpQueries: 150 };

const model = () => linearClassifier(MODEL, [1, 4, 4], [0, 255]);
const checkOf = (m: Measurement, id: string) => (m.details!.maskingChecks as { id: string; status: string; detail: string }[]).find((c) => c.id === id);

describe('robustness/white-box-attacks on a linear model (closed form)', () => {
  it('robust accuracy at every ε equals the closed-form worst case; ε is a fraction of the 0–255 range', async () => {
    const data = imageData(80);
    const m = await whiteBox.run(contextFor(model(), data, WHITE, { seed: 3 }));
    expect(m.n).toBe(80);
    for (const [e, eps] of WHITE.epsilons.entries()) {
      const robust = closedFormRobust(data, eps);
      expect(m.groups[e].group).toBe(`ε = ${eps}`);
      expect(m.groups[e].value, `ε = ${eps}`).toBeCloseTo(robust / 80, 10);
    }
    expect(m.value).toBeCloseTo(closedFormRobust(data, 0.05) / 80, 10);
    expect(m.interval?.method).toBe('wilson');
    // Labels 3, 10, …, 73 are flipped: clean accuracy 69 of 80.
    expect(m.secondary.clean_accuracy.value).toBeCloseTo(69 / 80, 10);
    expect(m.secondary.robust_accuracy_correct.value! + m.secondary.attack_success_rate.value!).toBeCloseTo(1, 10);
    expect(m.secondary.masking_signs.value).toBe(0);
    expect(checkOf(m, 'zero-gradients')?.status).toBe('passed');
    expect(checkOf(m, 'iterative-beats-single-step')?.status).toBe('passed');
    expect(checkOf(m, 'unbounded-attack')?.status).toBe('passed');
    expect(checkOf(m, 'black-box-beats-white-box')?.status).toBe('not-run');
    // A non-vacuous grid: some but not all samples fall at the headline ε.
    expect(m.value!).toBeGreaterThan(0.1);
    expect(m.value!).toBeLessThan(m.secondary.clean_accuracy.value!);
  });

  it('finds the closed-form minimal ε by bisection (median over correct samples)', async () => {
    const data = imageData(80);
    const m = await whiteBox.run(contextFor(model(), data, { ...WHITE, bisectionSteps: 8 }, { seed: 3 }));
    const minimal: number[] = [];
    for (let i = 0; i < data.n; i++) {
      const z = Array.from(data.x.subarray(i * D, (i + 1) * D), (v) => v / 255);
      if (worstLinfLogitGap(MODEL, z, 0, data.y[i], 0) <= 0) continue;
      let lo = 0;
      let hi = 1;
      for (let s = 0; s < 50; s++) {
        const mid = (lo + hi) / 2;
        if (worstLinfLogitGap(MODEL, z, 0, data.y[i], mid) < 0) hi = mid;
        else lo = mid;
      }
      minimal.push(hi > 0.2 ? Infinity : hi);
    }
    minimal.sort((a, b) => a - b);
    const median = (minimal[33] + minimal[34]) / 2;
    // Bracket width of the grid step (≤ 0.1) halved 8 times.
    expect(Math.abs(m.secondary.median_min_epsilon.value! - median)).toBeLessThan(0.1 / 256 + 1e-4);
    expect(m.secondary.median_min_epsilon.interval?.method).toBe('bootstrap-percentile');
  });

  it('keeps examples: originals and adversarials as 8-bit thumbnails, with the prediction flipped', async () => {
    const m = await whiteBox.run(contextFor(model(), imageData(80), WHITE, { seed: 3 }));
    const examples = m.details!.examples as { label: string; epsilon: number; original: { image: { pixels: number[]; width: number }; predicted: string }; adversarial: { predicted: string; image: { pixels: number[] } } }[];
    expect(examples.length).toBe(4);
    for (const ex of examples) {
      expect(ex.original.predicted).toBe(ex.label);
      expect(ex.adversarial.predicted).not.toBe(ex.label);
      expect(ex.original.image.width).toBe(4);
      expect(ex.original.image.pixels.length).toBe(16);
      // No pixel moved by more than ε of the 0–255 range (rounding aside).
      ex.adversarial.image.pixels.forEach((v, j) => expect(Math.abs(v - ex.original.image.pixels[j])).toBeLessThanOrEqual(255 * ex.epsilon + 1));
    }
  });

  it('is deterministic for a seed and returns plain JSON', async () => {
    const a = await whiteBox.run(contextFor(model(), imageData(40), { ...WHITE, maxSamples: 40 }, { seed: 7 }));
    const b = await whiteBox.run(contextFor(model(), imageData(40), { ...WHITE, maxSamples: 40 }, { seed: 7 }));
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('stops with CancelledError, before and while it runs', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(whiteBox.run(contextFor(model(), imageData(40), WHITE, { signal: controller.signal }))).rejects.toThrow(CancelledError);
    const running = new AbortController();
    const ctx = contextFor(model(), imageData(40), WHITE, { signal: running.signal });
    ctx.progress = () => running.abort();
    await expect(whiteBox.run(ctx)).rejects.toThrow(CancelledError);
  });

  it('refuses an ε outside the input range, and a headline ε off the grid, saying what to do', async () => {
    const run = (params: Record<string, unknown>) => whiteBox.run(contextFor(model(), imageData(10), { ...WHITE, ...params } as typeof WHITE));
    await expect(run({ epsilons: [0.1, 1.5] })).rejects.toThrow(ProbeParameterError);
    await expect(run({ epsilons: [0.1, 1.5] })).rejects.toThrow(
      'Probe robustness/white-box-attacks: ε = 1.5 in "epsilons" is outside the input range: ε is a fraction of the input range, so it must be greater than 0 and at most 1.',
    );
    await expect(run({ epsilons: [-0.1, 0.1] })).rejects.toThrow('ε = -0.1 in "epsilons" is outside the input range');
    await expect(run({ headlineEpsilon: 0.07 })).rejects.toThrow('"headlineEpsilon" must be one of the ε values in "epsilons" (0.02, 0.05, 0.1, 0.2); got 0.07.');
    await expect(run({ l2Epsilons: [5] })).rejects.toThrow('at most 4');
    await expect(run({ pgdLosses: ['hinge'] })).rejects.toThrow('"pgdLosses" must list "margin", "cross-entropy" or both; got ["hinge"]');
    await expect(run({ attacks: ['fgsm', 'cw'] })).rejects.toThrow('"attacks" must list one or more of "fgsm", "pgd"; got ["fgsm","cw"]');
  });
});

/** The same model, but its gradients are zero: what a gradient-masking defence looks like to an attacker. */
function maskedModel(): Classifier {
  const inner = model();
  return { ...inner, gradient: async (x, n, loss) => ({ gradient: new Float32Array(x.length), loss: (await inner.gradient!(x, n, loss)).loss }) };
}

describe('robustness/black-box-attacks, and the strongest attack over both probes', () => {
  it('never beats the closed-form worst case, and reports queries per sample within the budgets', async () => {
    const data = imageData(80);
    const m = await blackBox.run(contextFor(model(), data, BLACK, { seed: 4 }));
    for (const [e, eps] of BLACK.epsilons.entries()) {
      expect(m.groups[e].value!, `ε = ${eps}`).toBeGreaterThanOrEqual(closedFormRobust(data, eps) / 80 - 1e-12);
    }
    // Close to it too: HopSkipJump on a linear model and the Square Attack find most reachable samples.
    expect(m.groups[3].value!).toBeLessThanOrEqual(closedFormRobust(data, 0.2) / 80 + 0.1);
    const q = m.secondary.queries_per_sample.value!;
    expect(q).toBeGreaterThan(1);
    expect(q).toBeLessThanOrEqual(150 * 4 + 150);
    expect(checkOf(m, 'black-box-beats-white-box')?.status).toBe('not-run');
    expect(m.notes.join(' ')).toMatch(/This model is differentiable: run the white-box attack probe too/);
  });

  it('combines with white-box outcomes recorded earlier in the run: the headline is the strongest per sample', async () => {
    const data = imageData(80);
    const shared = model();
    const white = await whiteBox.run(contextFor(shared, data, WHITE, { seed: 5 }));
    const black = await blackBox.run(contextFor(shared, data, BLACK, { seed: 5 }));
    expect(black.value!).toBeLessThanOrEqual(Math.min(white.value!, black.secondary.black_box_robust_accuracy.value!) + 1e-12);
    // White-box PGD is optimal here, so the union equals it and nothing was missed.
    expect(black.value).toBeCloseTo(white.value!, 12);
    expect(checkOf(black, 'black-box-beats-white-box')?.status).toBe('passed');
  });

  it('catches masked gradients: zero gradients, an unbounded attack stuck above 0 %, and black-box attacks beating white-box ones', async () => {
    const data = imageData(80);
    const masked = maskedModel();
    const white = await whiteBox.run(contextFor(masked, data, WHITE, { seed: 6 }));
    expect(checkOf(white, 'zero-gradients')?.status).toBe('failed');
    expect(checkOf(white, 'unbounded-attack')?.status).toBe('failed');
    expect(white.secondary.masking_signs.value).toBeGreaterThanOrEqual(2);
    expect(white.notes[0]).toMatch(/^Signs of gradient masking or weak attacks .*upper bound/);
    // With no gradient only PGD's random start moves a sample: the white-box number stays near the clean accuracy.
    expect(white.value!).toBeGreaterThan(0.8);
    expect(white.value!).toBeLessThanOrEqual(69 / 80);

    const black = await blackBox.run(contextFor(masked, data, BLACK, { seed: 6 }));
    expect(checkOf(black, 'black-box-beats-white-box')?.status).toBe('failed');
    expect(checkOf(black, 'black-box-beats-white-box')?.detail).toMatch(/black-box attacks fooled .* samples that the white-box attacks did not/);
    // The number that reaches the report is the strongest attack's, far below the masked white-box one.
    expect(black.value!).toBeLessThan(white.value! - 0.2);
  });

  it('says why white-box attacks cannot run on a model without a differentiable path', async () => {
    const tree: Classifier = { ...model(), gradient: null, info: { ...model().info, differentiable: false, gradientPath: { kind: 'none', reason: 'the graph uses an operator the TF.js translation does not cover (ai.onnx.ml.TreeEnsembleClassifier)' } } };
    const m = await blackBox.run(contextFor(tree, imageData(30), { ...BLACK, maxSamples: 30 }, { seed: 1 }));
    expect(m.notes.join(' ')).toContain('White-box attacks cannot run on this model: the graph uses an operator the TF.js translation does not cover (ai.onnx.ml.TreeEnsembleClassifier).');
    expect(m.details!.gradientPath).toEqual({ kind: 'none', reason: 'the graph uses an operator the TF.js translation does not cover (ai.onnx.ml.TreeEnsembleClassifier)' });
  });
});
