/**
 * Inputs that come from no real distribution, for out-of-distribution detection when no OOD set
 * is given (Hendrycks & Gimpel 2017, "A Baseline for Detecting Misclassified and Out-of-Distribution
 * Examples", use uniform noise among their OOD sets): images of uniform random bytes, and images
 * whose pixels are shuffled (the intensity histogram kept, all spatial structure gone); for tables,
 * rows whose columns are shuffled independently (each marginal kept, every relation between
 * columns gone) and rows drawn uniformly over each column's range and values.
 */
import type { Rng } from '../core/rng';
import type { Cell } from '../core/types';
import { parseNumericCell } from '../core/binding';
import { byteCount, pixelCount, type ImageShape } from './image';
import { permutation } from './random';
import type { PerturbationPlan } from './tabular';

/** `count` images of independent uniform bytes. */
export function uniformNoiseImages(rng: Rng, count: number, shape: ImageShape): Uint8Array {
  const out = new Uint8Array(count * byteCount(shape));
  for (let i = 0; i < out.length; i++) out[i] = rng.int(256);
  return out;
}

/** Each image's pixels (all channels of a pixel together) put in a random order. */
export function pixelShuffledImages(rng: Rng, images: Uint8Array, count: number, shape: ImageShape): Uint8Array {
  const bytes = byteCount(shape);
  const pixels = pixelCount(shape);
  const c = shape.channels;
  const out = new Uint8Array(count * bytes);
  for (let i = 0; i < count; i++) {
    const order = permutation(rng, pixels);
    for (let p = 0; p < pixels; p++) {
      for (let k = 0; k < c; k++) out[i * bytes + p * c + k] = images[i * bytes + order[p] * c + k];
    }
  }
  return out;
}

/** Rows whose perturbable columns are each permuted independently across the rows. */
export function columnShuffledRows(rng: Rng, rows: Cell[][], plan: PerturbationPlan): Cell[][] {
  const out = rows.map((row) => row.slice());
  for (const col of [...plan.numeric, ...plan.categorical]) {
    const order = permutation(rng, rows.length);
    for (let r = 0; r < rows.length; r++) out[r][col.index] = rows[order[r]][col.index];
  }
  return out;
}

/** Rows with numeric columns uniform over [min − range, max + range] and categorical ones uniform over their values. */
export function uniformRows(rng: Rng, rows: Cell[][], plan: PerturbationPlan, count: number): Cell[][] {
  const bounds = plan.numeric.map((col) => {
    let min = Infinity;
    let max = -Infinity;
    for (const row of rows) {
      const v = parseNumericCell(row[col.index]);
      if (v === undefined || Number.isNaN(v)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return Number.isFinite(min) ? { min: min - (max - min), max: max + (max - min) } : { min: 0, max: 0 };
  });
  return Array.from({ length: count }, (_, i) => {
    const row = rows[i % rows.length].slice();
    plan.numeric.forEach((col, k) => {
      row[col.index] = bounds[k].min + (bounds[k].max - bounds[k].min) * rng.next();
    });
    for (const col of plan.categorical) row[col.index] = col.values[rng.int(col.values.length)];
    return row;
  });
}
