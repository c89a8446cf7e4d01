/**
 * Images as the corruptions see them: 8-bit interleaved pixels (HWC, as ImageData8 keeps them) in,
 * 8-bit out. Inside, a corruption works on planar float values in [0, 1] (one plane per channel),
 * as the published numpy code works on `np.array(x) / 255.`.
 */

/** The size of one image. */
export interface ImageShape {
  width: number;
  height: number;
  channels: 1 | 3;
}

/** Float planes, channel after channel, each height × width row-major. */
export interface Planes {
  width: number;
  height: number;
  channels: number;
  data: Float64Array;
}

export function pixelCount(shape: ImageShape): number {
  return shape.width * shape.height;
}

export function byteCount(shape: ImageShape): number {
  return shape.width * shape.height * shape.channels;
}

/** 8-bit HWC pixels → planes of values in [0, 1]. */
export function toPlanes(src: Uint8Array, shape: ImageShape): Planes {
  const { width, height, channels } = shape;
  const plane = width * height;
  const data = new Float64Array(plane * channels);
  if (channels === 1) {
    for (let p = 0; p < plane; p++) data[p] = src[p] / 255;
    return { width, height, channels, data };
  }
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < channels; c++) data[c * plane + p] = src[p * channels + c] / 255;
  }
  return { width, height, channels, data };
}

/**
 * Planes of values on [0, 1] → 8-bit HWC, clipped and rounded to the nearest level. (The published
 * scripts truncate with np.uint8; rounding keeps (v / 255) · 255 from landing one level low.)
 */
export function fromPlanes(planes: Planes, dst: Uint8Array): void {
  const { width, height, channels, data } = planes;
  const plane = width * height;
  if (channels === 1) {
    for (let p = 0; p < plane; p++) dst[p] = toByte(data[p] * 255);
    return;
  }
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < channels; c++) dst[p * channels + c] = toByte(data[c * plane + p] * 255);
  }
}

/** A value on 0–255 clipped and rounded to a byte. */
export function toByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

/** One channel plane of `planes` (a view, not a copy). */
export function planeOf(planes: Planes, c: number): Float64Array {
  const size = planes.width * planes.height;
  return planes.data.subarray(c * size, (c + 1) * size);
}

/** Values clipped to [0, 1] in place. */
export function clipUnit(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    values[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
