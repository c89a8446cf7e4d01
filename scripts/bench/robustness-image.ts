/**
 * Benchmark of the standard image robustness suite (corruptions, MNIST-C, OOD detection, stability,
 * and the attack probes when registered) on the reference MNIST CNN (ONNX, fixed batch 1) and the
 * first 1,000 MNIST test images, with the Fashion-MNIST samples as the OOD set. Prints, per probe
 * and in total: the time, the bare inference time of the same inputs (the run's model calls replayed
 * alone on the same session), and the harness overhead. Targets: ≤ 60 s total, overhead ≤ 15 %.
 *
 *   npx tsx scripts/bench/robustness-image.ts [images=1000] [node|browser|both=both]
 *
 * "node" is the engine as the CLI runs it (onnxruntime-node); "browser" builds a small page that
 * runs the same engine in a worker in headless Chromium on wasm. Needs ../shared/reference.
 * A benchmark, not a test: it asserts nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKnownBinding } from '../../src/core/binding';
import { nodeHost } from '../../src/engine/node-host';
import { isOodFile, MNIST_FILES, MODEL_PATH, OOD_DIR, reportLines, runBench } from './robustness-image-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REFERENCE = join(ROOT, '..', 'shared', 'reference') + '/';
const images = Number(process.argv[2] ?? 1000);
const where = process.argv[3] ?? 'both';

const read = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

async function main(): Promise<void> {
  if (!existsSync(REFERENCE)) throw new Error(`${REFERENCE} is missing: this benchmark needs the reference models and data.`);
  const binding = parseKnownBinding(JSON.parse(readFileSync(join(ROOT, 'src/bindings/mnist-cnn-onnx.json'), 'utf8'))).binding;
  if (where === 'node' || where === 'both') {
    const report = await runBench(nodeHost, {
      where: `Node ${process.version} (the CLI's engine)`,
      model: [read(REFERENCE + MODEL_PATH)],
      mnist: MNIST_FILES.map((f) => read(REFERENCE + f)),
      ood: readdirSync(REFERENCE + OOD_DIR).filter(isOodFile).sort().map((f) => read(REFERENCE + OOD_DIR + f)),
      backend: 'node',
      samples: images,
      binding,
    });
    for (const line of reportLines(report)) console.log(line);
  }
  if (where === 'browser' || where === 'both') {
    const { inBrowser } = await import('./robustness-image-browser');
    for (const line of reportLines(await inBrowser(REFERENCE, images, binding))) console.log(line);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
