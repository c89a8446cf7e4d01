/**
 * Model output → class probabilities, as the binding's output kind declares:
 * - logits: softmax, computed stably by subtracting each row's maximum first;
 * - probabilities: divided by their sum (a model's float32 output rarely sums to exactly 1);
 * - sigmoid: independent scores in [0, 1]; one unit s → [1 − s, s], several → s / Σs.
 * A row with any non-finite value (or a negative probability, or a sigmoid score outside [0, 1])
 * comes out as all NaN, and the caller reports it; a row whose scores sum to 0 comes out uniform.
 */
import { BindingError } from './binding-error';
import type { OutputBinding } from './types';

/** Whether the output is one sigmoid unit standing for two labels. */
export function isSingleSigmoid(output: OutputBinding, width: number): boolean {
  return output.kind === 'sigmoid' && width === 1 && output.labels.length === 2;
}

/** Checks the model's output width against the binding's labels. */
export function checkOutputWidth(width: number, output: OutputBinding): void {
  if (isSingleSigmoid(output, width) || width === output.labels.length) return;
  const tensor = output.tensor ? `'${output.tensor}' ` : '';
  throw new BindingError(
    `The model output ${tensor}gives ${width} value${width === 1 ? '' : 's'} per sample but the binding names ${output.labels.length} labels (${output.labels.join(', ')}). ` +
      'List one label per output value in binding.output.labels (for a single sigmoid unit: [label when low, label when high]).',
  );
}

/** n rows of `width` raw outputs → n rows of labels.length probabilities. */
export function toProbabilities(values: Float32Array, width: number, n: number, output: OutputBinding): Float32Array {
  checkOutputWidth(width, output);
  if (values.length < n * width) {
    throw new BindingError(`The model returned ${values.length} values for ${n} samples of ${width}; expected ${n * width}. The model output shape does not match its declared width.`);
  }
  const k = output.labels.length;
  const out = new Float32Array(n * k);
  const scratch = new Float64Array(k);
  if (isSingleSigmoid(output, width)) {
    for (let i = 0; i < n; i++) {
      const s = values[i];
      const ok = s >= 0 && s <= 1;
      out[2 * i] = ok ? 1 - s : NaN;
      out[2 * i + 1] = ok ? s : NaN;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let valid = true;
    let max = -Infinity;
    for (let j = 0; j < k; j++) {
      const v = values[row + j];
      if (!Number.isFinite(v) || (output.kind !== 'logits' && v < 0) || (output.kind === 'sigmoid' && v > 1)) valid = false;
      if (v > max) max = v;
    }
    if (!valid) {
      out.fill(NaN, row, row + k);
      continue;
    }
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const v = output.kind === 'logits' ? Math.exp(values[row + j] - max) : values[row + j];
      scratch[j] = v;
      sum += v;
    }
    if (sum === 0) {
      out.fill(1 / k, row, row + k);
      continue;
    }
    for (let j = 0; j < k; j++) out[row + j] = scratch[j] / sum;
  }
  return out;
}

/** Sigmoid scores are clamped to [2⁻²⁴, 1 − 2⁻²⁴] (float32's resolution near 1) before their logit is taken. */
const SIGMOID_FLOOR = 2 ** -24;

/**
 * n rows of raw outputs → n rows of logits in label order, where the output kind allows it:
 * 'logits' as they are; 'sigmoid' as log(s / (1 − s)) per unit, and [0, logit] for one unit (the
 * two-class softmax that gives [1 − s, s]). Null for 'probabilities', whose logits are known only
 * up to a constant per sample.
 */
export function toLogits(values: Float32Array, width: number, n: number, output: OutputBinding): Float32Array | null {
  checkOutputWidth(width, output);
  if (output.kind === 'probabilities') return null;
  const k = output.labels.length;
  const out = new Float32Array(n * k);
  if (output.kind === 'logits') {
    out.set(values.subarray(0, n * k));
    return out;
  }
  const logit = (s: number) => {
    const c = Math.min(1 - SIGMOID_FLOOR, Math.max(SIGMOID_FLOOR, s));
    return Math.log(c) - Math.log(1 - c);
  };
  if (isSingleSigmoid(output, width)) {
    for (let i = 0; i < n; i++) out[2 * i + 1] = logit(values[i]);
    return out;
  }
  for (let i = 0; i < n * k; i++) out[i] = logit(values[i]);
  return out;
}
