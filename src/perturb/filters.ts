/**
 * Linear filters with the semantics of the libraries the published corruptions call:
 * scipy.ndimage.gaussian_filter (through skimage.filters.gaussian), cv2.GaussianBlur kernels,
 * and cv2.filter2D (a correlation, border BORDER_REFLECT_101).
 */
import { borderIndex, tapTable, type BorderMode } from './border';
import { buildLinearMap, type LinearMap } from './linear-map';

/**
 * The 1-D Gaussian weights scipy.ndimage.gaussian_filter1d uses: radius int(truncate·σ + 0.5),
 * weights exp(−x²/2σ²) normalised to sum 1. σ = 0 gives the identity [1].
 */
export function gaussianWeights(sigma: number, truncate = 4): Float64Array {
  if (!(sigma > 0)) return Float64Array.of(1);
  const key = `${sigma}/${truncate}`;
  const hit = weightCache.get(key);
  if (hit) return hit;
  const radius = Math.floor(truncate * sigma + 0.5);
  const w = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let x = -radius; x <= radius; x++) {
    const v = Math.exp((-0.5 * x * x) / (sigma * sigma));
    w[x + radius] = v;
    sum += v;
  }
  for (let i = 0; i < w.length; i++) w[i] /= sum;
  if (weightCache.size > 256) weightCache.clear();
  weightCache.set(key, w);
  return w;
}

const weightCache = new Map<string, Float64Array>();

/**
 * Correlates each row (axis 'x') or column (axis 'y') of a w × h plane with odd-length weights
 * (scipy.ndimage.correlate1d). Weights arrays are treated as constants: the folded taps are cached
 * per array, so pass the same array for the same filter.
 */
export function correlate1d(
  src: Float64Array,
  dst: Float64Array,
  width: number,
  height: number,
  weights: Float64Array,
  axis: 'x' | 'y',
  mode: BorderMode,
): void {
  if (axis === 'x') {
    const xs = foldWeights(width, weights, mode);
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let k = xs.start[x]; k < xs.start[x + 1]; k++) sum += xs.weight[k] * src[row + xs.index[k]];
        dst[row + x] = sum;
      }
    }
    return;
  }
  const ys = foldWeights(height, weights, mode);
  for (let y = 0; y < height; y++) {
    const a = ys.start[y];
    const b = ys.start[y + 1];
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = a; k < b; k++) sum += ys.weight[k] * src[ys.index[k] * width + x];
      dst[y * width + x] = sum;
    }
  }
}

/** A 1-D filter folded onto an axis: for output o, taps start[o] … start[o+1]−1 (border already resolved). */
interface FoldedAxis {
  start: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

const folded = new WeakMap<Float64Array, Map<string, FoldedAxis>>();

/** The weights of a 1-D filter over an axis of n pixels with a border mode, merged per source pixel. */
function foldWeights(n: number, weights: Float64Array, mode: BorderMode): FoldedAxis {
  let byAxis = folded.get(weights);
  if (!byAxis) folded.set(weights, (byAxis = new Map()));
  const key = `${n}/${mode}`;
  const hit = byAxis.get(key);
  if (hit) return hit;
  const radius = (weights.length - 1) >> 1;
  const table = tapTable(n, radius, mode);
  const start = new Int32Array(n + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < n; o++) {
    start[o] = index.length;
    const merged = new Map<number, number>();
    for (let t = 0; t < weights.length; t++) {
      const src = table[o * weights.length + t];
      if (src >= 0) merged.set(src, (merged.get(src) ?? 0) + weights[t]);
    }
    for (const [src, w] of [...merged].sort((a, b) => a[0] - b[0])) {
      index.push(src);
      weight.push(w);
    }
  }
  start[n] = index.length;
  const axis = { start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
  byAxis.set(key, axis);
  return axis;
}

/**
 * scipy.ndimage.gaussian_filter of one plane, in place: rows then columns (the order does not
 * change the result beyond rounding). skimage.filters.gaussian calls it with mode 'nearest' by
 * default and truncate 4.
 */
export function gaussianFilter(plane: Float64Array, width: number, height: number, sigma: number, mode: BorderMode = 'nearest', truncate = 4): void {
  if (!(sigma > 0)) return;
  const weights = gaussianWeights(sigma, truncate);
  if (weights.length === 1) return;
  const tmp = new Float64Array(plane.length);
  correlate1d(plane, tmp, width, height, weights, 'x', mode);
  correlate1d(tmp, plane, width, height, weights, 'y', mode);
}

/** cv2.getGaussianKernel(ksize, σ): exp(−(i − (k−1)/2)²/2σ²) normalised. */
export function cvGaussianKernel(ksize: number, sigma: number): Float64Array {
  const k = new Float64Array(ksize);
  const centre = (ksize - 1) / 2;
  let sum = 0;
  for (let i = 0; i < ksize; i++) {
    k[i] = Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma));
    sum += k[i];
  }
  for (let i = 0; i < ksize; i++) k[i] /= sum;
  return k;
}

