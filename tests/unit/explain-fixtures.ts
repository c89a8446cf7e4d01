/**
 * Models with known answers for the explanation tests: plain functions of the encoded input, no
 * runtime. `marginModel` returns its linear margin w·x + b as its only "probability", so Shapley
 * values are known in closed form: φⱼ = Σ_{s∈j} w_s·(x_s − E[b_s]).
 */
import type { ExplainModel } from '../../src/explain/model';

export function marginModel(weights: number[], bias = 0): ExplainModel & { calls: number } {
  const size = weights.length;
  const model = {
    classes: 1,
    sampleSize: size,
    calls: 0,
    gradient: null,
    async predict(x: Float32Array, n: number) {
      model.calls++;
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        let s = bias;
        for (let j = 0; j < size; j++) s += weights[j] * x[i * size + j];
        out[i] = s;
      }
      return out;
    },
  };
  return model;
}

/** A non-linear scalar function of the input, as a one-class model. */
export function functionModel(size: number, f: (x: Float32Array, offset: number) => number): ExplainModel {
  return {
    classes: 1,
    sampleSize: size,
    gradient: null,
    async predict(x, n) {
      return Float32Array.from({ length: n }, (_, i) => f(x, i * size));
    },
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Two-class logistic regression p₁ = σ(w·x + b), p₀ = 1 − p₁, with its analytic input gradient
 * ∂p₁/∂x = p₁(1 − p₁)·w and ∂p₀/∂x = −∂p₁/∂x: a smooth differentiable model.
 */
export function logisticModel(weights: number[], bias = 0): ExplainModel {
  const size = weights.length;
  const p1 = (x: Float32Array, o: number) => {
    let z = bias;
    for (let j = 0; j < size; j++) z += weights[j] * x[o + j];
    return sigmoid(z);
  };
  return {
    classes: 2,
    sampleSize: size,
    async predict(x, n) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const p = p1(x, i * size);
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    },
    async gradient(x, n, classes) {
      const out = new Float32Array(n * size);
      for (let i = 0; i < n; i++) {
        const p = p1(x, i * size);
        const sign = classes[i] === 1 ? 1 : -1;
        for (let j = 0; j < size; j++) out[i * size + j] = sign * p * (1 - p) * weights[j];
      }
      return out;
    },
  };
}
