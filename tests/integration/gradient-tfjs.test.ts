/**
 * Known answers for input gradients through the TF.js adapter: linear models whose gradients of
 * cross-entropy, logit margin and class probability have closed forms, through every output kind
 * of a binding (softmax probabilities, logits, one sigmoid unit, several sigmoid units).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { GradientLoss } from '../../src/core/probe';
import type { ModelFile, OutputBinding } from '../../src/core/types';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles } from '../fixtures/models/read-model-files';

/** The fixtures' weights (scripts/make-test-models.ts): 3 features → 2 classes. */
const W = [[1, -1], [0.5, 0.25], [-2, 1]];
const B = [0.1, -0.2];
const SAMPLES = [[1, 2, 3], [0, 0, 0], [-1, 0.5, 2], [0.3, -0.3, 0.3]];
const X = Float32Array.from(SAMPLES.flat());
const N = SAMPLES.length;

const logits = (x: number[], w = W, b = B) => b.map((bj, j) => x.reduce((s, xi, i) => s + xi * w[i][j], bj));
const softmax = (z: number[]) => {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const column = (w: number[][], j: number) => w.map((row) => row[j]);
const combine = (w: number[][], coef: number[]) => w.map((row) => row.reduce((s, v, j) => s + v * coef[j], 0));

const opened: ModelAdapter[] = [];
async function open(files: ModelFile[] | string, choice: 'cpu' | 'wasm' = 'cpu'): Promise<ModelAdapter> {
  const adapter = await openModelInNode(typeof files === 'string' ? readModelFiles(files) : files, choice);
  opened.push(adapter);
  return adapter;
}
afterAll(async () => {
  await Promise.all(opened.map((a) => a.dispose()));
});

/** A Keras-style dense model saved by TF.js itself, as the files a user would drop. */
async function denseModelFiles(w: number[][], b: number[], activation: 'linear' | 'sigmoid'): Promise<ModelFile[]> {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [w.length], units: b.length, activation })] });
  model.setWeights([tf.tensor2d(w), tf.tensor1d(b)]);
  return savedFiles(model);
}

/** A TF.js layers model saved by TF.js itself (then disposed), as model.json and one shard. */
async function savedFiles(model: tf.LayersModel): Promise<ModelFile[]> {
  let files: ModelFile[] = [];
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const json = {
      format: 'layers-model',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    };
    files = [
      { path: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(json)) },
      { path: 'weights.bin', bytes: new Uint8Array(artifacts.weightData as ArrayBuffer) },
    ];
    return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
  }));
  model.dispose();
  return files;
}

function expectRows(actual: Float32Array, expected: number[][], digits = 5): void {
  expect(actual.length).toBe(expected.flat().length);
  expected.flat().forEach((v, i) => expect(actual[i], `value ${i}`).toBeCloseTo(v, digits));
}

const labels = Int32Array.from([0, 1, 1, 0]);
const other = (y: number) => 1 - y;

