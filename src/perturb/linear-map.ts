/**
 * A fixed linear map from an image plane to an image plane, kept sparse: output pixel p is
 * Σ weight[k]·input[index[k]] for k in start[p] … start[p+1]−1. Corruptions that involve no
 * randomness and no clipping until the end (zoom blur, defocus blur) are one such map per image
 * size and severity, built once and applied to every image with a few multiply-adds per pixel.
 */
export interface LinearMap {
  size: number;
  start: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

/** Builds a map from per-output accumulation: `fill(p, add)` calls add(sourceIndex, weight) any number of times. */
export function buildLinearMap(size: number, fill: (p: number, add: (source: number, weight: number) => void) => void): LinearMap {
  const start = new Int32Array(size + 1);
  const index: number[] = [];
  const weight: number[] = [];
  // Taps per output are few (tens at most): a linear search beats a Map here.
  let sources: number[] = [];
  let weights: number[] = [];
  const add = (source: number, w: number) => {
    if (w === 0) return;
    const at = sources.indexOf(source);
    if (at >= 0) weights[at] += w;
    else {
      sources.push(source);
      weights.push(w);
    }
  };
  for (let p = 0; p < size; p++) {
    sources = [];
    weights = [];
    fill(p, add);
    start[p] = index.length;
    const order = sources.map((_, i) => i).sort((a, b) => sources[a] - sources[b]);
    for (const i of order) {
      index.push(sources[i]);
      weight.push(weights[i]);
    }
  }
  start[size] = index.length;
  return { size, start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

/** dst = map(src) for one plane. */
export function applyLinearMap(map: LinearMap, src: Float64Array, dst: Float64Array): void {
  const { start, index, weight } = map;
  for (let p = 0; p < map.size; p++) {
    let sum = 0;
    for (let k = start[p]; k < start[p + 1]; k++) sum += weight[k] * src[index[k]];
    dst[p] = sum;
  }
}