/** A 2-D kernel with only its non-zero taps kept: offsets from the anchor and weights. */
export interface SparseKernel {
  dx: Int32Array;
  dy: Int32Array;
  weight: Float64Array;
}

/**
 * The anti-aliased disk of ImageNet-C's defocus blur (`disk` in Hendrycks & Dietterich's
 * corruptions.py): the pixels with x² + y² ≤ r² on a grid of ±8 (±⌈r⌉ past 8), normalised, then
 * blurred with cv2.GaussianBlur (3×3 up to r = 8, 5×5 beyond; σ = alias_blur; border reflect-101).
 */
export function diskKernel(radius: number, aliasBlur: number): SparseKernel {
  const half = radius <= 8 ? 8 : Math.ceil(radius);
  const size = 2 * half + 1;
  const disk = new Float64Array(size * size);
  let sum = 0;
  for (let y = -half; y <= half; y++) {
    for (let x = -half; x <= half; x++) {
      if (x * x + y * y <= radius * radius) {
        disk[(y + half) * size + (x + half)] = 1;
        sum += 1;
      }
    }
  }
  for (let i = 0; i < disk.length; i++) disk[i] /= sum;
  const g = cvGaussianKernel(radius <= 8 ? 3 : 5, aliasBlur);
  const tmp = new Float64Array(disk.length);
  correlate1d(disk, tmp, size, size, g, 'x', 'mirror');
  correlate1d(tmp, disk, size, size, g, 'y', 'mirror');
  return sparseKernel(disk, size, size);
}

/** The non-zero taps of a dense kernel anchored at its centre. */
export function sparseKernel(dense: Float64Array, width: number, height: number): SparseKernel {
  const dx: number[] = [];
  const dy: number[] = [];
  const weight: number[] = [];
  const cx = (width - 1) >> 1;
  const cy = (height - 1) >> 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = dense[y * width + x];
      if (v === 0) continue;
      dx.push(x - cx);
      dy.push(y - cy);
      weight.push(v);
    }
  }
  return { dx: Int32Array.from(dx), dy: Int32Array.from(dy), weight: Float64Array.from(weight) };
}

/** A sparse 2-D correlation as a fixed linear map over a width × height plane (border resolved once). */
export function correlationMap(width: number, height: number, kernel: SparseKernel, mode: BorderMode = 'mirror'): LinearMap {
  const { dx, dy, weight } = kernel;
  return buildLinearMap(width * height, (p, add) => {
    const x = p % width;
    const y = Math.floor(p / width);
    for (let t = 0; t < weight.length; t++) {
      const sx = borderIndex(x + dx[t], width, mode);
      const sy = borderIndex(y + dy[t], height, mode);
      if (sx >= 0 && sy >= 0) add(sy * width + sx, weight[t]);
    }
  });
}

/** cv2.filter2D(plane, −1, kernel): correlation with the kernel centred, border reflect-101. */
export function correlate2d(src: Float64Array, dst: Float64Array, width: number, height: number, kernel: SparseKernel, mode: BorderMode = 'mirror'): void {
  const { dx, dy, weight } = kernel;
  const taps = weight.length;
  let reach = 0;
  for (let t = 0; t < taps; t++) reach = Math.max(reach, Math.abs(dx[t]), Math.abs(dy[t]));
  const xs = tapTable(width, reach, mode);
  const ys = tapTable(height, reach, mode);
  const span = 2 * reach + 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let t = 0; t < taps; t++) {
        const sy = ys[y * span + dy[t] + reach];
        const sx = xs[x * span + dx[t] + reach];
        if (sy < 0 || sx < 0) continue;
        sum += weight[t] * src[sy * width + sx];
      }
      dst[y * width + x] = sum;
    }
  }
}
