/**
 * HopSkipJump, L∞ and decision-based (Chen, Jordan & Wainwright 2020, "HopSkipJumpAttack: A
 * Query-Efficient Decision-Based Attack", Alg. 2, with the constants of the authors' reference
 * code): only the predicted class is read. From a misclassified starting point it walks along the
 * decision boundary towards the original: estimate the boundary's normal from the signs of many
 * random probes (baseline-subtracted, eq. 9), step along sign(estimate), search the step size
 * geometrically, then bisect back to the boundary. It finds a small L∞ perturbation, so one run
 * per sample answers every ε of a grid: the sample falls at each ε ≥ the distance it found.
 */
import type { Rng } from '../../core/rng';
import { throwIfCancelled } from '../../core/probe';
import { argmaxRows, clampUnit, type AttackOracle } from './unit-box';

export interface HopSkipJumpOptions {
  /** Queries per sample (model predictions), the starting-point search included. */
  queries: number;
  rng: Rng;
  /**
   * Random probes in the first gradient estimate (grows as √t). The paper's B₀ = 100 is for budgets
   * of thousands; by default a twentieth of the budget, between 10 and 100, so that small budgets
   * still take several steps.
   */
  initialProbes?: number;
  onSample?: (done: number) => void;
}

export interface HopSkipJumpResult {
  /** Smallest L∞ distance (unit box) at which an adversarial point was found; +∞ where none was. */
  distance: Float64Array;
  /** That adversarial point per sample (the original where none was found). */
  adversarial: Float32Array;
  queries: Int32Array;
}

class Budget {
  used = 0;
  constructor(readonly limit: number) {}
  get left(): number {
    return this.limit - this.used;
  }
}

const linf = (a: Float32Array, b: Float32Array): number => {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j] - b[j]));
  return m;
};

/** Clips a point into the L∞ box of radius α around x (the paper's projection for ℓ∞). */
function projectTo(x: Float32Array, point: Float32Array, alpha: number): Float32Array {
  return Float32Array.from(point, (v, j) => Math.min(Math.max(v, x[j] - alpha), x[j] + alpha));
}

