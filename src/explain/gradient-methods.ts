/**
 * Gradient attributions for differentiable models. All take n samples at once (n × size values)
 * and the class to explain per sample, and return n × size values in the encoded input space;
 * callers aggregate slots to pixels or raw columns.
 */
import type { Rng } from '../core/rng';
import { gradientChunked, type ExplainModel } from './model';

/** Saliency (Simonyan, Vedaldi & Zisserman 2014, "Deep Inside Convolutional Networks"): ∂p_c/∂x. */
export async function saliency(model: ExplainModel, x: Float32Array, n: number, classes: Int32Array): Promise<Float32Array> {
  return gradientChunked(model, x, n, classes);
}

/** Gradient × input (Shrikumar et al. 2016, "Not Just a Black Box"): x ⊙ ∂p_c/∂x. */
export async function gradientTimesInput(model: ExplainModel, x: Float32Array, n: number, classes: Int32Array): Promise<Float32Array> {
  const g = await gradientChunked(model, x, n, classes);
  for (let i = 0; i < g.length; i++) g[i] *= x[i];
  return g;
}

/**
 * Gauss–Legendre nodes and weights on [0, 1] (Newton's method on the Legendre polynomial, as in
 * Numerical Recipes' gauleg). Captum's IntegratedGradients integrates with this rule by default.
 */
export function gaussLegendre(m: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let i = 0; i < Math.ceil(m / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= m; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      derivative = (m * (z * p1 - p2)) / (z * z - 1);
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) < 1e-15) break;
    }
    const w = 2 / ((1 - z * z) * derivative * derivative);
    // Map [−1, 1] to [0, 1]: node (1 ∓ z)/2, weight w/2.
    nodes[i] = (1 - z) / 2;
    nodes[m - 1 - i] = (1 + z) / 2;
    weights[i] = w / 2;
    weights[m - 1 - i] = w / 2;
  }
  return { nodes, weights };
}

/**
 * Integrated Gradients (Sundararajan, Taly & Yan 2017, "Axiomatic Attribution for Deep Networks",
 * eq. 1): (x − x′) ⊙ ∫₀¹ ∂p_c/∂x (x′ + α(x − x′)) dα, the integral by `steps`-point Gauss–Legendre
 * quadrature. `baseline` is one sample (shared) or n samples.
 */
export async function integratedGradients(
  model: ExplainModel,
  x: Float32Array,
  n: number,
  classes: Int32Array,
  baseline: Float32Array,
  steps: number,
  onProgress?: (fraction: number) => void,
): Promise<Float32Array> {
  const size = model.sampleSize;
  const { nodes, weights } = gaussLegendre(Math.max(1, Math.floor(steps)));
  const out = new Float32Array(n * size);
  const shared = baseline.length === size;
  for (let i = 0; i < n; i++) {
    const xi = x.subarray(i * size, (i + 1) * size);
    const bi = shared ? baseline : baseline.subarray(i * size, (i + 1) * size);
    const path = new Float32Array(nodes.length * size);
    nodes.forEach((a, k) => {
      for (let j = 0; j < size; j++) path[k * size + j] = bi[j] + a * (xi[j] - bi[j]);
    });
    const g = await gradientChunked(model, path, nodes.length, new Int32Array(nodes.length).fill(classes[i]));
    const acc = new Float64Array(size);
    weights.forEach((w, k) => {
      for (let j = 0; j < size; j++) acc[j] += w * g[k * size + j];
    });
    for (let j = 0; j < size; j++) out[i * size + j] = (xi[j] - bi[j]) * acc[j];
    onProgress?.((i + 1) / n);
  }
  return out;
}

/**
 * SmoothGrad (Smilkov et al. 2017, "SmoothGrad: removing noise by adding noise"): the mean
 * gradient over `samples` copies of x with Gaussian noise of standard deviation σ per slot (the
 * paper uses 10–20 % of the input's range), drawn from the seeded rng.
 */
export async function smoothGrad(
  model: ExplainModel,
  x: Float32Array,
  n: number,
  classes: Int32Array,
  options: { samples: number; sigma: Float32Array; rng: Rng },
): Promise<Float32Array> {
  const size = model.sampleSize;
  const s = Math.max(1, Math.floor(options.samples));
  const out = new Float32Array(n * size);
  for (let i = 0; i < n; i++) {
    const noisy = new Float32Array(s * size);
    for (let k = 0; k < s; k++) {
      for (let j = 0; j < size; j++) noisy[k * size + j] = x[i * size + j] + options.sigma[j] * options.rng.normal();
    }
    const g = await gradientChunked(model, noisy, s, new Int32Array(s).fill(classes[i]));
    for (let k = 0; k < s; k++) for (let j = 0; j < size; j++) out[i * size + j] += g[k * size + j] / s;
  }
  return out;
}
