/**
 * ImageMagick's MotionBlurImage, which ImageNet-C's motion blur and snow call through Wand: a
 * one-sided Gaussian trail of width 2⌈radius⌉ + 1 taps, tap i weighted exp(−i²/2σ²) (normalised)
 * and read i pixels away along `angle` degrees (offsets rounded as ceil(v − 0.5)), edge pixels
 * repeating past the border ("edge" virtual pixels).
 */
export interface MotionKernel {
  dx: Int32Array;
  dy: Int32Array;
  weight: Float64Array;
}

/** Taps below this share of the total weight are dropped: they change no pixel by a visible amount. */
const NEGLIGIBLE = 1e-9;

export function motionKernel(radius: number, sigma: number, angleDegrees: number): MotionKernel {
  const width = 2 * Math.ceil(Math.max(radius, 0.5)) + 1;
  const raw = new Float64Array(width);
  let sum = 0;
  for (let i = 0; i < width; i++) {
    raw[i] = sigma > 0 ? Math.exp(-(i * i) / (2 * sigma * sigma)) : i === 0 ? 1 : 0;
    sum += raw[i];
  }
  const a = (angleDegrees * Math.PI) / 180;
  const px = width * Math.sin(a);
  const py = width * Math.cos(a);
  const h = Math.hypot(px, py);
  const dx: number[] = [];
  const dy: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < width; i++) {
    const w = raw[i] / sum;
    if (w < NEGLIGIBLE) continue;
    dx.push(Math.ceil((i * py) / h - 0.5));
    dy.push(Math.ceil((i * px) / h - 0.5));
    weight.push(w);
  }
  return { dx: Int32Array.from(dx), dy: Int32Array.from(dy), weight: Float64Array.from(weight) };
}

/** Applies a motion kernel to one plane. */
export function motionBlurPlane(src: Float64Array, dst: Float64Array, width: number, height: number, kernel: MotionKernel): void {
  const { dx, dy, weight } = kernel;
  const taps = weight.length;
  // Per tap, the clamped source column of every x and row offset of every y.
  const cols = new Int32Array(taps * width);
  const rows = new Int32Array(taps * height);
  for (let t = 0; t < taps; t++) {
    for (let x = 0; x < width; x++) cols[t * width + x] = Math.min(width - 1, Math.max(0, x + dx[t]));
    for (let y = 0; y < height; y++) rows[t * height + y] = Math.min(height - 1, Math.max(0, y + dy[t])) * width;
  }
  dst.fill(0, 0, width * height);
  for (let t = 0; t < taps; t++) {
    const w = weight[t];
    for (let y = 0; y < height; y++) {
      const row = rows[t * height + y];
      const out = y * width;
      for (let x = 0; x < width; x++) dst[out + x] += w * src[row + cols[t * width + x]];
    }
  }
}

/**
 * The same blur for a plane that is mostly zero (ImageNet-C's snow layer after its threshold):
 * each non-zero pixel is spread to the pixels that read it, including, at the image edge, those
 * whose taps run past the border and repeat the edge pixel. Equal to motionBlurPlane up to the
 * order of additions.
 */
export function motionBlurSparse(src: Float64Array, dst: Float64Array, width: number, height: number, kernel: MotionKernel): void {
  const { dx, dy, weight } = kernel;
  dst.fill(0, 0, width * height);
  // Destinations along one axis that read source index s through offset d (with edge clamping).
  const span = (s: number, d: number, n: number): [number, number] => {
    if (s > 0 && s < n - 1) return [s - d, s - d];
    if (n === 1) return [0, 0];
    return s === 0 ? [0, -d] : [n - 1 - d, n - 1];
  };
  for (let sy = 0; sy < height; sy++) {
    for (let sx = 0; sx < width; sx++) {
      const v = src[sy * width + sx];
      if (v === 0) continue;
      for (let t = 0; t < weight.length; t++) {
        const [x0, x1] = span(sx, dx[t], width);
        const [y0, y1] = span(sy, dy[t], height);
        const wv = weight[t] * v;
        for (let py = Math.max(0, y0); py <= Math.min(height - 1, y1); py++) {
          for (let px = Math.max(0, x0); px <= Math.min(width - 1, x1); px++) dst[py * width + px] += wv;
        }
      }
    }
  }
}
