import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM, launchChromium } from './chromium';
import { preview, type PreviewServer } from 'vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface AppHarness {
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/** Where the build is served from: dist/, or TG_DIST (a second build, e.g. `npx vite build --outDir dist-b`). */
const DIST = process.env.TG_DIST ?? 'dist';

/** Serves the production build (dist/, made by `npm test` before the tests) and starts Chromium. */
export async function startApp(): Promise<AppHarness> {
  if (!existsSync(`${ROOT}${DIST}/index.html`)) throw new Error(`${DIST}/ is missing: run \`npx vite build\` first (npm test does).`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install chromium (the CI script does).`);
  const server: PreviewServer = await preview({ root: ROOT, logLevel: 'warn', build: { outDir: DIST }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  const browser = await launchChromium();
  return {
    browser,
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}

/** A fresh page (own storage) that collects console errors and failed requests. */
export async function openPage(app: AppHarness): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // A Content-Security-Policy violation means something tried to run or load what the app forbids.
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) errors.push(`csp: ${m.text()}`); });
  await page.goto(app.url);
  await page.waitForSelector('tg-app');
  return { page, errors };
}

export const SCREENSHOTS = `${ROOT}test-results/screenshots/`;

/** Waits until the page shows a run (the app navigates to #/run/<id> when one is stored) and returns its id. */
export async function waitForRunPage(page: Page, timeoutMs = 240_000): Promise<string> {
  await page.waitForFunction(() => location.hash.startsWith('#/run/'), undefined, { timeout: timeoutMs, polling: 250 });
  // The run page draws its sections over several frames; wait for the last, so what a test reads or shoots is all there.
  await page.locator('[data-testid="run-view"][data-rendered="all"]').waitFor({ timeout: 60_000 });
  return decodeURIComponent(await page.evaluate(() => location.hash.slice('#/run/'.length)));
}

/** In the evaluate view: picks a bundled model and dataset, and the suite and sample limit when given. */
export async function chooseBundled(page: Page, model: string, dataset: string, options: { suite?: 'quick' | 'standard'; limit?: number } = {}): Promise<void> {
  await page.getByTestId('demo-model').selectOption(model);
  await page.locator('tg-model-card').waitFor();
  await page.getByTestId('demo-dataset').selectOption(dataset);
  await page.getByTestId('dataset-summary').waitFor();
  if (options.suite) await page.getByTestId('suite').selectOption(options.suite);
  if (options.limit !== undefined) await page.getByTestId('limit').fill(String(options.limit));
}

/** Presses Run and waits until the run page shows the run complete; returns the stored run. */
export async function runToCompletion(page: Page, timeoutMs = 240_000): Promise<import('../../src/core/types').Run> {
  await page.getByTestId('run').click();
  const id = await waitForRunPage(page, timeoutMs);
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: timeoutMs }).toMatch(/complete/i);
  return readStoredRun(page, id);
}

/** Reads a stored run straight from the app's IndexedDB, as the page's own code stored it. */
export async function readStoredRun(page: Page, id: string): Promise<import('../../src/core/types').Run> {
  return page.evaluate(async (runId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trustgrade');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const run = await new Promise((resolve, reject) => {
      const request = db.transaction('runDetails').objectStore('runDetails').get(runId);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return run as import('../../src/core/types').Run;
  }, id);
}

/** The headline value of a probe in a run, or throws naming the probe's status. */
export function headline(run: import('../../src/core/types').Run, probeId: string): number {
  const result = run.results.find((r) => r.probeId === probeId);
  if (!result || result.status !== 'ok' || result.measurement?.value == null) {
    throw new Error(`${probeId}: ${result ? `${result.status} ${result.reason ?? ''}` : 'not in the run'}`);
  }
  return result.measurement.value;
}

/** The text a person sees in an element, shadow roots included. */
export async function visibleText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((root) => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      const shadow = (node as Element).shadowRoot;
      if (shadow) walk(shadow);
      node.childNodes.forEach(walk);
    };
    walk(root);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}

/**
 * Starts recording main-thread long tasks until the run ends (the app shows the stored run: a
 * hashchange); drawing that page is not part of the run. Read them with `longTasks(page)`.
 */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; runEnded: number };
    w.longTasks = [];
    w.runEnded = Infinity;
    window.addEventListener('hashchange', () => { w.runEnded = Math.min(w.runEnded, performance.now()); });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime < w.runEnded) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
}

/**
 * The top-level tasks of the page's main thread in a Chromium trace (category `toplevel`), with
 * wall and thread (CPU) time, and the page's `performance.mark`s (category `blink.user_timing`),
 * which also tell which renderer thread is the page's. Times in ms on the trace's clock.
 */
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

export function mainThreadTasks(buffer: Buffer): { tasks: { start: number; wallMs: number; cpuMs: number }[]; marks: Record<string, number> } {
  type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; cat?: string };
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const marks: Record<string, number> = {};
  let thread: { pid: number; tid: number } | null = null;
  for (const e of events) {
    if (!e.name.startsWith('tg-') || !(e.cat ?? '').includes('user_timing')) continue;
    marks[e.name] = e.ts / 1000;
    thread = { pid: e.pid, tid: e.tid };
  }
  if (!thread) throw new Error('The trace has no performance marks of the page.');
  const tasks = events
    .filter((e) => e.pid === thread!.pid && e.tid === thread!.tid && e.ph === 'X' && TASK_EVENTS.has(e.name))
    .map((e) => ({ start: e.ts / 1000, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
  return { tasks, marks };
}
