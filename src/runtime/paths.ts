import { ModelError } from './errors';

/**
 * Paths inside a model's own folder. A model file may name other files (TF.js shards, zip entries);
 * none of those names may leave the folder or point somewhere absolute.
 */

/** Forward slashes, no leading './', no empty segments. */
export function normalizePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/** Why `path` is unsafe to resolve inside the model's folder, or null when it is safe. */
export function unsafePathReason(path: string): string | null {
  const slashed = path.replace(/\\/g, '/');
  if (slashed.trim() === '') return 'it is empty';
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) return 'it is an absolute path';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(slashed)) return 'it is a URL';
  if (slashed.split('/').includes('..')) return "it contains '..' and would leave the model's folder";
  if (slashed.includes('\0')) return 'it contains a NUL character';
  return null;
}

/** Throws a ModelError saying which file (`referrer`) named an unsafe path; returns the normalized path otherwise. */
export function requireSafePath(path: string, referrer: string): string {
  const reason = unsafePathReason(path);
  if (reason) {
    throw new ModelError(
      `${referrer} names the file '${path}', which was refused because ${reason}. ` +
        'A model may only refer to files in its own folder; export it again or fix the path.',
    );
  }
  return normalizePath(path);
}

/** The folder part of a normalized path ('' at the top). */
export function dirname(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, path: string): string {
  return dir === '' ? path : `${dir}/${path}`;
}
