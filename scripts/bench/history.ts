// Benchmark: a history of 50 stored runs loads in the Runs view without a main-thread task over
// 50 ms. Imports 50 copies of a demo run (new ids), reloads, opens the Runs page and the family
// history, and prints the longest main-thread task seen. Needs a build (`npx vite build`).
// Run: npx tsx scripts/bench/history.ts [runs]
import { openPage, readStoredRun, startApp, waitForRunPage } from '../../tests/e2e/browser';

const count = Number(process.argv[2] ?? 50);
const app = await startApp();
try {
  const { page } = await openPage(app);
  await page.getByTestId('try-demo').click();
  const run = await readStoredRun(page, await waitForRunPage(page));
  const runs = Array.from({ length: count - 1 }, (_, i) => ({
    ...run, id: `${run.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
    createdAt: new Date(Date.parse(run.createdAt) - (i + 1) * 60_000).toISOString(),
    label: { family: 'wages', version: `v2.${i}` },
  }));
  await page.goto(`${app.url}#/history`);
  await page.getByTestId('import').setInputFiles({
    name: 'runs.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'trustgrade.runs/1', exportedAt: new Date().toISOString(), runs })),
  });
  await page.waitForFunction((n) => document.querySelector('tg-app')?.shadowRoot?.querySelector('tg-history-view')
    ?.shadowRoot?.querySelectorAll('[data-testid="run-row"]').length === n, count, { timeout: 60_000 });

  await page.reload();
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  });
  const started = Date.now();
  await page.goto(`${app.url}#/history`);
  await page.waitForFunction((n) => document.querySelector('tg-app')?.shadowRoot?.querySelector('tg-history-view')
    ?.shadowRoot?.querySelectorAll('[data-testid="run-row"]').length === n, count, { timeout: 60_000, polling: 10 });
  const listed = Date.now() - started;
  await page.getByTestId('family').first().click();
  await page.getByTestId('family-grades').waitFor({ timeout: 120_000 });
  const family = Date.now() - started;
  await page.waitForTimeout(300);
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`runs stored                     ${count}`);
  console.log(`Runs page listed them in        ${listed} ms`);
  console.log(`family history (graded) in      ${family} ms`);
  console.log(`main-thread tasks over 50 ms    ${tasks.filter((d) => d > 50).length}`);
  console.log(`longest main-thread task        ${tasks.length ? Math.max(...tasks).toFixed(0) : '< 50'} ms`);
} finally {
  await app.close();
}
