/**
 * MNIST IDX reader (http://yann.lecun.com/exdb/mnist/ file format): a big-endian header — magic
 * 2051 for images (then count, rows, columns) or 2049 for labels (then count) — followed by
 * unsigned bytes. Either file may be gzipped.
 */
import type { Dataset } from '../core/types';
import { DatasetError } from './errors';
import { maybeGunzip } from './gzip';
import { baseName, fileName, makeManifest } from './manifest';

export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

/** The IDX magic number at the start of (un-gzipped) bytes, or null when there is none. */
export function idxMagic(bytes: Uint8Array): number | null {
  if (bytes.length < 4) return null;
  const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  return magic === IDX_IMAGES_MAGIC || magic === IDX_LABELS_MAGIC ? magic : null;
}

function uint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function expectMagic(bytes: Uint8Array, expected: number, what: string): void {
  if (bytes.length < 4) {
    throw new DatasetError(`The ${what} is only ${bytes.length} bytes long, too short for an IDX header. Copy the file again.`);
  }
  const magic = uint32(bytes, 0);
  if (magic !== expected) {
    const kind = expected === IDX_IMAGES_MAGIC ? 'an images file (magic 2051)' : 'a labels file (magic 2049)';
    const other =
      magic === IDX_IMAGES_MAGIC ? ' It is an images file: did you swap images and labels?' :
      magic === IDX_LABELS_MAGIC ? ' It is a labels file: did you swap images and labels?' : '';
    throw new DatasetError(`The ${what} should be ${kind} but starts with magic number ${magic}.${other} Choose the MNIST IDX file (e.g. t10k-images-idx3-ubyte.gz).`);
  }
}

export interface IdxImages { count: number; height: number; width: number; pixels: Uint8Array }

export function parseIdxImages(raw: Uint8Array, what = 'IDX images file'): IdxImages {
  const bytes = maybeGunzip(raw, what);
  expectMagic(bytes, IDX_IMAGES_MAGIC, what);
  if (bytes.length < 16) {
    throw new DatasetError(`The ${what} is ${bytes.length} bytes long, too short for its 16-byte header. It is truncated: copy it again.`);
  }
  const count = uint32(bytes, 4);
  const height = uint32(bytes, 8);
  const width = uint32(bytes, 12);
  const expected = 16 + count * height * width;
  if (bytes.length !== expected) {
    throw new DatasetError(
      `The ${what} declares ${count} images of ${height}×${width} pixels (${expected} bytes) but holds ${bytes.length} bytes. ` +
        (bytes.length < expected ? 'It is truncated: copy it again.' : 'It has extra bytes at the end: copy it again.'),
    );
  }
  if (count === 0 || height === 0 || width === 0) {
    throw new DatasetError(`The ${what} holds no pixels (${count} images of ${height}×${width}). Choose a file with images in it.`);
  }
  return { count, height, width, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(raw: Uint8Array, what = 'IDX labels file'): Uint8Array {
  const bytes = maybeGunzip(raw, what);
  expectMagic(bytes, IDX_LABELS_MAGIC, what);
  if (bytes.length < 8) {
    throw new DatasetError(`The ${what} is ${bytes.length} bytes long, too short for its 8-byte header. It is truncated: copy it again.`);
  }
  const count = uint32(bytes, 4);
  if (bytes.length !== 8 + count) {
    throw new DatasetError(
      `The ${what} declares ${count} labels but holds ${bytes.length - 8}. ` +
        (bytes.length < 8 + count ? 'It is truncated: copy it again.' : 'It has extra bytes at the end: copy it again.'),
    );
  }
  return bytes.subarray(8);
}

/** Reads MNIST IDX images, with labels when a labels file is given, into an image Dataset. */
export async function readIdx(
  images: { path: string; bytes: Uint8Array },
  labels: { path: string; bytes: Uint8Array } | null,
  opts: { name?: string } = {},
): Promise<Dataset> {
  const parsed = parseIdxImages(images.bytes, `IDX images file '${images.path}'`);
  let labelValues: (string | null)[];
  if (labels) {
    const raw = parseIdxLabels(labels.bytes, `IDX labels file '${labels.path}'`);
    if (raw.length !== parsed.count) {
      throw new DatasetError(
        `The images file '${images.path}' has ${parsed.count} images but the labels file '${labels.path}' has ${raw.length} labels. Use the two files of the same set (e.g. t10k-images with t10k-labels).`,
      );
    }
    labelValues = Array.from(raw, (v) => String(v));
  } else {
    labelValues = new Array<string | null>(parsed.count).fill(null);
  }
  const names = Array.from({ length: parsed.count }, (_, i) => `${fileName(images.path)}#${i}`);
  const name = opts.name ?? baseName(images.path).replace(/-images.*$|\.idx\d.*$/i, '');
  const parts = labels
    ? [images, labels].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => f.bytes)
    : [images.bytes];
  const manifest = await makeManifest({ name, format: 'idx', parts, rows: parsed.count });
  return {
    manifest,
    data: {
      kind: 'image',
      width: parsed.width,
      height: parsed.height,
      channels: 1,
      pixels: parsed.pixels,
      labels: labelValues,
      names,
    },
  };
}
