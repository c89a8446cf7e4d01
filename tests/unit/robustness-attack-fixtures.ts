/**
 * Linear softmax models for the attack tests: logits W·z + b on inputs in the unit box, with exact
 * gradients. For a linear model the worst L∞ perturbation of size ε is known in closed form:
 * move every input by ε against the sign of the margin's weight, clipped to the box.
 */
import type { Classifier, GradientLoss } from '../../src/core/probe';
import type { ModelInfo } from '../../src/core/types';
import type { AttackOracle, ImageGeometry } from '../../src/perturb/attacks/unit-box';

export interface LinearModel {
  /** k rows of d weights. */
  w: number[][];
  b: number[];
}

export function logitsOf(model: LinearModel, z: ArrayLike<number>, offset = 0): number[] {
  return model.w.map((row, c) => row.reduce((s, v, j) => s + v * z[offset + j], model.b[c]));
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Gradient of the loss for one sample with respect to its input. */
function gradientOne(model: LinearModel, z: ArrayLike<number>, offset: number, loss: GradientLoss, i: number): { g: number[]; value: number } {
  const logits = logitsOf(model, z, offset);
  const p = softmax(logits);
  const d = model.w[0].length;
  if (loss.kind === 'class-probability') {
    const c = loss.classes[i];
    const mean = Array.from({ length: d }, (_, j) => model.w.reduce((s, row, r) => s + p[r] * row[j], 0));
    return { g: mean.map((m, j) => p[c] * (model.w[c][j] - m)), value: p[c] };
  }
  const y = loss.labels[i];
  if (loss.kind === 'cross-entropy') {
    const mean = Array.from({ length: d }, (_, j) => model.w.reduce((s, row, r) => s + p[r] * row[j], 0));
    return { g: mean.map((m, j) => m - model.w[y][j]), value: -Math.log(p[y]) };
  }
  let other = -1;
  logits.forEach((v, c) => {
    if (c !== y && (other < 0 || v > logits[other])) other = c;
  });
  return { g: model.w[other].map((v, j) => v - model.w[y][j]), value: logits[other] - logits[y] };
}

export interface CountingOracle extends AttackOracle {
  /** Samples predicted so far. */
  predicted: number;
  gradients: number;
}

/** The linear model as an attack oracle over the unit box of d = channels × height × width values. */
export function linearOracle(model: LinearModel, image: ImageGeometry, signal = new AbortController().signal): CountingOracle {
  const size = image.channels * image.height * image.width;
  const k = model.w.length;
  const oracle: CountingOracle = {
    size, k, image, signal, predicted: 0, gradients: 0,
    async probabilities(z, n) {
      oracle.predicted += n;
      const out = new Float32Array(n * k);
      for (let i = 0; i < n; i++) out.set(softmax(logitsOf(model, z, i * size)), i * k);
      return out;
    },
    async gradient(z, n, loss) {
      oracle.gradients += n;
      const gradient = new Float32Array(n * size);
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const { g, value } = gradientOne(model, z, i * size, loss, i);
        gradient.set(g, i * size);
        values[i] = value;
      }
      return { gradient, loss: values };
    },
  };
  return oracle;
}

/** The same model as a Classifier on encoded inputs x = lo + z·(hi − lo), for the probe tests. */
export function linearClassifier(model: LinearModel, sampleShape: number[], range: [number, number], info: Partial<ModelInfo> = {}): Classifier {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const k = model.w.length;
  const [lo, hi] = range;
  const toUnit = (x: ArrayLike<number>, n: number) => Float32Array.from({ length: n * size }, (_, j) => (x[j] - lo) / (hi - lo));
  return {
    info: {
      name: 'linear.onnx', format: 'onnx', sha256: 'f'.repeat(64), sizeBytes: 0, inputs: [], outputs: [], backend: 'cpu',
      differentiable: true, gradientPath: { kind: 'onnx-translated', maxAbsDiff: 0, tolerance: 1e-4 }, ...info,
    },
    labels: Array.from({ length: k }, (_, c) => `class ${c}`),
    sampleShape,
    async predict(x, n, signal) {
      if (signal?.aborted) throw new Error('predict called after abort');
      const z = toUnit(x, n);
      const out = new Float32Array(n * k);
      for (let i = 0; i < n; i++) out.set(softmax(logitsOf(model, z, i * size)), i * k);
      return out;
    },
    gradient: async (x, n, loss) => {
      const z = toUnit(x, n);
      const gradient = new Float32Array(n * size);
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const { g, value } = gradientOne(model, z, i * size, loss, i);
        // d/dx = d/dz · dz/dx = d/dz / (hi − lo).
        gradient.set(g.map((v) => v / (hi - lo)), i * size);
        values[i] = value;
      }
      return { gradient, loss: values };
    },
  };
}

/** The closed-form worst L∞ point for a binary linear model (class 1 vs 0) at ε: every input moved against the margin, clipped. */
export function worstLinfLogitGap(model: LinearModel, z: ArrayLike<number>, offset: number, y: number, eps: number): number {
  const other = 1 - y;
  const d = model.w[0].length;
  let gap = model.b[y] - model.b[other];
  for (let j = 0; j < d; j++) {
    const weight = model.w[y][j] - model.w[other][j];
    const moved = Math.min(1, Math.max(0, z[offset + j] - eps * Math.sign(weight)));
    gap += weight * moved;
  }
  return gap;
}
