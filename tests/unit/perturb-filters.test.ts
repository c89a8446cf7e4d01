/**
 * Known answers for the filters and resamplers under the corruptions: border rules as scipy and
 * OpenCV define them, Gaussian weights as scipy computes them, ImageNet-C's disk kernel by hand,
 * Pillow's BOX resize by hand, and the zoom mapping of scipy.ndimage.zoom.
 */
import { describe, expect, it } from 'vitest';
import { borderIndex } from '../../src/perturb/border';
import { cvGaussianKernel, diskKernel, gaussianFilter, gaussianWeights } from '../../src/perturb/filters';
import { applyLinearMap, buildLinearMap } from '../../src/perturb/linear-map';
import { motionBlurPlane, motionBlurSparse, motionKernel } from '../../src/perturb/motion-blur';
import { affineFromPoints, bilinear, boxResize, clippedZoomAxis, invertAffine, roundHalfEven } from '../../src/perturb/sampling';

describe('border rules', () => {
  it('reflect (scipy, cba|abcd|dcb), mirror (OpenCV reflect-101, dcb|abcd|cba), nearest and constant', () => {
    expect([-3, -2, -1, 4, 5, 6].map((i) => borderIndex(i, 4, 'reflect'))).toEqual([2, 1, 0, 3, 2, 1]);
    expect([-3, -2, -1, 4, 5, 6].map((i) => borderIndex(i, 4, 'mirror'))).toEqual([3, 2, 1, 2, 1, 0]);
    expect([-2, 5].map((i) => borderIndex(i, 4, 'nearest'))).toEqual([0, 3]);
    expect([-1, 4, 2].map((i) => borderIndex(i, 4, 'constant'))).toEqual([-1, -1, 2]);
    // Offsets past a whole period keep folding (a σ = 6 blur on a 4-pixel axis).
    expect(borderIndex(9, 4, 'reflect')).toBe(1);
    expect(borderIndex(-7, 4, 'mirror')).toBe(1);
  });
});

describe('Gaussian weights', () => {
  it('match scipy.ndimage.gaussian_filter1d for σ = 1 (radius 4, normalised pdf)', () => {
    const w = gaussianWeights(1);
    expect(w).toHaveLength(9);
    // scipy's _gaussian_kernel1d(1, 0, 4): exp(−x²/2) / Σ.
    const expected = [1.3383062e-4, 4.4318616e-3, 5.3991127e-2, 2.4197145e-1, 3.9894347e-1];
    expected.forEach((v, i) => {
      expect(w[i]).toBeCloseTo(v, 8);
      expect(w[8 - i]).toBeCloseTo(v, 8);
    });
    expect(gaussianWeights(0.1)).toEqual(Float64Array.of(1)); // radius int(0.4 + 0.5) = 0
    expect(gaussianWeights(2, 3)).toHaveLength(13); // radius int(3·2 + 0.5) = 6
  });

  it('cv2.getGaussianKernel(3, 0.4) by hand', () => {
    const e = Math.exp(-1 / (2 * 0.16));
    const k = cvGaussianKernel(3, 0.4);
    expect(k[0]).toBeCloseTo(e / (1 + 2 * e), 12);
    expect(k[1]).toBeCloseTo(1 / (1 + 2 * e), 12);
  });

  it('keeps a constant plane constant and spreads an impulse symmetrically', () => {
    const flat = new Float64Array(25).fill(0.4);
    gaussianFilter(flat, 5, 5, 1.3);
    for (const v of flat) expect(v).toBeCloseTo(0.4, 12);
    const impulse = new Float64Array(25);
    impulse[12] = 1;
    gaussianFilter(impulse, 5, 5, 0.8, 'constant');
    expect(impulse[11]).toBeCloseTo(impulse[13], 14);
    expect(impulse[7]).toBeCloseTo(impulse[17], 14);
    expect(impulse[12]).toBeGreaterThan(impulse[11]);
  });
});

describe('ImageNet-C disk kernel', () => {
  it('radius 0.3 is the centre pixel blurred by a 3×3 Gaussian of σ = alias_blur', () => {
    const k = diskKernel(0.3, 0.4);
    const g = cvGaussianKernel(3, 0.4);
    const at = (dx: number, dy: number) => {
      for (let t = 0; t < k.weight.length; t++) if (k.dx[t] === dx && k.dy[t] === dy) return k.weight[t];
      return 0;
    };
    expect(k.weight.length).toBe(9);
    expect(at(0, 0)).toBeCloseTo(g[1] * g[1], 12);
    expect(at(1, 0)).toBeCloseTo(g[0] * g[1], 12);
    expect(at(-1, -1)).toBeCloseTo(g[0] * g[0], 12);
  });

  it('radius 1 is the plus-shaped disk (x² + y² ≤ 1) before blurring; the weights sum to 1', () => {
    const k = diskKernel(1, 0.01);
    const sum = k.weight.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
    const centre = k.weight[[...k.dx].findIndex((dx, t) => dx === 0 && k.dy[t] === 0)];
    expect(centre).toBeCloseTo(0.2, 6); // 1/5 of the plus, σ = 0.01 blurs nothing
  });
});

