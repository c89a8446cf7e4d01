import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mainThreadTasks, openPage, readStoredRun, longTasks, startApp, visibleText, waitForRunPage, watchLongTasks, type AppHarness } from './browser';

const FIX = fileURLToPath(new URL('../fixtures/', import.meta.url));

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('a trust tool that can be trusted itself', () => {
  it('sends nothing to another origin during a full run', async () => {
    const { page, errors } = await openPage(app);
    const origin = new URL(app.url).origin;
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) elsewhere.push(request.url());
    });
    await page.getByTestId('try-demo').click();
    await waitForRunPage(page);
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('gives byte-identical measurements for three runs of the same suite on the same inputs and backend', async () => {
    const { page } = await openPage(app);
    const sections: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(app.url);
      await page.getByTestId('try-demo').click();
      const run = await readStoredRun(page, await waitForRunPage(page));
      sections.push(JSON.stringify(run.results.map((r) => ({ id: r.probeId, params: r.params, measurement: r.measurement }))));
    }
    expect(sections[1]).toBe(sections[0]);
    expect(sections[2]).toBe(sections[0]);
  });

  // One retry: this machine is a VM whose host may take its cores away mid-task, which even thread
  // time counts; a task that is really long is long in both tries.
  it('keeps the page responsive during a run and while drawing its page: no main-thread task over 50 ms of work', { retry: 1 }, async () => {
    const { page } = await openPage(app);
    await page.getByTestId('demo-model').selectOption('mnist-cnn-tfjs');
    await page.locator('tg-model-card').waitFor();
    await page.getByTestId('demo-dataset').selectOption('mnist-demo');
    await page.getByTestId('dataset-summary').waitFor();
    await app.browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
    // The measure sees a task that does block: 300 ms on the clock of work on purpose, before the run
    // (of which the thread, sharing its cores with other programs, may get well under half).
    await page.evaluate(() => new Promise<void>((resolve) => {
      performance.mark('tg-block');
      setTimeout(() => { const end = performance.now() + 300; while (performance.now() < end) { /* block */ } setTimeout(resolve, 50); }, 0);
    }));
    await watchLongTasks(page);
    await page.evaluate(() => {
      performance.mark('tg-run-start');
      // After the app's own listener: the run has ended (stored) when the page shows it.
      window.addEventListener('hashchange', () => performance.mark('tg-run-end'), { once: true });
    });
    await page.getByTestId('run').click();
    await page.getByTestId('progress-percent').waitFor();
    await page.waitForFunction(() => location.hash.startsWith('#/run/'), undefined, { timeout: 120_000, polling: 100 });
    // The finished run's page draws its sections over several tasks; the window runs until the last one is drawn.
    await page.locator('[data-testid="run-view"][data-rendered="all"]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => performance.mark('tg-page-drawn'));
    const trace = mainThreadTasks(await app.browser.stopTracing());
    const during = trace.tasks.filter((t) => t.start >= trace.marks['tg-run-start'] && t.start < trace.marks['tg-page-drawn']);
    const drawing = during.filter((t) => t.start >= trace.marks['tg-run-end']);
    const largest = (tasks: { cpuMs: number }[]) => Math.round(Math.max(0, ...tasks.map((t) => t.cpuMs)));
    console.log(`Largest main-thread task (CPU): ${largest(during.filter((t) => t.start < trace.marks['tg-run-end']))} ms during the run, ${largest(drawing)} ms drawing its page (${drawing.length} tasks in ${Math.round(trace.marks['tg-page-drawn'] - trace.marks['tg-run-end'])} ms).`);
    const block = trace.tasks.filter((t) => t.start >= trace.marks['tg-block'] && t.start < trace.marks['tg-run-start']);
    expect(Math.max(...block.map((t) => t.cpuMs))).toBeGreaterThan(50);
    expect(during.length).toBeGreaterThan(100);
    // What the page itself does in any one task (its thread's CPU time), running and drawing, stays under 50 ms. The
    // wall-clock long tasks the observer reports also count time the thread was not running at
    // all, on a machine whose cores the worker and other programs share: shown, not judged.
    const heavy = during.filter((t) => t.cpuMs > 50).map((t) => `${Math.round(t.cpuMs)} ms of work in ${Math.round(t.wallMs)} ms`);
    expect(heavy).toEqual([]);
    const wall = await longTasks(page);
    if (wall.some((d) => d > 50)) console.log(`Wall-clock long tasks during the run (ms): ${wall.map(Math.round).join(', ')}; their work: ${during.filter((t) => t.wallMs > 50).map((t) => Math.round(t.cpuMs)).join(', ')} ms.`);
  });

  it('finds a run interrupted by a reload as interrupted, not lost and not running forever', async () => {
    const { page } = await openPage(app);
    await page.getByTestId('backend').selectOption('cpu');
    await page.getByTestId('demo-model').selectOption('mnist-cnn-tfjs');
    await page.locator('tg-model-card').waitFor();
    await page.getByTestId('demo-dataset').selectOption('mnist-demo');
    await page.getByTestId('dataset-summary').waitFor();
    await page.getByTestId('run').click();
    await page.getByTestId('progress-percent').waitFor();
    await page.reload();
    await page.goto(`${app.url}#/history`);
    await expect.poll(() => visibleText(page, '[data-testid="runs"]'), { timeout: 20_000 }).toMatch(/interrupted/);
    expect(await visibleText(page, '[data-testid="runs"]')).not.toMatch(/running/);
  });

  it('shows hostile file names, labels and binding text as text, never as markup', async () => {
    const { page, errors } = await openPage(app);
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    const name = '<img src=x onerror=alert(1)>.onnx';
    await page.getByTestId('model-input').setInputFiles({
      name, mimeType: 'application/octet-stream', buffer: readFileSync(`${FIX}models/onnx/linear-softmax.onnx`),
    });
    await page.locator('tg-model-card').waitFor();
    expect(await visibleText(page, 'tg-model-card')).toContain('<img src=x onerror=alert(1)>');
    const csv = 'age,sex,income\n39,<script>alert(2)</script>,>50K\n50,Female,<b>bold</b>\n';
    await page.getByTestId('dataset-input').setInputFiles({ name: '<svg onload=alert(3)>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('dataset-summary').waitFor();
    expect(await visibleText(page, '[data-testid="dataset-summary"]')).toContain('<script>alert(2)</script>');
    const injected = await page.evaluate(() => {
      const found: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        root.querySelectorAll('img, svg[onload], b, script:not([type="module"])').forEach((el) => found.push(el.outerHTML.slice(0, 60)));
        root.querySelectorAll('*').forEach((el) => { if (el.shadowRoot) walk(el.shadowRoot); });
      };
      walk(document);
      return found.filter((html) => /onerror|onload|alert|bold/.test(html));
    });
    expect(injected).toEqual([]);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
  });
});
