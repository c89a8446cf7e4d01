/**
 * JPEG compression as a pure function: what an image looks like after a baseline JPEG encoder at
 * `quality` and a decoder, computed without writing the bit stream (Huffman coding is lossless,
 * so only colour conversion, chroma subsampling, the 8×8 DCT and quantisation change pixels).
 *
 * Why not jpeg-js's encoder: its `encode` ends in `Buffer.from(...)` whenever a CommonJS `module`
 * object exists, which is the case in a bundled browser worker, where there is no Buffer; and its
 * JPEGEncoder class is not exported. This path needs neither, is the same in browser and Node,
 * and is checked against jpeg-js's encoder and decoder in Node (tests/unit/perturb-jpeg.test.ts).
 *
 * It follows libjpeg's defaults as Pillow uses them (ImageNet-C saves with PIL, quality = c):
 * the Annex K tables scaled by the IJG quality formula and clamped to 1–255 (baseline), JFIF
 * YCbCr rounded to 8 bits, 4:2:0 chroma subsampling for colour images (one Y component for gray
 * ones), edge pixels repeated to fill partial blocks, quantisation rounding half away from zero,
 * and libjpeg's "fancy" triangle-filter chroma upsampling. The DCT is computed exactly in floating
 * point where libjpeg uses integer approximations, so pixels may differ by a level or two.
 */

/** ITU-T T.81 Annex K, table K.1 (luminance), natural order. */
const LUMA_TABLE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/** ITU-T T.81 Annex K, table K.2 (chrominance), natural order. */
const CHROMA_TABLE = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array(32).fill(99),
];

/** libjpeg's jpeg_quality_scaling and jpeg_add_quant_table (force_baseline): the table used at a quality. */
export function quantTable(base: readonly number[], quality: number): Int32Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  return Int32Array.from(base, (b) => Math.min(255, Math.max(1, Math.floor((b * scale + 50) / 100))));
}

/** AAN scale factors: 1 for k = 0, √2·cos(kπ/16) otherwise (libjpeg jfdctflt.c / jidctflt.c). */
const AAN = Float64Array.from({ length: 8 }, (_, k) => (k === 0 ? 1 : Math.SQRT2 * Math.cos((k * Math.PI) / 16)));

/** One 8-point AAN forward DCT (libjpeg's jfdctflt.c), on d[o], d[o + step], …, in place. */
function fdct8(d: Float64Array, o: number, step: number): void {
  const d0 = d[o], d1 = d[o + step], d2 = d[o + 2 * step], d3 = d[o + 3 * step];
  const d4 = d[o + 4 * step], d5 = d[o + 5 * step], d6 = d[o + 6 * step], d7 = d[o + 7 * step];
  const tmp0 = d0 + d7, tmp7 = d0 - d7, tmp1 = d1 + d6, tmp6 = d1 - d6;
  const tmp2 = d2 + d5, tmp5 = d2 - d5, tmp3 = d3 + d4, tmp4 = d3 - d4;
  let tmp10 = tmp0 + tmp3;
  const tmp13 = tmp0 - tmp3;
  let tmp11 = tmp1 + tmp2;
  let tmp12 = tmp1 - tmp2;
  d[o] = tmp10 + tmp11;
  d[o + 4 * step] = tmp10 - tmp11;
  const z1 = (tmp12 + tmp13) * 0.707106781;
  d[o + 2 * step] = tmp13 + z1;
  d[o + 6 * step] = tmp13 - z1;
  tmp10 = tmp4 + tmp5;
  tmp11 = tmp5 + tmp6;
  tmp12 = tmp6 + tmp7;
  const z5 = (tmp10 - tmp12) * 0.382683433;
  const z2 = 0.5411961 * tmp10 + z5;
  const z4 = 1.306562965 * tmp12 + z5;
  const z3 = tmp11 * 0.707106781;
  const z11 = tmp7 + z3;
  const z13 = tmp7 - z3;
  d[o + 5 * step] = z13 + z2;
  d[o + 3 * step] = z13 - z2;
  d[o + step] = z11 + z4;
  d[o + 7 * step] = z11 - z4;
}

