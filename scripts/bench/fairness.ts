/**
 * Benchmark: the full fairness suite on all 32,561 Adult rows (sex × race, 1,000 resamples).
 *   npx tsx scripts/bench/fairness.ts            # Node (the CLI's engine)
 *   npx tsx scripts/bench/fairness.ts --browser  # also headless Chromium, in the app's worker
 *   … --resamples 1000                           # every probe, the proxy search included, at 1,000
 * Needs ../shared/reference (MANIFEST.md). Prints the time per probe and in all; the target is
 * ≤ 10 s in the browser worker. The browser half builds a small page (scripts/bench/fairness-page/)
 * into a temporary folder and drives /usr/bin/chromium with playwright-core.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bindingById } from '../../src/bindings/index';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';
import { ADULT_CSV, ADULT_MODEL_DIR, ADULT_MODEL_FILES, benchSuite, timingTable } from './fairness-suite';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
/** `--resamples N` gives every probe N resamples (the proxy search included); default: the suite's own. */
const at = process.argv.indexOf('--resamples');
const RESAMPLES = at > 0 ? Number(process.argv[at + 1]) : null;

async function inNode(): Promise<void> {
  const service = createEvalService(nodeHost);
  const files = ADULT_MODEL_FILES.map((path) => ({ path, bytes: new Uint8Array(readFileSync(REFERENCE + ADULT_MODEL_DIR + path)) }));
  const info = await service.openModel(files, 'auto');
  const dataset = await service.openDataset([{ path: 'adult.csv', bytes: new Uint8Array(readFileSync(REFERENCE + ADULT_CSV)) }]);
  const started = performance.now();
  const run = await service.run({
    runId: 'bench', modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256,
    binding: bindingById('adult-income-mlp-tfjs')!.binding, suite: benchSuite(RESAMPLES), seed: 1, limit: null,
  });
  const wall = performance.now() - started;
  console.log(`Node ${process.version}, ${info.backend} backend, ${run.samples} rows:`);
  for (const line of timingTable(run.results.map((r) => ({ ...r, bootstrap: r.params.bootstrap })))) console.log(line);
  console.log(`  wall time (incl. encoding the data) ${Math.round(wall)} ms`);
}

async function main(): Promise<void> {
  if (!existsSync(REFERENCE)) throw new Error(`The reference folder ${REFERENCE} is missing; this benchmark needs the Adult model and data (see MANIFEST.md).`);
  await inNode();
  if (process.argv.includes('--browser')) {
    const { inBrowser } = await import('./fairness-browser');
    await inBrowser(REFERENCE, RESAMPLES);
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
