/**
 * Frost textures. ImageNet-C's frost blends a random crop of one of six photographs of frost on a
 * window (shipped with the imagenet-c package). Those photographs are not part of TrustGrade, so
 * the textures are synthesised instead: a plasma-fractal haze plus ice needles with short side
 * branches, lightly blurred and scaled to a mean of ~45 % of full brightness. The published blend
 * weights are kept, but frost numbers are therefore not comparable with published frost results.
 */
import { createRng, type Rng } from '../core/rng';
import { gaussianFilter } from './filters';
import { nextPowerOfTwo, plasmaFractal } from './plasma';
import { uniform } from './random';

const TARGET_MEAN = 0.45;

/** Adds a bright anti-aliased segment from (x, y) along `angle` for `length` pixels. */
function drawNeedle(t: Float64Array, size: number, x: number, y: number, angle: number, length: number, brightness: number): void {
  const steps = Math.max(2, Math.ceil(length * 2));
  const dx = (Math.cos(angle) * length) / steps;
  const dy = (Math.sin(angle) * length) / steps;
  for (let s = 0; s <= steps; s++) {
    const px = x + dx * s;
    const py = y + dy * s;
    const x0 = Math.floor(px);
    const y0 = Math.floor(py);
    const fx = px - x0;
    const fy = py - y0;
    const b = 0.5 * brightness;
    if (x0 >= 0 && y0 >= 0 && x0 + 1 < size && y0 + 1 < size) {
      const i = y0 * size + x0;
      t[i] += b * (1 - fx) * (1 - fy);
      t[i + 1] += b * fx * (1 - fy);
      t[i + size] += b * (1 - fx) * fy;
      t[i + size + 1] += b * fx * fy;
    }
  }
}

/** One size × size texture with values on 0–255. */
export function frostTexture(rng: Rng, size: number): Float64Array {
  const map = plasmaFractal(rng, nextPowerOfTwo(size), 2);
  const n = nextPowerOfTwo(size);
  const t = new Float64Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) t[y * size + x] = 0.35 * map[y * n + x];
  const needles = Math.ceil((size * size) / 45);
  for (let i = 0; i < needles; i++) {
    const x = uniform(rng, 0, size);
    const y = uniform(rng, 0, size);
    const angle = uniform(rng, 0, 2 * Math.PI);
    const length = uniform(rng, 0.04, 0.18) * size;
    const brightness = uniform(rng, 0.3, 1);
    drawNeedle(t, size, x, y, angle, length, brightness);
    for (const side of [-1, 1]) {
      const at = uniform(rng, 0.2, 0.8);
      drawNeedle(t, size, x + Math.cos(angle) * length * at, y + Math.sin(angle) * length * at, angle + (side * Math.PI) / 3, length * 0.3, brightness * 0.8);
    }
  }
  gaussianFilter(t, size, size, Math.max(0.5, size / 160));
  let sum = 0;
  for (const v of t) sum += Math.min(v, 1);
  const gain = sum > 0 ? (TARGET_MEAN * t.length) / sum : 1;
  for (let i = 0; i < t.length; i++) t[i] = Math.min(1, t[i] * gain) * 255;
  return t;
}

/** A bank of textures, each `size` pixels square (crops are taken from them); five, as the published code only ever draws from its first five photographs. */
export function frostBank(rng: Rng, size: number, count = 5): Float64Array[] {
  return Array.from({ length: count }, (_, i) => frostTexture(rng.fork(`frost-${i}`), size));
}

const banks = new Map<string, Float64Array[]>();

/**
 * The bank for a texture size and a seed, made once: every severity of a run (and every run with
 * the same seed) blends the same textures, as the published code uses the same photographs.
 */
export function cachedFrostBank(seed: number, size: number): Float64Array[] {
  const key = `${seed}/${size}`;
  let bank = banks.get(key);
  if (!bank) {
    bank = frostBank(createRng(seed), size);
    if (banks.size >= 8) banks.delete(banks.keys().next().value as string);
    banks.set(key, bank);
  }
  return bank;
}