/** One 8-point AAN inverse DCT (libjpeg 6b's jidctflt.c), on d[o], d[o + step], …, in place. */
function idct8(d: Float64Array, o: number, step: number): void {
  let tmp0 = d[o], tmp1 = d[o + 2 * step], tmp2 = d[o + 4 * step], tmp3 = d[o + 6 * step];
  let tmp10 = tmp0 + tmp2;
  let tmp11 = tmp0 - tmp2;
  const tmp13 = tmp1 + tmp3;
  let tmp12 = (tmp1 - tmp3) * 1.414213562 - tmp13;
  tmp0 = tmp10 + tmp13;
  tmp3 = tmp10 - tmp13;
  tmp1 = tmp11 + tmp12;
  tmp2 = tmp11 - tmp12;
  const tmp4 = d[o + step], tmp5 = d[o + 3 * step], tmp6 = d[o + 5 * step], tmp7 = d[o + 7 * step];
  const z13 = tmp6 + tmp5, z10 = tmp6 - tmp5, z11 = tmp4 + tmp7, z12 = tmp4 - tmp7;
  const t7 = z11 + z13;
  tmp11 = (z11 - z13) * 1.414213562;
  const z5 = (z10 + z12) * 1.847759065;
  tmp10 = 1.0823922 * z12 - z5;
  tmp12 = -2.61312593 * z10 + z5;
  const t6 = tmp12 - t7;
  const t5 = tmp11 - t6;
  const t4 = tmp10 + t5;
  d[o] = tmp0 + t7;
  d[o + 7 * step] = tmp0 - t7;
  d[o + step] = tmp1 + t6;
  d[o + 6 * step] = tmp1 - t6;
  d[o + 2 * step] = tmp2 + t5;
  d[o + 5 * step] = tmp2 - t5;
  d[o + 4 * step] = tmp3 + t4;
  d[o + 3 * step] = tmp3 - t4;
}

/** Per-coefficient factors between AAN's scaled outputs and the true DCT: aan[u]·aan[v]·8. */
const AAN_SCALE = Float64Array.from({ length: 64 }, (_, i) => AAN[i >> 3] * AAN[i & 7] * 8);

/**
 * Forward DCT, quantisation, dequantisation and inverse DCT of one 8×8 block (row-major,
 * level-shifted samples), in place. Exported for the known-answer test against the DCT's definition.
 */
export function roundTripBlock(block: Float64Array, table: Int32Array): void {
  for (let r = 0; r < 8; r++) fdct8(block, r * 8, 1);
  for (let c = 0; c < 8; c++) fdct8(block, c, 8);
  for (let i = 0; i < 64; i++) {
    // The true coefficient is block[i] / AAN_SCALE[i]; quantise it, round half away from zero.
    const q = table[i];
    const f = block[i] / AAN_SCALE[i];
    const level = Math.floor(Math.abs(f) / q + 0.5);
    // jidctflt takes coefficients multiplied by aan[u]·aan[v] and returns 8× the samples.
    block[i] = (f < 0 ? -level : level) * q * AAN_SCALE[i];
  }
  for (let c = 0; c < 8; c++) idct8(block, c, 8);
  for (let r = 0; r < 8; r++) idct8(block, r * 8, 1);
  for (let i = 0; i < 64; i++) block[i] /= 64;
}

/**
 * Compresses one plane of 8-bit samples (width × height, row-major) through the DCT and a table,
 * in place. The plane is padded to whole blocks by repeating its last row and column.
 */
function roundTripPlane(plane: Uint8Array, width: number, height: number, table: Int32Array): void {
  const block = new Float64Array(64);
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        const sy = Math.min(by + y, height - 1);
        for (let x = 0; x < 8; x++) block[y * 8 + x] = plane[sy * width + Math.min(bx + x, width - 1)] - 128;
      }
      roundTripBlock(block, table);
      for (let y = 0; y < 8 && by + y < height; y++) {
        for (let x = 0; x < 8 && bx + x < width; x++) plane[(by + y) * width + bx + x] = clampByte(block[y * 8 + x] + 128);
      }
    }
  }
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

/** libjpeg's h2v2_downsample: 2×2 means with the bias alternating 1, 2 along each row; edges repeat. */
function downsample(plane: Uint8Array, width: number, height: number): { data: Uint8Array; width: number; height: number } {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const out = new Uint8Array(w * h);
  const at = (x: number, y: number) => plane[Math.min(y, height - 1) * width + Math.min(x, width - 1)];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const bias = x % 2 === 0 ? 1 : 2;
      out[y * w + x] = (at(2 * x, 2 * y) + at(2 * x + 1, 2 * y) + at(2 * x, 2 * y + 1) + at(2 * x + 1, 2 * y + 1) + bias) >> 2;
    }
  }
  return { data: out, width: w, height: h };
}

