import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Report } from '../../src/core/report-types';
import { latestPolicy } from '../../src/policies';
import { buildReport, reportJson } from '../../src/report/export';
import { generateSigningKeyPair, signerFromKeyPair } from '../../src/report/signing';
import { adultRunWithFairness } from '../unit/report-fixtures';
import { openPage, SCREENSHOTS, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';

const REF = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ADULT = `${REF}models/adult-income-mlp-tfjs/`;
const dir = mkdtempSync(join(tmpdir(), 'tg-report-e2e-'));

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

/** Changes one digit of a measurement inside the run section of a report file (not the grading, which sorts first). */
function editOneDigit(text: string): string {
  const at = text.indexOf('"value": 0.', text.indexOf('"run": {'));
  const digit = at + '"value": 0.'.length;
  const next = text[digit] === '9' ? '8' : String(Number(text[digit]) + 1);
  return `${text.slice(0, digit)}${next}${text.slice(digit + 1)}`;
}

async function importFile(page: Page, path: string) {
  await page.goto(`${app.url}#/import`);
  await page.getByTestId('report-input').setInputFiles(path);
}

/** Clicks an export button and returns the downloaded file's text. */
async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

describe('importing reports', () => {
  it('shows a signed report as valid, and the same report edited by one digit as tampered', async () => {
    const signer = await signerFromKeyPair(await generateSigningKeyPair());
    const text = reportJson(await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'high', signer }));
    writeFileSync(join(dir, 'signed.json'), text);
    writeFileSync(join(dir, 'edited.json'), editOneDigit(text));
    const { page, errors } = await openPage(app);

    await importFile(page, join(dir, 'signed.json'));
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('valid');
    expect(await page.getByTestId('report-summary').getAttribute('data-overall')).toBe('E');

    await importFile(page, join(dir, 'edited.json'));
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('invalid');
    expect(await visibleText(page, '[data-testid="signature-status"]')).toContain('Signature invalid — the report was tampered with');
    await page.screenshot({ path: `${SCREENSHOTS}report-import-tampered.png` });

    writeFileSync(join(dir, 'broken.json'), text.replace('"schema": "trustgrade.report/1"', '"schema": "trustgrade.report/9"'));
    await importFile(page, join(dir, 'broken.json'));
    await expect.poll(() => visibleText(page, '[data-testid="report-import-error"]')).toContain('not a TrustGrade report');
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!existsSync(REF))('the trust report of the reference Adult income MLP (conformance: ../shared/reference)', () => {
  it('graded for the high-risk class fails on fairness with the reason named; exports are byte-identical, offline and tamper-evident', async () => {
    const { page, errors } = await openPage(app);
    await page.getByTestId('model-input').setInputFiles([`${ADULT}model.json`, `${ADULT}group1-shard1of1`, `${ADULT}group2-shard1of1`, `${ADULT}group3-shard1of1`]);
    await page.locator('tg-model-card').waitFor({ timeout: 60_000 });
    await page.getByTestId('dataset-input').setInputFiles([`${REF}datasets/adult/adult.csv`]);
    await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
    await page.getByTestId('suite').selectOption('quick');
    await page.getByTestId('risk-class').selectOption('high');
    await page.getByTestId('run').click();
    await waitForRunPage(page, 280_000);

    // The verdict for the declared class, with the failing pillar and the measurement behind it.
    const summary = page.getByTestId('report-summary');
    await summary.waitFor();
    const overall = await summary.getAttribute('data-overall');
    expect(await page.locator('[data-testid="report-verdicts"] tr[data-risk-class="high"]').getAttribute('data-meets')).toBe('false');
    expect(await page.locator('[data-testid="report-pillar"][data-pillar="fairness"]').getAttribute('data-outcome')).toBe('E');
    const verdict = await visibleText(page, '[data-testid="report-verdict"]');
    expect(verdict).toMatch(/does not meet high-risk: .*fairness E \(needs B\) because the selection-rate ratio for .+ vs .+ \(\w+\) is 0\.\d+ \(95 % interval 0\.\d+–0\.\d+\)/);
    expect(await visibleText(page, '[data-testid="report-declared"]')).toContain('High risk — does not meet its requirements');
    await page.locator('tg-report-summary').screenshot({ path: `${SCREENSHOTS}report-summary.png` });

    // The same run exported twice: byte-identical JSON (signed with this browser's stored key).
    const first = await download(page, 'export-report-json');
    const second = await download(page, 'export-report-json');
    expect(second).toBe(first);
    const report = JSON.parse(first) as Report;
    expect(report.signature?.algorithm).toBe('ECDSA-P256-SHA256');
    expect(report.grading.overall.outcome).toBe(overall);
    expect(report.run.riskClass).toBe('high');

    // The HTML export, opened from disk with every network request blocked.
    const html = await download(page, 'export-report-html');
    const htmlPath = join(dir, 'adult-report.html');
    writeFileSync(htmlPath, html);
    const offline = await app.browser.newContext({ offline: true, viewport: { width: 1100, height: 900 } });
    const viewer = await offline.newPage();
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    viewer.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    const url = `file://${htmlPath}`;
    await viewer.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    await viewer.goto(url);
    expect(await viewer.getByTestId('overall-grade').textContent()).toBe(overall);
    expect(await viewer.getByTestId('pillar-grade-fairness').textContent()).toBe('E');
    const charts = viewer.locator('svg.chart');
    const graded = report.grading.probes.flatMap((p) => p.metrics).filter((m) => m.value !== null).length;
    expect(await charts.count()).toBe(html.match(/<svg class="chart/g)!.length);
    expect(await charts.count()).toBeGreaterThanOrEqual(graded + 3);
    for (const box of await charts.evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect()))) {
      expect(box.width).toBeGreaterThan(50);
      expect(box.height).toBeGreaterThan(20);
    }
    expect(requests).toEqual([url]);
    expect(consoleErrors).toEqual([]);
    await offline.close();

    // Imported as it was exported: valid, and reproduced in this browser from the same files.
    writeFileSync(join(dir, 'adult-report.json'), first);
    await importFile(page, join(dir, 'adult-report.json'));
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('valid');
    await page.getByTestId('rerun-model-input').setInputFiles([`${ADULT}model.json`, `${ADULT}group1-shard1of1`, `${ADULT}group2-shard1of1`, `${ADULT}group3-shard1of1`]);
    await page.getByTestId('rerun-dataset-input').setInputFiles([`${REF}datasets/adult/adult.csv`]);
    await expect.poll(() => page.getByTestId('rerun-start').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByTestId('rerun-start').click();
    await page.getByTestId('rerun-summary').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('rerun-summary').getAttribute('data-reproduced')).toBe('true');
    expect(await page.getByTestId('rerun-summary').textContent()).toContain('on the same backend (wasm');

    // Edited by one digit and imported: tampered.
    writeFileSync(join(dir, 'adult-edited.json'), editOneDigit(first));
    await importFile(page, join(dir, 'adult-edited.json'));
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('invalid');
    expect(errors).toEqual([]);
  });
});
