import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Report } from '../../src/core/report-types';
import { latestPolicy } from '../../src/policies';
import { buildReport, reportJson } from '../../src/report/export';
import { renderReportHtml } from '../../src/report/html';
import { generateSigningKeyPair, signerFromKeyPair } from '../../src/report/signing';
import { adultRunWithFairness } from '../unit/report-fixtures';
import { CORRUPTIONS, everyPillarRun, SEVERITIES } from '../unit/report-pillar-fixtures';
import { chooseBundled, openPage, runToCompletion, SCREENSHOTS, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';
import { detailView } from '../../src/report/svg/views';
import { readCorruptionDetails } from '../../src/ui/elements/robustness-perturbation-shapes';
import { readAttackDetails } from '../../src/ui/elements/robustness-attack-shapes';
import { readImageAttributions } from '../../src/ui/elements/explain-details';

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

/** The HTML of one pillar's section of an exported report. */
function pillarHtml(html: string, pillar: string): string {
  const start = html.indexOf(`<section class="pillar" id="pillar-${pillar}"`);
  const end = html.indexOf('<section class="pillar"', start + 1);
  return html.slice(start, end === -1 ? html.indexOf('<h2 id="standards"') : end);
}

interface OfflineView {
  viewer: Page;
  requests: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Opens an exported HTML file from disk in a fresh offline context with every other request blocked. */
async function openOffline(htmlPath: string): Promise<OfflineView> {
  const offline = await app.browser.newContext({ offline: true, viewport: { width: 1100, height: 900 } });
  const viewer = await offline.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  // A blocked resource or a Content-Security-Policy violation is reported as a console error.
  viewer.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) consoleErrors.push(m.text()); });
  viewer.on('pageerror', (e) => consoleErrors.push(e.message));
  const url = `file://${htmlPath}`;
  await viewer.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url() === url ? route.continue() : route.abort();
  });
  await viewer.goto(url);
  return { viewer, requests, consoleErrors, close: () => offline.close() };
}

