import { latestPolicy } from '../../src/policies';
import { buildReport, reportJson } from '../../src/report/export';
import { describe, expect, it } from 'vitest';
import { ImportError, StorageError } from '../../src/storage/errors';
import { RUNS_FORMAT } from '../../src/storage/run-file';
import { fixtureRuns, freshStore, runAt } from '../fixtures/storage/helpers';

const withoutExportTime = (text: string) => text.replace(/"exportedAt": "[^"]*"/, '"exportedAt": "…"');

describe('exportRuns', () => {
  it('writes every run, newest first, in the trustgrade.runs/1 envelope', async () => {
    const { store } = await freshStore();
    const { tabular, image } = fixtureRuns();
    await store.saveRun(tabular);
    await store.saveRun(image);
    const file = JSON.parse(await store.exportRuns());
    expect(file.format).toBe(RUNS_FORMAT);
    expect(Date.parse(file.exportedAt)).not.toBeNaN();
    expect(file.runs).toEqual([image, tabular]);
  });

  it('writes only the runs asked for, in the order asked, and names a missing one', async () => {
    const { store } = await freshStore();
    const { tabular, image } = fixtureRuns();
    await store.saveRun(tabular);
    await store.saveRun(image);
    expect(JSON.parse(await store.exportRuns([tabular.id])).runs).toEqual([tabular]);
    expect(JSON.parse(await store.exportRuns([tabular.id, image.id])).runs.map((r: { id: string }) => r.id)).toEqual([tabular.id, image.id]);
    const missing = store.exportRuns(['gone']);
    await expect(missing).rejects.toBeInstanceOf(StorageError);
    await expect(missing).rejects.toThrow('No stored run has the id "gone"');
  });
});

describe('importRuns', () => {
  it('round-trips the whole history exactly into another database', async () => {
    const source = (await freshStore()).store;
    const { tabular, image } = fixtureRuns();
    const running = runAt('still-going', '2025-06-07T10:00:00.000Z', (r) => (r.status = 'running'));
    for (const run of [tabular, image, running]) await source.saveRun(run);
    const exported = await source.exportRuns();

    const target = (await freshStore()).store;
    expect(await target.importRuns(exported)).toEqual({ imported: 3, skipped: 0 });
    expect(await target.getRun(tabular.id)).toEqual(tabular);
    expect(await target.getRun(image.id)).toEqual(image);
    expect(await target.getRun(running.id)).toEqual(running);
    expect(await target.listRuns()).toEqual(await source.listRuns());
    // Key order is kept, so exporting the imported history gives the same text.
    expect(withoutExportTime(await target.exportRuns())).toBe(withoutExportTime(exported));
  });

  it('skips runs whose id is already stored and never overwrites them', async () => {
    const { store } = await freshStore();
    const { tabular, image } = fixtureRuns();
    await store.saveRun(tabular);
    await store.saveRun(image);
    const exported = await store.exportRuns();
    await store.saveRun({ ...tabular, status: 'failed', error: 'edited here' });
    expect(await store.importRuns(exported)).toEqual({ imported: 0, skipped: 2 });
    expect((await store.getRun(tabular.id))?.error).toBe('edited here');
  });

  it('imports the run of a report as `trustgrade evaluate --out` writes it, a single run, and skips a repeated id within a file', async () => {
    const { store } = await freshStore();
    const { tabular, image } = fixtureRuns();
    const report = reportJson(await buildReport(tabular, latestPolicy(), { riskClass: 'high' }));
    expect(await store.importRuns(report)).toEqual({ imported: 1, skipped: 0 });
    expect(await store.getRun(tabular.id)).toEqual(tabular);
    expect(await store.importRuns(JSON.stringify(image))).toEqual({ imported: 1, skipped: 0 });
    expect(await store.getRun(image.id)).toEqual(image);
    const twice = JSON.stringify({ format: RUNS_FORMAT, exportedAt: '2025-06-08T00:00:00.000Z', runs: [fixtureRuns().image, fixtureRuns().image] });
    expect(await (await freshStore()).store.importRuns(twice)).toEqual({ imported: 1, skipped: 1 });
  });

  it('rejects invalid JSON with what to do, and stores nothing', async () => {
    const { store } = await freshStore();
    const importing = store.importRuns('{"format": "trustgrade.runs/1", "runs": [');
    await expect(importing).rejects.toBeInstanceOf(ImportError);
    await expect(importing).rejects.toThrow(/^The file is not valid JSON \(.+\)\. Choose a file made by TrustGrade's "Export runs"/);
    await expect(store.importRuns('')).rejects.toThrow('The file is not valid JSON');
    expect(await store.listRuns()).toEqual([]);
  });

  it('names the first violation with the run it is in, and imports none of the file', async () => {
    const { store } = await freshStore();
    const { tabular, image } = fixtureRuns();
    const bad = structuredClone(image) as unknown as { results: { status: string }[] };
    bad.results[0].status = 'done';
    const file = JSON.stringify({ format: RUNS_FORMAT, exportedAt: '2025-06-08T00:00:00.000Z', runs: [tabular, bad] });
    const importing = store.importRuns(file);
    await expect(importing).rejects.toBeInstanceOf(ImportError);
    await expect(importing).rejects.toThrow(
      'run 2: results[0].status must be one of ok, skipped, failed, cancelled, not "done". Nothing was imported',
    );
    expect(await store.listRuns()).toEqual([]);
  });

  it('rejects JSON that is not a runs export, naming what it expected', async () => {
    const { store } = await freshStore();
    await expect(store.importRuns('[1, 2]')).rejects.toThrow('The file holds a list, not a TrustGrade runs export.');
    await expect(store.importRuns('{"format": "trustgrade.report/1"}')).rejects.toThrow(
      'The file\'s format is "trustgrade.report/1"; this version of TrustGrade reads trustgrade.runs/1.',
    );
    await expect(store.importRuns('{"format": "trustgrade.runs/1", "runs": {}}')).rejects.toThrow('has no "runs" list');
    await expect(store.importRuns('{"name": "adult"}')).rejects.toThrow('The file is JSON but not a TrustGrade runs export');
  });
});
