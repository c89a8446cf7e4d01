import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Run } from '../../src/core/types';
import { chooseBundled, openPage, runToCompletion, readStoredRun, SCREENSHOTS, startApp, waitForRunPage, type AppHarness } from './browser';

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

function measurementOf(run: Run, probeId: string) {
  const result = run.results.find((r) => r.probeId === probeId);
  expect(result, `${probeId} is in the run`).toBeTruthy();
  expect(result!.status, result!.reason).toBe('ok');
  return result!.measurement!;
}

/** The probe card of one probe on the run page. */
const card = (page: Page, probeId: string) => page.locator(`article[data-probe-id="${probeId}"]`).first();

describe('explanations in the app', () => {
  it('the demo run explains table rows on raw columns, ranks the columns and draws the curves', async () => {
    const { page, errors } = await openPage(app);
    await page.getByTestId('try-demo').click();
    const id = await waitForRunPage(page);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 240_000 }).toMatch(/complete/i);
    const run = await readStoredRun(page, id);

    const attributions = measurementOf(run, 'explainability/attributions');
    const features = attributions.details!.features as string[];
    expect(features).toContain('occupation');
    expect(features.some((f) => f.includes('='))).toBe(false);
    expect(attributions.value!).toBeGreaterThan(0.5);
    expect(measurementOf(run, 'explainability/faithfulness').value!).toBeGreaterThan(0);
    expect(measurementOf(run, 'explainability/global-importance').n).toBeGreaterThan(100);

    const bars = card(page, 'explainability/attributions');
    await bars.scrollIntoViewIfNeeded();
    await expect.poll(() => bars.locator('[data-testid="explain-attribution-bars"] rect').count()).toBeGreaterThan(features.length);
    // Another row redraws the bars.
    await bars.getByTestId('explain-row').selectOption('3');
    expect(await bars.locator('[data-testid="explain-attribution-bars"]').getAttribute('aria-label')).toMatch(/row \d+/);
    await bars.screenshot({ path: `${SCREENSHOTS}explainability-tabular.png` });

    const importance = card(page, 'explainability/global-importance');
    expect(await importance.locator('[data-testid="explain-importance-chart"] rect').count()).toBeGreaterThanOrEqual(features.length);
    expect(await importance.locator('[data-testid="explain-dependence"]').count()).toBeGreaterThan(0);
    await importance.screenshot({ path: `${SCREENSHOTS}explainability-importance.png` });

    const curves = card(page, 'explainability/faithfulness');
    expect(await curves.locator('[data-testid="explain-curve"]').count()).toBe(2);
    await curves.screenshot({ path: `${SCREENSHOTS}explainability-curves.png` });
    expect(errors).toEqual([]);
  });

  it('the demo MNIST CNN gets heat maps over its digits, with a colour scale, from every method', async () => {
    const { page, errors } = await openPage(app);
    await chooseBundled(page, 'mnist-cnn-tfjs', 'mnist-demo', { suite: 'standard', limit: 16 });
    const run = await runToCompletion(page, 280_000);

    const attributions = measurementOf(run, 'explainability/attributions');
    const images = attributions.details!.images as { maps: Record<string, unknown> }[];
    expect(images).toHaveLength(8);
    expect(Object.keys(images[0].maps)).toEqual(['occlusion', 'image-kernel-shap', 'saliency', 'gradient-x-input', 'integrated-gradients', 'smoothgrad']);
    const faithfulness = measurementOf(run, 'explainability/faithfulness');
    expect(faithfulness.details!.method).toBe('integrated-gradients');
    expect(faithfulness.value!).toBeGreaterThan(0);
    expect(measurementOf(run, 'explainability/ig-completeness').value).not.toBeNull();
    expect(measurementOf(run, 'explainability/randomisation').secondary.prediction_change.value!).toBeGreaterThan(0.1);

    const grid = card(page, 'explainability/attributions');
    await grid.scrollIntoViewIfNeeded();
    expect(await grid.locator('[data-testid="explain-heatmap"]').count()).toBe(8 * 7);
    expect(await grid.locator('[data-testid="explain-colour-scale"]').count()).toBe(2);
    await grid.screenshot({ path: `${SCREENSHOTS}explainability-heatmaps.png` });
    const random = card(page, 'explainability/randomisation');
    await random.screenshot({ path: `${SCREENSHOTS}explainability-randomisation.png` });
    await card(page, 'explainability/faithfulness').screenshot({ path: `${SCREENSHOTS}explainability-image-curves.png` });
    expect(errors).toEqual([]);
  });
});

const REF = new URL('../../../shared/reference/', import.meta.url).pathname;
const TINYVGG = `${REF}models/tinyvgg-4class-tfjs/`;

describe.skipIf(!existsSync(TINYVGG))('gradient explanations of a TF.js model with linear Conv2D layers on wasm (conformance: ../shared/reference)', () => {
  it('TinyVGG gets saliency and Integrated Gradients heat maps in the worker: wasm takes its gradients (issue 5)', async () => {
    const { page, errors } = await openPage(app);
    await page.getByTestId('model-input').setInputFiles([`${TINYVGG}model.json`, `${TINYVGG}group1-shard1of1.bin`]);
    await page.locator('tg-model-card').waitFor({ timeout: 60_000 });
    const images = readdirSync(`${REF}datasets/tinyvgg-images/`).filter((f) => f.endsWith('.jpeg')).sort().slice(0, 8);
    await page.getByTestId('dataset-input').setInputFiles(images.map((f) => `${REF}datasets/tinyvgg-images/${f}`));
    await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
    // The standard suite: the quick one leaves explainability out for images.
    await page.getByTestId('suite').selectOption('standard');
    await page.getByTestId('run').click();
    const id = await waitForRunPage(page, 280_000);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 280_000 }).toMatch(/complete/i);
    const run = await readStoredRun(page, id);
    expect(run.model.backend).toBe('wasm');
    expect(run.model.gradientPath).toEqual({ kind: 'tfjs', backend: 'wasm' });
    const attributions = measurementOf(run, 'explainability/attributions');
    expect(attributions.notes.join(' ')).not.toMatch(/Gradient methods were not used/);
    const d = attributions.details as unknown as { methods: { id: string }[]; images: { maps: Record<string, { width: number; scale: number }> }[] };
    expect(d.methods.map((m) => m.id)).toEqual(expect.arrayContaining(['saliency', 'integrated-gradients']));
    for (const image of d.images) expect(image.maps['integrated-gradients'].scale).toBeGreaterThan(0);
    expect(measurementOf(run, 'explainability/ig-completeness').value).not.toBeNull();
    expect(errors).toEqual([]);
  });
});
