/**
 * The Canny edge detector as skimage.feature.canny(image) computes it with its defaults
 * (σ = 1, low threshold 0.1, high 0.2 on a [0, 1] image), which MNIST-C's canny_edges calls:
 * Gaussian smoothing normalised at the border (zero outside), Sobel gradients (scipy, reflect
 * border), non-maximum suppression by interpolating the magnitude along the gradient in four
 * sectors, and hysteresis: 8-connected runs of low-threshold maxima are kept when one of their
 * pixels passes the high threshold. The outermost pixels are never edges (eroded mask).
 */
import { correlate1d, gaussianWeights } from './filters';

const DERIVATIVE = Float64Array.of(-1, 0, 1);

const bleeds = new Map<string, Float64Array>();

/** The Gaussian of an all-ones plane (zero outside): how much of each pixel's kernel lies inside the image. */
function bleedOver(width: number, height: number, sigma: number, weights: Float64Array): Float64Array {
  const key = `${width}/${height}/${sigma}`;
  let bleed = bleeds.get(key);
  if (!bleed) {
    const ones = new Float64Array(width * height).fill(1);
    const tmp = new Float64Array(width * height);
    bleed = new Float64Array(width * height);
    correlate1d(ones, tmp, width, height, weights, 'x', 'constant');
    correlate1d(tmp, bleed, width, height, weights, 'y', 'constant');
    if (bleeds.size > 16) bleeds.clear();
    bleeds.set(key, bleed);
  }
  return bleed;
}
const SMOOTHING = Float64Array.of(1, 2, 1);

export function cannyEdges(plane: Float64Array, width: number, height: number, sigma = 1, low = 0.1, high = 0.2): Uint8Array {
  const n = width * height;
  const weights = gaussianWeights(sigma, 4);
  const tmp = new Float64Array(n);
  const smoothed = new Float64Array(n);
  correlate1d(plane, tmp, width, height, weights, 'x', 'constant');
  correlate1d(tmp, smoothed, width, height, weights, 'y', 'constant');
  const bleed = bleedOver(width, height, sigma, weights);
  for (let i = 0; i < n; i++) smoothed[i] /= bleed[i] + 2.220446049250313e-16;

  // scipy.ndimage.sobel: derivative [−1, 0, 1] along the axis, smoothing [1, 2, 1] across it.
  const jsobel = new Float64Array(n);
  const isobel = new Float64Array(n);
  correlate1d(smoothed, tmp, width, height, DERIVATIVE, 'x', 'reflect');
  correlate1d(tmp, jsobel, width, height, SMOOTHING, 'y', 'reflect');
  correlate1d(smoothed, tmp, width, height, DERIVATIVE, 'y', 'reflect');
  correlate1d(tmp, isobel, width, height, SMOOTHING, 'x', 'reflect');
  const magnitude = new Float64Array(n);
  for (let i = 0; i < n; i++) magnitude[i] = Math.hypot(isobel[i], jsobel[i]);

  const maxima = new Uint8Array(n);
  for (let r = 1; r < height - 1; r++) {
    for (let c = 1; c < width - 1; c++) {
      const p = r * width + c;
      const mag = magnitude[p];
      if (!(mag > 0)) continue;
      const gi = isobel[p];
      const gj = jsobel[p];
      const ai = Math.abs(gi);
      const aj = Math.abs(gj);
      const same = (gi >= 0 && gj >= 0) || (gi <= 0 && gj <= 0);
      const opposite = (gi <= 0 && gj >= 0) || (gi >= 0 && gj <= 0);
      let result = -1;
      // Later sectors overwrite earlier ones where a pixel lies on a boundary, as in skimage.
      if (same && ai >= aj) {
        const w = aj / ai;
        result = Number(magnitude[p + width + 1] * w + magnitude[p + width] * (1 - w) <= mag && magnitude[p - width - 1] * w + magnitude[p - width] * (1 - w) <= mag);
      }
      if (same && ai <= aj) {
        const w = ai / aj;
        result = Number(magnitude[p + width + 1] * w + magnitude[p + 1] * (1 - w) <= mag && magnitude[p - width - 1] * w + magnitude[p - 1] * (1 - w) <= mag);
      }
      if (opposite && ai <= aj) {
        const w = ai / aj;
        result = Number(magnitude[p - width + 1] * w + magnitude[p + 1] * (1 - w) <= mag && magnitude[p + width - 1] * w + magnitude[p - 1] * (1 - w) <= mag);
      }
      if (opposite && ai >= aj) {
        const w = aj / ai;
        result = Number(magnitude[p - width + 1] * w + magnitude[p - width] * (1 - w) <= mag && magnitude[p + width - 1] * w + magnitude[p + width] * (1 - w) <= mag);
      }
      if (result === 1) maxima[p] = 1;
    }
  }

  // Hysteresis: flood each 8-connected component of low maxima from its high pixels.
  const edges = new Uint8Array(n);
  const stack: number[] = [];
  for (let p = 0; p < n; p++) {
    if (!maxima[p] || magnitude[p] < high || edges[p]) continue;
    edges[p] = 1;
    stack.push(p);
    while (stack.length > 0) {
      const q = stack.pop()!;
      const qr = Math.floor(q / width);
      const qc = q % width;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = qr + dr;
          const cc = qc + dc;
          if (rr < 0 || cc < 0 || rr >= height || cc >= width) continue;
          const s = rr * width + cc;
          if (!edges[s] && maxima[s] && magnitude[s] >= low) {
            edges[s] = 1;
            stack.push(s);
          }
        }
      }
    }
  }
  return edges;
}