describe('TF.js gradients: softmax-probability outputs (fixture layers-dense and graph-dense)', () => {
  const output: OutputBinding = { kind: 'probabilities', labels: ['a', 'b'] };
  const probs = SAMPLES.map((x) => softmax(logits(x)));

  it.each(['tfjs/layers-dense', 'tfjs/graph-dense'])('%s: cross-entropy, margin and class probability match the closed forms', async (path) => {
    const model = await open(path);
    expect(model.info.differentiable).toBe(true);
    expect(model.info.gradientPath).toEqual({ kind: 'tfjs', backend: 'cpu' });
    const ce = await model.gradient!(X, N, { kind: 'cross-entropy', labels }, output);
    // d(−log p_y)/dx = Σ_j p_j W_j − W_y
    expectRows(ce.gradient, SAMPLES.map((_, i) => combine(W, probs[i]).map((v, f) => v - column(W, labels[i])[f])));
    expectRows(ce.loss, [SAMPLES.map((_, i) => -Math.log(probs[i][labels[i]]))]);

    const margin = await model.gradient!(X, N, { kind: 'margin', labels }, output);
    // log p_other − log p_y = z_other − z_y: gradient W_other − W_y, whatever the confidence.
    expectRows(margin.gradient, SAMPLES.map((_, i) => column(W, other(labels[i])).map((v, f) => v - column(W, labels[i])[f])));
    expectRows(margin.loss, [SAMPLES.map((x, i) => logits(x)[other(labels[i])] - logits(x)[labels[i]])], 4);

    const classes = Int32Array.from([1, 1, 0, 0]);
    const cp = await model.gradient!(X, N, { kind: 'class-probability', classes }, output);
    // dp_c/dx = p_c (W_c − Σ_j p_j W_j)
    expectRows(cp.gradient, SAMPLES.map((_, i) => {
      const mean = combine(W, probs[i]);
      return column(W, classes[i]).map((v, f) => probs[i][classes[i]] * (v - mean[f]));
    }));
    expectRows(cp.loss, [SAMPLES.map((_, i) => probs[i][classes[i]])]);
  });

  it('gives the same gradients on the wasm backend', async () => {
    const cpu = await open('tfjs/layers-dense', 'cpu');
    const wasm = await open('tfjs/layers-dense', 'wasm');
    const loss: GradientLoss = { kind: 'cross-entropy', labels };
    const a = await cpu.gradient!(X, N, loss, output);
    const b = await wasm.gradient!(X, N, loss, output);
    a.gradient.forEach((v, i) => expect(b.gradient[i]).toBeCloseTo(v, 5));
  });

  it('refuses class indices that are not labels, naming the valid range', async () => {
    const model = await open('tfjs/layers-dense');
    await expect(model.gradient!(X, N, { kind: 'margin', labels: Int32Array.from([0, 1, 2, 0]) }, output))
      .rejects.toThrow('class index 2, but the binding has 2 labels (0–1)');
    await expect(model.gradient!(X, N, { kind: 'margin', labels: Int32Array.from([0]) }, output)).rejects.toThrow('needs 4 labels');
  });
});

describe('TF.js gradients: logits and sigmoid outputs', () => {
  const W3 = [[1, -1, 0.5], [0.5, 0.25, -1], [-2, 1, 0.75]];
  const B3 = [0.1, -0.2, 0.05];
  const y3 = Int32Array.from([2, 0, 1, 2]);

  it('logits: the margin is the logit margin, even where softmax saturates', async () => {
    // Scaled by 100: softmax probabilities round to exactly 0 and 1, the logit margin does not.
    const big = W3.map((row) => row.map((v) => v * 100));
    const model = await open(await denseModelFiles(big, B3, 'linear'));
    const output: OutputBinding = { kind: 'logits', labels: ['a', 'b', 'c'] };
    const result = await model.gradient!(X, N, { kind: 'margin', labels: y3 }, output);
    const expected = SAMPLES.map((x, i) => {
      const z = logits(x, big, B3);
      const best = [0, 1, 2].filter((j) => j !== y3[i]).reduce((a, j) => (z[j] > z[a] ? j : a));
      return column(big, best).map((v, f) => v - column(big, y3[i])[f]);
    });
    expectRows(result.gradient, expected, 3);
    expect(result.gradient.some((v) => v !== 0)).toBe(true);
    const ce = await model.gradient!(X, N, { kind: 'cross-entropy', labels: y3 }, output);
    const ceExpected = SAMPLES.map((x, i) => {
      const p = softmax(logits(x, big, B3));
      return combine(big, p).map((v, f) => v - column(big, y3[i])[f]);
    });
    expectRows(ce.gradient, ceExpected, 2);
  });

  it('one sigmoid unit: p = [1 − s, s]; margin = −z for the positive class, cross-entropy −(1 − s)·w', async () => {
    const w = [[0.5], [-1], [0.25]];
    const b = [0.2];
    const model = await open(await denseModelFiles(w, b, 'sigmoid'));
    const output: OutputBinding = { kind: 'sigmoid', labels: ['low', 'high'] };
    const y = Int32Array.from([1, 1, 0, 1]);
    const z = SAMPLES.map((x) => logits(x, w, b)[0]);
    const s = z.map((v) => 1 / (1 + Math.exp(-v)));
    const margin = await model.gradient!(X, N, { kind: 'margin', labels: y }, output);
    expectRows(margin.gradient, SAMPLES.map((_, i) => column(w, 0).map((v) => (y[i] === 1 ? -v : v))), 4);
    expectRows(margin.loss, [z.map((v, i) => (y[i] === 1 ? -v : v))], 4);
    const ce = await model.gradient!(X, N, { kind: 'cross-entropy', labels: y }, output);
    expectRows(ce.gradient, SAMPLES.map((_, i) => column(w, 0).map((v) => (y[i] === 1 ? -(1 - s[i]) * v : s[i] * v))), 5);
  });

  it('several sigmoid units: probabilities s / Σs (fixture layers-old-keras)', async () => {
    const model = await open('tfjs/layers-old-keras');
    const output: OutputBinding = { kind: 'sigmoid', labels: ['a', 'b'] };
    const classes = Int32Array.from([0, 1, 0, 1]);
    const result = await model.gradient!(X, N, { kind: 'class-probability', classes }, output);
    // Central finite differences of s_c / Σ s in float64.
    const p = (x: number[], c: number) => {
      const s = logits(x).map((v) => 1 / (1 + Math.exp(-v)));
      return s[c] / (s[0] + s[1]);
    };
    const h = 1e-5;
    const expected = SAMPLES.map((x, i) => x.map((_, f) => {
      const up = [...x]; up[f] += h;
      const down = [...x]; down[f] -= h;
      return (p(up, classes[i]) - p(down, classes[i])) / (2 * h);
    }));
    expectRows(result.gradient, expected, 4);
  });
});