describe("Pillow's BOX resize", () => {
  it('halves [0, 60, 120, 180] to [30, 150] and enlarges it back to [30, 30, 150, 150]', () => {
    const small = boxResize(Uint8Array.of(0, 60, 120, 180), 4, 1, 1, 2, 1);
    expect(Array.from(small)).toEqual([30, 150]);
    expect(Array.from(boxResize(small, 2, 1, 1, 4, 1))).toEqual([30, 30, 150, 150]);
  });

  it('takes the pixels whose centres fall in the box, as Pillow samples the filter (3 → 2: [0, 90, 180] → [45, 180])', () => {
    // Output 0's box is [0, 1.5): centres 0.5 and 1.5 are in (the box filter includes its right edge);
    // output 1's box [1.5, 3) starts at xmin = trunc(2.25 − 0.75 + 0.5) = 2, so only pixel 2.
    expect(Array.from(boxResize(Uint8Array.of(0, 90, 180), 3, 1, 1, 2, 1))).toEqual([45, 180]);
  });

  it('resizes colour channels independently, and vertically as horizontally', () => {
    const rgb = Uint8Array.of(10, 200, 0, 30, 100, 50);
    expect(Array.from(boxResize(rgb, 2, 1, 3, 1, 1))).toEqual([20, 150, 25]);
    expect(Array.from(boxResize(Uint8Array.of(0, 60, 120, 180), 1, 4, 1, 1, 2))).toEqual([30, 150]);
  });
});

describe('zoom and warps', () => {
  it("clipped_zoom on 28 pixels by 1.25: crop 23 (top 2), zoom to round(28.75) = 29 pixels, trim 0", () => {
    const axis = clippedZoomAxis(28, 1.25);
    // scipy.ndimage.zoom (order 1, grid_mode=False) reads input o·(23 − 1)/(29 − 1).
    expect(axis.lo[0]).toBe(2);
    expect(axis.t[0]).toBe(0);
    expect(axis.lo[14] + axis.t[14]).toBeCloseTo(2 + (14 * 22) / 28, 12);
    expect(axis.hi[27]).toBeLessThanOrEqual(24);
  });

  it('zoom by 1 is the identity', () => {
    const axis = clippedZoomAxis(10, 1);
    expect(Array.from(axis.lo)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(axis.t).every((t) => t === 0)).toBe(true);
  });

  it("Python's round() sends halves to the even neighbour", () => {
    expect([0.5, 1.5, 2.5, 28.5, 2.4, -1.5].map(roundHalfEven)).toEqual([0, 2, 2, 28, 2, -2]);
  });

  it('bilinear reads between pixels, with zeros or reflections outside', () => {
    const plane = Float64Array.of(0, 1, 2, 3); // 2 × 2
    expect(bilinear(plane, 2, 2, 0.5, 0.5, 'constant')).toBeCloseTo(1.5, 12);
    expect(bilinear(plane, 2, 2, 1.5, 0, 'constant')).toBeCloseTo(0.5, 12); // halfway to a zero
    expect(bilinear(plane, 2, 2, 1.5, 0, 'reflect')).toBeCloseTo(1, 12);
  });

  it('affineFromPoints solves cv2.getAffineTransform exactly and inverts', () => {
    const m = affineFromPoints([[0, 0], [1, 0], [0, 1]], [[2, 3], [4, 3], [2, 6]]);
    expect(m.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([2, 0, 2, 0, 3, 3]);
    const inv = invertAffine(m);
    expect(inv[0] * 4 + inv[1] * 6 + inv[2]).toBeCloseTo(1, 12);
    expect(inv[3] * 4 + inv[4] * 6 + inv[5]).toBeCloseTo(1, 12);
  });

  it('a linear map merges taps that read the same pixel', () => {
    const map = buildLinearMap(2, (p, add) => { add(0, 0.25); add(0, 0.25); add(1, p === 0 ? 0.5 : 0); });
    expect(Array.from(map.index.subarray(map.start[0], map.start[1]))).toEqual([0, 1]);
    const out = new Float64Array(2);
    applyLinearMap(map, Float64Array.of(4, 8), out);
    expect(Array.from(out)).toEqual([6, 2]);
  });
});

describe("ImageMagick's motion blur kernel", () => {
  it('is a one-sided Gaussian trail of 2⌈r⌉ + 1 taps along the angle', () => {
    const k = motionKernel(3, 100, 0);
    expect(Array.from(k.dx)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(k.dy)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(k.weight.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const down = motionKernel(2, 1, 90);
    expect(Array.from(down.dx)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(down.dy)).toEqual([0, 1, 2, 3, 4]);
    expect(down.weight[1] / down.weight[0]).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it('spreads sparse planes exactly as it gathers dense ones, edges included', () => {
    const w = 9;
    const h = 7;
    const src = new Float64Array(w * h);
    for (const [x, y, v] of [[0, 0, 200], [8, 3, 90], [4, 6, 255], [3, 3, 40], [8, 6, 10]]) src[y * w + x] = v;
    for (const angle of [-120, -90, -45, 0, 30, 180]) {
      const kernel = motionKernel(4, 2, angle);
      const dense = new Float64Array(w * h);
      const sparse = new Float64Array(w * h);
      motionBlurPlane(src, dense, w, h, kernel);
      motionBlurSparse(src, sparse, w, h, kernel);
      for (let i = 0; i < dense.length; i++) expect(sparse[i]).toBeCloseTo(dense[i], 10);
    }
  });
});
