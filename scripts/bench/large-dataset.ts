// Benchmark: a 200,000-row tabular dataset evaluated in headless Chromium (quick suite, demo
// wages v2 on wasm). Prints the time and the peak memory of Chromium's processes, sampled every
// 100 ms with ps. Needs a build (`npx vite build`). Run: npx tsx scripts/bench/large-dataset.ts [rows]
import { execFileSync } from 'node:child_process';
import { synthesizeWagesCsv } from '../large/synthesize-wages';
import { openPage, startApp } from '../../tests/e2e/browser';

const rows = Number(process.argv[2] ?? 200_000);

/** Resident memory in MiB of each Chromium process. */
function chromiumRss(): number[] {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map((kb) => Number(kb) / 1024);
  } catch {
    return [];
  }
}

const app = await startApp();
try {
  const { page } = await openPage(app);
  await page.getByTestId('demo-model').selectOption('wages-v2-tfjs');
  await page.locator('tg-model-card').waitFor();
  let peakProcess = 0;
  let peakTotal = 0;
  const sampler = setInterval(() => {
    const rss = chromiumRss();
    peakProcess = Math.max(peakProcess, ...rss);
    peakTotal = Math.max(peakTotal, rss.reduce((a, b) => a + b, 0));
  }, 100);
  const csv = synthesizeWagesCsv(rows);
  const started = performance.now();
  await page.getByTestId('dataset-input').setInputFiles({ name: 'wages-large.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('dataset-summary').waitFor({ timeout: 120_000 });
  const loaded = performance.now();
  await page.getByTestId('suite').selectOption('quick');
  await page.getByTestId('run').click();
  await page.waitForFunction(() => location.hash.startsWith('#/run/'), undefined, { timeout: 600_000, polling: 100 });
  const finished = performance.now();
  clearInterval(sampler);
  console.log(`rows                         ${rows.toLocaleString('en')} (${(csv.length / 2 ** 20).toFixed(1)} MiB of CSV)`);
  console.log(`open dataset (page → worker) ${((loaded - started) / 1000).toFixed(1)} s`);
  console.log(`run (quick suite, wasm)      ${((finished - loaded) / 1000).toFixed(1)} s`);
  console.log(`peak memory, largest process ${peakProcess.toFixed(0)} MiB`);
  console.log(`peak memory, all Chromium    ${peakTotal.toFixed(0)} MiB`);
} finally {
  await app.close();
}
