import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, readStoredRun, SCREENSHOTS, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('a long run shows its progress and can be cancelled', () => {
  it('shows percent and time left, stops on Cancel and stores the run as cancelled', async () => {
    const { page, errors } = await openPage(app);
    // The demo CNN on TF.js's plain-JavaScript backend is slow enough to watch and cancel.
    await page.getByTestId('backend').selectOption('cpu');
    await page.getByTestId('demo-model').selectOption('mnist-cnn-tfjs');
    await page.locator('tg-model-card').waitFor();
    await page.getByTestId('demo-dataset').selectOption('mnist-demo');
    await page.getByTestId('dataset-summary').waitFor();
    await page.getByTestId('run').click();

    await page.getByTestId('progress-percent').waitFor();
    await expect.poll(() => visibleText(page, 'tg-progress'), { timeout: 30_000 }).toMatch(/left/);
    await page.screenshot({ path: `${SCREENSHOTS}progress.png` });
    const clicked = Date.now();
    await page.getByTestId('cancel-button').click();
    const id = await waitForRunPage(page, 10_000);
    expect(Date.now() - clicked).toBeLessThan(5_000);

    const run = await readStoredRun(page, id);
    expect(run.status).toBe('cancelled');
    expect(run.results.some((r) => r.status === 'cancelled')).toBe(true);
    expect(await visibleText(page, '[data-testid="run-status"]')).toMatch(/cancel/i);
    expect(run.environment.backend).toBe('cpu');

    // The app keeps working: the same model runs again, to the end.
    await page.goto(app.url);
    await page.getByTestId('backend').selectOption('wasm');
    await page.getByTestId('demo-model').selectOption('mnist-cnn-tfjs');
    await page.locator('tg-model-card').waitFor();
    await page.getByTestId('demo-dataset').selectOption('mnist-demo');
    await page.getByTestId('dataset-summary').waitFor();
    await page.getByTestId('suite').selectOption('quick');
    await page.getByTestId('run').click();
    const second = await readStoredRun(page, await waitForRunPage(page));
    expect(second.status).toBe('complete');
    expect(errors).toEqual([]);
  });
});
