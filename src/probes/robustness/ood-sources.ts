/**
 * Where the out-of-distribution inputs of the OOD probe come from: the set the run declares for
 * the role 'ood' (encoded through the same binding, checked to have the same shape), or, when none
 * is given, synthetic inputs made from the evaluated data (perturb/synthetic-ood.ts).
 */
import type { ProbeContext, PreparedData } from '../../core/probe';
import { BindingError, encodeImages, encodeRows } from '../../core/binding';
import type { Cell, Dataset, ImageBinding, Json, TabularBinding } from '../../core/types';
import { byteCount, type ImageShape } from '../../perturb/image';
import { columnShuffledRows, pixelShuffledImages, uniformNoiseImages, uniformRows } from '../../perturb/synthetic-ood';
import { planPerturbation } from '../../perturb/tabular';
import { allPositions, seededSubset } from './subset';

/** Thrown when the declared OOD set cannot be compared with the evaluated data. */
export class OodSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OodSetError';
  }
}

export interface OodSource {
  name: string;
  kind: 'declared' | 'synthetic';
  /** Encoded inputs, n × sampleSize. */
  x: Float32Array;
  n: number;
}

const describeImages = (d: { width: number; height: number; channels: number }) => `${d.width}×${d.height} images with ${d.channels} channel${d.channels === 1 ? '' : 's'}`;

/** The declared OOD set, first `max` samples, or null when the run has none. Throws OodSetError when it does not fit. */
export function declaredSource(ctx: ProbeContext<Record<string, Json>>, max: number): OodSource | null {
  let aux: PreparedData | null;
  try {
    aux = ctx.auxiliary('ood');
  } catch (error) {
    if (!(error instanceof BindingError)) throw error;
    throw new OodSetError(
      `The out-of-distribution set cannot be encoded through this model's binding: ${error.message} ` +
        'Give an OOD set with the same columns or image size as the evaluated data, or leave it out to use synthetic OOD inputs.',
    );
  }
  if (!aux) return null;
  checkSameShape(ctx.data.dataset, aux.dataset);
  const n = Math.min(aux.n, max);
  return { name: aux.dataset.manifest.name, kind: 'declared', x: aux.x.slice(0, n * aux.sampleSize), n };
}

function checkSameShape(main: Dataset, ood: Dataset): void {
  const a = main.data;
  const b = ood.data;
  if (a.kind === 'image' && b.kind === 'image' && (a.width !== b.width || a.height !== b.height || a.channels !== b.channels)) {
    throw new OodSetError(
      `The out-of-distribution set '${ood.manifest.name}' holds ${describeImages(b)} but the evaluated dataset holds ${describeImages(a)}. ` +
        'Give an OOD set of the same size and channels (resize or convert it first), or leave it out to use synthetic OOD inputs (uniform noise and pixel-shuffled images).',
    );
  }
  if (a.kind !== b.kind) {
    throw new OodSetError(
      `The out-of-distribution set '${ood.manifest.name}' holds ${b.kind === 'image' ? 'images' : 'a table'} but the evaluated dataset holds ${a.kind === 'image' ? 'images' : 'a table'}. Give an OOD set of the same kind.`,
    );
  }
}

/** Synthetic OOD inputs for images: uniform noise, and shuffled pixels of in-distribution images. */
export function syntheticImageSources(ctx: ProbeContext<Record<string, Json>>, count: number): OodSource[] {
  const images = ctx.data.dataset.data;
  if (images.kind !== 'image' || ctx.data.binding.kind !== 'image') return [];
  const binding: ImageBinding = ctx.data.binding;
  const shape: ImageShape = { width: images.width, height: images.height, channels: images.channels };
  const bytes = byteCount(shape);
  const encode = (pixels: Uint8Array, n: number) => encodeImages(pixels, n, shape.width, shape.height, shape.channels, binding);
  const noise = uniformNoiseImages(ctx.rng.fork('uniform-noise'), count, shape);
  const picks = seededSubset(ctx.rng.fork('shuffled-sources'), allPositions(ctx.data.n), count);
  const chosen = new Uint8Array(picks.length * bytes);
  picks.forEach((index, j) => chosen.set(images.pixels.subarray(index * bytes, (index + 1) * bytes), j * bytes));
  const shuffled = pixelShuffledImages(ctx.rng.fork('pixel-shuffle'), chosen, picks.length, shape);
  return [
    { name: 'uniform noise', kind: 'synthetic', x: encode(noise, count), n: count },
    { name: 'pixel-shuffled images', kind: 'synthetic', x: encode(shuffled, picks.length), n: picks.length },
  ];
}

/**
 * Synthetic OOD rows for tables: independently column-shuffled rows and uniform rows. Null with a
 * reason when the raw rows do not hold the binding's columns (they cannot be re-encoded).
 */
export function syntheticTableSources(ctx: ProbeContext<Record<string, Json>>, count: number): { sources: OodSource[] } | { reason: string } {
  const table = ctx.data.dataset.data;
  if (table.kind !== 'tabular' || ctx.data.binding.kind !== 'tabular') return { reason: 'the dataset is not a table' };
  const binding: TabularBinding = ctx.data.binding;
  const rows: Cell[][] = table.rows.slice(0, ctx.data.n);
  const plan = planPerturbation(table, binding, rows);
  if (plan.numeric.length + plan.categorical.length === 0) {
    return { reason: "none of the binding's feature columns is among the dataset's raw columns, so no synthetic rows can be made" };
  }
  const picks = seededSubset(ctx.rng.fork('shuffled-sources'), allPositions(rows.length), count);
  const sample = Array.from(picks, (i) => rows[i]);
  try {
    const shuffled = encodeRows(columnShuffledRows(ctx.rng.fork('column-shuffle'), sample, plan), table.columns, binding);
    const uniform = encodeRows(uniformRows(ctx.rng.fork('uniform-rows'), rows, plan, count), table.columns, binding);
    return {
      sources: [
        { name: 'column-shuffled rows', kind: 'synthetic', x: shuffled, n: sample.length },
        { name: 'uniform rows', kind: 'synthetic', x: uniform, n: count },
      ],
    };
  } catch (error) {
    if (error instanceof BindingError) return { reason: `the synthetic rows could not be encoded: ${error.message}` };
    throw error;
  }
}
