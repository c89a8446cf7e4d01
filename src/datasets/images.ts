/**
 * Image folder reader: PNG and JPEG files (sorted by path) become one ImageData8. All images must
 * have the same size. A set with any colour image is stored as RGB (gray images are replicated);
 * an all-gray set stays one channel. Labels come from a labels CSV (`file,label`) when given, else
 * from the file name: `<anything>_<label>.<ext>`, the part after the last underscore
 * ('mnist_07_9.png' → '9'); a name without an underscore is unlabelled (null).
 */
import type { Dataset } from '../core/types';
import { parseCsvText } from './csv';
import { decodeImage, type DecodedImage } from './decode-image';
import { DatasetError } from './errors';
import { fileName, makeManifest } from './manifest';
import { decodeText } from './text';

export interface NamedBytes {
  path: string;
  bytes: Uint8Array;
}

/** The label in a file name: the part after its last underscore, before the extension; null if none. */
export function labelFromFileName(path: string): string | null {
  const file = fileName(path);
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const underscore = stem.lastIndexOf('_');
  if (underscore < 0 || underscore === stem.length - 1) return null;
  return stem.slice(underscore + 1);
}

/** Reads a labels CSV with columns `file` and `label` into a map from file name to label. */
export function parseLabelsCsv(file: NamedBytes): Map<string, string | null> {
  const what = `labels file '${file.path}'`;
  const table = parseCsvText(decodeText(file.bytes, what), what);
  const lower = table.columns.map((c) => c.toLowerCase());
  const fileCol = lower.indexOf('file');
  const labelCol = lower.indexOf('label');
  if (fileCol < 0 || labelCol < 0) {
    throw new DatasetError(
      `The ${what} needs the columns 'file' and 'label' but has ${table.columns.map((c) => `'${c}'`).join(', ')}. Rename its header to file,label.`,
    );
  }
  const labels = new Map<string, string | null>();
  for (const row of table.rows) {
    const name = row[fileCol];
    if (name === null) continue;
    const label = row[labelCol];
    labels.set(fileName(String(name).trim()), label === null ? null : String(label).trim());
  }
  return labels;
}

function toRgb(image: DecodedImage): Uint8Array {
  if (image.channels === 3) return image.pixels;
  const out = new Uint8Array(image.pixels.length * 3);
  for (let i = 0; i < image.pixels.length; i++) {
    const v = image.pixels[i];
    out[i * 3] = v;
    out[i * 3 + 1] = v;
    out[i * 3 + 2] = v;
  }
  return out;
}

/** Reads PNG/JPEG files (and an optional labels CSV) into an image Dataset. */
export async function readImages(
  files: NamedBytes[],
  opts: { name?: string; labelsCsv?: NamedBytes | null } = {},
): Promise<Dataset> {
  if (files.length === 0) {
    throw new DatasetError('No images were given. Choose one or more PNG or JPEG files.');
  }
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const decoded = sorted.map((f) => {
    if (f.bytes.byteLength === 0) {
      throw new DatasetError(`The image '${f.path}' is empty (0 bytes). Remove it or copy it again.`);
    }
    return decodeImage(f.bytes, `'${f.path}'`);
  });
  const first = decoded[0];
  decoded.forEach((image, i) => {
    if (image.width !== first.width || image.height !== first.height) {
      throw new DatasetError(
        `All images must have the same size, but '${sorted[i].path}' is ${image.width}×${image.height} while '${sorted[0].path}' is ${first.width}×${first.height}. ` +
          'Resize them to one size first (the binding then resizes that size to the model input).',
      );
    }
  });
  const channels: 1 | 3 = decoded.every((d) => d.channels === 1) ? 1 : 3;
  const size = first.width * first.height * channels;
  const pixels = new Uint8Array(size * decoded.length);
  decoded.forEach((image, i) => pixels.set(channels === 3 ? toRgb(image) : image.pixels, i * size));

  const fromCsv = opts.labelsCsv ? parseLabelsCsv(opts.labelsCsv) : null;
  const names = sorted.map((f) => fileName(f.path));
  const labels = names.map((name, i) => (fromCsv ? (fromCsv.get(name) ?? null) : labelFromFileName(sorted[i].path)));
  if (fromCsv && labels.every((l) => l === null)) {
    throw new DatasetError(
      `The labels file '${opts.labelsCsv!.path}' names none of the ${names.length} images (e.g. '${names[0]}'). Its 'file' column must hold the image file names.`,
    );
  }

  const parts = [...sorted, ...(opts.labelsCsv ? [opts.labelsCsv] : [])]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => f.bytes);
  const manifest = await makeManifest({ name: opts.name ?? 'images', format: 'images', parts, rows: decoded.length });
  return {
    manifest,
    data: { kind: 'image', width: first.width, height: first.height, channels, pixels, labels, names },
  };
}
