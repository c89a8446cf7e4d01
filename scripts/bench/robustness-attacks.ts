/**
 * Adversarial robustness of the reference MNIST CNN (ONNX Model Zoo, CNTK, opset 7) on the first
 * MNIST test images, through the engine as the CLI runs it: white-box FGSM and PGD (20 steps)
 * through the ONNX → TF.js translation, black-box Square Attack and HopSkipJump through
 * onnxruntime-node, and the strongest attack per ε. Prints robust accuracy per attack and ε, the
 * median minimal ε, queries per sample, the masking checks, and the time each probe took.
 *
 *   npx tsx scripts/bench/robustness-attacks.ts [images=1000] [squareQueries=1000] [hopSkipJumpQueries=1000]
 *
 * Needs ../shared/reference (see its MANIFEST.md). A benchmark, not a test: it asserts nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKnownBinding } from '../../src/core/binding';
import type { Measurement, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REFERENCE = join(ROOT, '..', 'shared', 'reference');
const [images = 1000, squareQueries = 1000, hopSkipJumpQueries = 1000] = process.argv.slice(2).map(Number);
const GRID = [0.05, 0.1, 0.2, 0.3];

const read = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

export const attackSuite = (n: number, square: number, hsj: number): Suite => ({
  id: 'attack-benchmark',
  version: 1,
  title: 'Attack benchmark',
  description: 'FGSM and PGD-20 (both losses), Square Attack and HopSkipJump on the same samples.',
  modality: 'image',
  task: 'multiclass-classification',
  probes: [
    {
      id: 'robustness/white-box-attacks',
      params: {
        epsilons: GRID, headlineEpsilon: 0.1, l2Epsilons: [], pgdSteps: 20, pgdLosses: ['margin', 'cross-entropy'],
        bisectionSteps: 5, bisectionPgdSteps: 10, maxSamples: n, bootstrap: 1000,
      },
    },
    {
      id: 'robustness/black-box-attacks',
      params: { epsilons: GRID, headlineEpsilon: 0.1, squareQueries: square, squarePInit: 0.1, hopSkipJumpQueries: hsj, maxSamples: n, bootstrap: 1000 },
    },
  ],
});

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '   —   ' : `${(100 * v).toFixed(1).padStart(5)} %`);

function printAttacks(m: Measurement): void {
  const d = m.details as { epsilons: number[]; curves: { attack: string; points: { robustAccuracy: number }[] }[]; strongest: { robustAccuracy: number; low: number; high: number; strongestAttack: string | null }[] };
  console.log(`  ${'attack'.padEnd(30)} ${d.epsilons.map((e) => `ε=${e}`.padStart(9)).join(' ')}`);
  for (const c of d.curves) console.log(`  ${c.attack.padEnd(30)} ${c.points.map((p) => pct(p.robustAccuracy).padStart(9)).join(' ')}`);
  console.log(`  ${'strongest (union)'.padEnd(30)} ${d.strongest.map((p) => pct(p.robustAccuracy).padStart(9)).join(' ')}`);
  console.log(`  ${'  95 % Wilson interval'.padEnd(30)} ${d.strongest.map((p) => `${(100 * p.low).toFixed(1)}–${(100 * p.high).toFixed(1)}`.padStart(9)).join(' ')}`);
  for (const [name, e] of Object.entries(m.secondary)) {
    console.log(`  ${name.padEnd(30)} ${e.value === null ? `undefined (${e.undefinedReason})` : e.value.toFixed(4)}${e.interval ? ` [${e.interval.low.toFixed(4)}, ${e.interval.high.toFixed(4)}]` : ''}  n = ${e.n}`);
  }
  for (const c of (m.details!.maskingChecks as { title: string; status: string; detail: string }[])) console.log(`  check: ${c.status.padEnd(8)} ${c.title} — ${c.detail}`);
}

async function main(): Promise<void> {
  if (!existsSync(REFERENCE)) throw new Error(`${REFERENCE} is missing: this benchmark needs the reference models and data.`);
  const service = createEvalService(nodeHost);
  const model = await service.openModel([read(join(REFERENCE, 'models/mnist-cnn-onnx/mnist.onnx'))], 'node');
  console.log(`model ${model.name} on ${model.backend}; gradient path: ${JSON.stringify(model.gradientPath)}`);
  const mnistDir = join(REFERENCE, 'datasets/mnist-test');
  const dataset = await service.openDataset(readdirSync(mnistDir).sort().map((f) => read(join(mnistDir, f))));
  const binding = parseKnownBinding(JSON.parse(readFileSync(join(ROOT, 'src/bindings/mnist-cnn-onnx.json'), 'utf8'))).binding;
  const started = performance.now();
  const run: Run = await service.run({
    runId: 'bench', modelSha256: model.sha256, datasetSha256: dataset.manifest.sha256, binding,
    suite: attackSuite(images, squareQueries, hopSkipJumpQueries), seed: 1, limit: images,
  });
  console.log(`\n${images} MNIST test images; Square ${squareQueries} and HopSkipJump ${hopSkipJumpQueries} queries per sample; ε as a fraction of 0–255.`);
  for (const r of run.results) {
    console.log(`\n${r.probeId}: ${r.status}${r.reason ? ` (${r.reason})` : ''}, ${(r.durationMs / 1000).toFixed(1)} s`);
    if (r.measurement) printAttacks(r.measurement);
  }
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await service.closeModel(model.sha256);
}

await main();
