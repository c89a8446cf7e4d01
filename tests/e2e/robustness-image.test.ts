/**
 * The image robustness results as a person sees them: the demo MNIST CNN (TF.js) on the demo digits,
 * standard suite on a small sample, with the Fashion-MNIST samples as the declared OOD set when the
 * reference folder is there. The corruption card shows its contact sheet and its
 * accuracy-against-severity curves; an OOD set of another image size fails only the OOD probe,
 * with a message that says what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openPage, readStoredRun, SCREENSHOTS, startApp, waitForRunPage, type AppHarness } from './browser';

const REF = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const SAMPLES = `${REF}datasets/image-samples/`;
const TINYVGG = `${REF}datasets/tinyvgg-images/`;
const fashion = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.startsWith('fashionMNIST_')).map((f) => SAMPLES + f) : [];

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

async function runDemoDigits(page: Page, limit: number, ood: string[]): Promise<string> {
  await page.getByTestId('demo-model').selectOption('mnist-cnn-tfjs');
  await page.locator('tg-model-card').waitFor();
  await page.getByTestId('demo-dataset').selectOption('mnist-demo');
  await page.getByTestId('dataset-summary').waitFor();
  if (ood.length > 0) {
    await page.getByTestId('auxiliary').locator('summary').click();
    await page.getByTestId('aux-role').selectOption('ood');
    await page.getByTestId('aux-input').setInputFiles(ood);
    await page.getByTestId('aux-summary').waitFor();
    // The quick image suite has no OOD probe: the page says the set would go unread.
    await page.getByTestId('suite').selectOption('quick');
    await expect.poll(() => page.getByTestId('aux-unread').count()).toBe(1);
  }
  await page.getByTestId('suite').selectOption('standard');
  await expect.poll(() => page.getByTestId('aux-unread').count()).toBe(0);
  await page.getByTestId('limit').fill(String(limit));
  await page.getByTestId('limit').dispatchEvent('change');
  await page.getByTestId('run').click();
  return waitForRunPage(page, 280_000);
}

describe('image robustness results', () => {
  it('shows the corruption contact sheet and accuracy-against-severity curves', async () => {
    const { page, errors } = await openPage(app);
    const run = await readStoredRun(page, await runDemoDigits(page, 200, fashion));
    const corruptions = run.results.find((r) => r.probeId === 'robustness/corruptions')!;
    expect(corruptions.status).toBe('ok');
    expect(corruptions.measurement!.n).toBe(200);

    const card = page.locator('article[data-probe-id="robustness/corruptions"]');
    const sheet = card.getByTestId('contact-sheet');
    await sheet.waitFor();
    // 15 corruptions × (the clean image + 5 severities).
    await expect.poll(() => sheet.locator('img.thumb').count()).toBe(90);
    expect(await sheet.locator('img.thumb').first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(28);
    const curves = card.getByTestId('robustness-curves');
    expect(await curves.locator('figure').count()).toBe(15);
    expect(await curves.locator('figure[data-series="fog"] circle').count()).toBe(5);
    const digits = page.locator('article[data-probe-id="robustness/mnist-c"]');
    expect(await digits.getByTestId('robustness-curves').locator('figure').count()).toBe(8);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${SCREENSHOTS}robustness-corruptions.png` });

    const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
    expect(ood.status).toBe('ok');
    if (fashion.length > 0) {
      expect(ood.measurement!.details!.sources).toEqual([expect.objectContaining({ kind: 'declared', n: 20 })]);
      expect(ood.measurement!.value).toBeGreaterThan(0.8);
      expect(run.auxiliary?.[0].role).toBe('ood');
    }
    await page.locator('article[data-probe-id="robustness/ood"]').getByTestId('score-histogram').first().waitFor();
    expect(run.results.find((r) => r.probeId === 'robustness/stability')!.measurement!.value).toBe(1);
    expect(errors).toEqual([]);
  });

  it.skipIf(!existsSync(TINYVGG))('fails only the OOD probe, with a clear message, when the OOD set has another image size', async () => {
    const { page } = await openPage(app);
    const jpegs = readdirSync(TINYVGG).filter((f) => f.endsWith('.jpeg')).slice(0, 5).map((f) => TINYVGG + f);
    const run = await readStoredRun(page, await runDemoDigits(page, 30, jpegs));
    const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
    expect(ood.status).toBe('failed');
    expect(ood.reason).toMatch(/holds 64×64 images with 3 channels but the evaluated dataset holds 28×28 images with 1 channel/);
    expect(run.results.find((r) => r.probeId === 'robustness/corruptions')!.status).toBe('ok');
    expect(run.results.find((r) => r.probeId === 'robustness/stability')!.status).toBe('ok');
    const reason = page.locator('article[data-probe-id="robustness/ood"]').getByTestId('probe-reason');
    await expect.poll(() => reason.textContent()).toMatch(/resize or convert it first/);
  });
});
