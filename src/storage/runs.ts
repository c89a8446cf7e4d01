/**
 * The run store: everything the app keeps in IndexedDB, behind plain async functions.
 * A run is stored twice under one id — a small summary for lists and the full record — and both
 * are always written or deleted in one transaction, so a failure never leaves half a run.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { Dataset, DatasetManifest, Json, ModelFile, ModelInfo, Run, RunSummary } from '../core/types';
import { openDatabase, type TrustGradeDatabase } from './database';
import { StorageError, toStorageError } from './errors';
import { parseRunsFile, serializeRuns } from './run-file';
import { DB_NAME, type StoredDataset, type StoredModel, type TrustGradeDB } from './schema';
import { summarize } from './summarize';

export { StorageError, StorageFullError, ImportError } from './errors';
export type { StoredDataset, StoredModel } from './schema';

/** Narrows listRuns to one model family (`run.label.family`) or one model file. */
export interface RunFilter {
  family?: string;
  modelSha256?: string;
}

export interface RunStore {
  /** Stores a run (new, or updated as it progresses): summary and details in one transaction. */
  saveRun(run: Run): Promise<void>;
  /** Summaries, newest first. */
  listRuns(filter?: RunFilter): Promise<RunSummary[]>;
  getRun(id: string): Promise<Run | undefined>;
  /** Deletes a run and returns it, so the caller can offer undo with restoreRun. */
  deleteRun(id: string): Promise<Run | undefined>;
  /** Puts back a run returned by deleteRun. */
  restoreRun(run: Run): Promise<void>;
  /** Marks every run still `running` as `interrupted` (call at app start); returns their ids. */
  markInterrupted(): Promise<string[]>;
  /** JSON text of the given runs (all runs when omitted), newest first or in the order asked. */
  exportRuns(ids?: string[]): Promise<string>;
  /** Validates the whole file first (ImportError on the first violation), then adds runs whose ids are new. */
  importRuns(text: string): Promise<{ imported: number; skipped: number }>;
  /** Stores what is known about a model; its bytes only when `files` is given. */
  saveModel(info: ModelInfo, files?: ModelFile[]): Promise<void>;
  getModel(sha256: string): Promise<StoredModel | undefined>;
  deleteModel(sha256: string): Promise<void>;
  /** Stores a dataset's manifest; its data only when `dataset` is given. */
  saveDataset(manifest: DatasetManifest, dataset?: Dataset): Promise<void>;
  getDataset(sha256: string): Promise<StoredDataset | undefined>;
  deleteDataset(sha256: string): Promise<void>;
  getSetting<T extends Json = Json>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: Json): Promise<void>;
  close(): void;
}

/** Opens (creating or upgrading as needed) the database and returns the store over it. */
export async function openStore(name: string = DB_NAME, idbFactory?: IDBFactory): Promise<RunStore> {
  const db = await openDatabase(name, idbFactory);
  return createRunStore(db);
}

