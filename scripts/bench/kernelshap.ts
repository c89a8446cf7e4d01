/**
 * Benchmark: KernelSHAP on 50 rows of the reference Adult income MLP (104 → 36 → 12 → 2, TF.js),
 * on its 13 raw columns, with the standard suite's settings (256 coalitions, 20 background rows).
 *   npx tsx scripts/bench/kernelshap.ts            # Node (the CLI's engine)
 *   npx tsx scripts/bench/kernelshap.ts --browser  # also headless Chromium, in the app's worker
 * Needs ../shared/reference (MANIFEST.md). Target: ≤ 20 s in the browser worker. The browser half
 * builds scripts/bench/kernelshap-page/ into a temporary folder and drives /usr/bin/chromium.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bindingById } from '../../src/bindings/index';
import type { ProbeResult } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';
import { ADULT_CSV, ADULT_MODEL_DIR, ADULT_MODEL_FILES, ROWS, benchSuite, timing } from './kernelshap-suite';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const PAGE = fileURLToPath(new URL('./kernelshap-page/', import.meta.url));

async function inNode(backend: 'auto' | 'wasm' | 'cpu'): Promise<void> {
  const service = createEvalService(nodeHost);
  const files = ADULT_MODEL_FILES.map((path) => ({ path, bytes: new Uint8Array(readFileSync(REFERENCE + ADULT_MODEL_DIR + path)) }));
  const info = await service.openModel(files, backend);
  const dataset = await service.openDataset([{ path: 'adult.csv', bytes: new Uint8Array(readFileSync(REFERENCE + ADULT_CSV)) }]);
  const started = performance.now();
  const run = await service.run({
    runId: 'bench', modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256,
    binding: bindingById('adult-income-mlp-tfjs')!.binding, suite: benchSuite(), seed: 1, limit: null,
  });
  console.log(`Node ${process.version}, TF.js ${info.backend} backend, ${ROWS} of ${run.samples} rows explained:`);
  for (const line of timing(run.results[0])) console.log(line);
  console.log(`  wall time (incl. encoding ${run.samples} rows) ${Math.round(performance.now() - started)} ms`);
}

async function inBrowser(): Promise<void> {
  const { withBenchPage } = await import('./bench-page');
  await withBenchPage(PAGE, REFERENCE, async (page) => {
    const out = await page.evaluate(() => (window as unknown as { runBench(): Promise<{ wallMs: number; backend: string; agent: string; result: ProbeResult }> }).runBench());
    console.log(`Headless Chromium (${out.agent.match(/Chrome\/[\d.]+/)?.[0] ?? out.agent}), app worker, TF.js ${out.backend} backend:`);
    for (const line of timing(out.result)) console.log(line);
    console.log(`  wall time in the worker (incl. encoding the data) ${out.wallMs} ms`);
  });
}

async function main(): Promise<void> {
  if (!existsSync(REFERENCE)) throw new Error(`The reference folder ${REFERENCE} is missing; this benchmark needs the Adult model and data (see MANIFEST.md).`);
  await inNode('wasm');
  if (process.argv.includes('--browser')) await inBrowser();
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
