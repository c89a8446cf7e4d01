import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { decodePredictions } from '../../src/core/predictions';
import { headline, openPage, readStoredRun, SCREENSHOTS, startApp, waitForRunPage, type AppHarness } from './browser';

const REF = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const MNIST_MODEL = `${REF}models/mnist-cnn-onnx/mnist.onnx`;
const MNIST_DATA = [`${REF}datasets/mnist-test/t10k-images-idx3-ubyte.gz`, `${REF}datasets/mnist-test/t10k-labels-idx1-ubyte.gz`];
const ADULT = `${REF}models/adult-income-mlp-tfjs/`;
const COMPAS = `${REF}models/compas-risk-mlp-tfjs/`;

let app: AppHarness;

/** Opens a model and a dataset through the file inputs, as a person picking files would. */
async function evaluate(page: Page, model: string[], dataset: string[], options: { suite?: string; limit?: number; backend?: string } = {}) {
  if (options.backend) await page.getByTestId('backend').selectOption(options.backend);
  await page.getByTestId('model-input').setInputFiles(model);
  await page.locator('tg-model-card').waitFor({ timeout: 60_000 });
  await page.getByTestId('dataset-input').setInputFiles(dataset);
  await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
  if (options.suite) await page.getByTestId('suite').selectOption(options.suite);
  if (options.limit) await page.getByTestId('limit').fill(String(options.limit));
  await page.getByTestId('limit').dispatchEvent('change');
  await page.getByTestId('run').click();
  return waitForRunPage(page, 280_000);
}

describe.skipIf(!existsSync(REF))('reference models in the browser (conformance: ../shared/reference)', () => {
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  it('reports 98.91 % for the MNIST CNN on all 10,000 MNIST test images on wasm', async () => {
    const { page } = await openPage(app);
    const id = await evaluate(page, [MNIST_MODEL], MNIST_DATA, { suite: 'quick' });
    const run = await readStoredRun(page, id);
    expect(run.samples).toBe(10_000);
    expect(run.environment.backend).toBe('wasm');
    expect(Math.abs(headline(run, 'validity/accuracy') - 0.9891)).toBeLessThanOrEqual(0.0005);
    await page.screenshot({ path: `${SCREENSHOTS}mnist-cnn-run.png`, fullPage: true });
  });

  it('reports 85.8 % for the Adult income MLP on adult.csv, and runs the COMPAS MLP with its binding', async () => {
    const { page } = await openPage(app);
    const adult = [`${ADULT}model.json`, `${ADULT}group1-shard1of1`, `${ADULT}group2-shard1of1`, `${ADULT}group3-shard1of1`];
    const adultRun = await readStoredRun(page, await evaluate(page, adult, [`${REF}datasets/adult/adult.csv`], { suite: 'quick' }));
    expect(Math.abs(headline(adultRun, 'validity/accuracy') - 0.858)).toBeLessThanOrEqual(0.001);

    await page.goto(app.url);
    const compas = [`${COMPAS}model.json`, `${COMPAS}group1-shard1of1.bin`];
    const compasRun = await readStoredRun(page, await evaluate(page, compas, [`${REF}datasets/compas/wit_compas_data.flat.csv`], { suite: 'quick' }));
    expect(compasRun.status).toBe('complete');
    expect(compasRun.samples).toBe(3496);
    // MANIFEST.md: the model agrees with the COMPAS determination on 73.5 % of rows.
    expect(Math.abs(headline(compasRun, 'validity/accuracy') - 0.735)).toBeLessThanOrEqual(0.001);
  });

  it('agrees between WebGPU and wasm on the top class of each of the first 500 MNIST images', async () => {
    const { page } = await openPage(app);
    const wasm = await readStoredRun(page, await evaluate(page, [MNIST_MODEL], MNIST_DATA, { suite: 'quick', limit: 500 }));
    await page.goto(app.url);
    // On a software WebGPU adapter the quick suite's attack check would take many minutes: once the
    // validity probes are done, cancel; a cancelled run keeps every probe that finished.
    await page.getByTestId('backend').selectOption('webgpu');
    await page.getByTestId('model-input').setInputFiles([MNIST_MODEL]);
    await page.locator('tg-model-card').waitFor({ timeout: 60_000 });
    await page.getByTestId('dataset-input').setInputFiles(MNIST_DATA);
    await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
    await page.getByTestId('suite').selectOption('quick');
    await page.getByTestId('limit').fill('500');
    await page.getByTestId('limit').dispatchEvent('change');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('progress-probe').textContent().catch(() => ''), { timeout: 240_000, interval: 250 }).toMatch(/robustness\//);
    await page.getByTestId('cancel-button').click();
    const gpu = await readStoredRun(page, await waitForRunPage(page, 60_000));
    expect(gpu.environment.backend).toBe('webgpu');
    expect(gpu.model.backend).toBe('webgpu');
    const predictions = (run: typeof wasm) => Array.from(decodePredictions(run.results.find((r) => r.probeId === 'validity/accuracy')?.measurement?.details?.predictions) ?? []);
    expect(predictions(wasm)).toHaveLength(500);
    expect(predictions(gpu)).toEqual(predictions(wasm));
  });
});
