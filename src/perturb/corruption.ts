/**
 * What every image corruption offers, whatever family it comes from: an id (the name of the
 * published function), its levels, the parameters it uses at a severity for an image size (for the
 * report), and `prepare`, which does the per-size work once (kernels, maps, textures) and returns
 * the per-image function. A prepared corruption reads 8-bit HWC pixels and writes the same shape;
 * it draws its randomness only from the generator it is given, so an image gets the same
 * corruption for the same seed everywhere.
 */
import type { Rng } from '../core/rng';
import type { Json } from '../core/types';
import type { ImageShape } from './image';

export type CorruptionFamily = 'noise' | 'blur' | 'weather' | 'digital' | 'geometric' | 'stroke';

export type ApplyCorruption = (src: Uint8Array, dst: Uint8Array, rng: Rng) => void;

export interface ImageCorruption {
  /** The published function's name, e.g. 'gaussian_noise'. */
  id: string;
  title: string;
  family: CorruptionFamily;
  /** Severities 1…levels (5 for graded corruptions, 1 for MNIST-C's stroke corruptions). */
  levels: number;
  /** The parameters used at `severity` on images of `shape`, as they are reported. */
  parameters(shape: ImageShape, severity: number): Json;
  /** Per-size preparation; `rng` is for shared random material (frost textures). */
  prepare(shape: ImageShape, severity: number, rng: Rng): ApplyCorruption;
}
