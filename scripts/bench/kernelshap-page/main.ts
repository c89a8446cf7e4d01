/**
 * The browser half of the KernelSHAP benchmark: the app's own evaluation worker
 * (workers/eval.worker.ts) runs the benchmark suite on the Adult model and data, which the driving
 * script serves under /ref/.
 */
import { wrap } from 'comlink';
import { bindingById } from '../../../src/bindings/index';
import type { EvalService } from '../../../src/engine/service';
import { referenceBytes } from '../page-files';
import { ADULT_CSV, ADULT_MODEL_DIR, ADULT_MODEL_FILES, benchSuite } from '../kernelshap-suite';

const service = wrap<EvalService>(new Worker(new URL('../../../workers/eval.worker.ts', import.meta.url), { type: 'module' }));

async function runBench() {
  const files = await Promise.all(ADULT_MODEL_FILES.map(async (path) => ({ path, bytes: await referenceBytes(ADULT_MODEL_DIR + path) })));
  const info = await service.openModel(files, 'wasm');
  const dataset = await service.openDataset([{ path: 'adult.csv', bytes: await referenceBytes(ADULT_CSV) }]);
  const started = performance.now();
  const run = await service.run({
    runId: 'bench', modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256,
    binding: bindingById('adult-income-mlp-tfjs')!.binding, suite: benchSuite(), seed: 1, limit: null,
  });
  return { wallMs: Math.round(performance.now() - started), backend: info.backend, agent: navigator.userAgent, result: run.results[0] };
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
document.body.dataset.ready = 'yes';
