/**
 * KernelSHAP for images over a grid of square patches (the "superpixels" of Lundberg & Lee 2017 and
 * of LIME's image explainer, here a regular grid so the result does not depend on a segmentation
 * algorithm). A patch switched off takes the baseline image's values. Returns one value per patch
 * and the same spread over the pixels (value / patch area, so sums are kept).
 */
import type { Rng } from '../core/rng';
import { patchGroups, patchesToPixels, type ImageShape, type PatchGrid } from './groups';
import { kernelShap, type ShapleyResult } from './kernel-shap';
import type { ExplainModel } from './model';

export interface ImageShapResult extends ShapleyResult {
  grid: PatchGrid;
  /** height × width pixel map. */
  pixels: Float32Array;
}

export async function imageKernelShap(
  model: ExplainModel,
  x: Float32Array,
  shape: ImageShape,
  baseline: Float32Array,
  target: number,
  options: { patch: number; samples: number; rng: Rng; onProgress?: (fraction: number) => void },
): Promise<ImageShapResult> {
  const grid = patchGroups(shape, options.patch);
  const result = await kernelShap(model, { x, replacements: baseline, rows: 1, groups: grid }, target, options);
  return { ...result, grid, pixels: patchesToPixels(grid, result.values, shape.width * shape.height) };
}
