/**
 * The ImageNet-C corruptions on small images: pixels computed by hand where the corruption is
 * deterministic (contrast, brightness, pixelate, zoom, defocus, JPEG on flat images), statistics
 * where it is random (noise), and for all 15 × 5: determinism per seed and stream, valid output
 * for gray and colour images of odd sizes, and the parameter set chosen by image size.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { imagenetCCorruptions, IMAGENET_C_IDS } from '../../src/perturb/imagenet-c';
import { PARAMETER_SETS, resolveParameters } from '../../src/perturb/imagenet-c-params';
import type { ImageCorruption } from '../../src/perturb/corruption';
import type { ImageShape } from '../../src/perturb/image';

const rng = createRng(1);
const byId = (id: string, set: Parameters<typeof imagenetCCorruptions>[0] = 'auto'): ImageCorruption => imagenetCCorruptions(set).find((c) => c.id === id)!;
function apply(id: string, src: Uint8Array, shape: ImageShape, severity: number, seed = 7, set: Parameters<typeof imagenetCCorruptions>[0] = 'auto'): Uint8Array {
  const dst = new Uint8Array(src.length);
  byId(id, set).prepare(shape, severity, rng.fork('prepare'))(src, dst, createRng(seed));
  return dst;
}
const gray = (w: number, h: number): ImageShape => ({ width: w, height: h, channels: 1 });

describe('parameter sets', () => {
  it('pick the published set nearest the image size and scale pixel lengths to it', () => {
    expect(resolveParameters('auto', 28, 28)).toMatchObject({ id: 'cifar-10-c', scale: 28 / 32 });
    expect(resolveParameters('auto', 64, 80)).toMatchObject({ id: 'tiny-imagenet-c', scale: 1 });
    expect(resolveParameters('auto', 224, 224)).toMatchObject({ id: 'imagenet-c', scale: 1 });
    expect(resolveParameters('imagenet-c', 28, 28)).toMatchObject({ id: 'imagenet-c', scale: 28 / 224 });
  });

  it('hold the published CIFAR-10-C and ImageNet-C values (spot checks against the scripts)', () => {
    expect(PARAMETER_SETS['cifar-10-c'].gaussianNoise).toEqual([0.04, 0.06, 0.08, 0.09, 0.1]);
    expect(PARAMETER_SETS['cifar-10-c'].jpeg).toEqual([80, 65, 58, 50, 40]);
    expect(PARAMETER_SETS['imagenet-c'].shotNoise).toEqual([60, 25, 12, 5, 3]);
    expect(PARAMETER_SETS['imagenet-c'].glassBlur[4]).toEqual([1.5, 4, 2]);
    expect(PARAMETER_SETS['tiny-imagenet-c'].pixelate).toEqual([0.9, 0.8, 0.7, 0.6, 0.5]);
  });

  it('report the scaled parameters used', () => {
    expect(byId('defocus_blur').parameters(gray(28, 28), 5)).toEqual({ set: 'cifar-10-c', radius: 1.3125, aliasBlur: 0.1 });
    expect(byId('jpeg_compression').parameters(gray(28, 28), 1)).toEqual({ set: 'cifar-10-c', quality: 80 });
  });
});

describe('known pixels', () => {
  it('contrast: (x − mean)·c + mean per channel (CIFAR severity 1, c = 0.75)', () => {
    // mean 100: 0 → 25, 200 → 175
    expect(Array.from(apply('contrast', Uint8Array.of(0, 100, 200, 100), gray(2, 2), 1))).toEqual([25, 100, 175, 100]);
  });

  it('brightness on gray: x + c clipped (c = 0.05 → +12.75 levels, rounded)', () => {
    expect(Array.from(apply('brightness', Uint8Array.of(0, 100, 250, 255), gray(2, 2), 1))).toEqual([13, 113, 255, 255]);
  });

  it('brightness on colour: HSV value + c with hue and saturation kept (every channel scales by V′/V)', () => {
    const out = apply('brightness', Uint8Array.of(100, 50, 0, 0, 0, 0), { width: 2, height: 1, channels: 3 }, 1);
    // V = 100 → 112.75: ×1.1275; black (V = 0) becomes gray at V′ = 12.75.
    expect(Array.from(out)).toEqual([113, 56, 0, 13, 13, 13]);
  });

  it('pixelate: Pillow BOX to ⌊w·c⌋ and back (ImageNet-C severity 2, c = 0.5, on a 4×1 ramp)', () => {
    expect(Array.from(apply('pixelate', Uint8Array.of(0, 60, 120, 180), gray(4, 1), 2, 1, 'imagenet-c'))).toEqual([30, 30, 150, 150]);
  });

  it('zoom blur and defocus blur keep a flat image flat (their weights sum to 1)', () => {
    const flat = new Uint8Array(28 * 28).fill(77);
    for (const id of ['zoom_blur', 'defocus_blur']) {
      for (let s = 1; s <= 5; s++) expect(new Set(apply(id, flat, gray(28, 28), s))).toEqual(new Set([77]));
    }
  });

  it('defocus blur of a single bright pixel is the disk kernel, centred (CIFAR severity 1: radius 0.2625 → 3×3 Gaussian σ 0.4)', () => {
    const src = new Uint8Array(25);
    src[12] = 255;
    const out = apply('defocus_blur', src, gray(5, 5), 1);
    const e = Math.exp(-1 / (2 * 0.4 * 0.4));
    const g = [e / (1 + 2 * e), 1 / (1 + 2 * e)];
    expect(out[12]).toBe(Math.round(255 * g[1] * g[1]));
    expect(out[11]).toBe(Math.round(255 * g[0] * g[1]));
    expect(out[6]).toBe(Math.round(255 * g[0] * g[0]));
    expect(out[0]).toBe(0);
  });

  it('elastic transform at CIFAR severity 1 (alpha 0) only moves a flat image within itself', () => {
    expect(new Set(apply('elastic_transform', new Uint8Array(28 * 28).fill(90), gray(28, 28), 1))).toEqual(new Set([90]));
  });

  it('JPEG keeps a flat gray image within a level', () => {
    for (const v of [0, 37, 128, 255]) {
      const out = apply('jpeg_compression', new Uint8Array(28 * 28).fill(v), gray(28, 28), 5);
      for (const p of out) expect(Math.abs(p - v)).toBeLessThanOrEqual(1);
    }
  });

  it('fog rescales by max / (max + amplitude): a black image stays black', () => {
    expect(new Set(apply('fog', new Uint8Array(64), gray(8, 8), 3))).toEqual(new Set([0]));
  });
});

describe('noise statistics on a mid-gray 64×64 image', () => {
  const shape = gray(64, 64);
  const mid = new Uint8Array(64 * 64).fill(128);
  const stats = (out: Uint8Array) => {
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    const sd = Math.sqrt(out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length);
    return { mean, sd };
  };

  it('gaussian noise has sd c·255 (CIFAR severity 5: 25.5 levels)', () => {
    const { mean, sd } = stats(apply('gaussian_noise', mid, shape, 5, 7, 'cifar-10-c'));
    expect(Math.abs(mean - 128)).toBeLessThan(1.5);
    expect(Math.abs(sd - 25.5)).toBeLessThan(1.5);
  });

  it('shot noise has sd 255·√(x/c) (CIFAR severity 1, c = 500: 8.06 levels)', () => {
    const { mean, sd } = stats(apply('shot_noise', mid, shape, 1, 7, 'cifar-10-c'));
    expect(Math.abs(mean - 128)).toBeLessThan(1);
    expect(Math.abs(sd - 255 * Math.sqrt(128 / 255 / 500))).toBeLessThan(0.6);
  });

  it('impulse noise sets about c of the values to 0 or 255, half each (ImageNet-C severity 5, c = 0.27)', () => {
    const out = apply('impulse_noise', mid, shape, 5, 3, 'imagenet-c');
    const black = out.filter((v) => v === 0).length / out.length;
    const white = out.filter((v) => v === 255).length / out.length;
    expect(black + white).toBeGreaterThan(0.24);
    expect(black + white).toBeLessThan(0.3);
    expect(Math.abs(black - white)).toBeLessThan(0.04);
  });

  it('glass blur only moves pixels around before blurring: the mean of a textured image barely changes', () => {
    const textured = Uint8Array.from({ length: 64 * 64 }, (_, i) => ((i * 37) % 7) * 30);
    const before = stats(textured).mean;
    expect(Math.abs(stats(apply('glass_blur', textured, shape, 5, 7, 'cifar-10-c')).mean - before)).toBeLessThan(1.5);
  });
});

describe('all 15 corruptions × 5 severities', () => {
  const cases: [string, ImageShape][] = [['gray 28×28', gray(28, 28)], ['colour 13×9', { width: 13, height: 9, channels: 3 }], ['gray 4×4', gray(4, 4)]];
  it.each(cases)('run on %s images and repeat exactly for the same stream', (name, shape) => {
    const size = shape.width * shape.height * shape.channels;
    const src = Uint8Array.from({ length: size }, (_, i) => (i * 53 + 17) % 256);
    for (const c of imagenetCCorruptions()) {
      expect(c.levels).toBe(5);
      // Every severity on the small images; the largest on 28×28 (where each must change the image).
      for (let s = name === 'gray 28×28' ? 5 : 1; s <= 5; s++) {
        const run = c.prepare(shape, s, rng.fork(`prepare/${c.id}`));
        const a = new Uint8Array(size);
        const b = new Uint8Array(size);
        run(src, a, createRng(9));
        run(src, b, createRng(9));
        expect(a, `${c.id} ${s}`).toEqual(b);
        // On tiny images a few severities shrink to nothing (a defocus disk below one pixel).
        if (s === 5 && name === 'gray 28×28') expect(Array.from(a), `${c.id} changes the image`).not.toEqual(Array.from(src));
      }
    }
    expect(IMAGENET_C_IDS).toHaveLength(15);
  });

  it('draw different noise from different streams', () => {
    const src = new Uint8Array(28 * 28).fill(100);
    expect(apply('gaussian_noise', src, gray(28, 28), 3, 1)).not.toEqual(apply('gaussian_noise', src, gray(28, 28), 3, 2));
  });

  it('refuse a buffer of the wrong size and a severity outside 1–5', () => {
    const c = byId('contrast');
    expect(() => c.prepare(gray(2, 2), 1, rng)(new Uint8Array(3), new Uint8Array(3), rng)).toThrow(/prepared for 2×2×1/);
    expect(() => c.prepare(gray(2, 2), 6, rng)).toThrow(/severities 1 to 5/);
  });
});
