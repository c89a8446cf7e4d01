import { throwIfCancelled } from '../core/probe';
import type { TensorInfo } from '../core/types';
import { ModelError } from './errors';

/** Largest number of samples fed to a dynamic-batch model in one call. */
export const MAX_BATCH = 256;

/** Values per sample: the product of the non-batch dims, or null when one of them is not a number. */
export function sampleSizeOf(input: TensorInfo): number | null {
  const dims = input.shape.slice(1);
  return dims.every((d) => typeof d === 'number') ? (dims as number[]).reduce((a, b) => a * b, 1) : null;
}

/** The fixed batch size a model declares (the MNIST CNN's 1), or null when the batch dim is free. */
export function fixedBatchOf(input: TensorInfo): number | null {
  const first = input.shape[0];
  return typeof first === 'number' && first > 0 ? first : null;
}

/**
 * The concrete non-batch dims for n samples of `length` values in total. One unknown dim is
 * worked out from the length; a mismatch is a ModelError naming both numbers.
 */
export function sampleDims(input: TensorInfo, length: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new ModelError(`The number of samples must be a whole number ≥ 0, not ${n}.`);
  const dims = input.shape.slice(1);
  const unknown = dims.filter((d) => typeof d !== 'number').length;
  const known = dims.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), 1);
  const shape = `[${input.shape.map((d) => d ?? '?').join(',')}]`;
  if (unknown === 0) {
    if (length !== n * known) {
      throw new ModelError(
        `The model input '${input.name}' (shape ${shape}) takes ${known} values per sample, so ${n} samples need ${n * known} values, ` +
          `but ${length} were given${n > 0 ? ` (${+(length / n).toFixed(2)} per sample)` : ''}. ` +
          "Check the binding: the encoded width must equal the model's input size.",
      );
    }
    return dims as number[];
  }
  if (unknown > 1) {
    throw new ModelError(
      `The model input '${input.name}' (shape ${shape}) has ${unknown} unknown dimensions besides the batch, so samples cannot be shaped for it. ` +
        'Export the model with fixed input dimensions.',
    );
  }
  const missing = n === 0 ? 0 : length / n / known;
  if (n > 0 && (!Number.isInteger(missing) || missing < 1)) {
    throw new ModelError(
      `The model input '${input.name}' (shape ${shape}) takes a multiple of ${known} values per sample, but ${length} values for ${n} samples ` +
        "do not fit. Check the binding: the encoded width must match the model's input.",
    );
  }
  return dims.map((d) => (typeof d === 'number' ? d : missing));
}

/**
 * Feeds n samples in chunks and gathers the outputs. A fixed-batch model gets exactly its batch
 * per call (the last chunk padded with zeros, whose outputs are dropped); others get ≤ MAX_BATCH.
 * `runChunk` receives rows × sampleSize values and returns rows × width outputs.
 */
export async function predictInBatches(args: {
  x: Float32Array;
  n: number;
  sampleSize: number;
  fixedBatch: number | null;
  signal?: AbortSignal;
  runChunk: (chunk: Float32Array, rows: number) => Promise<Float32Array>;
}): Promise<{ values: Float32Array; width: number }> {
  const { x, n, sampleSize, fixedBatch, signal, runChunk } = args;
  const step = fixedBatch ?? MAX_BATCH;
  let out: Float32Array | null = null;
  let width = 0;
  for (let start = 0; start < n; start += step) {
    if (signal) throwIfCancelled(signal);
    const count = Math.min(step, n - start);
    const rows = fixedBatch ?? count;
    let chunk = x.subarray(start * sampleSize, (start + count) * sampleSize);
    if (rows > count) {
      const padded = new Float32Array(rows * sampleSize);
      padded.set(chunk);
      chunk = padded;
    }
    const result = await runChunk(chunk, rows);
    if (result.length % rows !== 0) {
      throw new Error(`The model returned ${result.length} values for ${rows} samples, which is not a whole number per sample.`);
    }
    if (out === null) {
      width = result.length / rows;
      out = new Float32Array(n * width);
    } else if (result.length / rows !== width) {
      throw new Error(`The model returned ${result.length / rows} values per sample after ${width} before.`);
    }
    out.set(result.subarray(0, count * width), start * width);
  }
  return { values: out ?? new Float32Array(0), width };
}
