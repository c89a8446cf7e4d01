/**
 * Resampling with the semantics of the functions the published corruptions call: bilinear reads
 * with a border mode (scipy map_coordinates order 1, skimage warp order 1, cv2.warpAffine
 * INTER_LINEAR), scipy.ndimage.zoom's coordinate mapping for ImageNet-C's `clipped_zoom`, and
 * Pillow's BOX resize (8-bit fixed point, as Image.resize computes it) for pixelate.
 */
import { borderIndex, type BorderMode } from './border';

/** The value of a plane at a real-valued position (x = column, y = row), linearly interpolated. */
export function bilinear(plane: Float64Array, width: number, height: number, x: number, y: number, mode: BorderMode): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const tx = x - x0;
  const ty = y - y0;
  if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
    const i = y0 * width + x0;
    const top = plane[i] + (plane[i + 1] - plane[i]) * tx;
    const bottom = plane[i + width] + (plane[i + width + 1] - plane[i + width]) * tx;
    return top + (bottom - top) * ty;
  }
  const c0 = borderIndex(x0, width, mode);
  const c1 = borderIndex(x0 + 1, width, mode);
  const r0 = borderIndex(y0, height, mode);
  const r1 = borderIndex(y0 + 1, height, mode);
  const v00 = r0 < 0 || c0 < 0 ? 0 : plane[r0 * width + c0];
  const v01 = r0 < 0 || c1 < 0 ? 0 : plane[r0 * width + c1];
  const v10 = r1 < 0 || c0 < 0 ? 0 : plane[r1 * width + c0];
  const v11 = r1 < 0 || c1 < 0 ? 0 : plane[r1 * width + c1];
  const top = v00 * (1 - tx) + v01 * tx;
  const bottom = v10 * (1 - tx) + v11 * tx;
  return top * (1 - ty) + bottom * ty;
}

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** For each output index along one axis: the two source indices and the weight of the second. */
export interface AxisMap {
  lo: Int32Array;
  hi: Int32Array;
  t: Float64Array;
}

/**
 * One axis of ImageNet-C's `clipped_zoom(img, z)`: crop the central ⌈n/z⌉ pixels, enlarge them with
 * scipy.ndimage.zoom (order 1: output size round(c·z), input coordinate o·(c−1)/(out−1)), and cut
 * the central n pixels back out.
 */
export function clippedZoomAxis(n: number, zoom: number): AxisMap {
  const crop = Math.ceil(n / zoom);
  const top = Math.floor((n - crop) / 2);
  const out = roundHalfEven(crop * zoom);
  const trim = Math.floor((out - n) / 2);
  const scale = out > 1 ? (crop - 1) / (out - 1) : 0;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  const t = new Float64Array(n);
  for (let o = 0; o < n; o++) {
    const c = (o + trim) * scale;
    const i = Math.min(Math.floor(c), crop - 1);
    lo[o] = top + i;
    hi[o] = top + Math.min(i + 1, crop - 1);
    t[o] = c - i;
  }
  return { lo, hi, t };
}

const PRECISION_BITS = 32 - 8 - 2;

/** Pillow's fixed-point coefficients for resampling n → out pixels with the BOX filter (support ½). */
function boxCoefficients(n: number, out: number): { start: Int32Array; count: Int32Array; k: Int32Array; ksize: number } {
  const scale = n / out;
  const filterscale = Math.max(scale, 1);
  const support = 0.5 * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(out);
  const count = new Int32Array(out);
  const k = new Int32Array(out * ksize);
  const pre = new Float64Array(ksize);
  for (let xx = 0; xx < out; xx++) {
    const centre = (xx + 0.5) * scale;
    const ss = 1 / filterscale;
    const xmin = Math.max(0, Math.trunc(centre - support + 0.5));
    const xmax = Math.min(n, Math.trunc(centre + support + 0.5)) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const arg = (x + xmin - centre + 0.5) * ss;
      const w = arg > -0.5 && arg <= 0.5 ? 1 : 0;
      pre[x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      const v = ww !== 0 ? pre[x] / ww : pre[x];
      k[xx * ksize + x] = v < 0 ? Math.trunc(-0.5 + v * 2 ** PRECISION_BITS) : Math.trunc(0.5 + v * 2 ** PRECISION_BITS);
    }
    start[xx] = xmin;
    count[xx] = xmax;
  }
  return { start, count, k, ksize };
}

