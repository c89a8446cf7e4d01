/**
 * The fast gradient sign method (Goodfellow, Shlens & Szegedy 2015, "Explaining and Harnessing
 * Adversarial Examples", eq. 3): x' = clip(x + ε·sign(∇ₓL)); and its L2 form, the fast gradient
 * method x' = clip(x + ε·∇ₓL / ‖∇ₓL‖₂) (Kurakin et al. 2017). The gradient does not depend on ε, so
 * one gradient per sample serves the whole ε grid; each ε then costs one prediction.
 */
import type { GradientLoss } from '../../core/probe';
import {
  ascend, clampUnit, inChunks, l2Norm, misclassified, probabilitiesOf, type AttackOracle, type Norm,
} from './unit-box';

export interface FgsmResult {
  /** Per ε of the grid: 1 where the attack made the sample misclassified. */
  success: Uint8Array[];
  /** The unit step direction per sample (sign(g) for L∞, g/‖g‖₂ for L2); zero where the gradient is. */
  direction: Float32Array;
  /** Per sample: 1 when the loss gradient was exactly zero (or not finite) at the clean input. */
  zeroGradient: Uint8Array;
  /** Loss at the clean input per sample. */
  loss: Float32Array;
  /** Gradient evaluations and predictions made, in samples. */
  gradientSamples: number;
  predictedSamples: number;
}

/** The FGSM / FGM point for sample i at ε: clip(z + ε·direction). */
export function fgsmPoint(z: Float32Array, direction: Float32Array, i: number, size: number, eps: number): Float32Array {
  const out = new Float32Array(size);
  for (let j = 0; j < size; j++) out[j] = clampUnit(z[i * size + j] + eps * direction[i * size + j]);
  return out;
}

/**
 * FGSM (L∞) or FGM (L2) at every ε of `epsilons` for n samples `z` (unit box) with true classes
 * `labels`, ascending `lossKind`. `onProgress` gets the fraction done.
 */
export async function fgsm(
  oracle: AttackOracle,
  z: Float32Array,
  labels: Int32Array,
  epsilons: number[],
  norm: Norm,
  lossKind: 'margin' | 'cross-entropy',
  onProgress: (fraction: number) => void = () => {},
  batch = 128,
): Promise<FgsmResult> {
  if (!oracle.gradient) throw new Error('FGSM needs input gradients, and this model has none.');
  const { size } = oracle;
  const n = labels.length;
  const direction = new Float32Array(n * size);
  const zeroGradient = new Uint8Array(n);
  const loss = new Float32Array(n);
  await inChunks(n, batch, oracle.signal, async (start, count) => {
    const part: GradientLoss = { kind: lossKind, labels: labels.subarray(start, start + count) };
    const result = await oracle.gradient!(z.subarray(start * size, (start + count) * size), count, part);
    loss.set(result.loss, start);
    for (let i = 0; i < count; i++) {
      const g = result.gradient.subarray(i * size, (i + 1) * size);
      const length = l2Norm(g, 0, size);
      if (length === 0 || !Number.isFinite(length)) zeroGradient[start + i] = 1;
    }
    const step = direction.subarray(start * size, (start + count) * size);
    // One unit step from zero is the direction itself; non-finite gradients give no direction.
    const finite = Float32Array.from(result.gradient, (v) => (Number.isFinite(v) ? v : 0));
    ascend(step, finite, count, size, new Float32Array(count).fill(1), norm);
    onProgress(((start + count) / n) * 0.5);
  });
  const success: Uint8Array[] = [];
  for (const [e, eps] of epsilons.entries()) {
    const adversarial = new Float32Array(n * size);
    for (let j = 0; j < n * size; j++) adversarial[j] = clampUnit(z[j] + eps * direction[j]);
    success.push(misclassified(await probabilitiesOf(oracle, adversarial, n), oracle.k, labels));
    onProgress(0.5 + ((e + 1) / epsilons.length) * 0.5);
  }
  return { success, direction, zeroGradient, loss, gradientSamples: n, predictedSamples: n * epsilons.length };
}
