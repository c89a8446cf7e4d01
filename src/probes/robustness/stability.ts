import { defineProbe, throwIfCancelled } from '../../core/probe';
import type { Json } from '../../core/types';
import { argmaxPredictions } from '../../metrics/classification';
import { wilsonInterval } from '../../metrics/wilson';
import { toEstimate } from '../estimates';
import { numberBetweenParam, wholeNumberParam } from '../params';
import { predictAll } from '../predict-all';

const ID = 'robustness/stability';

/**
 * The largest difference in any class probability that counts as agreement between two backends
 * (e.g. wasm and WebGPU, or onnxruntime-node and onnxruntime-web): float32 kernels that sum in a
 * different order differ in the last bits, and softmax can amplify that near a tie. A run measures
 * only one backend, so agreement across backends is checked by tests and by comparing two runs'
 * `outputDigest` and top classes, not by this probe (see its notes).
 */
export const CROSS_BACKEND_TOLERANCE = 1e-4;

/** The ways the same inputs are predicted again; each must give what the first prediction gave. */
const REPEATS: { name: string; batch: number; reverse: boolean }[] = [
  { name: 'same inputs, batches of 64', batch: 64, reverse: false },
  { name: 'reverse order, batches of 7', batch: 7, reverse: true },
];

/** FNV-1a over the float32 bytes, as 8 hex digits: equal digests mean bit-identical outputs (almost surely). */
export function outputDigest(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'robustness',
  title: 'Prediction stability',
  description:
    'Predicts the same inputs again on the same backend, once in the same order and once in reverse order with other batch ' +
    'sizes, and compares every class probability with the first prediction: identical inputs should give identical outputs, ' +
    'whatever else is in the batch. Reports the share of samples whose outputs stay within a tolerance, the share that are ' +
    'bit-identical, the largest difference, and a digest of the outputs for comparing runs on other backends.',
  metric: {
    name: 'repeat_agreement',
    title: 'Repeat agreement',
    direction: 'higher',
    range: [0, 1],
    definition: 'Share of samples whose class probabilities, predicted again (same order; reverse order, other batches), differ from the first prediction by at most the tolerance in every class.',
  },
  secondary: [
    {
      name: 'identical_share',
      title: 'Bit-identical repeats',
      direction: 'higher',
      range: [0, 1],
      definition: 'Share of samples whose repeated outputs are bit for bit the first ones.',
    },
    {
      name: 'max_abs_difference',
      title: 'Largest probability difference',
      direction: 'lower',
      range: [0, 1],
      definition: 'The largest absolute difference of any class probability between a repeat and the first prediction.',
    },
    {
      name: 'top_class_agreement',
      title: 'Top-class agreement',
      direction: 'higher',
      range: [0, 1],
      definition: 'Share of samples whose top class is the same in every repeat.',
    },
  ],
  requires: {},
  defaults: { samples: 256, tolerance: 1e-6 },

  async run(ctx) {
    const samples = wholeNumberParam(ID, ctx.params, 'samples', 1, 100_000);
    const tolerance = numberBetweenParam(ID, ctx.params, 'tolerance', 0, 1);
    const k = ctx.model.labels.length;
    const first = await predictAll(ctx, { share: 0.2 });
    const m = Math.min(samples, ctx.data.n);
    const size = ctx.data.sampleSize;
    const reference = first.subarray(0, m * k);
    const referenceTop = argmaxPredictions(reference, k);
    const within = new Uint8Array(m).fill(1);
    const identical = new Uint8Array(m).fill(1);
    const sameTop = new Uint8Array(m).fill(1);
    let maxDiff = 0;
    const repeats: { [key: string]: Json }[] = [];
    for (const [r, repeat] of REPEATS.entries()) {
      const order = Int32Array.from({ length: m }, (_, i) => (repeat.reverse ? m - 1 - i : i));
      const out = new Float32Array(m * k);
      for (let start = 0; start < m; start += repeat.batch) {
        throwIfCancelled(ctx.signal);
        const count = Math.min(repeat.batch, m - start);
        const x = new Float32Array(count * size);
        for (let j = 0; j < count; j++) x.set(ctx.data.x.subarray(order[start + j] * size, (order[start + j] + 1) * size), j * size);
        const probs = await ctx.model.predict(x, count, ctx.signal);
        for (let j = 0; j < count; j++) out.set(probs.subarray(j * k, (j + 1) * k), order[start + j] * k);
        ctx.progress(0.2 + (0.8 * (r * m + start + count)) / (REPEATS.length * m));
      }
      let repeatMax = 0;
      let repeatIdentical = 0;
      const top = argmaxPredictions(out, k);
      for (let i = 0; i < m; i++) {
        let rowMax = 0;
        let same = true;
        for (let c = 0; c < k; c++) {
          const a = reference[i * k + c];
          const b = out[i * k + c];
          if (!Object.is(a, b)) same = false;
          rowMax = Math.max(rowMax, Math.abs(a - b));
        }
        if (rowMax > tolerance) within[i] = 0;
        if (!same) identical[i] = 0;
        else repeatIdentical++;
        if (top[i] !== referenceTop[i]) sameTop[i] = 0;
        repeatMax = Math.max(repeatMax, rowMax);
      }
      maxDiff = Math.max(maxDiff, repeatMax);
      repeats.push({ name: repeat.name, maxAbsDifference: repeatMax, identical: repeatIdentical, n: m });
    }
    throwIfCancelled(ctx.signal);
    ctx.progress(1);
    const count = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
    const share = (a: Uint8Array) => toEstimate(m > 0 ? count(a) / m : null, m, wilsonInterval(count(a), m), 'no samples');
    return {
      ...share(within),
      groups: [],
      secondary: {
        identical_share: share(identical),
        max_abs_difference: { value: maxDiff, interval: null, n: m },
        top_class_agreement: share(sameTop),
      },
      notes: [
        `The first ${m.toLocaleString('en-US')} samples were predicted ${REPEATS.length} more times on ${ctx.model.info.backend}: ${REPEATS.map((r) => r.name).join('; ')}. Tolerance ${tolerance} per class probability.`,
        `Agreement across backends (for example wasm and WebGPU) needs two backends and is not measured in a run: compare the outputDigest and top classes of runs on each. ` +
          `TrustGrade's tests check that onnxruntime-node and onnxruntime-web's wasm agree, and TF.js's wasm and cpu backends agree, within ${CROSS_BACKEND_TOLERANCE} per probability, and that wasm and WebGPU give the same top classes.`,
      ],
      details: {
        backend: ctx.model.info.backend,
        tolerance,
        crossBackendTolerance: CROSS_BACKEND_TOLERANCE,
        repeats,
        samples: m,
        outputDigest: outputDigest(reference),
      },
    };
  },
});