function clip8(sum: number): number {
  if (sum >= 2 ** PRECISION_BITS * 256) return 255;
  if (sum <= 0) return 0;
  return Math.floor(sum / 2 ** PRECISION_BITS);
}

/**
 * Pillow's Image.resize((outWidth, outHeight), Image.BOX) of an 8-bit HWC image: a horizontal pass
 * then a vertical pass, each skipped when that size does not change, each rounding to 8 bits.
 */
export function boxResize(src: Uint8Array, width: number, height: number, channels: number, outWidth: number, outHeight: number): Uint8Array {
  let img = src;
  let w = width;
  if (outWidth !== width) {
    const { start, count, k, ksize } = boxCoefficients(width, outWidth);
    const next = new Uint8Array(outWidth * height * channels);
    for (let y = 0; y < height; y++) {
      for (let xx = 0; xx < outWidth; xx++) {
        for (let c = 0; c < channels; c++) {
          let ss = 2 ** (PRECISION_BITS - 1);
          for (let x = 0; x < count[xx]; x++) ss += img[(y * w + start[xx] + x) * channels + c] * k[xx * ksize + x];
          next[(y * outWidth + xx) * channels + c] = clip8(ss);
        }
      }
    }
    img = next;
    w = outWidth;
  }
  if (outHeight !== height) {
    const { start, count, k, ksize } = boxCoefficients(height, outHeight);
    const next = new Uint8Array(w * outHeight * channels);
    for (let yy = 0; yy < outHeight; yy++) {
      for (let x = 0; x < w; x++) {
        for (let c = 0; c < channels; c++) {
          let ss = 2 ** (PRECISION_BITS - 1);
          for (let y = 0; y < count[yy]; y++) ss += img[((start[yy] + y) * w + x) * channels + c] * k[yy * ksize + y];
          next[(yy * w + x) * channels + c] = clip8(ss);
        }
      }
    }
    img = next;
  }
  return img === src ? src.slice() : img;
}

/** A 2×3 affine matrix [a, b, c, d, e, f]: (x, y) ↦ (a·x + b·y + c, d·x + e·y + f). */
export type Affine = [number, number, number, number, number, number];

export function invertAffine(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det];
}

/**
 * Resamples one plane: output pixel (x, y) reads the input at `map(x, y)`, bilinearly, with a
 * border mode. With the inverse of M this is cv2.warpAffine(src, M); with an inverse map it is
 * skimage.transform.warp(src, inverse_map) at order 1.
 */
export function warpPlane(src: Float64Array, dst: Float64Array, width: number, height: number, inverse: Affine, mode: BorderMode): void {
  const [a, b, c, d, e, f] = inverse;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = a * x + b * y + c;
      const sy = d * x + e * y + f;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
        // Inside: the same arithmetic as bilinear()'s fast path, without the call.
        const tx = sx - x0;
        const ty = sy - y0;
        const i = y0 * width + x0;
        const top = src[i] + (src[i + 1] - src[i]) * tx;
        const bottom = src[i + width] + (src[i + width + 1] - src[i + width]) * tx;
        dst[y * width + x] = top + (bottom - top) * ty;
      } else {
        dst[y * width + x] = bilinear(src, width, height, sx, sy, mode);
      }
    }
  }
}

/**
 * cv2.getAffineTransform: the affine map that takes three source points to three destination
 * points, solved exactly (Cramer's rule on the 3×3 system, once per output row).
 */
export function affineFromPoints(src: [number, number][], dst: [number, number][]): Affine {
  const [[x0, y0], [x1, y1], [x2, y2]] = src;
  const det = x0 * (y1 - y2) - y0 * (x1 - x2) + (x1 * y2 - x2 * y1);
  const solve = (v0: number, v1: number, v2: number): [number, number, number] => [
    (v0 * (y1 - y2) - y0 * (v1 - v2) + (v1 * y2 - v2 * y1)) / det,
    (x0 * (v1 - v2) - v0 * (x1 - x2) + (x1 * v2 - x2 * v1)) / det,
    (x0 * (y1 * v2 - y2 * v1) - y0 * (x1 * v2 - x2 * v1) + v0 * (x1 * y2 - x2 * y1)) / det,
  ];
  const [a, b, c] = solve(dst[0][0], dst[1][0], dst[2][0]);
  const [d, e, f] = solve(dst[0][1], dst[1][1], dst[2][1]);
  return [a, b, c, d, e, f];
}
