import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBundled, openPage, runToCompletion, SCREENSHOTS, startApp, visibleText, type AppHarness } from './browser';

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('the privacy pillar in the app', () => {
  it('runs the standard suite on the overfit demo model and shows the membership ROC curve, fault table and hygiene findings', async () => {
    const { page, errors } = await openPage(app);
    await chooseBundled(page, 'wages-overfit-tfjs', 'cps-wages-1985', { suite: 'standard' });
    const run = await runToCompletion(page);

    const membership = run.results.find((r) => r.probeId === 'privacy/membership-inference')!;
    expect(membership.status, membership.reason).toBe('ok');
    expect(membership.measurement!.value!).toBeGreaterThan(0.6);
    expect(membership.measurement!.interval).not.toBeNull();
    expect(run.model.hygiene?.length).toBeGreaterThan(0);

    // What a person sees in the membership card: the headline with its interval, the two ROC plots.
    const card = page.locator('article[data-probe-id="privacy/membership-inference"]');
    await card.scrollIntoViewIfNeeded();
    const text = await visibleText(page, 'article[data-probe-id="privacy/membership-inference"]');
    expect(text).toContain('Membership inference risk');
    expect(text).toContain(membership.measurement!.value!.toFixed(4));
    expect(text).toMatch(/95 % CI/);
    expect(text).toMatch(/Loss threshold \(AUC 0\.6\d{3}\s*\)/);
    await expect.poll(() => card.locator('svg[data-testid="roc-linear"] polyline').count()).toBe(4);
    await expect.poll(() => card.locator('svg[data-testid="roc-log"] polyline').count()).toBe(4);

    const faults = await visibleText(page, 'article[data-probe-id="privacy/fault-tolerance"]');
    expect(faults).toMatch(/Hostile inputs by kind/);
    expect(faults).toMatch(/NaN/);
    expect(faults).toMatch(/Far outside the range/);
    const hygiene = await visibleText(page, 'article[data-probe-id="privacy/model-file-hygiene"]');
    expect(hygiene).toMatch(/tfjs-summary/);
    expect(hygiene).toMatch(/0 high · 0 medium · 0 low/);

    // The privacy section of the page: from the first privacy card to the end of the last one.
    const first = await card.boundingBox();
    const last = await page.locator('article[data-probe-id="privacy/fault-tolerance"]').boundingBox();
    const scroll = await page.evaluate(() => window.scrollY);
    const top = first!.y + scroll - 8;
    await page.screenshot({
      path: `${SCREENSHOTS}privacy.png`,
      fullPage: true,
      clip: { x: 0, y: top, width: 1280, height: last!.y + scroll + last!.height + 8 - top },
    });
    expect(errors).toEqual([]);
  });
});
