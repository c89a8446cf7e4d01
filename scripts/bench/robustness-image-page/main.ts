/**
 * The browser half of the image robustness benchmark: a worker runs the engine (as the app's
 * worker does, on the wasm backend) with a recording model host, on the files the driving script
 * serves under /ref/.
 */
import { wrap } from 'comlink';
import type { Binding } from '../../../src/core/types';
import { referenceBytes } from '../page-files';
import { MNIST_FILES, MODEL_PATH, OOD_DIR, type BenchInputs, type BenchReport } from '../robustness-image-core';

const worker = wrap<{ run(inputs: BenchInputs): Promise<BenchReport> }>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));

async function file(path: string): Promise<{ path: string; bytes: Uint8Array }> {
  return { path: path.split('/').pop()!, bytes: await referenceBytes(path) };
}

async function runBench(samples: number, binding: Binding, oodFiles: string[]): Promise<BenchReport> {
  return worker.run({
    where: `Headless Chromium (${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent}), worker`,
    model: [await file(MODEL_PATH)],
    mnist: await Promise.all(MNIST_FILES.map(file)),
    ood: await Promise.all(oodFiles.map((f) => file(OOD_DIR + f))),
    backend: 'wasm',
    samples,
    binding,
  });
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
document.body.dataset.ready = 'yes';
