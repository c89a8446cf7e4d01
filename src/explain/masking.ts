/**
 * The value function every perturbation method here shares: switch some features "off" by giving
 * their slots the values of a replacement (a background row, or a baseline image) and read the
 * probability of one class. With several replacement rows the value is the mean over them: the
 * interventional expectation E_b[f(x_S, b_S̄)] that KernelSHAP estimates (Lundberg & Lee 2017;
 * Janzing, Minorics & Blöbaum 2020 argue it is the right one for attributing a model's output).
 */
import type { FeatureGroups } from './groups';
import { checkSignal, samplesPerCall, type ExplainModel } from './model';

export interface Masker {
  /** The sample explained, sampleSize values. */
  x: Float32Array;
  /** Replacement rows, rows × sampleSize values. */
  replacements: Float32Array;
  rows: number;
  groups: FeatureGroups;
}

export interface CoalitionOptions {
  /** Use only replacement row rowOf[j] for mask j (LIME draws one row per perturbed sample). */
  rowOf?: Int32Array;
  /** Called after each model call with masks done and total. */
  onProgress?: (done: number, total: number) => void;
}

/** Writes into `out` the sample x with the features whose mask byte is 0 taken from replacement row `row`. */
export function composeSample(masker: Masker, mask: Uint8Array, maskOffset: number, row: number, out: Float32Array, outOffset: number): void {
  const size = masker.x.length;
  const { groups, x, replacements } = masker;
  const rowOffset = row * size;
  const m = groups.slots.length;
  let on = 0;
  for (let f = 0; f < m; f++) on += mask[maskOffset + f];
  // Start from whichever side needs fewer slots overwritten.
  if (on * 2 >= m) {
    out.set(x, outOffset);
    for (let f = 0; f < m; f++) {
      if (mask[maskOffset + f]) continue;
      for (const s of groups.slots[f]) out[outOffset + s] = replacements[rowOffset + s];
    }
  } else {
    out.set(replacements.subarray(rowOffset, rowOffset + size), outOffset);
    for (let f = 0; f < m; f++) {
      if (!mask[maskOffset + f]) continue;
      for (const s of groups.slots[f]) out[outOffset + s] = x[s];
    }
  }
}

/**
 * For each of `count` masks (count × features bytes, 1 = keep the sample's value), the mean
 * probability of class `target` over the replacement rows. Model calls are batched.
 */
export async function coalitionValues(
  model: ExplainModel,
  masker: Masker,
  masks: Uint8Array,
  count: number,
  target: number,
  options: CoalitionOptions = {},
): Promise<Float64Array> {
  const m = masker.groups.slots.length;
  const size = masker.x.length;
  const perMask = options.rowOf ? 1 : masker.rows;
  const masksPerCall = Math.max(1, Math.floor(samplesPerCall(size) / perMask));
  const values = new Float64Array(count);
  const k = model.classes;
  for (let start = 0; start < count; start += masksPerCall) {
    checkSignal(model);
    const chunk = Math.min(masksPerCall, count - start);
    const samples = chunk * perMask;
    const batch = new Float32Array(samples * size);
    for (let j = 0; j < chunk; j++) {
      for (let r = 0; r < perMask; r++) {
        const row = options.rowOf ? options.rowOf[start + j] : r;
        composeSample(masker, masks, (start + j) * m, row, batch, (j * perMask + r) * size);
      }
    }
    const probs = await model.predict(batch, samples);
    for (let j = 0; j < chunk; j++) {
      let s = 0;
      for (let r = 0; r < perMask; r++) s += probs[(j * perMask + r) * k + target];
      values[start + j] = s / perMask;
    }
    options.onProgress?.(start + chunk, count);
  }
  return values;
}

/** Masks as one byte array: all on (the sample itself) and all off (the replacements' mean). */
export function fullAndEmptyMasks(m: number): Uint8Array {
  const masks = new Uint8Array(2 * m);
  masks.fill(1, 0, m);
  return masks;
}
