/**
 * What both attack probes set up the same way: which samples are attacked (the first labelled
 * ones, so that the white-box and black-box probes of a run attack the same samples), their clean
 * predictions, and the model seen in unit-box coordinates (src/perturb/attacks/unit-box.ts), where
 * each value is its position within its channel's encoded range, so that ε is a fraction of the
 * input range whatever the binding's scaling, mean and std.
 */
import { channelRanges } from '../../core/binding';
import type { ProbeContext } from '../../core/probe';
import type { ImageBinding } from '../../core/types';
import { argmaxRows, clampUnit, type AttackOracle, type ImageGeometry } from '../../perturb/attacks/unit-box';
import { predictAll } from '../predict-all';

export interface AttackSetup {
  oracle: AttackOracle;
  binding: ImageBinding;
  /** Positions in the prepared data of the attacked samples. */
  indices: Int32Array;
  /** Their inputs in the unit box. */
  z: Float32Array;
  labels: Int32Array;
  /** 1 where the clean prediction is right. */
  correct: Uint8Array;
  /** Clean class probabilities of the attacked samples. */
  probs: Float32Array;
  /** Labelled samples left out because of `maxSamples`. */
  leftOut: number;
  /** Samples without a known label, never attacked. */
  unlabelled: number;
}

/** Lowest encoded value and range width of every value of a sample, by its channel. */
function perValueRanges(binding: ImageBinding): { lo: Float32Array; span: Float32Array } {
  const ranges = channelRanges(binding);
  const { channels: c, height: h, width: w } = binding;
  const size = c * h * w;
  const lo = new Float32Array(size);
  const span = new Float32Array(size);
  for (let j = 0; j < size; j++) {
    const channel = binding.layout === 'NCHW' ? Math.floor(j / (h * w)) : j % c;
    const [a, b] = ranges[channel];
    lo[j] = Math.min(a, b);
    span[j] = Math.abs(b - a);
  }
  return { lo, span };
}

export function geometryOf(binding: ImageBinding): ImageGeometry {
  return { channels: binding.channels, height: binding.height, width: binding.width, layout: binding.layout };
}

/**
 * Picks the first `maxSamples` labelled samples, predicts them clean (shared with other probes
 * through predictAll's cache) and wraps the model as an oracle on the unit box.
 */
export async function setUpAttack<P>(ctx: ProbeContext<P>, maxSamples: number, predictShare: number): Promise<AttackSetup> {
  const { model, data, signal } = ctx;
  const binding = data.binding as ImageBinding;
  const size = data.sampleSize;
  const k = model.labels.length;
  const all = await predictAll(ctx, { share: predictShare });
  const labelled = Int32Array.from({ length: data.n }, (_, i) => i).filter((i) => data.y[i] >= 0);
  const indices = labelled.subarray(0, Math.min(maxSamples, labelled.length));
  const { lo, span } = perValueRanges(binding);
  const z = new Float32Array(indices.length * size);
  indices.forEach((i, r) => {
    for (let j = 0; j < size; j++) z[r * size + j] = span[j] > 0 ? clampUnit((data.x[i * size + j] - lo[j]) / span[j]) : 0;
  });
  const labels = Int32Array.from(indices, (i) => data.y[i]);
  const probs = new Float32Array(indices.length * k);
  indices.forEach((i, r) => probs.set(all.subarray(i * k, (i + 1) * k), r * k));
  const top = argmaxRows(probs, k);
  const correct = Uint8Array.from(top, (c, r) => (c === labels[r] ? 1 : 0));

  const toModel = (u: Float32Array, n: number): Float32Array => {
    const x = new Float32Array(n * size);
    for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) x[i * size + j] = lo[j] + u[i * size + j] * span[j];
    return x;
  };
  const gradient = model.gradient;
  const oracle: AttackOracle = {
    size,
    k,
    image: geometryOf(binding),
    signal,
    probabilities: (u, n) => model.predict(toModel(u, n), n, signal),
    gradient: gradient
      ? async (u, n, loss) => {
          const result = await gradient(toModel(u, n), n, loss, signal);
          // dL/dz = dL/dx · dx/dz, and dx/dz is the value's range width.
          const g = result.gradient;
          for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) g[i * size + j] *= span[j];
          return result;
        }
      : null,
  };
  return {
    oracle, binding, indices, z, labels, correct, probs,
    leftOut: labelled.length - indices.length,
    unlabelled: data.n - labelled.length,
  };
}
