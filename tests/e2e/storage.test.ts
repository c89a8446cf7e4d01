import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openPage, readStoredRun, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('stored runs', () => {
  it('keeps a run that cannot be stored (storage full) on the page, says so, and offers it as a download', async () => {
    const { page } = await openPage(app);
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = function put() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.getByTestId('try-demo').click();
    await page.getByTestId('unsaved').waitFor({ timeout: 60_000 });
    expect(await visibleText(page, '[data-testid="error"]')).toMatch(/could not be stored/);
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="unsaved"] button').click();
    const file = await (await download).path();
    const run = JSON.parse(readFileSync(file, 'utf8'));
    expect(run.status).toBe('complete');
    expect(run.results.length).toBeGreaterThan(0);
  });

  it('asks before deleting, can undo for a moment, and exports and imports the whole history exactly', async () => {
    const { page } = await openPage(app);
    await page.getByTestId('try-demo').click();
    const id = await waitForRunPage(page);
    const original = await readStoredRun(page, id);
    await page.goto(`${app.url}#/history`);
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);

    page.once('dialog', (d) => d.dismiss());
    await page.getByRole('button', { name: /Delete run/ }).click();
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);

    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: /Delete run/ }).click();
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(0);
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
    expect(await readStoredRun(page, id)).toEqual(original);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all as JSON' }).click();
    const exported = readFileSync(await (await download).path(), 'utf8');

    // Another browser profile: import the file and find the same run, field for field.
    const { page: other } = await openPage(app);
    await other.goto(`${app.url}#/history`);
    await other.getByTestId('import').setInputFiles({ name: 'runs.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => other.getByTestId('run-row').count()).toBe(1);
    expect(await readStoredRun(other, id)).toEqual(original);

    // A tampered or broken file is refused with the first problem named.
    const broken = exported.replace('"status": "complete"', '"status": "done"');
    await other.getByTestId('import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await expect.poll(() => visibleText(other, 'tg-history-view [data-testid="error"]')).toMatch(/status/);
  });
});