/** Charts and pictures in each pillar section of the open report, and whether every picture decoded. */
async function pillarCharts(viewer: Page, pillar: string): Promise<{ svgs: number; imgs: number; broken: number }> {
  return viewer.locator(`#pillar-${pillar}`).evaluate((section) => ({
    svgs: section.querySelectorAll('svg.chart').length,
    imgs: section.querySelectorAll('img').length,
    broken: [...section.querySelectorAll('img')].filter((i) => !(i as HTMLImageElement).complete || (i as HTMLImageElement).naturalWidth === 0).length,
  }));
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

describe('the exported HTML report with every pillar measured, opened offline', () => {
  it('shows each pillar\'s charts and pictures with no request and no policy violation', async () => {
    const html = await renderReportHtml(await buildReport(everyPillarRun(), latestPolicy(), { riskClass: 'high' }));
    const htmlPath = join(dir, 'every-pillar.html');
    writeFileSync(htmlPath, html);
    const { viewer, requests, consoleErrors, close } = await openOffline(htmlPath);
    for (const pillar of ['robustness', 'fairness', 'explainability', 'privacy']) {
      const section = pillarHtml(html, pillar);
      const counts = await pillarCharts(viewer, pillar);
      expect(counts.svgs, pillar).toBe(section.match(/<svg class="chart/g)?.length ?? 0);
      expect(counts.imgs, pillar).toBe(section.match(/<img /g)?.length ?? 0);
      expect(counts.broken, pillar).toBe(0);
    }
    // Contact sheet: a picture for the clean image and every corruption × severity; two attack examples of three pictures.
    expect(await viewer.locator('#pillar-robustness table.sheet img').count()).toBe(CORRUPTIONS.length * (SEVERITIES.length + 1));
    expect(await viewer.locator('#pillar-robustness [data-view="attack-example"] img').count()).toBe(6);
    expect(await viewer.locator('#pillar-robustness svg.chart.attack-curve').count()).toBe(1);
    expect(await viewer.locator('#pillar-fairness svg.chart.fairness-bars').count()).toBeGreaterThanOrEqual(4);
    expect(await viewer.locator('#pillar-fairness table.heat').count()).toBe(2);
    expect(await viewer.locator('#pillar-explainability svg.chart.heatmap image').count()).toBe(4);
    expect(await viewer.locator('#pillar-privacy svg.chart.roc').count()).toBe(2);
    // Hostile labels are text, never markup.
    expect(await viewer.locator('#pillar-robustness').textContent()).toContain('<script>alert(1)</script>');
    for (const box of await viewer.locator('svg.chart').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect()))) {
      expect(box.width).toBeGreaterThan(10);
      expect(box.height).toBeGreaterThan(10);
    }
    await viewer.locator('#pillar-robustness [data-probe-id="robustness/corruptions"] .details').screenshot({ path: `${SCREENSHOTS}report-html-robustness.png` });
    await viewer.locator('#pillar-fairness [data-probe-id="fairness/group-metrics"] .details').screenshot({ path: `${SCREENSHOTS}report-html-fairness.png` });
    await viewer.emulateMedia({ media: 'print' });
    await viewer.locator('#pillar-explainability').screenshot({ path: `${SCREENSHOTS}report-html-explainability-print.png` });
    expect(requests).toEqual([`file://${htmlPath}`]);
    expect(consoleErrors).toEqual([]);
    await close();
  });
});

describe('the exported HTML of a real image run (the demo MNIST CNN, standard suite), opened offline', () => {
  it('shows the contact sheet, attack curves and examples, heat maps and the charts of every pillar the run measured', async () => {
    const { page, errors } = await openPage(app);
    await chooseBundled(page, 'mnist-cnn-tfjs', 'mnist-demo', { suite: 'standard', limit: 16 });
    const run = await runToCompletion(page, 280_000);
    const html = await download(page, 'export-report-html');
    const htmlPath = join(dir, 'mnist-report.html');
    writeFileSync(htmlPath, html);
    const { viewer, requests, consoleErrors, close } = await openOffline(htmlPath);

    // Every pillar with a probe whose details have a view shows that view, its charts and pictures all drawn.
    const withViews = run.results.filter((r) => r.status === 'ok' && r.measurement && detailView(r.probeId, r.measurement) !== '');
    const pillars = [...new Set(withViews.map((r) => r.pillar))];
    expect(pillars).toEqual(expect.arrayContaining(['robustness', 'explainability']));
    for (const pillar of pillars) {
      const section = pillarHtml(html, pillar);
      const counts = await pillarCharts(viewer, pillar);
      expect(counts.svgs, pillar).toBe(section.match(/<svg class="chart/g)?.length ?? 0);
      expect(counts.imgs, pillar).toBe(section.match(/<img /g)?.length ?? 0);
      expect(counts.svgs + counts.imgs, pillar).toBeGreaterThan(0);
      expect(counts.broken, pillar).toBe(0);
    }
    const details = (id: string) => run.results.find((r) => r.probeId === id && r.status === 'ok')?.measurement?.details;
    let sheets = 0;
    for (const probeId of ['robustness/corruptions', 'robustness/mnist-c']) {
      const corruption = readCorruptionDetails(details(probeId));
      if (!corruption?.sheet) continue;
      sheets++;
      // A picture for the clean image and for every corruption × severity the sheet kept, one row per corruption.
      const kept = new Set(corruption.sheet.cells.map((c) => `${c.corruption}/${c.severity}`));
      const columns = corruption.severities.filter((s) => corruption.series.some((c) => kept.has(`${c.id}/${s}`)));
      const drawn = corruption.series.reduce((n, c) => n + 1 + columns.filter((s) => kept.has(`${c.id}/${s}`)).length, 0);
      const article = viewer.locator(`#pillar-robustness [data-probe-id="${probeId}"]`);
      expect(await article.locator('table.sheet img').count(), probeId).toBe(drawn);
      expect(await article.locator('table.sheet tr[data-corruption]').count(), probeId).toBe(corruption.series.length);
      expect(await article.locator('svg.chart.curve').count(), probeId).toBe(corruption.series.length);
      await article.locator('section.detail[data-view="contact-sheet"]').screenshot({ path: `${SCREENSHOTS}report-html-${probeId.replace('/', '-')}-contact-sheet.png` });
    }
    expect(sheets).toBeGreaterThan(0);
    const attack = readAttackDetails(details('robustness/white-box-attacks'));
    if (attack) {
      expect(await viewer.locator('#pillar-robustness [data-probe-id="robustness/white-box-attacks"] svg.chart.attack-curve').count()).toBe(attack.l2 ? 2 : 1);
      expect(await viewer.locator('#pillar-robustness [data-probe-id="robustness/white-box-attacks"] [data-view="attack-example"]').count()).toBe(attack.examples.length);
      await viewer.locator('#pillar-robustness [data-probe-id="robustness/white-box-attacks"] .details').screenshot({ path: `${SCREENSHOTS}report-html-mnist-attacks.png` });
    }
    const explained = readImageAttributions(details('explainability/attributions'));
    expect(explained).not.toBeNull();
    const maps = explained!.images.reduce((n, im) => n + explained!.methods.filter((m) => im.maps[m.id]).length, 0);
    expect(await viewer.locator('#pillar-explainability [data-probe-id="explainability/attributions"] svg.chart.heatmap').count()).toBe(maps + explained!.images.length);
    await viewer.locator('#pillar-explainability [data-probe-id="explainability/attributions"] .details').screenshot({ path: `${SCREENSHOTS}report-html-mnist-heatmaps.png` });
    expect(requests).toEqual([`file://${htmlPath}`]);
    expect(consoleErrors).toEqual([]);
    expect(errors).toEqual([]);
    await close();
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
    // Charts (not the inline sparks: association bars, colour scales) are drawn at a readable size.
    for (const box of await viewer.locator('svg.chart:not(.spark)').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect()))) {
      expect(box.width).toBeGreaterThan(50);
      expect(box.height).toBeGreaterThan(20);
    }
    // Every pillar the run measured shows its charts (and any pictures) in its own section, all decoded.
    const measured = [...new Set(report.run.results.filter((r) => r.status === 'ok').map((r) => r.pillar))];
    for (const pillar of measured) {
      const section = pillarHtml(html, pillar);
      const counts = await pillarCharts(viewer, pillar);
      expect(counts.svgs, pillar).toBe(section.match(/<svg class="chart/g)?.length ?? 0);
      expect(counts.imgs, pillar).toBe(section.match(/<img /g)?.length ?? 0);
      expect(counts.broken, pillar).toBe(0);
      if (pillar !== 'validity') expect(await viewer.locator(`#pillar-${pillar} [data-testid="probe-details"]`).count(), pillar).toBeGreaterThan(0);
    }
    if (measured.includes('fairness')) {
      expect(await viewer.locator('#pillar-fairness [data-testid="probe-details"] svg.chart.fairness-bars').count()).toBeGreaterThan(0);
      await viewer.locator('#pillar-fairness [data-probe-id="fairness/group-metrics"] .details').screenshot({ path: `${SCREENSHOTS}report-html-adult-fairness.png` });
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
