/**
 * What every explainability probe needs from its context: the model as explanation methods see
 * it, which samples to explain, which class to explain for each, and the words for why gradient
 * methods are not used.
 */
import { throwIfCancelled, type ProbeContext } from '../../core/probe';
import type { Binding, ModelInfo } from '../../core/types';
import type { ExplainModel } from '../../explain/model';
import { argmax } from '../../explain/stats';

/** The probe's classifier behind the ExplainModel interface, checking the run's signal on every call. */
export function explainModelOf(ctx: Pick<ProbeContext<unknown>, 'model' | 'data' | 'signal'>): ExplainModel {
  const { model, signal } = ctx;
  const gradient = model.gradient;
  return {
    classes: model.labels.length,
    sampleSize: ctx.data.sampleSize,
    signal,
    predict: (x, n) => {
      throwIfCancelled(signal);
      return model.predict(x, n, signal);
    },
    gradient: gradient
      ? async (x, n, classes) => {
          throwIfCancelled(signal);
          return (await gradient(x, n, { kind: 'class-probability', classes }, signal)).gradient;
        }
      : null,
  };
}

/**
 * `count` sample indices spread evenly over the dataset (⌊j·n/count⌋): deterministic, the same
 * for every explainability probe of a run, and not all from one end of a sorted file.
 */
export function spreadIndices(n: number, count: number, offset = 0): Int32Array {
  const c = Math.max(0, Math.min(n, Math.floor(count)));
  return Int32Array.from({ length: c }, (_, j) => Math.min(n - 1, Math.floor(((j + offset) * n) / c)));
}

/** Background rows: spread like the explained samples but offset by half a step, so they differ from them. */
export function backgroundIndices(n: number, count: number): Int32Array {
  return spreadIndices(n, count, 0.5);
}

/** The samples at `indices`, back to back. */
export function gather(x: Float32Array, size: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * size);
  for (let j = 0; j < indices.length; j++) out.set(x.subarray(indices[j] * size, (indices[j] + 1) * size), j * size);
  return out;
}

/** Top class of each row of n × k probabilities. */
export function topClasses(probs: Float32Array, k: number): Int32Array {
  return Int32Array.from({ length: probs.length / k }, (_, i) => argmax(probs, i * k, k));
}

/** The class whose probability a two-class model's attributions show: the declared positive label, else the second. */
export function positiveIndex(binding: Binding): number {
  const declared = binding.output.positive;
  const i = declared === undefined ? -1 : binding.output.labels.indexOf(declared);
  return i >= 0 ? i : 1;
}

/** Why gradient methods are not used for this model, or null when they are. */
export function gradientUnavailable(info: ModelInfo, hasGradient: boolean): string | null {
  if (hasGradient) return null;
  const reason = info.gradientPath?.kind === 'none' && info.gradientPath.reason ? ` (${info.gradientPath.reason})` : '';
  return info.differentiable
    ? `Gradient methods were not used: this runtime gives no input gradients for the model${reason}; it was explained by model-agnostic methods only.`
    : `Gradient methods were not used: the model is not differentiable${reason}, so it was explained by model-agnostic methods only (perturbation-based, no gradients).`;
}

/** Checks the signal after reporting progress, so a cancel during a long loop stops at the next sample. */
export function step(ctx: Pick<ProbeContext<unknown>, 'progress' | 'signal'>, fraction: number, message?: string): void {
  ctx.progress(Math.max(0, Math.min(1, fraction)), message);
  throwIfCancelled(ctx.signal);
}
