/**
 * Opens the TrustGrade database through any IDBFactory (the browser's, or fake-indexeddb's in
 * tests), applying the numbered migrations. idb's own openDB always uses the global indexedDB,
 * so this does the same wiring with an explicit factory.
 */
import { wrap, type IDBPDatabase } from 'idb';
import { StorageError, toStorageError } from './errors';
import { applyMigrations, DB_NAME, DB_VERSION, type TrustGradeDB, type UpgradeTransaction } from './schema';

export type TrustGradeDatabase = IDBPDatabase<TrustGradeDB>;

/**
 * Opens `name` at `version` (default: the current schema). A lower version applies only
 * migrations[0 .. version): tests use it to write a database as an older app would have.
 */
export async function openDatabase(
  name: string = DB_NAME,
  factory: IDBFactory | undefined = browserFactory(),
  version: number = DB_VERSION,
): Promise<TrustGradeDatabase> {
  if (!factory) {
    throw new StorageError(
      'This browser gives the page no IndexedDB (private browsing can turn it off), so runs cannot be stored. ' +
        'Open the app in a normal window, or export each run when it finishes.',
    );
  }
  let migrationError: unknown;
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name, version);
  } catch (error) {
    throw toStorageError(error, 'opening the stored runs');
  }
  request.addEventListener('upgradeneeded', (event) => {
    const transaction = request.transaction!;
    const upgrade = wrap(transaction) as unknown as UpgradeTransaction;
    // The open request reports the outcome; this only keeps an aborted upgrade from raising an unhandled rejection.
    upgrade.done.catch(() => undefined);
    try {
      applyMigrations(wrap(request.result) as TrustGradeDatabase, event.oldVersion, event.newVersion ?? version, upgrade);
    } catch (error) {
      // Aborting the upgrade rolls every migration back, so the old data stays as it was.
      migrationError = error;
      transaction.abort();
    }
  });
  try {
    const db = (await wrap(request)) as TrustGradeDatabase;
    // Another tab wants to upgrade the schema: step aside instead of blocking it.
    db.addEventListener('versionchange', () => db.close());
    return db;
  } catch (error) {
    throw openFailure(error, migrationError, version);
  }
}

/** The page's IndexedDB; reading it throws a SecurityError in some sandboxed or cookie-less contexts. */
function browserFactory(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB ?? undefined;
  } catch {
    return undefined;
  }
}

function openFailure(error: unknown, migrationError: unknown, version: number): StorageError {
  if (migrationError !== undefined) {
    const detail = migrationError instanceof Error ? migrationError.message : String(migrationError);
    return new StorageError(
      `Upgrading the stored runs to schema version ${version} failed (${detail}). Nothing was changed; ` +
        'keep using the previous version of TrustGrade to export your runs, and report this problem.',
      { cause: migrationError },
    );
  }
  if (typeof error === 'object' && error !== null && 'name' in error && error.name === 'VersionError') {
    return new StorageError(
      `The stored runs were written by a newer version of TrustGrade than this one (which reads schema version ${version}). ` +
        'Open the newer version of the app, or export the runs there and import them here.',
      { cause: error },
    );
  }
  return toStorageError(error, 'opening the stored runs');
}
