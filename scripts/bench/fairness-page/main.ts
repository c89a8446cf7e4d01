/**
 * The browser half of the fairness benchmark: the app's own evaluation worker (workers/eval.worker.ts)
 * runs the benchmark suite on the Adult model and data, which the driving script serves under /ref/.
 */
import { wrap } from 'comlink';
import { bindingById } from '../../../src/bindings/index';
import type { EvalService } from '../../../src/engine/service';
import { referenceBytes } from '../page-files';
import { ADULT_CSV, ADULT_MODEL_DIR, ADULT_MODEL_FILES, benchSuite } from '../fairness-suite';

const service = wrap<EvalService>(new Worker(new URL('../../../workers/eval.worker.ts', import.meta.url), { type: 'module' }));

async function runBench(resamples: number | null) {
  const files = await Promise.all(ADULT_MODEL_FILES.map(async (path) => ({ path, bytes: await referenceBytes(ADULT_MODEL_DIR + path) })));
  const info = await service.openModel(files, 'wasm');
  const dataset = await service.openDataset([{ path: 'adult.csv', bytes: await referenceBytes(ADULT_CSV) }]);
  const started = performance.now();
  const run = await service.run({
    runId: 'bench', modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256,
    binding: bindingById('adult-income-mlp-tfjs')!.binding, suite: benchSuite(resamples), seed: 1, limit: null,
  });
  return {
    wallMs: Math.round(performance.now() - started),
    backend: info.backend,
    threads: run.environment.threads,
    agent: navigator.userAgent,
    samples: run.samples,
    results: run.results.map((r) => ({ probeId: r.probeId, status: r.status, durationMs: r.durationMs, reason: r.reason, bootstrap: r.params.bootstrap })),
  };
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
document.body.dataset.ready = 'yes';
