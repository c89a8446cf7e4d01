/**
 * What every explainability probe needs from its context: the model as explanation methods see
 * it, which samples to explain, which class to explain for each, and the words for why gradient
 * methods are not used.
 */
import { CancelledError, throwIfCancelled, type ProbeContext } from '../../core/probe';
import type { Binding, ModelInfo } from '../../core/types';
import { marginsOf } from '../../explain/margin';
import type { ExplainModel } from '../../explain/model';
import { argmax } from '../../explain/stats';

/**
 * What attributions explain: the class probability, or the class's logit margin (for models whose
 * probabilities saturate; see explain/margin.ts).
 */
export type ExplainScale = 'probability' | 'margin';

/**
 * The probe's classifier behind the ExplainModel interface, checking the run's signal on every
 * call. On the `margin` scale "probabilities" are per-class logit margins and gradients are those
 * of the margin (the negated `margin` loss of core's GradientLoss).
 */
export function explainModelOf(ctx: Pick<ProbeContext<unknown>, 'model' | 'data' | 'signal'>, scale: ExplainScale = 'probability'): ExplainModel {
  const { model, signal } = ctx;
  const gradient = model.gradient;
  const raw = model.raw;
  const output = ctx.data.binding.output;
  if (scale === 'margin' && !raw) throw new Error('Logit margins need the raw model output, which this model does not give.');
  return {
    classes: model.labels.length,
    sampleSize: ctx.data.sampleSize,
    signal,
    predict: async (x, n) => {
      throwIfCancelled(signal);
      if (scale === 'probability') return model.predict(x, n, signal);
      const { values, width } = await raw!(x, n, signal);
      return marginsOf(values, width, n, output);
    },
    gradient: gradient
      ? async (x, n, classes) => {
          throwIfCancelled(signal);
          if (scale === 'probability') return (await gradient(x, n, { kind: 'class-probability', classes }, signal)).gradient;
          const g = (await gradient(x, n, { kind: 'margin', labels: classes }, signal)).gradient;
          for (let i = 0; i < g.length; i++) g[i] = -g[i];
          return g;
        }
      : null,
  };
}

/**
 * The scale a probe's `target` parameter asks for: `auto` explains the logit margin when the
 * binding reads the output as logits and the raw output is available, the probability otherwise.
 */
export function resolveScale(target: string, ctx: Pick<ProbeContext<unknown>, 'model' | 'data'>): ExplainScale {
  const marginPossible = ctx.model.raw !== undefined;
  if (target === 'margin') return marginPossible ? 'margin' : 'probability';
  if (target === 'probability') return 'probability';
  return marginPossible && ctx.data.binding.output.kind === 'logits' ? 'margin' : 'probability';
}

/** Words for the explained quantity of class `label`. */
export function scaleWords(scale: ExplainScale, label: string): string {
  return scale === 'margin' ? `the logit margin of '${label}' (its logit minus the largest other logit)` : `the probability of '${label}'`;
}

/**
 * Tries the model's gradient once; returns why gradient methods cannot be used (the runtime
 * failed), or null when they can. A failing backward pass must not take the model-agnostic
 * methods down with it.
 */
export async function gradientFailure(model: ExplainModel, x: Float32Array): Promise<string | null> {
  if (!model.gradient) return null;
  try {
    await model.gradient(x.subarray(0, model.sampleSize), 1, Int32Array.of(0));
    return null;
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    return `Gradient methods were not used: the runtime failed to compute input gradients (${error instanceof Error ? error.message : String(error)}); model-agnostic methods were used instead.`;
  }
}

/** The same model without gradients. */
export function withoutGradient(model: ExplainModel): ExplainModel {
  return { ...model, gradient: null };
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
