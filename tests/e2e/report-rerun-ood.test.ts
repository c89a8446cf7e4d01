/**
 * Reproducing a report that used a second dataset (needs ../shared/reference): a report made in
 * Node on the reference MNIST CNN with the Fashion-MNIST samples as its OOD set is imported into
 * the app, which asks for that set beside the model and the dataset, refuses a wrong file by its
 * SHA-256, and reproduces every measurement exactly on the same backend (wasm).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Suite } from '../../src/core/types';
import { latestPolicy } from '../../src/policies';
import { buildReport, reportJson } from '../../src/report/export';
import { openPage, SCREENSHOTS, startApp, type AppHarness } from './browser';

import { MNIST_CNN as MODEL, MNIST_TEST as MNIST, REF, runMnistWithOod } from '../conformance/mnist-ood-run';

const SAMPLES = `${REF}datasets/image-samples/`;

const suite: Suite = {
  id: 'ood-rerun', version: 1, title: 'Accuracy and OOD', description: 'A report with a declared OOD set', modality: 'image', task: 'multiclass-classification',
  probes: [{ id: 'validity/accuracy', params: { bootstrap: 200 } }, { id: 'robustness/ood', params: { bootstrap: 200 } }],
};

/** The report the app is asked to reproduce, made by the engine as the CLI runs it, on wasm. */
async function reportWithOodSet(fashion: string[]): Promise<string> {
  const run = await runMnistWithOod({ suite, oodFiles: fashion, oodName: 'Fashion-MNIST samples', backend: 'wasm', seed: 7, limit: 200 });
  expect(run.results.map((r) => r.status)).toEqual(['ok', 'ok']);
  return reportJson(await buildReport(run, latestPolicy()));
}

describe.skipIf(!existsSync(REF))('reproducing a report that used an OOD set (../shared/reference)', () => {
  let app: AppHarness;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  it('asks for the OOD set, refuses a wrong one, and reproduces every measurement with it', async () => {
    const fashion = readdirSync(SAMPLES).filter((f) => f.startsWith('fashionMNIST_')).sort().map((f) => SAMPLES + f);
    const dir = mkdtempSync(join(tmpdir(), 'tg-rerun-ood-'));
    writeFileSync(join(dir, 'report.json'), await reportWithOodSet(fashion));

    const { page, errors } = await openPage(app);
    await page.goto(`${app.url}#/import`);
    await page.getByTestId('report-input').setInputFiles(join(dir, 'report.json'));
    await page.getByTestId('rerun-model-input').setInputFiles(MODEL);
    await page.getByTestId('rerun-dataset-input').setInputFiles(MNIST);
    await expect.poll(() => page.getByTestId('rerun-start').isEnabled(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('rerun-missing').textContent()).toContain("The report used a second dataset, the OOD set 'Fashion-MNIST samples'");

    // One image short is other bytes: refused by its SHA-256, nothing else changes.
    await page.getByTestId('rerun-ood-input').setInputFiles(fashion.slice(1));
    await expect.poll(() => page.getByTestId('rerun-error').textContent(), { timeout: 30_000 }).toContain("The OOD set's SHA-256 is");
    await page.getByTestId('rerun-ood-input').setInputFiles(fashion);
    await expect.poll(() => page.getByTestId('rerun-missing').count(), { timeout: 30_000 }).toBe(0);

    await page.getByTestId('rerun-start').click();
    await page.getByTestId('rerun-summary').waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('rerun-summary').getAttribute('data-reproduced')).toBe('true');
    expect(await page.getByTestId('report-rerun').locator('tr[data-probe-id="robustness/ood"]').getAttribute('data-verdict')).toBe('exact');
    await page.getByTestId('report-rerun').screenshot({ path: `${SCREENSHOTS}report-rerun-ood.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
