import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/storage/summarize';
import { fixtureRuns, freshStore, runAt } from '../fixtures/storage/helpers';

describe('summarize', () => {
  it('keeps identity, status and the headline value of each probe (null unless ok)', () => {
    const { tabular, image } = fixtureRuns();
    expect(summarize(tabular)).toEqual({
      id: '5b0f2c1e-8d4a-4c7e-9f13-2a6e0d9b7c41',
      status: 'complete',
      createdAt: '2025-06-01T09:30:00.000Z',
      modelName: 'model.json',
      modelSha256: '92973603070ae2cd0611fe1651def9d750c2bbd90e50dc6f7e3a9fc89e42a1a6',
      datasetName: 'adult',
      suiteId: 'standard',
      samples: 32561,
      headline: { 'validity/accuracy': 0.85802, 'validity/calibration': 0.015465, 'privacy/membership-inference': null },
      label: { family: 'adult-income-mlp', version: 'wit-2018' },
    });
    // The cancelled probe has no headline value; a run without a label has no label key at all.
    expect(summarize(image).headline).toEqual({ 'validity/accuracy': 0.994, 'validity/calibration': null });
    expect('label' in summarize(image)).toBe(false);
  });
});

describe('run store', () => {
  it('saves a run, lists its summary and gives back an equal copy', async () => {
    const { store } = await freshStore();
    const { tabular } = fixtureRuns();
    await store.saveRun(tabular);
    expect(await store.listRuns()).toEqual([summarize(tabular)]);
    const stored = await store.getRun(tabular.id);
    expect(stored).toEqual(tabular);
    expect(stored).not.toBe(tabular);
    expect(await store.getRun('no-such-run')).toBeUndefined();
  });

  it('lists newest first, and by model family or model hash', async () => {
    const { store } = await freshStore();
    await store.saveRun(runAt('b', '2025-06-03T08:00:00.000Z'));
    await store.saveRun(runAt('a', '2025-06-05T08:00:00.000Z', (r) => (r.label = { family: 'other', version: '2' })));
    await store.saveRun(runAt('c', '2025-06-04T08:00:00.000Z', (r) => delete r.label));
    await store.saveRun(fixtureRuns().image);
    expect((await store.listRuns()).map((s) => s.id)).toEqual(['a', 'c', 'b', 'c9a4e6d2-1f37-4b85-a0c8-7e52d14f6b90']);
    expect((await store.listRuns({ family: 'adult-income-mlp' })).map((s) => s.id)).toEqual(['b']);
    expect((await store.listRuns({ modelSha256: 'bd5891fdd7987910bfc3d8fc9a697a88e48309e26e529faa87931fba52904fe8' })).map((s) => s.id)).toEqual([
      'c9a4e6d2-1f37-4b85-a0c8-7e52d14f6b90',
    ]);
  });

  it('updates a run saved again under the same id (running, then complete)', async () => {
    const { store } = await freshStore();
    const run = runAt('r1', '2025-06-03T08:00:00.000Z', (r) => {
      r.status = 'running';
      r.results = [];
    });
    await store.saveRun(run);
    await store.saveRun({ ...fixtureRuns().tabular, id: 'r1', createdAt: run.createdAt });
    const list = await store.listRuns();
    expect(list.map((s) => [s.id, s.status])).toEqual([['r1', 'complete']]);
    expect((await store.getRun('r1'))?.results).toHaveLength(3);
  });

  it('deletes summary and details together, and restoreRun undoes it', async () => {
    const { store } = await freshStore();
    const { tabular, image } = fixtureRuns();
    await store.saveRun(tabular);
    await store.saveRun(image);
    const deleted = await store.deleteRun(tabular.id);
    expect(deleted).toEqual(tabular);
    expect((await store.listRuns()).map((s) => s.id)).toEqual([image.id]);
    expect(await store.getRun(tabular.id)).toBeUndefined();
    await store.restoreRun(deleted!);
    expect(await store.getRun(tabular.id)).toEqual(tabular);
    expect((await store.listRuns()).map((s) => s.id)).toEqual([image.id, tabular.id]);
    expect(await store.deleteRun('no-such-run')).toBeUndefined();
  });

  it('markInterrupted turns every running run into interrupted, in summary and details, and nothing else', async () => {
    const { store } = await freshStore();
    await store.saveRun(runAt('going-1', '2025-06-03T08:00:00.000Z', (r) => (r.status = 'running')));
    await store.saveRun(runAt('going-2', '2025-06-04T08:00:00.000Z', (r) => (r.status = 'running')));
    await store.saveRun(runAt('done', '2025-06-05T08:00:00.000Z'));
    expect((await store.markInterrupted()).sort()).toEqual(['going-1', 'going-2']);
    expect((await store.listRuns()).map((s) => [s.id, s.status])).toEqual([
      ['done', 'complete'],
      ['going-2', 'interrupted'],
      ['going-1', 'interrupted'],
    ]);
    expect((await store.getRun('going-1'))?.status).toBe('interrupted');
    expect((await store.getRun('going-1'))?.results).toEqual(fixtureRuns().tabular.results);
    expect(await store.markInterrupted()).toEqual([]);
  });

  it('keeps runs across closing and reopening the database', async () => {
    const { store, factory } = await freshStore();
    await store.saveRun(fixtureRuns().tabular);
    store.close();
    const { openStore } = await import('../../src/storage/runs');
    const reopened = await openStore('trustgrade', factory);
    expect(await reopened.getRun(fixtureRuns().tabular.id)).toEqual(fixtureRuns().tabular);
  });
});

