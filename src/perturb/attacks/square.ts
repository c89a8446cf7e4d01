/**
 * The Square Attack, L∞ and score-based (Andriushchenko, Croce, Flammarion & Hein 2020, "Square
 * Attack: a query-efficient black-box adversarial attack via random search", Alg. 1 and the
 * authors' reference code): start from vertical stripes of ±ε, then repeatedly redraw one random
 * square window to a new ±ε per channel and keep the change when the margin loss
 * log p_y − max_{j≠y} log p_j drops. The window's share of the image follows the paper's schedule
 * p(i). Only class probabilities are read: no gradients.
 */
import type { Rng } from '../../core/rng';
import { throwIfCancelled } from '../../core/probe';
import { argmaxRows, clampUnit, LOG_FLOOR, probabilitiesOf, probabilityMargins, type AttackOracle, type ImageGeometry } from './unit-box';

export interface SquareOptions {
  /** L∞ radius in the unit box. */
  eps: number;
  /** Queries per sample, the first one included. */
  queries: number;
  /** Initial share of pixels in the square (the paper's p_init). */
  pInit: number;
  rng: Rng;
  onProgress?: (fraction: number) => void;
}

export interface SquareResult {
  success: Uint8Array;
  adversarial: Float32Array;
  /** Queries spent per sample (up to the budget; fewer when it succeeded early). */
  queries: Int32Array;
  /**
   * 1 where every probability but the top one was 0 at the start: the margin then reads as a
   * constant, and the search has no signal to follow until the boundary is close.
   */
  saturated: Uint8Array;
}

/** The paper's piecewise-constant schedule of the square's share of pixels (code: p_selection). */
export function squareShare(pInit: number, iteration: number, budget: number): number {
  const it = Math.floor((iteration / budget) * 10000);
  const steps: [number, number][] = [[10, 1], [50, 2], [200, 4], [500, 8], [1000, 16], [2000, 32], [4000, 64], [6000, 128], [8000, 256], [10000, 512]];
  for (let s = steps.length - 1; s > 0; s--) {
    if (it > steps[s - 1][0] && it <= steps[s][0]) return pInit / steps[s][1];
  }
  return pInit;
}

/** Index of (channel, row, column) in a sample of this geometry. */
function indexer(g: ImageGeometry): (c: number, r: number, col: number) => number {
  return g.layout === 'NCHW' ? (c, r, col) => (c * g.height + r) * g.width + col : (c, r, col) => (r * g.width + col) * g.channels + c;
}

export async function squareAttack(oracle: AttackOracle, z: Float32Array, labels: Int32Array, options: SquareOptions): Promise<SquareResult> {
  const { size, k, image } = oracle;
  const { eps, rng } = options;
  const n = labels.length;
  const at = indexer(image);
  const { channels: c, height: h, width: w } = image;
  if (Math.min(h, w) < 2) throw new Error(`The Square Attack needs images of at least 2 × 2 pixels; these are ${w} × ${h}.`);
  const best = new Float32Array(n * size);
  // Vertical stripes: one ±ε per channel and column.
  for (let i = 0; i < n; i++) {
    for (let ch = 0; ch < c; ch++) {
      for (let col = 0; col < w; col++) {
        const s = rng.next() < 0.5 ? -eps : eps;
        for (let r = 0; r < h; r++) {
          const j = i * size + at(ch, r, col);
          best[j] = clampUnit(z[j] + s);
        }
      }
    }
  }
  const probs = await probabilitiesOf(oracle, best, n);
  const margin = probabilityMargins(probs, k, labels);
  const success = Uint8Array.from(argmaxRows(probs, k), (top, i) => (top !== labels[i] ? 1 : 0));
  const saturated = Uint8Array.from(margin, (m) => (m >= -LOG_FLOOR ? 1 : 0));
  const queries = new Int32Array(n).fill(1);
  const candidate = new Float32Array(size);
  for (let iteration = 1; iteration < options.queries; iteration++) {
    throwIfCancelled(oracle.signal);
    const active = Int32Array.from({ length: n }, (_, i) => i).filter((i) => success[i] === 0);
    if (active.length === 0) break;
    const p = squareShare(options.pInit, iteration, options.queries);
    const side = Math.min(Math.max(Math.round(Math.sqrt((p * size) / c)), 1), Math.min(h, w) - 1);
    const trial = new Float32Array(active.length * size);
    active.forEach((i, a) => {
      const origin = z.subarray(i * size, (i + 1) * size);
      candidate.set(best.subarray(i * size, (i + 1) * size));
      // Any position: the reference code draws from [0, h − s), which never reaches the last row and column.
      const top = rng.int(h - side + 1);
      const left = rng.int(w - side + 1);
      // Redraw the window until it differs from the current best (the reference code does the same).
      for (let attempt = 0; attempt < 10; attempt++) {
        let changed = false;
        for (let ch = 0; ch < c; ch++) {
          const s = rng.next() < 0.5 ? -eps : eps;
          for (let r = top; r < top + side; r++) {
            for (let col = left; col < left + side; col++) {
              const j = at(ch, r, col);
              const v = clampUnit(origin[j] + s);
              if (Math.abs(v - candidate[j]) > 1e-7) changed = true;
              candidate[j] = v;
            }
          }
        }
        if (changed) break;
      }
      trial.set(candidate, a * size);
    });
    const trialProbs = await probabilitiesOf(oracle, trial, active.length);
    const trialMargin = probabilityMargins(trialProbs, k, Int32Array.from(active, (i) => labels[i]));
    const top = argmaxRows(trialProbs, k);
    active.forEach((i, a) => {
      queries[i] += 1;
      if (trialMargin[a] < margin[i]) {
        margin[i] = trialMargin[a];
        best.set(trial.subarray(a * size, (a + 1) * size), i * size);
      }
      if (top[a] !== labels[i]) {
        success[i] = 1;
        best.set(trial.subarray(a * size, (a + 1) * size), i * size);
      }
    });
    options.onProgress?.(iteration / (options.queries - 1));
  }
  return { success, adversarial: best, queries, saturated };
}
