/**
 * The browser half of scripts/bench/robustness-image.ts: builds robustness-image-page/ into a
 * temporary folder, serves it with the app's cross-origin isolation headers (so onnxruntime-web can
 * use its wasm threads, as in the app), serves the reference files under /ref/ through Playwright,
 * and runs the benchmark in a worker in headless Chromium on the wasm backend.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import type { Binding } from '../../src/core/types';
import { isOodFile, OOD_DIR, type BenchReport } from './robustness-image-core';

const PAGE = fileURLToPath(new URL('./robustness-image-page/', import.meta.url));
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function inBrowser(reference: string, samples: number, binding: Binding): Promise<BenchReport> {
  const outDir = mkdtempSync(join(tmpdir(), 'tg-robustness-bench-'));
  try {
    await build({ configFile: false, root: PAGE, base: '/', logLevel: 'warn', worker: { format: 'es' }, build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 } });
    const server = await preview({ configFile: false, root: PAGE, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', headers: ISOLATION } });
    const address = server.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.route('**/ref/**', (route) => {
        const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/ref/'.length));
        return route.fulfill({ status: 200, body: readFileSync(reference + path), headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } });
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector('body[data-ready="yes"]');
      const oodFiles = readdirSync(reference + OOD_DIR).filter(isOodFile).sort();
      return await page.evaluate(
        ([n, b, ood]) => (window as unknown as { runBench(n: number, b: Binding, ood: string[]): Promise<BenchReport> }).runBench(n, b, ood),
        [samples, binding, oodFiles] as const,
      );
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