/** libjpeg's h2v2_fancy_upsample: each output sample is 9/16, 3/16, 3/16, 1/16 of its nearest inputs. */
function upsample(plane: Uint8Array, w: number, h: number, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const row = (y: number) => Math.min(Math.max(y, 0), h - 1) * w;
  for (let y = 0; y < h; y++) {
    for (let v = 0; v < 2; v++) {
      const oy = 2 * y + v;
      if (oy >= height) break;
      const near = row(y);
      const far = row(v === 0 ? y - 1 : y + 1);
      const sum = (x: number) => plane[near + x] * 3 + plane[far + x];
      const put = (ox: number, value: number) => {
        if (ox < width) out[oy * width + ox] = value;
      };
      if (w === 1) {
        const s = sum(0);
        put(0, (s * 4 + 8) >> 4);
        put(1, (s * 4 + 7) >> 4);
        continue;
      }
      let last = sum(0);
      let current = last;
      let next = sum(1);
      put(0, (current * 4 + 8) >> 4);
      put(1, (current * 3 + next + 7) >> 4);
      for (let x = 1; x < w - 1; x++) {
        last = current;
        current = next;
        next = sum(x + 1);
        put(2 * x, (current * 3 + last + 8) >> 4);
        put(2 * x + 1, (current * 3 + next + 7) >> 4);
      }
      last = current;
      current = next;
      put(2 * (w - 1), (current * 3 + last + 8) >> 4);
      put(2 * (w - 1) + 1, (current * 4 + 7) >> 4);
    }
  }
  return out;
}

export interface JpegOptions {
  /** 1–100, the IJG scale that Pillow's `quality` sets. */
  quality: number;
  /** Chroma subsampling for colour images: 4:2:0 (libjpeg's and Pillow's default) or none. */
  subsampling?: '4:2:0' | '4:4:4';
}

/** An 8-bit HWC image (1 or 3 channels) after JPEG compression at a quality; returns a new array. */
export function jpegRoundTrip(src: Uint8Array, width: number, height: number, channels: 1 | 3, options: JpegOptions): Uint8Array {
  const luma = quantTable(LUMA_TABLE, options.quality);
  if (channels === 1) {
    const plane = src.slice(0, width * height);
    roundTripPlane(plane, width, height, luma);
    return plane;
  }
  const chroma = quantTable(CHROMA_TABLE, options.quality);
  const size = width * height;
  const yp = new Uint8Array(size);
  const cb = new Uint8Array(size);
  const cr = new Uint8Array(size);
  for (let p = 0; p < size; p++) {
    const r = src[3 * p];
    const g = src[3 * p + 1];
    const b = src[3 * p + 2];
    yp[p] = clampByte(0.299 * r + 0.587 * g + 0.114 * b);
    cb[p] = clampByte(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
    cr[p] = clampByte(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
  }
  roundTripPlane(yp, width, height, luma);
  let cbOut: Uint8Array;
  let crOut: Uint8Array;
  if ((options.subsampling ?? '4:2:0') === '4:2:0') {
    const small = [downsample(cb, width, height), downsample(cr, width, height)];
    for (const s of small) roundTripPlane(s.data, s.width, s.height, chroma);
    cbOut = upsample(small[0].data, small[0].width, small[0].height, width, height);
    crOut = upsample(small[1].data, small[1].width, small[1].height, width, height);
  } else {
    roundTripPlane(cb, width, height, chroma);
    roundTripPlane(cr, width, height, chroma);
    cbOut = cb;
    crOut = cr;
  }
  const out = new Uint8Array(size * 3);
  for (let p = 0; p < size; p++) {
    const y = yp[p];
    const u = cbOut[p] - 128;
    const v = crOut[p] - 128;
    out[3 * p] = clampByte(y + 1.402 * v);
    out[3 * p + 1] = clampByte(y - 0.344136 * u - 0.714136 * v);
    out[3 * p + 2] = clampByte(y + 1.772 * u);
  }
  return out;
}
