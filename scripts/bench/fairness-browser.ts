/**
 * The browser half of scripts/bench/fairness.ts: builds scripts/bench/fairness-page/ into a
 * temporary folder, serves it with the app's cross-origin isolation headers, serves the reference
 * files under /ref/ through Playwright, and runs the suite in the app's worker in headless Chromium.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { timingTable } from './fairness-suite';

const PAGE = fileURLToPath(new URL('./fairness-page/', import.meta.url));
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function inBrowser(reference: string, resamples: number | null): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'tg-fairness-bench-'));
  try {
    await build({ configFile: false, root: PAGE, base: '/', logLevel: 'error', worker: { format: 'es' }, build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 } });
    const server = await preview({ configFile: false, root: PAGE, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', headers: ISOLATION } });
    const address = server.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      await page.route('**/ref/**', (route) => {
        const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/ref/'.length));
        return route.fulfill({ status: 200, body: readFileSync(reference + path), headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } });
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector('body[data-ready="yes"]');
      const result = await page.evaluate((n) => (window as unknown as { runBench(n: number | null): Promise<{
        wallMs: number; backend: string; threads: number; agent: string; samples: number;
        results: { probeId: string; status: string; durationMs: number; reason?: string; bootstrap?: unknown }[];
      }> }).runBench(n), resamples);
      console.log(`Headless Chromium (${result.agent.match(/Chrome\/[\d.]+/)?.[0] ?? result.agent}), app worker, ${result.backend} backend, ${result.threads} thread(s), ${result.samples} rows:`);
      for (const line of timingTable(result.results)) console.log(line);
      console.log(`  wall time in the worker (incl. encoding the data) ${result.wallMs} ms`);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
