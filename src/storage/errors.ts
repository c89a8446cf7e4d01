/** Errors the storage layer throws; each message says what went wrong and what the user can do. */
import { capitalize } from '../core/text';

/** Saving or reading stored data failed for a reason other than a full disk. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** The browser refused to store more for this site (a DOMException named QuotaExceededError). */
export class StorageFullError extends StorageError {
  constructor(action: string, options?: { cause?: unknown }) {
    super(
      `The browser's storage for this site is full, so ${action} failed. ` +
        'Export the runs you want to keep, delete old runs or stored model files, then try again.',
      options,
    );
    this.name = 'StorageFullError';
  }
}

/** A file given to importRuns is not a valid TrustGrade runs export; nothing was imported. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/**
 * Turns whatever IndexedDB threw into a StorageError. `action` completes the sentence
 * "… so ___ failed", e.g. 'saving run 3f2a…'.
 */
export function toStorageError(error: unknown, action: string): StorageError {
  if (error instanceof StorageError) return error;
  // DOMException is not an Error subclass in every engine, so read its fields structurally.
  const { name, message } = describe(error);
  if (name === 'QuotaExceededError') return new StorageFullError(action, { cause: error });
  const detail = name ? `${name}: ${message}` : message;
  if (name === 'DataCloneError') {
    return new StorageError(
      `${capitalize(action)} failed because the data holds a value the browser cannot store (${detail}). ` +
        'This is a bug in TrustGrade; export the run from the results page and report it.',
      { cause: error },
    );
  }
  return new StorageError(
    `${capitalize(action)} failed (${detail}). Reload the page and try again; data stored earlier is untouched.`,
    { cause: error },
  );
}

function describe(error: unknown): { name: string; message: string } {
  if (typeof error === 'object' && error !== null && 'name' in error) {
    return { name: String(error.name), message: 'message' in error ? String(error.message) : '' };
  }
  return { name: '', message: String(error) };
}

