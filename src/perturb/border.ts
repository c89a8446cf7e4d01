/**
 * Where a filter reads when it reaches past an image edge. The names are scipy.ndimage's, with
 * OpenCV's and ImageMagick's equivalents:
 * - `nearest`: the edge pixel repeats (aaa|abcd|ddd; OpenCV BORDER_REPLICATE, ImageMagick "edge");
 * - `reflect`: mirrored about the edge between pixels (cba|abcd|dcb; scipy 'reflect', skimage's
 *   default for elastic maps);
 * - `mirror`: mirrored about the edge pixel (dcb|abcd|cba; OpenCV BORDER_REFLECT_101, the default
 *   of cv2.filter2D and cv2.warpAffine's reflect mode);
 * - `constant`: zero outside.
 */
export type BorderMode = 'nearest' | 'reflect' | 'mirror' | 'constant';

/** The source index for index i on an axis of n pixels, or −1 for a constant (zero) border. */
export function borderIndex(i: number, n: number, mode: BorderMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'nearest':
      return i < 0 ? 0 : n - 1;
    case 'constant':
      return -1;
    case 'reflect': {
      const period = 2 * n;
      const m = ((i % period) + period) % period;
      return m < n ? m : period - 1 - m;
    }
    case 'mirror': {
      if (n === 1) return 0;
      const period = 2 * n - 2;
      const m = ((i % period) + period) % period;
      return m < n ? m : period - m;
    }
  }
}

const tables = new Map<string, Int32Array>();

/**
 * Source indices for a 1-D filter of `radius` taps each side over n pixels: entry o·(2r+1) + t is
 * where output o's tap t reads. Cached, since a run filters thousands of same-sized images.
 */
export function tapTable(n: number, radius: number, mode: BorderMode): Int32Array {
  const key = `${n}/${radius}/${mode}`;
  let table = tables.get(key);
  if (!table) {
    const width = 2 * radius + 1;
    table = new Int32Array(n * width);
    for (let o = 0; o < n; o++) {
      for (let t = 0; t < width; t++) table[o * width + t] = borderIndex(o + t - radius, n, mode);
    }
    if (tables.size > 256) tables.clear();
    tables.set(key, table);
  }
  return table;
}
