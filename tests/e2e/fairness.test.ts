/**
 * The fairness pillar as a person meets it: "Try the demo" runs the standard suite on the bundled
 * wages model, and the run page shows per-group bars with intervals, the intersection heat map,
 * the disparity table with the four-fifths reading, the flip test and the proxy list.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, readStoredRun, SCREENSHOTS, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';

const demo = JSON.parse(readFileSync(fileURLToPath(new URL('../../public/demo/demo.json', import.meta.url)), 'utf8')) as {
  default: { model: string };
  models: { id: string; metrics?: Record<string, number> }[];
};
const defaultModel = demo.models.find((m) => m.id === demo.default.model)!;

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('fairness results on the run page', () => {
  it('shows the demo model\'s selection rates by gender with intervals, the heat map, disparities, flips and proxies', async () => {
    const { page, errors } = await openPage(app);
    await page.getByTestId('try-demo').click();
    const id = await waitForRunPage(page);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 240_000 }).toMatch(/complete/i);

    const run = await readStoredRun(page, id);
    const group = run.results.find((r) => r.probeId === 'fairness/group-metrics')!;
    expect(group.status, group.reason).toBe('ok');
    const rate = (name: string) => group.measurement!.groups.find((g) => g.group === name)!;
    // The rates the demo script recorded when it trained the model (public/demo/demo.json).
    expect(rate('gender=female').value).toBeCloseTo(defaultModel.metrics!.positiveRateFemale, 4);
    expect(rate('gender=male').value).toBeCloseTo(defaultModel.metrics!.positiveRateMale, 4);
    expect(rate('gender=female').interval!.resamples).toBe(1000);
    for (const probe of ['fairness/inequality', 'fairness/counterfactual', 'fairness/consistency', 'fairness/proxies']) {
      const r = run.results.find((x) => x.probeId === probe);
      expect(r?.status, `${probe}: ${r?.reason ?? 'missing'}`).toBe('ok');
    }

    const card = page.locator('[data-testid="probe-card"][data-probe-id="fairness/group-metrics"]');
    await card.scrollIntoViewIfNeeded();
    const text = await visibleText(page, '[data-testid="probe-card"][data-probe-id="fairness/group-metrics"]');
    expect(text).toContain('Selection rate by gender');
    expect(text).toMatch(/0\.314 · n = 245/); // female
    expect(text).toContain('Disparities between groups');
    expect(text).toMatch(/below 0\.8/); // the four-fifths reading of the gender ratio
    expect(text).toMatch(/insufficient data, n = 27/); // race=hispanic: 27 rows, under 30
    expect(await card.locator('[data-testid="fairness-bars"]').count()).toBeGreaterThanOrEqual(2);
    expect(await card.locator('[data-testid="fairness-heatmap"] td[data-status="insufficient-data"]').count()).toBeGreaterThan(0);

    // Another metric drawn on request: the bars change to true positive rates.
    await card.getByTestId('fairness-metric').selectOption('tpr');
    await expect.poll(() => visibleText(page, '[data-testid="probe-card"][data-probe-id="fairness/group-metrics"]')).toContain('True positive rate by gender');
    await card.getByTestId('fairness-metric').selectOption('selection_rate');

    const proxies = await visibleText(page, '[data-testid="probe-card"][data-probe-id="fairness/proxies"]');
    expect(proxies).toMatch(/occupation gender Cramér's V/);
    expect(proxies).toContain('possible proxy');
    const flips = await visibleText(page, '[data-testid="probe-card"][data-probe-id="fairness/counterfactual"]');
    expect(flips).toMatch(/Share of 534 rows whose decision changes/);

    await card.screenshot({ path: `${SCREENSHOTS}fairness.png` });
    await page.locator('[data-testid="probe-card"][data-probe-id="fairness/proxies"]').screenshot({ path: `${SCREENSHOTS}fairness-proxies.png` });
    expect(errors).toEqual([]);
  });
});
