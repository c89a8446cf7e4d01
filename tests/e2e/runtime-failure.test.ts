import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPage, readStoredRun, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';

const FIX = fileURLToPath(new URL('../fixtures/', import.meta.url));

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

// A worker that dies outright (closed, or an uncaught error) is covered by worker-crash.test.ts.
describe('a model that fails inside the inference engine', () => {
  it('is contained: each probe records the failure in words, the run is stored, and the app keeps working', async () => {
    const { page, errors } = await openPage(app);
    await page.getByTestId('model-input').setInputFiles(`${FIX}models/onnx/throws-at-run.onnx`);
    await page.locator('tg-model-card').waitFor();
    await page.getByTestId('dataset-input').setInputFiles(`${FIX}data/people.csv`);
    await page.getByTestId('dataset-summary').waitFor();
    await page.getByTestId('binding').fill(readFileSync(`${FIX}data/people.binding.json`, 'utf8'));
    await page.getByTestId('run').click();
    const run = await readStoredRun(page, await waitForRunPage(page));
    // Every probe that needs predictions fails with the engine's words; checks of the file alone may pass.
    const validity = run.results.filter((r) => r.pillar === 'validity');
    expect(validity.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(validity[0].reason).toMatch(/The model failed inside onnxruntime-web .* while predicting/);
    expect(await visibleText(page, 'tg-run-view')).toMatch(/failed inside onnxruntime-web/);

    await page.goto(app.url);
    await page.getByTestId('try-demo').click();
    const demo = await readStoredRun(page, await waitForRunPage(page));
    expect(demo.status).toBe('complete');
    expect(errors).toEqual([]);
  });
});