/** Runs HopSkipJump on one sample. */
async function attackOne(oracle: AttackOracle, x: Float32Array, label: number, options: HopSkipJumpOptions): Promise<{ distance: number; point: Float32Array; used: number }> {
  const { size, k } = oracle;
  const budget = new Budget(options.queries);
  const rng = options.rng;
  /** Which of m points (back to back) are misclassified; null once the budget cannot pay for them. */
  const decide = async (points: Float32Array, m: number): Promise<Uint8Array | null> => {
    if (m > budget.left) return null;
    throwIfCancelled(oracle.signal);
    budget.used += m;
    const top = argmaxRows(await oracle.probabilities(points, m), k);
    return Uint8Array.from(top, (c) => (c !== label ? 1 : 0));
  };

  // Starting point: uniform noise that the model misclassifies, found in batches of 10.
  let start: Float32Array | null = null;
  for (let tries = 0; tries < 10 && !start; tries++) {
    const batch = Math.min(10, budget.left);
    if (batch <= 0) break;
    const noise = Float32Array.from({ length: batch * size }, () => rng.next());
    const fooled = await decide(noise, batch);
    if (!fooled) break;
    const hit = fooled.indexOf(1);
    if (hit >= 0) start = noise.slice(hit * size, (hit + 1) * size);
  }
  if (!start) return { distance: Number.POSITIVE_INFINITY, point: x, used: budget.used };

  // Blend towards the original while the noise still fools the model (reference code: tolerance 0.001).
  let low = 0;
  let high = 1;
  while (high - low > 0.001) {
    const mid = (low + high) / 2;
    const blended = Float32Array.from(x, (v, j) => (1 - mid) * v + mid * start![j]);
    const fooled = await decide(blended, 1);
    if (!fooled) break;
    if (fooled[0]) high = mid;
    else low = mid;
  }
  let current: Float32Array = Float32Array.from(x, (v, j) => (1 - high) * v + high * start![j]);
  let best: Float32Array = current;
  let bestDistance = linf(current, x);

  const d = size;
  const theta = 1 / (d * d);
  /** Bisection on the L∞ radius between x and an adversarial point, to threshold min(dist·θ, θ). */
  const toBoundary = async (point: Float32Array): Promise<Float32Array | null> => {
    const dist = linf(point, x);
    let lo = 0;
    let hi = dist;
    const threshold = Math.min(dist * theta, theta);
    while ((hi - lo) / threshold > 1) {
      const mid = (lo + hi) / 2;
      const fooled = await decide(projectTo(x, point, mid), 1);
      if (!fooled) return null;
      if (fooled[0]) hi = mid;
      else lo = mid;
      if (hi - lo < 1e-7) break;
    }
    return projectTo(x, point, hi);
  };

  const bounded = await toBoundary(current);
  if (bounded) {
    current = bounded;
    const dist = linf(current, x);
    if (dist < bestDistance) {
      best = current;
      bestDistance = dist;
    }
  }

  const initialProbes = options.initialProbes ?? Math.min(100, Math.max(10, Math.round(options.queries / 20)));
  for (let t = 1; budget.left > 0; t++) {
    const dist = linf(current, x);
    const delta = t === 1 ? 0.1 : d * theta * dist;
    const probes = Math.min(Math.floor(initialProbes * Math.sqrt(t)), 10000, budget.left - 1);
    if (probes < 2) break;
    // Gradient-direction estimate from uniform probes on the unit sphere around the current point.
    const directions = new Float32Array(probes * size);
    const points = new Float32Array(probes * size);
    for (let b = 0; b < probes; b++) {
      let s = 0;
      for (let j = 0; j < size; j++) {
        const u = 2 * rng.next() - 1;
        directions[b * size + j] = u;
        s += u * u;
      }
      const norm = Math.sqrt(s) || 1;
      for (let j = 0; j < size; j++) {
        const p = clampUnit(current[j] + (delta * directions[b * size + j]) / norm);
        points[b * size + j] = p;
        directions[b * size + j] = (p - current[j]) / delta;
      }
    }
    const fooled = await decide(points, probes);
    if (!fooled) break;
    let mean = 0;
    for (const f of fooled) mean += 2 * f - 1;
    mean /= probes;
    const estimate = new Float64Array(size);
    for (let b = 0; b < probes; b++) {
      // Baseline subtraction (eq. 9) unless every probe agreed.
      const weight = Math.abs(mean) === 1 ? mean : 2 * fooled[b] - 1 - mean;
      for (let j = 0; j < size; j++) estimate[j] += weight * directions[b * size + j];
    }
    const update = Float32Array.from(estimate, Math.sign);
    // Geometric step-size search: halve until the step stays adversarial.
    let epsilon = dist / Math.sqrt(t);
    let stepped: Float32Array | null = null;
    while (budget.left > 1 && epsilon > 1e-7) {
      const candidate = Float32Array.from(current, (v, j) => clampUnit(v + epsilon * update[j]));
      const ok = await decide(candidate, 1);
      if (!ok) break;
      if (ok[0]) {
        stepped = candidate;
        break;
      }
      epsilon /= 2;
    }
    if (!stepped) break;
    const next = await toBoundary(stepped);
    current = next ?? stepped;
    const distance = linf(current, x);
    if (distance < bestDistance) {
      best = current;
      bestDistance = distance;
    }
    if (!next) break;
  }
  return { distance: bestDistance, point: best, used: budget.used };
}

/** HopSkipJump (L∞) on each of n samples in turn, each with its own query budget. */
export async function hopSkipJump(oracle: AttackOracle, z: Float32Array, labels: Int32Array, options: HopSkipJumpOptions): Promise<HopSkipJumpResult> {
  const { size } = oracle;
  const n = labels.length;
  const distance = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const adversarial = Float32Array.from(z);
  const queries = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    throwIfCancelled(oracle.signal);
    const x = z.slice(i * size, (i + 1) * size);
    const result = await attackOne(oracle, x, labels[i], options);
    distance[i] = result.distance;
    adversarial.set(result.point, i * size);
    queries[i] = result.used;
    options.onSample?.(i + 1);
  }
  return { distance, adversarial, queries };
}
