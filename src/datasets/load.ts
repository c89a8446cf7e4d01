/**
 * One entry point for every dataset a user can drop: it sniffs each file by magic bytes and
 * extension and hands the set to the matching reader.
 */
import type { Dataset } from '../core/types';
import { readCsv } from './csv';
import { isJpeg, isPng } from './decode-image';
import { DatasetError } from './errors';
import { isGzip, maybeGunzip } from './gzip';
import { IDX_IMAGES_MAGIC, idxMagic, readIdx } from './idx';
import { readImages, type NamedBytes } from './images';
import { readJsonRows } from './json-rows';
import { baseName, fileName, makeManifest } from './manifest';

export const ACCEPTED_DATASET_TYPES =
  'a CSV file (.csv, .tsv; header line required), JSON rows (.json: a list of objects or {"columns", "rows"}), ' +
  'MNIST IDX files (images, optionally with labels; gzipped or not), or PNG/JPEG images ' +
  '(labels in the file names like digit_7.png, or in a CSV with columns file,label)';

/** A file as dropped or read from disk: its path (relative, for messages and names) and bytes. */
export type DataFile = NamedBytes;

type Kind = 'csv' | 'json' | 'idx-images' | 'idx-labels' | 'image' | 'ignored';

const textExtensions = /\.(csv|tsv|txt|data)$/i;

/** Files that travel with datasets but hold no data (licence, readme, OS clutter). */
function isSideFile(path: string): boolean {
  const name = fileName(path);
  return name.startsWith('.') || /^(license|licence|readme|notice|copying)/i.test(name) || /\.(md|html?|pdf)$/i.test(name);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  for (let i = 0; i < n; i++) {
    if (bytes[i] < 8) return false;
  }
  return true;
}

function firstNonSpace(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i < bytes.length ? bytes[i] : -1;
}

function classify(path: string, bytes: Uint8Array): Kind {
  if (isPng(bytes) || isJpeg(bytes)) return 'image';
  const magic = idxMagic(bytes);
  if (magic !== null) return magic === IDX_IMAGES_MAGIC ? 'idx-images' : 'idx-labels';
  if (isSideFile(path)) return 'ignored';
  const name = path.replace(/\.gz$/i, '');
  if (/\.json$/i.test(name)) return 'json';
  if (textExtensions.test(name)) return 'csv';
  if (looksLikeText(bytes)) {
    const first = firstNonSpace(bytes);
    return first === 0x5b || first === 0x7b ? 'json' : 'csv';
  }
  throw new DatasetError(`The file '${path}' is not a dataset this app can read. Use ${ACCEPTED_DATASET_TYPES}.`);
}

function folderName(paths: string[]): string | null {
  const parts = paths[0].split(/[\\/]/);
  if (parts.length < 2) return null;
  const folder = parts[parts.length - 2];
  return paths.every((p) => p.split(/[\\/]/).slice(-2, -1)[0] === folder) ? folder : null;
}

/** Re-hashes a dataset read from unpacked bytes so its manifest names the bytes the user gave. */
async function withOriginalHash(dataset: Dataset, original: Uint8Array): Promise<Dataset> {
  const manifest = await makeManifest({ name: dataset.manifest.name, format: dataset.manifest.format, parts: [original], rows: dataset.manifest.rows });
  return { ...dataset, manifest };
}

/** Reads dropped or named files as one dataset. */
export async function loadDataset(files: DataFile[], opts: { name?: string } = {}): Promise<Dataset> {
  if (files.length === 0) {
    throw new DatasetError(`No files were given. Choose ${ACCEPTED_DATASET_TYPES}.`);
  }
  const groups: Record<Kind, { path: string; bytes: Uint8Array; original: Uint8Array }[]> = {
    csv: [], json: [], 'idx-images': [], 'idx-labels': [], image: [], ignored: [],
  };
  for (const file of files) {
    if (file.bytes.byteLength === 0) {
      if (isSideFile(file.path)) continue;
      throw new DatasetError(`The file '${file.path}' is empty (0 bytes). Choose the file again, or check that it was saved completely.`);
    }
    // IDX files are unpacked by their reader; other gzipped files are unpacked here to be sniffed.
    const unpacked = isGzip(file.bytes) ? maybeGunzip(file.bytes, `file '${file.path}'`) : file.bytes;
    const kind = classify(file.path, unpacked);
    groups[kind].push({ path: file.path, bytes: kind.startsWith('idx') ? file.bytes : unpacked, original: file.bytes });
  }
  const { csv, json, image } = groups;
  const idxImages = groups['idx-images'];
  const idxLabels = groups['idx-labels'];
  const dataKinds = [csv.length + json.length > 0 && !image.length, idxImages.length + idxLabels.length > 0, image.length > 0].filter(Boolean).length;
  if (dataKinds > 1) {
    throw new DatasetError(
      `These files mix dataset types (${files.map((f) => fileName(f.path)).slice(0, 6).join(', ')}${files.length > 6 ? ', …' : ''}). Load one dataset at a time: ${ACCEPTED_DATASET_TYPES}.`,
    );
  }

  if (image.length > 0) {
    if (json.length > 0 || csv.length > 1) {
      throw new DatasetError('Images can come with at most one labels CSV (columns file,label) and no other data files. Remove the extra files.');
    }
    const paths = image.map((f) => f.path);
    return readImages(image, { name: opts.name ?? folderName(paths) ?? 'images', labelsCsv: csv[0] ?? null });
  }

  if (idxImages.length + idxLabels.length > 0) {
    if (idxImages.length !== 1 || idxLabels.length > 1) {
      throw new DatasetError(
        `MNIST IDX data needs exactly one images file (magic 2051) and at most one labels file (magic 2049); got ${idxImages.length} images and ${idxLabels.length} labels files. ` +
          'Choose e.g. t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz.',
      );
    }
    const name = opts.name ?? baseName(idxImages[0].path.replace(/\.gz$/i, '')).replace(/-images.*$|-idx\d.*$/i, '');
    return readIdx(idxImages[0], idxLabels[0] ?? null, { name });
  }

  const tables = [...csv, ...json];
  if (tables.length === 0) {
    throw new DatasetError(`None of the files holds data (${files.map((f) => fileName(f.path)).join(', ')}). Choose ${ACCEPTED_DATASET_TYPES}.`);
  }
  if (tables.length > 1) {
    throw new DatasetError(
      `Only one table can be loaded at a time, but ${tables.length} were given (${tables.map((t) => fileName(t.path)).join(', ')}). Choose one of them.`,
    );
  }
  const table = tables[0];
  const name = opts.name ?? baseName(table.path.replace(/\.gz$/i, ''));
  const dataset = csv.length
    ? await readCsv(table.bytes, { name, path: table.path })
    : await readJsonRows(table.bytes, { name, path: table.path });
  return table.original === table.bytes ? dataset : withOriginalHash(dataset, table.original);
}