/** Seeded pseudo-random floats in [−1, 1) (a small LCG), for inputs and weights. */
function seeded(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

/** A small image model of the given middle layers on [8, 8, 2] inputs, with seeded weights. */
async function imageModelFiles(middle: () => tf.layers.Layer[]): Promise<ModelFile[]> {
  const model = tf.sequential({
    layers: [
      tf.layers.inputLayer({ inputShape: [8, 8, 2] }),
      ...middle(),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(seeded(w.size, 10 + i), w.shape).mul(0.5)));
  return savedFiles(model);
}

describe('TF.js gradients of convolutional models on the wasm backend (issue 5)', () => {
  const output: OutputBinding = { kind: 'probabilities', labels: ['a', 'b', 'c'] };
  const n = 3;
  const x = seeded(n * 8 * 8 * 2, 7).map((v) => (v + 1) / 2);
  const loss: GradientLoss = { kind: 'cross-entropy', labels: Int32Array.from([0, 1, 2]) };

  it('the JavaScript Conv2DBackpropFilter kernel for wasm equals TF.js cpu\'s, for strides, padding and both layouts', async () => {
    const { conv2dBackpropFilter } = await import('../../src/runtime/tfjs-kernels');
    await tf.setBackend('cpu');
    const cases = [
      { xShape: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
      { xShape: [1, 9, 8, 2], filter: [3, 2, 2, 5], strides: 2, pad: 'same' },
      { xShape: [2, 5, 5, 1], filter: [2, 2, 1, 3], strides: [1, 2], pad: 'valid' },
    ] as const;
    const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
    for (const [k, c] of cases.entries()) {
      const xs = tf.tensor(seeded(product(c.xShape), 20 + k), [...c.xShape]) as tf.Tensor4D;
      const w = tf.tensor(seeded(product(c.filter), 30 + k), [...c.filter]) as tf.Tensor4D;
      const y = tf.conv2d(xs, w, c.strides as [number, number], c.pad);
      const dy = tf.tensor(seeded(y.size, 40 + k), y.shape) as tf.Tensor4D;
      const expected = await tf.grad((f: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xs, f as tf.Tensor4D, c.strides as [number, number], c.pad), dy)))(w).data();
      const attrs = { strides: c.strides as [number, number], pad: c.pad, dataFormat: 'NHWC' as const, filterShape: [...c.filter] as [number, number, number, number] };
      const nhwc = conv2dBackpropFilter(await xs.data() as Float32Array, [...c.xShape], await dy.data() as Float32Array, attrs);
      expect(nhwc.shape).toEqual([...c.filter]);
      expected.forEach((v, i) => expect(nhwc.values[i], `case ${k} NHWC value ${i}`).toBeCloseTo(v, 4));
      // The same convolution in NCHW layout gives the same filter gradient.
      const toNchw = (t: tf.Tensor4D) => t.transpose([0, 3, 1, 2]);
      const nchw = conv2dBackpropFilter(
        await toNchw(xs).data() as Float32Array, [c.xShape[0], c.xShape[3], c.xShape[1], c.xShape[2]],
        await toNchw(dy).data() as Float32Array, { ...attrs, dataFormat: 'NCHW' },
      );
      expected.forEach((v, i) => expect(nchw.values[i], `case ${k} NCHW value ${i}`).toBeCloseTo(v, 4));
    }
  });

  it('a Conv2D + max-pool model takes its gradients on wasm itself (with the JavaScript filter kernel), equal to cpu\'s', async () => {
    const files = await imageModelFiles(() => [
      tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 1, padding: 'same' }),
      tf.layers.activation({ activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 3, kernelSize: 2, strides: 2, activation: 'relu' }),
    ]);
    const wasm = await open(files, 'wasm');
    expect(wasm.info.backend).toBe('wasm');
    expect(wasm.info.gradientPath).toEqual({ kind: 'tfjs', backend: 'wasm' });
    const cpu = await open(files, 'cpu');
    const a = await wasm.gradient!(x, n, loss, output);
    const b = await cpu.gradient!(x, n, loss, output);
    expect(a.gradient.some((v) => v !== 0)).toBe(true);
    b.gradient.forEach((v, i) => expect(a.gradient[i], `value ${i}`).toBeCloseTo(v, 5));
    b.loss.forEach((v, i) => expect(a.loss[i]).toBeCloseTo(v, 5));
  });

  it('a depthwise-conv model, whose backward kernels wasm lacks, takes its gradients on a cached cpu copy; predictions stay on wasm', async () => {
    const files = await imageModelFiles(() => [
      tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' }),
      tf.layers.activation({ activation: 'relu' }),
    ]);
    const wasm = await open(files, 'wasm');
    expect(wasm.info.backend).toBe('wasm');
    expect(wasm.info.differentiable).toBe(true);
    expect(wasm.info.gradientPath).toMatchObject({ kind: 'tfjs', backend: 'cpu' });
    expect(wasm.info.gradientPath!.reason).toMatch(/^TF\.js's wasm backend has no 'DepthwiseConv2dNativeBackprop(Input|Filter)' kernel, .* computed on TF\.js's cpu backend .*predictions stay on wasm$/);
    const cpu = await open(files, 'cpu');
    for (let round = 0; round < 2; round++) {
      const a = await wasm.gradient!(x, n, loss, output);
      const b = await cpu.gradient!(x, n, loss, output);
      expect(a.gradient.some((v) => v !== 0)).toBe(true);
      b.gradient.forEach((v, i) => expect(a.gradient[i], `value ${i}`).toBeCloseTo(v, 5));
      // Predictions after a gradient run on wasm again and agree with cpu's.
      const p = await wasm.predict(x, n);
      expect(tf.getBackend()).toBe('wasm');
      const q = await cpu.predict(x, n);
      q.values.forEach((v, i) => expect(p.values[i]).toBeCloseTo(v, 5));
    }
  });

  it('a model whose input size is open finds the missing kernel at its first gradient, then moves to cpu the same way', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.depthwiseConv2d({ inputShape: [null, 8, 2], kernelSize: 3, padding: 'same', depthwiseInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }),
      ],
    });
    const files = await savedFiles(model);
    const wasm = await open(files, 'wasm');
    // Nothing could be probed when it was opened: the input's height is open (worked out from each call's length).
    expect(wasm.info.gradientPath).toEqual({ kind: 'tfjs', backend: 'wasm' });
    const cpu = await open(files, 'cpu');
    const a = await wasm.gradient!(x, n, loss, output);
    expect(wasm.info.gradientPath).toMatchObject({ kind: 'tfjs', backend: 'cpu', reason: expect.stringMatching(/no 'DepthwiseConv2dNativeBackprop(Input|Filter)' kernel/) });
    const b = await cpu.gradient!(x, n, loss, output);
    b.gradient.forEach((v, i) => expect(a.gradient[i], `value ${i}`).toBeCloseTo(v, 5));
  });
});
