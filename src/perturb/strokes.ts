/**
 * The stroke corruptions of MNIST-C (Mu & Gilmer 2019, "MNIST-C: A Robustness Benchmark for
 * Computer Vision", github.com/google-research/mnist-c, corruptions.py): lines drawn across the
 * digit with a soft edge. Coordinates are given on MNIST's 28 × 28 grid and scaled to the image.
 */
import type { Rng } from '../core/rng';
import { randint } from './random';

/** MNIST's side, on which MNIST-C's coordinates are given. */
export const MNIST_SIDE = 28;

/**
 * MNIST-C's `line_from_points(c0, r0, c1, r1)`: intensity log(1 − d/2.3) + 1 (clipped to [0, 1])
 * at vertical distance d from the line through (c0, r0) and (c1, r1), zero left of ⌊c0⌋ and from
 * ⌈c1⌉ on, and all zero for a vertical line. Coordinates in MNIST pixels; the mask is width × height.
 */
export function lineMask(width: number, height: number, c0: number, r0: number, c1: number, r1: number, into?: Float64Array): Float64Array {
  // With `into`, the line is added to it (capped at 1), as zigzag adds its segments one by one.
  const mask = into ?? new Float64Array(width * height);
  if (c1 === c0) return mask;
  const sx = (width - 1) / (MNIST_SIDE - 1);
  const sy = (height - 1) / (MNIST_SIDE - 1);
  const slope = (r1 - r0) / (c1 - c0);
  const left = Math.floor(c0);
  const right = Math.ceil(c1);
  for (let x = 0; x < width; x++) {
    const cc = x / sx;
    // Columns are cut on MNIST's grid; a negative ⌊c0⌋ (which numpy would read from the end) cuts nothing.
    if ((left > 0 && cc < left) || cc >= right) continue;
    const row = slope * (cc - c0) + r0;
    // Only rows within 2.3 MNIST pixels of the line are lit: visit those.
    const y0 = Math.max(0, Math.floor((row - 2.3) * sy));
    const y1 = Math.min(height - 1, Math.ceil((row + 2.3) * sy));
    for (let y = y0; y <= y1; y++) {
      const d = Math.min(Math.abs(y / sy - row), 2.3 - 1e-10);
      const v = Math.min(1, Math.max(0, Math.log(1 - d / 2.3) + 1));
      mask[y * width + x] = into ? Math.min(1, mask[y * width + x] + v) : v;
    }
  }
  return mask;
}

/** MNIST-C's `dotted_line`: a line from the left to the right edge with every other 2-pixel dash removed. */
export function dottedLineMask(rng: Rng, width: number, height: number): Float64Array {
  const r0 = randint(rng, 0, 27);
  const r1 = randint(rng, 0, 27);
  const mask = lineMask(width, height, 0, r0, 27, r1);
  const sx = width / MNIST_SIDE;
  for (let x = 0; x < width; x++) {
    // numpy.arange(0, 30, 2) cuts: columns [0, 2), [4, 6), … are off.
    const dash = Math.floor(x / sx / 2);
    if (dash % 2 === 0) for (let y = 0; y < height; y++) mask[y * width + x] = 0;
  }
  return mask;
}

/** MNIST-C's `zigzag`: a zig-zag line of teeth 2 long and 2 high across the digit, at a random height and tilt. */
export function zigzagMask(rng: Rng, width: number, height: number): Float64Array {
  const a = 2;
  const b = 2;
  const c0 = 2;
  const c1 = 25;
  const r0 = randint(rng, 0, 27);
  const r1 = r0 + randint(rng, -5, 5);
  const theta = Math.atan((r1 - r0) / (c1 - c0));
  const d = (c1 - c0) / Math.cos(theta);
  const points: [number, number][] = [[0, 0]];
  let ri = 0;
  const teeth = Math.floor((d - a) / (2 * a)) + 1;
  for (let i = 0; i < teeth; i++) {
    ri = (-1) ** i * b;
    points.push([(2 * i + 1) * a, ri]);
  }
  const maxC = 2 * a * Math.floor(d / (2 * a));
  if (d !== maxC) points.push([d, ri / (2 * (d - maxC))]);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const cs = points.map(([c, r]) => cos * c - sin * r + c0);
  const rs = points.map(([c, r]) => sin * c + cos * r + r0);
  const mask = new Float64Array(width * height);
  for (let i = 1; i < points.length; i++) lineMask(width, height, cs[i - 1], rs[i - 1], cs[i], rs[i], mask);
  return mask;
}
