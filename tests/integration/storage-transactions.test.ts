import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../../src/core/types';
import { openDatabase } from '../../src/storage/database';
import { StorageError, StorageFullError, toStorageError } from '../../src/storage/errors';
import { openStore } from '../../src/storage/runs';
import { DB_VERSION } from '../../src/storage/schema';
import { fixtureRuns, freshStore, runAt } from '../fixtures/storage/helpers';
import { IDBFactory } from 'fake-indexeddb';

/** A run whose details hold a function: its summary clones fine, its full record cannot be stored. */
function uncloneableRun(id: string): Run {
  return runAt(id, '2025-06-09T10:00:00.000Z', (run) => {
    (run.results[0].measurement!.details as Record<string, unknown>).chart = () => 'not data';
  });
}

/** Makes every put into `storeName` throw `error`, as the browser does when it refuses a write. */
function failPutsInto(storeName: string, error: unknown) {
  const original = IDBObjectStore.prototype.put;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === storeName) throw error;
    return original.apply(this, args);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('transactional writes', () => {
  it('leaves no summary behind when the full record cannot be stored', async () => {
    const { store } = await freshStore();
    const saving = store.saveRun(uncloneableRun('broken'));
    await expect(saving).rejects.toBeInstanceOf(StorageError);
    await expect(saving).rejects.toThrow(/saving run broken failed because the data holds a value the browser cannot store \(DataCloneError/i);
    expect(await store.listRuns()).toEqual([]);
    expect(await store.getRun('broken')).toBeUndefined();
  });

  it('keeps the earlier version of a run, summary included, when saving its update fails', async () => {
    const { store } = await freshStore();
    await store.saveRun(runAt('r1', '2025-06-09T10:00:00.000Z', (run) => (run.status = 'running')));
    const update = uncloneableRun('r1');
    update.status = 'complete';
    await expect(store.saveRun(update)).rejects.toBeInstanceOf(StorageError);
    expect((await store.listRuns()).map((s) => [s.id, s.status])).toEqual([['r1', 'running']]);
    expect((await store.getRun('r1'))?.status).toBe('running');
  });

  it('the store keeps working after a failed write', async () => {
    const { store } = await freshStore();
    await expect(store.saveRun(uncloneableRun('broken'))).rejects.toThrow();
    await store.saveRun(fixtureRuns().tabular);
    expect((await store.listRuns()).map((s) => s.id)).toEqual([fixtureRuns().tabular.id]);
  });
});

describe('quota and other failures', () => {
  it('turns a QuotaExceededError into a StorageFullError that tells the user to export and delete, with nothing half-written', async () => {
    const { store } = await freshStore();
    failPutsInto('runDetails', new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const saving = store.saveRun(fixtureRuns().tabular);
    await expect(saving).rejects.toBeInstanceOf(StorageFullError);
    await expect(saving).rejects.toThrow(
      `The browser's storage for this site is full, so saving run ${fixtureRuns().tabular.id} failed. Export the runs you want to keep, delete old runs`,
    );
    vi.restoreAllMocks();
    expect(await store.listRuns()).toEqual([]);
  });

  it('finds the quota error when the browser reports it only by aborting the transaction', async () => {
    const { store } = await freshStore();
    const original = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = original.apply(this, args);
      // What Chrome does when the disk fills at commit: the transaction aborts with tx.error set and
      // each pending request fails with a plain AbortError. (_abort is fake-indexeddb's internal hook.)
      if (this.name === 'runDetails') (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    await expect(store.saveRun(fixtureRuns().tabular)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await store.listRuns()).toEqual([]);
  });

  it('maps any other error to a StorageError that says what to do', () => {
    expect(toStorageError(new DOMException('full', 'QuotaExceededError'), 'importing runs')).toBeInstanceOf(StorageFullError);
    const other = toStorageError(new DOMException('closing', 'InvalidStateError'), 'reading run x');
    expect(other).toBeInstanceOf(StorageError);
    expect(other).not.toBeInstanceOf(StorageFullError);
    expect(other.message).toBe('Reading run x failed (InvalidStateError: closing). Reload the page and try again; data stored earlier is untouched.');
    expect(other.cause).toBeInstanceOf(DOMException);
  });

  it('a store on a closed connection fails with a StorageError, not a raw DOMException', async () => {
    const { store } = await freshStore();
    store.close();
    await expect(store.listRuns()).rejects.toBeInstanceOf(StorageError);
    await expect(store.saveRun(fixtureRuns().tabular)).rejects.toBeInstanceOf(StorageError);
  });

  it('says so when the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expect(openStore()).rejects.toThrow('This browser gives the page no IndexedDB');
  });

  it('says so when the database was written by a newer app version', async () => {
    const factory = new IDBFactory();
    const newer = await openDatabase('trustgrade', factory, DB_VERSION);
    newer.close();
    await new Promise<void>((resolve, reject) => {
      const request = factory.open('trustgrade', DB_VERSION + 3);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    await expect(openStore('trustgrade', factory)).rejects.toThrow(
      'The stored runs were written by a newer version of TrustGrade than this one',
    );
  });
});
