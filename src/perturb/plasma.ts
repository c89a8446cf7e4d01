/**
 * The plasma fractal of ImageNet-C's fog corruption (`plasma_fractal` in Hendrycks & Dietterich's
 * corruptions.py, itself a modification of FLHerne/mapgen's diamond-square generator): a
 * mapsize × mapsize height map (mapsize a power of two), wrapping at the edges, scaled to [0, 1].
 * Each level's random offsets have amplitude wibble², and wibble is divided by `wibbleDecay`
 * per level, so a larger decay gives a smoother map.
 */
import type { Rng } from '../core/rng';
import { uniform } from './random';

export function plasmaFractal(rng: Rng, mapsize: number, wibbleDecay: number): Float64Array {
  if (!(mapsize >= 1) || (mapsize & (mapsize - 1)) !== 0) {
    throw new RangeError(`plasmaFractal needs a power of two for mapsize; got ${mapsize}.`);
  }
  const n = mapsize;
  const mask = n - 1;
  const map = new Float64Array(n * n);
  // Indices wrap around: n is a power of two, so `& mask` is the modulo, negatives included.
  let step = n;
  let wibble = 100;
  while (step >= 2) {
    const half = step / 2;
    const amplitude = wibble;
    // Squares: each centre gets the mean of its four corners plus noise.
    for (let r = 0; r < n; r += step) {
      const r1 = (r + step) & mask;
      for (let c = 0; c < n; c += step) {
        const c1 = (c + step) & mask;
        const sum = map[r * n + c] + map[r1 * n + c] + map[r * n + c1] + map[r1 * n + c1];
        map[(r + half) * n + (c + half)] = sum / 4 + amplitude * uniform(rng, -amplitude, amplitude);
      }
    }
    // Diamonds: the edge midpoints, from two corners and two centres (the grid wraps around).
    const rows = n / step;
    const top = new Float64Array(rows * rows);
    const left = new Float64Array(rows * rows);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        const r = i * step;
        const c = j * step;
        const centre = map[(r + half) * n + c + half];
        top[i * rows + j] = centre + map[((r - half) & mask) * n + c + half] + map[r * n + c] + map[r * n + ((c + step) & mask)];
        left[i * rows + j] = centre + map[(r + half) * n + ((c - half) & mask)] + map[r * n + c] + map[((r + step) & mask) * n + c];
      }
    }
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) map[i * step * n + j * step + half] = top[i * rows + j] / 4 + amplitude * uniform(rng, -amplitude, amplitude);
    }
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) map[(i * step + half) * n + j * step] = left[i * rows + j] / 4 + amplitude * uniform(rng, -amplitude, amplitude);
    }
    step = half;
    wibble /= wibbleDecay;
  }
  let min = Infinity;
  for (const v of map) min = Math.min(min, v);
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    map[i] -= min;
    max = Math.max(max, map[i]);
  }
  if (max > 0) for (let i = 0; i < map.length; i++) map[i] /= max;
  return map;
}

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
