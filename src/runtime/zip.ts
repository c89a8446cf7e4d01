import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { ModelFile } from '../core/types';
import { ModelError, messageOf } from './errors';
import { normalizePath, unsafePathReason } from './paths';

/** Zips whose entries declare more than this much data are refused before anything is inflated. */
export const MAX_UNZIPPED_BYTES = 2 * 1024 ** 3;

/** Entries that archivers add and no model needs. */
const JUNK = [/^__MACOSX\//, /(^|\/)\.DS_Store$/, /(^|\/)Thumbs\.db$/];

/** True when the bytes start with a zip local-file header ("PK\x03\x04"). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The files of a zipped model. A single folder that holds everything (model/model.json …) is
 * stripped so paths are relative to the model. Entries with absolute paths or '..' are refused,
 * so a zip can never name a file outside its own folder ("zip slip").
 */
export function unzipModelFiles(bytes: Uint8Array, zipName = 'the zip file'): ModelFile[] {
  let declared = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (info: UnzipFileInfo) => {
        const reason = unsafePathReason(info.name);
        if (reason) {
          throw new ModelError(
            `${zipName} contains the entry '${info.name}', which was refused because ${reason}. ` +
              'Zip the model folder again so every entry is a plain relative path.',
          );
        }
        declared += info.originalSize;
        if (declared > MAX_UNZIPPED_BYTES) {
          throw new ModelError(
            `${zipName} would unpack to more than ${MAX_UNZIPPED_BYTES / 1024 ** 3} GiB. ` +
              'Drop the model files themselves instead of the zip.',
          );
        }
        return !info.name.endsWith('/') && !JUNK.some((re) => re.test(info.name));
      },
    });
  } catch (error) {
    if (error instanceof ModelError) throw error;
    throw new ModelError(
      `${zipName} could not be unpacked (${messageOf(error)}). It may be damaged or truncated; zip the model files again.`,
      { cause: error },
    );
  }
  const files = Object.entries(entries).map(([path, data]) => ({ path: normalizePath(path), bytes: data }));
  if (files.length === 0) {
    throw new ModelError(`${zipName} contains no files. Zip the folder that holds the model files.`);
  }
  return stripCommonFolder(files);
}

/** Removes a top folder shared by every file, repeatedly ('a/b/model.json' → 'model.json' when alone). */
export function stripCommonFolder(files: ModelFile[]): ModelFile[] {
  let current = files;
  for (;;) {
    const first = current[0].path.split('/')[0];
    const shared = current.every((f) => f.path.includes('/') && f.path.split('/')[0] === first);
    if (!shared) return current;
    current = current.map((f) => ({ path: f.path.slice(first.length + 1), bytes: f.bytes }));
  }
}
