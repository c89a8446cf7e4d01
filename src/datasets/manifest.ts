import type { DatasetManifest } from '../core/types';
import { sha256Hex } from '../core/sha256';

/** The file's base name without folders and without its last extension ('data/adult.csv' → 'adult'). */
export function baseName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

/** The file name without folders ('data/adult.csv' → 'adult.csv'). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * A manifest for bytes just read. The id joins a readable name and the start of the hash, so the same
 * bytes always get the same id and two files with the same name do not collide.
 */
export async function makeManifest(opts: {
  name: string;
  format: DatasetManifest['format'];
  parts: Uint8Array[];
  rows: number;
}): Promise<DatasetManifest> {
  const sha256 = await sha256Hex(opts.parts);
  const slug = opts.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';
  return { id: `${slug}-${sha256.slice(0, 12)}`, name: opts.name, format: opts.format, sha256, rows: opts.rows };
}
