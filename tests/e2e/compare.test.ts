import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openPage, SCREENSHOTS, startApp, visibleText, type AppHarness } from './browser';

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('comparing versions of a model', () => {
  it('grades three demo versions and shows what changed between the last two, regressions first, with intervals', async () => {
    const { page, errors } = await openPage(app);
    await page.getByTestId('try-comparison').click();
    await page.waitForFunction(() => location.hash.startsWith('#/compare/'), undefined, { timeout: 240_000, polling: 250 });
    await page.getByTestId('comparison').waitFor();
    const text = await visibleText(page, 'tg-compare-view');
    expect(text).toMatch(/wages v2 → wages v3/);
    // v3 was retrained without gender to narrow the gap: a fairness measurement improves significantly,
    // while accuracy drops (a regression, listed first).
    await page.screenshot({ path: `${SCREENSHOTS}comparison.png`, fullPage: true });
    expect(text).toMatch(/Regressions \( [1-9]/);
    expect(text).toMatch(/Improvements \( [1-9]/);
    expect(text).toMatch(/fairness\/[a-z-]+[^;]*;[^;(]*\(\s*better\s*,\s*significant/);
    expect(text).toMatch(/95 % CI/);
    expect(text.indexOf('Regressions')).toBeLessThan(text.indexOf('Improvements'));

    // The comparison as one HTML file that reads offline, with every request blocked.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-comparison-html').click();
    const file = await (await download).path();
    const offline = await app.browser.newContext({ offline: true });
    const viewer = await offline.newPage();
    const requests: string[] = [];
    await viewer.route('**/*', (route) => { requests.push(route.request().url()); return route.abort(); });
    await viewer.setContent(readFileSync(file, 'utf8'));
    expect(await viewer.locator('h1').textContent()).toMatch(/wages v2 → wages v3/);
    expect(await viewer.locator('body').textContent()).toMatch(/Regressions \(1\)/);
    expect(requests).toEqual([]);
    await offline.close();

    // The same comparison from the Runs page: pick two runs, compare.
    await page.goto(`${app.url}#/history`);
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(3);
    await page.getByTestId('pick').nth(0).check();
    await page.getByTestId('pick').nth(1).check();
    await page.getByTestId('compare').click();
    await page.getByTestId('comparison').waitFor();
    expect(await visibleText(page, 'tg-compare-view')).toMatch(/wages v2 → wages v3/);

    // The family's history: grades over its three versions and key metrics with their intervals.
    await page.goto(`${app.url}#/history`);
    await page.getByTestId('family').first().click();
    await page.getByTestId('family-grades').waitFor();
    const history = await visibleText(page, '[data-testid="families"]');
    expect(history).toMatch(/v1[^]*v2[^]*v3/);
    expect(await page.locator('tg-family-trend svg').count()).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid="families"]').screenshot({ path: `${SCREENSHOTS}family-history.png` });
    expect(errors).toEqual([]);
  });
});
