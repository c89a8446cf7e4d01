/**
 * The browser half every browser benchmark shares: builds a benchmark page (a folder with
 * index.html and main.ts) into a temporary folder, serves it with the app's cross-origin isolation
 * headers (so onnxruntime-web gets its wasm threads, as in the app), serves the reference files
 * under /ref/ through Playwright, opens it in headless Chromium as the end-to-end tests do, waits
 * for the page to set body[data-ready], and hands the page over.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { launchChromium } from '../../tests/e2e/chromium';

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export async function withBenchPage<T>(pageDir: string, reference: string, use: (page: Page) => Promise<T>): Promise<T> {
  const outDir = mkdtempSync(join(tmpdir(), 'tg-bench-'));
  try {
    await build({ configFile: false, root: pageDir, base: '/', logLevel: 'error', worker: { format: 'es' }, build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 } });
    const server = await preview({ configFile: false, root: pageDir, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', headers: ISOLATION } });
    const address = server.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.route('**/ref/**', (route) => {
        const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/ref/'.length));
        return route.fulfill({ status: 200, body: readFileSync(reference + path), headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } });
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector('body[data-ready="yes"]');
      return await use(page);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
