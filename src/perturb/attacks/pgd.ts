/**
 * Projected gradient descent on the loss (Madry et al. 2018, "Towards Deep Learning Models
 * Resistant to Adversarial Attacks", eq. 2): from a random point in the ε-ball, repeat
 * z ← Π_{B(x, ε) ∩ [0,1]^d}(z + α·step(∇L)), with step = sign for L∞ and g/‖g‖₂ for L2, and the
 * default step size α = 2.5·ε / steps of that paper. Success is judged by the model's own
 * predictions (for an ONNX model: onnxruntime, not the translation that gives the gradient) after
 * every step, and a sample stops moving once it is misclassified, so an adversarial point found on
 * the way is never lost; one whose gradient is exactly zero stops too, since it cannot move again.
 * ε may differ per sample (minimal-ε bisection runs many at once).
 */
import type { Rng } from '../../core/rng';
import { throwIfCancelled } from '../../core/probe';
import { ascend, clampUnit, misclassified, probabilitiesOf, project, takeRows, type AttackOracle, type Norm } from './unit-box';

export interface PgdOptions {
  /** Radius per sample (unit box), or one for all. */
  eps: number | Float32Array;
  norm: Norm;
  steps: number;
  /** α as a multiple of ε; default 2.5 / steps (Madry et al. 2018). */
  stepSize?: number;
  randomStart: boolean;
  loss: 'margin' | 'cross-entropy';
  rng: Rng;
  /** Samples per gradient call. */
  batch?: number;
  onProgress?: (fraction: number) => void;
}

export interface PgdResult {
  success: Uint8Array;
  /** The final (or first misclassified) point per sample. */
  adversarial: Float32Array;
  gradientSamples: number;
  predictedSamples: number;
}

/** A uniform point in the L∞ box, or a Gaussian direction scaled to a uniform radius in the L2 ball. */
function randomStart(z: Float32Array, x: Float32Array, size: number, eps: Float32Array, norm: Norm, rng: Rng): void {
  const n = eps.length;
  for (let i = 0; i < n; i++) {
    const start = i * size;
    if (norm === 'linf') {
      for (let j = start; j < start + size; j++) z[j] = clampUnit(x[j] + (2 * rng.next() - 1) * eps[i]);
      continue;
    }
    let s = 0;
    for (let j = start; j < start + size; j++) {
      z[j] = rng.normal();
      s += z[j] * z[j];
    }
    const radius = (eps[i] * rng.next()) / (Math.sqrt(s) || 1);
    for (let j = start; j < start + size; j++) z[j] = clampUnit(x[j] + z[j] * radius);
  }
}

export async function pgd(oracle: AttackOracle, z: Float32Array, labels: Int32Array, options: PgdOptions): Promise<PgdResult> {
  if (!oracle.gradient) throw new Error('PGD needs input gradients, and this model has none.');
  const { size, k } = oracle;
  const n = labels.length;
  const batch = options.batch ?? 128;
  const eps = typeof options.eps === 'number' ? new Float32Array(n).fill(options.eps) : options.eps;
  const alphaFactor = options.stepSize ?? 2.5 / options.steps;
  const adversarial = Float32Array.from(z);
  if (options.randomStart) randomStart(adversarial, z, size, eps, options.norm, options.rng);
  const success = misclassified(await probabilitiesOf(oracle, adversarial, n), k, labels);
  // A sample whose gradient is exactly zero never moves again (sign(0) = 0): stop spending on it.
  const stuck = new Uint8Array(n);
  let gradientSamples = 0;
  let predictedSamples = n;
  for (let step = 0; step < options.steps; step++) {
    const active = Int32Array.from({ length: n }, (_, i) => i).filter((i) => success[i] === 0 && stuck[i] === 0);
    if (active.length === 0) break;
    for (let from = 0; from < active.length; from += batch) {
      throwIfCancelled(oracle.signal);
      const rows = active.subarray(from, from + batch);
      const current = takeRows(adversarial, rows, size);
      const origin = takeRows(z, rows, size);
      const rowLabels = Int32Array.from(rows, (i) => labels[i]);
      const rowEps = Float32Array.from(rows, (i) => eps[i]);
      const { gradient } = await oracle.gradient(current, rows.length, { kind: options.loss, labels: rowLabels });
      gradientSamples += rows.length;
      rows.forEach((i, r) => {
        let moving = false;
        for (let j = r * size; j < (r + 1) * size && !moving; j++) moving = gradient[j] !== 0 && Number.isFinite(gradient[j]);
        if (!moving) stuck[i] = 1;
      });
      ascend(current, gradient, rows.length, size, rowEps.map((e) => e * alphaFactor), options.norm);
      project(current, origin, rows.length, size, rowEps, options.norm);
      const fooled = misclassified(await oracle.probabilities(current, rows.length), k, rowLabels);
      predictedSamples += rows.length;
      rows.forEach((i, r) => {
        adversarial.set(current.subarray(r * size, (r + 1) * size), i * size);
        if (fooled[r]) success[i] = 1;
      });
    }
    options.onProgress?.((step + 1) / options.steps);
  }
  return { success, adversarial, gradientSamples, predictedSamples };
}
