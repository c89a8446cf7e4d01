/** MNIST-C's affine and stroke corruptions: hand-computed pixels on small images, and their shapes. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { cannyEdges } from '../../src/perturb/canny';
import { mnistCCorruptions, MNIST_C_IDS } from '../../src/perturb/mnist-c';
import { dottedLineMask, lineMask, zigzagMask } from '../../src/perturb/strokes';
import type { ImageShape } from '../../src/perturb/image';

const gray = (w: number, h: number): ImageShape => ({ width: w, height: h, channels: 1 });
function apply(id: string, src: Uint8Array, shape: ImageShape, severity: number, seed = 3): Uint8Array {
  const dst = new Uint8Array(src.length);
  mnistCCorruptions().find((c) => c.id === id)!.prepare(shape, severity, createRng(0))(src, dst, createRng(seed));
  return dst;
}

describe('affine corruptions', () => {
  it('translate moves the image by whole pixels at severity 1 (one pixel each way, zeros coming in)', () => {
    const src = Uint8Array.from({ length: 28 * 28 }, (_, i) => (i % 28 > 5 && i % 28 < 20 && i > 150 && i < 600 ? 200 : 0));
    const out = apply('translate', src, gray(28, 28), 1);
    const shifted = (dx: number, dy: number) =>
      Uint8Array.from({ length: 28 * 28 }, (_, i) => {
        const x = (i % 28) + dx;
        const y = Math.floor(i / 28) + dy;
        return x < 0 || y < 0 || x >= 28 || y >= 28 ? 0 : src[y * 28 + x];
      });
    const matches = [[-1, -1], [-1, 1], [1, -1], [1, 1]].filter(([dx, dy]) => Array.from(shifted(dx, dy)).join() === Array.from(out).join());
    expect(matches).toHaveLength(1);
  });

  it('scale keeps the centre pixel of an odd image and shrinks a flat square towards it', () => {
    const src = new Uint8Array(9 * 9).fill(100);
    const out = apply('scale', src, gray(9, 9), 5); // inverse scale 2: the image shrinks to half, zeros around
    expect(out[4 * 9 + 4]).toBe(100);
    expect(out[0]).toBe(0);
    expect(out[4 * 9 + 2]).toBe(100); // reads input column 4 + 2·(2 − 4) = 0, still inside
    expect(out[4 * 9 + 1]).toBe(0); // reads column −2: outside
  });

  it('rotate turns about the centre: a centred disk changes only along its rim', () => {
    const disk = Uint8Array.from({ length: 21 * 21 }, (_, i) => ((i % 21) - 10) ** 2 + (Math.floor(i / 21) - 10) ** 2 <= 36 ? 255 : 0);
    const out = apply('rotate', disk, gray(21, 21), 5);
    const changed = out.reduce((a, v, i) => a + Math.abs(v - disk[i]), 0) / 255;
    expect(changed).toBeLessThan(0.15 * disk.filter((v) => v > 0).length);
    expect(out[10 * 21 + 10]).toBe(255);
  });

  it('shear leaves the centre row in place (the shear moves columns by rows)', () => {
    const src = Uint8Array.from({ length: 11 * 11 }, (_, i) => (i % 11) * 20);
    const out = apply('shear', src, gray(11, 11), 1);
    // Inverse map: x′ = x − sin(c)·y + a3 with a3 = 5·sin(c): on row 5 every pixel reads itself.
    for (let x = 0; x < 11; x++) expect(out[5 * 11 + x]).toBe(src[5 * 11 + x]);
  });
});

describe('stroke corruptions', () => {
  it('stripe inverts the columns left of 7 and from 21 on (28 wide)', () => {
    const src = new Uint8Array(28 * 28).fill(40);
    const out = apply('stripe', src, gray(28, 28), 1);
    expect([out[0], out[6], out[7], out[20], out[21], out[27]]).toEqual([215, 215, 40, 40, 215, 215]);
  });

  it("line_from_points: 1 on the line, log(1 − d/2.3) + 1 a pixel away, 0 two away and outside [⌊c0⌋, ⌈c1⌉)", () => {
    const m = lineMask(28, 28, 3, 10, 20, 10);
    expect(m[10 * 28 + 5]).toBe(1);
    expect(m[11 * 28 + 5]).toBeCloseTo(Math.log(1 - 1 / 2.3) + 1, 12);
    expect(m[12 * 28 + 5]).toBe(0);
    expect(m[10 * 28 + 2]).toBe(0);
    expect(m[10 * 28 + 19]).toBe(1);
    expect(m[10 * 28 + 20]).toBe(0);
    expect(lineMask(28, 28, 5, 0, 5, 20).every((v) => v === 0)).toBe(true);
  });

  it('dotted line leaves every other 2-pixel dash empty; zigzag stays within [0, 1] and draws something', () => {
    const d = dottedLineMask(createRng(1), 28, 28);
    for (let y = 0; y < 28; y++) for (const x of [0, 1, 4, 5, 24, 25]) expect(d[y * 28 + x]).toBe(0);
    expect(d.some((v) => v > 0.5)).toBe(true);
    const z = zigzagMask(createRng(2), 28, 28);
    expect(z.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(z.filter((v) => v > 0.5).length).toBeGreaterThan(20);
  });

  it('Canny outlines a bright square and nothing else', () => {
    const plane = Float64Array.from({ length: 16 * 16 }, (_, i) => (i % 16 >= 5 && i % 16 < 11 && i >= 80 && i < 176 ? 1 : 0));
    const edges = cannyEdges(plane, 16, 16);
    const on: [number, number][] = [];
    edges.forEach((v, i) => { if (v) on.push([i % 16, Math.floor(i / 16)]); });
    expect(on.length).toBeGreaterThan(12);
    // Every edge pixel lies within one pixel of the square's border (columns 5–10, rows 5–10).
    for (const [x, y] of on) {
      const nearX = Math.min(Math.abs(x - 4.5), Math.abs(x - 10.5)) <= 1 && y >= 4 && y <= 11;
      const nearY = Math.min(Math.abs(y - 4.5), Math.abs(y - 10.5)) <= 1 && x >= 4 && x <= 11;
      expect(nearX || nearY, `edge at ${x},${y}`).toBe(true);
    }
    expect(cannyEdges(new Float64Array(64).fill(0.5), 8, 8).every((v) => v === 0)).toBe(true);
  });
});

describe('the catalogue', () => {
  it('has four affine corruptions with five severities and four stroke ones with one, all deterministic per stream', () => {
    expect(MNIST_C_IDS).toEqual(['shear', 'rotate', 'scale', 'translate', 'stripe', 'zigzag', 'dotted_line', 'canny_edges']);
    const src = Uint8Array.from({ length: 28 * 28 }, (_, i) => (i * 29) % 256);
    for (const c of mnistCCorruptions()) {
      expect(c.levels).toBe(c.family === 'geometric' ? 5 : 1);
      const a = apply(c.id, src, gray(28, 28), c.levels, 5);
      expect(apply(c.id, src, gray(28, 28), c.levels, 5)).toEqual(a);
      expect(Array.from(a)).not.toEqual(Array.from(src));
    }
    expect(() => mnistCCorruptions()[4].prepare(gray(28, 28), 2, createRng(0))).toThrow(/severities 1 to 1/);
  });
});