describe('models, datasets and settings', () => {
  it('stores model facts with or without bytes, keeping the first addedAt', async () => {
    const { store } = await freshStore();
    const { tabular, image } = fixtureRuns();
    const buffer = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await store.saveModel(tabular.model, [{ path: 'group1-shard1of1', bytes: buffer.subarray(2, 5) }]);
    const stored = await store.getModel(tabular.model.sha256);
    expect(stored?.info).toEqual(tabular.model);
    expect(stored?.files?.[0].path).toBe('group1-shard1of1');
    // Only the view's bytes are kept, not the larger buffer behind it.
    expect(stored?.files?.[0].bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(stored?.files?.[0].bytes.buffer.byteLength).toBe(3);

    await store.saveModel(tabular.model);
    const again = await store.getModel(tabular.model.sha256);
    expect(again?.addedAt).toBe(stored?.addedAt);
    expect(again?.files).toBeUndefined();

    await store.saveModel(image.model);
    await store.deleteModel(image.model.sha256);
    expect(await store.getModel(image.model.sha256)).toBeUndefined();
  });

  it('stores a dataset manifest, and its pixels when given', async () => {
    const { store } = await freshStore();
    const manifest = { id: 'digits-0f4c', name: 'digits', format: 'images' as const, sha256: 'f'.repeat(64), rows: 2 };
    const dataset = {
      manifest,
      data: { kind: 'image' as const, width: 1, height: 1, channels: 1 as const, pixels: new Uint8Array([7, 200]), labels: ['1', null], names: ['a.png', 'b.png'] },
    };
    await store.saveDataset(manifest, dataset);
    expect(await store.getDataset(manifest.sha256)).toEqual({ manifest, dataset });
    await store.saveDataset(fixtureRuns().tabular.dataset);
    expect(await store.getDataset(fixtureRuns().tabular.dataset.sha256)).toEqual({ manifest: fixtureRuns().tabular.dataset });
    await store.deleteDataset(manifest.sha256);
    expect(await store.getDataset(manifest.sha256)).toBeUndefined();
  });

  it('keeps settings as JSON values', async () => {
    const { store } = await freshStore();
    expect(await store.getSetting('backend')).toBeUndefined();
    await store.setSetting('backend', 'wasm');
    await store.setSetting('recent', { suites: ['quick'], n: 2 });
    expect(await store.getSetting<string>('backend')).toBe('wasm');
    expect(await store.getSetting('recent')).toEqual({ suites: ['quick'], n: 2 });
  });
});