function createRunStore(db: TrustGradeDatabase): RunStore {
  const putRun = (run: Run, action: string) =>
    write(db, ['runs', 'runDetails'], action, async (tx) => {
      // Summary first: if the full record then fails, the abort must take the summary with it.
      await tx.objectStore('runs').put(summarize(run));
      await tx.objectStore('runDetails').put(run);
    });

  return {
    saveRun: (run) => putRun(run, `saving run ${run.id}`),
    restoreRun: (run) => putRun(run, `restoring run ${run.id}`),

    listRuns: (filter = {}) =>
      read('reading the list of runs', async () => {
        const summaries =
          filter.family !== undefined
            ? await db.getAllFromIndex('runs', 'by-family', filter.family)
            : filter.modelSha256 !== undefined
              ? await db.getAllFromIndex('runs', 'by-modelSha256', filter.modelSha256)
              : await db.getAll('runs');
        return summaries
          .filter((s) => filter.modelSha256 === undefined || s.modelSha256 === filter.modelSha256)
          .sort(newestFirst);
      }),

    getRun: (id) => read(`reading run ${id}`, () => db.get('runDetails', id)),

    deleteRun: (id) =>
      write(db, ['runs', 'runDetails'], `deleting run ${id}`, async (tx) => {
        const run = await tx.objectStore('runDetails').get(id);
        await tx.objectStore('runs').delete(id);
        await tx.objectStore('runDetails').delete(id);
        return run;
      }),

    markInterrupted: () =>
      write(db, ['runs', 'runDetails'], 'marking unfinished runs as interrupted', async (tx) => {
        const ids: string[] = [];
        for await (const cursor of tx.objectStore('runs')) {
          if (cursor.value.status !== 'running') continue;
          ids.push(cursor.key);
          await cursor.update({ ...cursor.value, status: 'interrupted' });
        }
        const details = tx.objectStore('runDetails');
        for (const id of ids) {
          const run = await details.get(id);
          if (run) await details.put({ ...run, status: 'interrupted' });
        }
        return ids;
      }),

    exportRuns: (ids) =>
      read('exporting runs', async () => {
        const tx = db.transaction('runDetails', 'readonly');
        let runs: Run[];
        if (ids === undefined) {
          runs = (await tx.store.getAll()).sort(newestFirst);
        } else {
          runs = [];
          for (const id of ids) {
            const run = await tx.store.get(id);
            if (!run) {
              throw new StorageError(`No stored run has the id "${id}"; it may have been deleted. Reload the list of runs and choose again.`);
            }
            runs.push(run);
          }
        }
        return serializeRuns(runs, new Date().toISOString());
      }),

    importRuns: async (text) => {
      const runs = parseRunsFile(text);
      return write(db, ['runs', 'runDetails'], 'importing runs', async (tx) => {
        let imported = 0;
        for (const run of runs) {
          if ((await tx.objectStore('runDetails').getKey(run.id)) !== undefined) continue;
          await tx.objectStore('runs').put(summarize(run));
          await tx.objectStore('runDetails').put(run);
          imported++;
        }
        return { imported, skipped: runs.length - imported };
      });
    },

    saveModel: (info, files) =>
      write(db, ['models'], `storing model ${info.name}`, async (tx) => {
        const earlier = await tx.store.get(info.sha256);
        const record: StoredModel = { info, addedAt: earlier?.addedAt ?? new Date().toISOString() };
        if (files) record.files = files.map((f) => ({ path: f.path, bytes: ownBytes(f.bytes) }));
        await tx.store.put(record);
      }),
    getModel: (sha256) => read('reading a stored model', () => db.get('models', sha256)),
    deleteModel: (sha256) => write(db, ['models'], 'deleting a stored model', (tx) => tx.store.delete(sha256)),

    saveDataset: (manifest, dataset) =>
      write(db, ['datasets'], `storing dataset ${manifest.name}`, async (tx) => {
        await tx.store.put(dataset ? { manifest, dataset } : { manifest });
      }),
    getDataset: (sha256) => read('reading a stored dataset', () => db.get('datasets', sha256)),
    deleteDataset: (sha256) => write(db, ['datasets'], 'deleting a stored dataset', (tx) => tx.store.delete(sha256)),

    getSetting: <T extends Json = Json>(key: string) =>
      read(`reading setting ${key}`, async () => (await db.get('settings', key)) as T | undefined),
    setSetting: (key, value) =>
      write(db, ['settings'], `saving setting ${key}`, async (tx) => {
        await tx.store.put(value, key);
      }),

    close: () => db.close(),
  };
}

type Names = StoreNames<TrustGradeDB>;

/**
 * Runs `body` in one readwrite transaction and waits for it to commit. On any failure the
 * transaction is aborted, so none of its writes remain, and the error becomes a StorageError.
 */
async function write<const S extends Names[], T>(
  db: TrustGradeDatabase,
  stores: S,
  action: string,
  body: (tx: IDBPTransaction<TrustGradeDB, S, 'readwrite'>) => Promise<T>,
): Promise<T> {
  let tx: IDBPTransaction<TrustGradeDB, S, 'readwrite'>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (error) {
    throw toStorageError(error, action);
  }
  // Awaited below; this only keeps an aborted transaction from raising an unhandled rejection.
  tx.done.catch(() => undefined);
  try {
    const result = await body(tx);
    await tx.done;
    return result;
  } catch (error) {
    abortQuietly(tx);
    throw toStorageError(rootCause(tx, error), action);
  }
}

async function read<T>(action: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toStorageError(error, action);
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted.
  }
}

/** A request fails with AbortError when its transaction aborts; the transaction knows the real reason (e.g. quota). */
function rootCause(tx: { error: DOMException | null }, error: unknown): unknown {
  const isAbort = typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
  if (!isAbort) return error;
  try {
    return tx.error ?? error;
  } catch {
    return error;
  }
}

function newestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** A copy that owns its buffer: storing a view into a larger buffer would store the whole buffer. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
