/**
 * Interpretable features: which slots of an encoded sample each explained feature owns.
 * Tabular features are the binding's raw columns (a one-hot group is one feature, so people see
 * "occupation", not 14 dummy columns); image features are pixels (all channels) or square patches.
 */
import { featureSlices } from '../core/binding';
import type { ImageBinding, TabularBinding } from '../core/types';

export interface FeatureGroups {
  /** One name per feature, e.g. a column name or "patch 3,4". */
  names: string[];
  /** The encoded slots each feature owns. */
  slots: Int32Array[];
}

export function tabularGroups(binding: TabularBinding): FeatureGroups {
  const slices = featureSlices(binding);
  return {
    names: slices.map((s) => s.column),
    slots: slices.map((s) => Int32Array.from({ length: s.width }, (_, i) => s.start + i)),
  };
}

/** Where an image's values sit in the encoded sample. */
export interface ImageShape {
  width: number;
  height: number;
  channels: number;
  layout: 'NCHW' | 'NHWC';
}

export function imageShapeOf(binding: ImageBinding): ImageShape {
  return { width: binding.width, height: binding.height, channels: binding.channels, layout: binding.layout };
}

/** Index in the encoded sample of channel c of pixel (row, col). */
export function slotOf(shape: ImageShape, row: number, col: number, c: number): number {
  const pixel = row * shape.width + col;
  return shape.layout === 'NCHW' ? c * shape.width * shape.height + pixel : pixel * shape.channels + c;
}

/** One feature per pixel (its channels together), in row-major order. */
export function pixelGroups(shape: ImageShape): FeatureGroups {
  const names: string[] = [];
  const slots: Int32Array[] = [];
  for (let row = 0; row < shape.height; row++) {
    for (let col = 0; col < shape.width; col++) {
      names.push(`pixel ${row},${col}`);
      slots.push(Int32Array.from({ length: shape.channels }, (_, c) => slotOf(shape, row, col, c)));
    }
  }
  return { names, slots };
}

/** A grid of square patches over the image, `size` pixels a side (the last row and column may be smaller). */
export interface PatchGrid extends FeatureGroups {
  size: number;
  rows: number;
  cols: number;
  /** Pixels (row-major index) per patch. */
  pixels: Int32Array[];
}

export function patchGroups(shape: ImageShape, size: number): PatchGrid {
  const s = Math.max(1, Math.min(Math.floor(size), Math.max(shape.width, shape.height)));
  const rows = Math.ceil(shape.height / s);
  const cols = Math.ceil(shape.width / s);
  const names: string[] = [];
  const slots: Int32Array[] = [];
  const pixels: Int32Array[] = [];
  for (let pr = 0; pr < rows; pr++) {
    for (let pc = 0; pc < cols; pc++) {
      const own: number[] = [];
      const ownSlots: number[] = [];
      for (let row = pr * s; row < Math.min(shape.height, (pr + 1) * s); row++) {
        for (let col = pc * s; col < Math.min(shape.width, (pc + 1) * s); col++) {
          own.push(row * shape.width + col);
          for (let c = 0; c < shape.channels; c++) ownSlots.push(slotOf(shape, row, col, c));
        }
      }
      names.push(`patch ${pr},${pc}`);
      pixels.push(Int32Array.from(own));
      slots.push(Int32Array.from(ownSlots));
    }
  }
  return { names, slots, pixels, size: s, rows, cols };
}

/** Spreads one value per patch over its pixels, each pixel getting value / patch area (sums are kept). */
export function patchesToPixels(grid: PatchGrid, values: ArrayLike<number>, pixelCount: number): Float32Array {
  const out = new Float32Array(pixelCount);
  grid.pixels.forEach((own, p) => {
    const share = values[p] / own.length;
    for (const i of own) out[i] = share;
  });
  return out;
}

/** Collapses per-slot values to one per pixel: their sum (additive methods) or largest magnitude (saliency). */
export function slotsToPixels(shape: ImageShape, values: ArrayLike<number>, mode: 'sum' | 'max-abs'): Float32Array {
  const out = new Float32Array(shape.width * shape.height);
  for (let row = 0; row < shape.height; row++) {
    for (let col = 0; col < shape.width; col++) {
      let acc = 0;
      for (let c = 0; c < shape.channels; c++) {
        const v = values[slotOf(shape, row, col, c)];
        acc = mode === 'sum' ? acc + v : Math.max(acc, Math.abs(v));
      }
      out[row * shape.width + col] = acc;
    }
  }
  return out;
}

/** Collapses per-slot values to one per feature group by summing (additive attributions). */
export function slotsToGroups(groups: FeatureGroups, values: ArrayLike<number>, mode: 'sum' | 'max-abs' = 'sum'): Float32Array {
  return Float32Array.from(groups.slots, (own) => {
    let acc = 0;
    for (const i of own) acc = mode === 'sum' ? acc + values[i] : Math.max(acc, Math.abs(values[i]));
    return acc;
  });
}
