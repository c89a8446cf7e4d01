/**
 * A few adversarial examples beside their originals, for the report: small 8-bit thumbnails kept
 * as plain numbers in the measurement's details (no image files, nothing for the browser to fetch).
 */
import type { ImageBinding, Json } from '../../core/types';
import { argmaxRows, type AttackOracle } from '../../perturb/attacks/unit-box';

/** Largest side of a stored thumbnail; bigger images are sampled down (nearest pixel). */
export const THUMBNAIL_SIDE = 48;

/** A unit-box sample as an 8-bit image, interleaved HWC in RGB order (or gray). */
export function thumbnail(z: Float32Array, binding: ImageBinding): { [key: string]: Json } {
  const { channels: c, height: h, width: w } = binding;
  const scale = Math.max(1, Math.max(h, w) / THUMBNAIL_SIDE);
  const th = Math.max(1, Math.round(h / scale));
  const tw = Math.max(1, Math.round(w / scale));
  const pixels: number[] = [];
  for (let r = 0; r < th; r++) {
    for (let col = 0; col < tw; col++) {
      const sr = Math.min(h - 1, Math.floor(r * scale));
      const sc = Math.min(w - 1, Math.floor(col * scale));
      for (let k = 0; k < c; k++) {
        // Show RGB whatever order the model reads its channels in.
        const ch = c === 3 && binding.channelOrder === 'BGR' ? 2 - k : k;
        const j = binding.layout === 'NCHW' ? (ch * h + sr) * w + sc : (sr * w + sc) * c + ch;
        pixels.push(Math.round(Math.min(1, Math.max(0, z[j])) * 255));
      }
    }
  }
  return { width: tw, height: th, channels: c, pixels };
}

/** The perturbation scaled so ±ε spans black to white around mid-grey. */
function perturbationThumbnail(original: Float32Array, adversarial: Float32Array, eps: number, binding: ImageBinding): { [key: string]: Json } {
  const scaled = Float32Array.from(adversarial, (v, j) => 0.5 + (v - original[j]) / (2 * (eps || 1)));
  return thumbnail(scaled, binding);
}

interface Found {
  attack: string;
  epsilon: number;
  point: Float32Array;
}

/**
 * Keeps, for the first few originally correct samples, the adversarial point found at the
 * smallest ε; at the end shows up to `count` of them with the model's prediction before and after.
 */
export class ExampleCollector {
  private readonly candidates: Set<number>;
  private readonly found = new Map<number, Found>();

  constructor(correct: Uint8Array, private readonly size: number, watch = 12) {
    const rows: number[] = [];
    correct.forEach((c, r) => {
      if (c && rows.length < watch) rows.push(r);
    });
    this.candidates = new Set(rows);
  }

  /** Offers the adversarial point of attacked row r, found by `attack` at ε. */
  offer(r: number, attack: string, epsilon: number, point: Float32Array): void {
    if (!this.candidates.has(r)) return;
    const known = this.found.get(r);
    if (known && known.epsilon <= epsilon) return;
    this.found.set(r, { attack, epsilon, point: Float32Array.from(point) });
  }

  /** Offers every row an attack fooled, taking its point from `points` (rows back to back). */
  offerAll(success: Uint8Array, rows: ArrayLike<number>, attack: string, epsilon: number | ArrayLike<number>, points: Float32Array): void {
    for (let a = 0; a < rows.length; a++) {
      if (!success[a]) continue;
      const eps = typeof epsilon === 'number' ? epsilon : epsilon[a];
      this.offer(rows[a], attack, eps, points.subarray(a * this.size, (a + 1) * this.size));
    }
  }

  async finish(setup: { oracle: AttackOracle; z: Float32Array; labels: Int32Array; probs: Float32Array; indices: Int32Array; binding: ImageBinding }, labelNames: string[], count = 4): Promise<Json[]> {
    const rows = [...this.found.keys()].sort((a, b) => a - b).slice(0, count);
    if (rows.length === 0) return [];
    const { oracle, z, labels, probs, indices, binding } = setup;
    const k = oracle.k;
    const points = new Float32Array(rows.length * this.size);
    rows.forEach((r, a) => points.set(this.found.get(r)!.point, a * this.size));
    const after = await oracle.probabilities(points, rows.length);
    const top = argmaxRows(after, k);
    return rows.map((r, a) => {
      const found = this.found.get(r)!;
      const original = z.subarray(r * this.size, (r + 1) * this.size);
      const cleanTop = argmaxRows(probs.subarray(r * k, (r + 1) * k), k)[0];
      return {
        sample: indices[r],
        label: labelNames[labels[r]],
        attack: found.attack,
        epsilon: Math.round(found.epsilon * 1e5) / 1e5,
        original: { image: thumbnail(original, binding), predicted: labelNames[cleanTop], confidence: round(probs[r * k + cleanTop]) },
        adversarial: { image: thumbnail(found.point, binding), predicted: labelNames[top[a]], confidence: round(after[a * k + top[a]]) },
        perturbation: perturbationThumbnail(original, found.point, found.epsilon, binding),
      };
    });
  }
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;
