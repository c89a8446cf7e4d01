/**
 * The browser half of scripts/bench/fairness.ts: runs the suite in the app's worker in headless
 * Chromium on the page scripts/bench/fairness-page/ (see bench-page.ts).
 */
import { fileURLToPath } from 'node:url';
import { withBenchPage } from './bench-page';
import { timingTable } from './fairness-suite';

const PAGE = fileURLToPath(new URL('./fairness-page/', import.meta.url));

export async function inBrowser(reference: string, resamples: number | null): Promise<void> {
  await withBenchPage(PAGE, reference, async (page) => {
    const result = await page.evaluate((n) => (window as unknown as { runBench(n: number | null): Promise<{
      wallMs: number; backend: string; threads: number; agent: string; samples: number;
      results: { probeId: string; status: string; durationMs: number; reason?: string; bootstrap?: unknown }[];
    }> }).runBench(n), resamples);
    console.log(`Headless Chromium (${result.agent.match(/Chrome\/[\d.]+/)?.[0] ?? result.agent}), app worker, ${result.backend} backend, ${result.threads} thread(s), ${result.samples} rows:`);
    for (const line of timingTable(result.results)) console.log(line);
    console.log(`  wall time in the worker (incl. encoding the data) ${result.wallMs} ms`);
  });
}
