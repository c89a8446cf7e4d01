/**
 * The pure-JS JPEG path against its definition (the DCT of ITU-T T.81) and against jpeg-js's
 * encoder and decoder, and proof that it needs no Node Buffer where jpeg-js's encoder does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import jpeg from 'jpeg-js';
import { createRng } from '../../src/core/rng';
import { jpegRoundTrip, quantTable, roundTripBlock } from '../../src/perturb/jpeg';

function blob(w: number, h: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  return Uint8Array.from({ length: w * h }, (_, i) => {
    const x = i % w;
    const y = Math.floor(i / w);
    return Math.max(0, Math.min(255, Math.round(230 * Math.exp(-((x - w / 2) ** 2 + (y - h / 2.3) ** 2) / 40) + 12 * rng.normal() + 10)));
  });
}

function viaJpegJs(pixels: Uint8Array, w: number, h: number, channels: 1 | 3, quality: number): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let p = 0; p < w * h; p++) {
    for (let c = 0; c < 3; c++) rgba[4 * p + c] = pixels[p * channels + (channels === 1 ? 0 : c)];
    rgba[4 * p + 3] = 255;
  }
  const decoded = jpeg.decode(jpeg.encode({ data: rgba, width: w, height: h }, quality).data, { useTArray: true });
  return Uint8Array.from({ length: w * h * channels }, (_, i) => decoded.data[4 * Math.floor(i / channels) + (i % channels)]);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('JPEG round trip', () => {
  it('uses the IJG quality scaling of libjpeg (Pillow): quality 50 is Annex K, 25 doubles it, 80 is 0.4×', () => {
    const base = [16, 11, 10, 16, 24, 40, 51, 61];
    expect(Array.from(quantTable(base, 50))).toEqual(base);
    expect(Array.from(quantTable(base, 25))).toEqual([32, 22, 20, 32, 48, 80, 102, 122]);
    expect(Array.from(quantTable(base, 80))).toEqual([6, 4, 4, 6, 10, 16, 20, 24]);
    expect(Array.from(quantTable([99], 1))).toEqual([255]); // baseline tables stop at 255
  });

  it("the AAN DCT equals the DCT's definition: with all steps 1, a block comes back unchanged", () => {
    const rng = createRng(5);
    const block = Float64Array.from({ length: 64 }, () => rng.int(256) - 128);
    const copy = block.slice();
    roundTripBlock(block, new Int32Array(64).fill(1));
    // Quantising F(u, v) = ¼ C(u) C(v) Σ f cos cos to whole numbers moves a sample by at most ¼·Σ|C·C|/2 ≈ 4.
    for (let i = 0; i < 64; i++) expect(Math.abs(block[i] - copy[i])).toBeLessThan(4);
    // A flat block keeps only its DC term: exactly (8·v rounded to the step) / 8.
    const flat = new Float64Array(64).fill(-100);
    roundTripBlock(flat, new Int32Array(64).fill(16));
    for (const v of flat) expect(v).toBeCloseTo((Math.round((8 * -100) / 16) * 16) / 8, 9);
  });

  it.each([80, 50, 25, 10, 7])('matches jpeg-js (encode + decode) within one level on gray images at quality %i', (quality) => {
    const img = blob(28, 28, quality);
    const ours = jpegRoundTrip(img, 28, 28, 1, { quality });
    const theirs = viaJpegJs(img, 28, 28, 1, quality);
    let max = 0;
    for (let i = 0; i < ours.length; i++) max = Math.max(max, Math.abs(ours[i] - theirs[i]));
    expect(max).toBeLessThanOrEqual(1);
    expect(Array.from(ours)).not.toEqual(Array.from(img));
  });

  it('matches jpeg-js on colour images without subsampling (its only mode) to within 1.5 levels on average (its colour tables truncate)', () => {
    const rng = createRng(8);
    const img = Uint8Array.from({ length: 24 * 20 * 3 }, (_, i) => Math.max(0, Math.min(255, Math.round(128 + 80 * Math.sin(i / 9) + 15 * rng.normal()))));
    const ours = jpegRoundTrip(img, 24, 20, 3, { quality: 60, subsampling: '4:4:4' });
    const theirs = viaJpegJs(img, 24, 20, 3, 60);
    const mean = ours.reduce((a, v, i) => a + Math.abs(v - theirs[i]), 0) / ours.length;
    expect(mean).toBeLessThan(1.5);
    // libjpeg's default 4:2:0 loses more colour detail than 4:4:4.
    const sub = jpegRoundTrip(img, 24, 20, 3, { quality: 60 });
    const err = (a: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - img[i]), 0);
    expect(err(sub)).toBeGreaterThan(err(ours));
  });

  it('runs without Node\'s Buffer, where jpeg-js\'s encoder cannot (it ends in Buffer.from under CommonJS, as in a bundled worker)', () => {
    const img = blob(16, 16, 1);
    const expected = jpegRoundTrip(img, 16, 16, 1, { quality: 40 });
    vi.stubGlobal('Buffer', undefined);
    expect(jpegRoundTrip(img, 16, 16, 1, { quality: 40 })).toEqual(expected);
    const rgba = new Uint8Array(16 * 16 * 4).fill(200);
    expect(() => jpeg.encode({ data: rgba, width: 16, height: 16 }, 40)).toThrow();
  });
});
