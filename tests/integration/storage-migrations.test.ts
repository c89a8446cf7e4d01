import { existsSync, readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseRun } from '../../src/core/run-schema';
import type { Run } from '../../src/core/types';
import { openDatabase } from '../../src/storage/database';
import { openStore } from '../../src/storage/runs';
import { DB_VERSION, migrations } from '../../src/storage/schema';
import { reviveBytes, writeDatabaseAtVersion, type DatabaseDump } from '../fixtures/storage/helpers';

const fixtures = new URL('../fixtures/storage/', import.meta.url);
const readJson = (name: string) => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));
const versions = Array.from({ length: DB_VERSION }, (_, i) => i + 1);

describe('schema versions', () => {
  it('the current version is the number of migrations, and each has a frozen database fixture', () => {
    expect(DB_VERSION).toBe(migrations.length);
    for (const version of versions) expect(existsSync(new URL(`db-v${version}.json`, fixtures)), `db-v${version}.json`).toBe(true);
  });
});

describe.each(versions)('a database written by schema version %i', (version) => {
  const dump = readJson(`db-v${version}.json`) as DatabaseDump;
  const runFiles = Object.fromEntries(dump.runDetailsFiles.map((file) => [file, readJson(file)])) as Record<string, Run>;

  async function openOld(): Promise<{ factory: IDBFactory }> {
    const factory = new IDBFactory();
    await writeDatabaseAtVersion(factory, 'trustgrade', dump, runFiles);
    return { factory };
  }

  it('opens with the current code, and every run survives, still valid under the current schema', async () => {
    const { factory } = await openOld();
    const store = await openStore('trustgrade', factory);
    const ids = Object.values(runFiles).map((run) => run.id);
    expect((await store.listRuns()).map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const original of Object.values(runFiles)) {
      const stored = await store.getRun(original.id);
      // A migration that changes the Run shape must update this expectation, never drop a run.
      expect(stored).toEqual(original);
      expect(() => parseRun(stored)).not.toThrow();
    }
  });

  it('keeps models with their bytes, datasets and settings', async () => {
    const { factory } = await openOld();
    const store = await openStore('trustgrade', factory);
    for (const record of dump.stores.models as { info: { sha256: string } }[]) {
      expect(await store.getModel(record.info.sha256)).toEqual(reviveBytes(record));
    }
    for (const record of dump.stores.datasets as { manifest: { sha256: string } }[]) {
      expect(await store.getDataset(record.manifest.sha256)).toEqual(reviveBytes(record));
    }
    for (const [key, value] of dump.keyValueStores.settings) expect(await store.getSetting(key)).toEqual(value);
  });

  it('still accepts writes after the upgrade: markInterrupted, save and delete', async () => {
    const { factory } = await openOld();
    const store = await openStore('trustgrade', factory);
    const first = Object.values(runFiles)[0];
    await store.saveRun({ ...first, id: 'new-after-upgrade', status: 'running' });
    expect(await store.markInterrupted()).toEqual(['new-after-upgrade']);
    expect(await store.deleteRun(first.id)).toEqual(first);
  });
});

describe('a failed upgrade', () => {
  it('changes nothing: the old database and its runs stay as they were', async () => {
    const factory = new IDBFactory();
    const dump = readJson('db-v1.json') as DatabaseDump;
    const runFiles = Object.fromEntries(dump.runDetailsFiles.map((file) => [file, readJson(file)]));
    await writeDatabaseAtVersion(factory, 'trustgrade', dump, runFiles);
    // No migration exists past the current version, so this upgrade throws inside the upgrade transaction.
    await expect(openDatabase('trustgrade', factory, DB_VERSION + 1)).rejects.toThrow(
      `Upgrading the stored runs to schema version ${DB_VERSION + 1} failed (there is no migration from schema version ${DB_VERSION} to ${DB_VERSION + 1}). Nothing was changed`,
    );
    const store = await openStore('trustgrade', factory);
    expect(await store.listRuns()).toHaveLength(dump.runDetailsFiles.length);
  });
});
