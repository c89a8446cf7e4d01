/**
 * The acceptance run, on a smaller sample: the reference MNIST CNN (ONNX Model Zoo, CNTK, opset 7,
 * batch fixed at 1) on the first 100 MNIST test images. FGSM at ε = 0.05, 0.1, 0.2, 0.3 and PGD
 * (20 steps) through the ONNX → TF.js differentiable path, then the black-box attacks at the same ε
 * through onnxruntime, with the strongest attack over both. scripts/bench/robustness-attacks.ts
 * prints the same for 1,000 images.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKnownBinding } from '../../src/core/binding';
import type { Measurement, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService, type EvalService } from '../../src/engine/service';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });
const GRID = [0.05, 0.1, 0.2, 0.3];

const suite: Suite = {
  id: 'attack-conformance',
  version: 1,
  title: 'Attacks on the reference MNIST CNN',
  description: 'FGSM and PGD-20 (both losses), then Square Attack and HopSkipJump, on the same 100 images.',
  modality: 'image',
  task: 'multiclass-classification',
  probes: [
    {
      id: 'robustness/white-box-attacks',
      params: { epsilons: GRID, headlineEpsilon: 0.1, l2Epsilons: [], pgdSteps: 20, pgdLosses: ['margin', 'cross-entropy'], bisectionSteps: 3, bisectionPgdSteps: 10, maxSamples: 100, bootstrap: 200 },
    },
    { id: 'robustness/black-box-attacks', params: { epsilons: GRID, headlineEpsilon: 0.1, squareQueries: 100, hopSkipJumpQueries: 100, maxSamples: 100, bootstrap: 200 } },
  ],
};

type Curve = { attack: string; points: { epsilon: number; robustAccuracy: number }[] };
const curve = (m: Measurement, prefix: string): number[] =>
  (m.details!.curves as Curve[]).find((c) => c.attack.startsWith(prefix))!.points.map((p) => p.robustAccuracy);

let service: EvalService;
let run: Run;

describe.skipIf(!existsSync(REFERENCE))('conformance: attacks on the reference MNIST CNN, first 100 test images (../shared/reference)', () => {
  beforeAll(async () => {
    service = createEvalService(nodeHost);
    const model = await service.openModel([read(`${REFERENCE}models/mnist-cnn-onnx/mnist.onnx`)], 'node');
    const dir = `${REFERENCE}datasets/mnist-test/`;
    const dataset = await service.openDataset(readdirSync(dir).sort().map((f) => read(dir + f)));
    const binding = parseKnownBinding(JSON.parse(readFileSync(join(ROOT, 'src/bindings/mnist-cnn-onnx.json'), 'utf8'))).binding;
    run = await service.run({ runId: 'attacks', modelSha256: model.sha256, datasetSha256: dataset.manifest.sha256, binding, suite, seed: 1, limit: 100 });
  }, 600_000);
  afterAll(async () => {
    if (run) await service.closeModel(run.model.sha256);
  });

  const measurement = (id: string): Measurement => {
    const result = run.results.find((r) => r.probeId === id)!;
    expect(result.status, result.reason).toBe('ok');
    return result.measurement!;
  };

  it('white-box attacks go through the ONNX → TF.js translation, checked against onnxruntime', () => {
    expect(run.model.gradientPath?.kind).toBe('onnx-translated');
    const white = measurement('robustness/white-box-attacks');
    expect((white.details!.gradientPath as { kind: string }).kind).toBe('onnx-translated');
    expect(white.n).toBe(100);
    expect(white.secondary.clean_accuracy.value).toBeCloseTo(0.99, 10);
  });

  it('FGSM (margin loss) at ε = 0.05, 0.1, 0.2, 0.3 falls as ε grows; cross-entropy FGSM is blind on this saturated model', () => {
    const white = measurement('robustness/white-box-attacks');
    const fgsm = curve(white, 'FGSM (margin)');
    expect(fgsm[0]).toBeGreaterThan(0.8);
    expect(fgsm[0]).toBeLessThan(0.95);
    expect(fgsm[1]).toBeGreaterThan(0.6);
    expect(fgsm[1]).toBeLessThan(0.8);
    expect(fgsm[2]).toBeLessThan(0.25);
    expect(fgsm[3]).toBeLessThan(0.05);
    // Logits in the thousands: softmax rounds to exactly 1, so the cross-entropy gradient is zero
    // for almost every image and FGSM with it moves nothing (why the margin loss runs beside it).
    curve(white, 'FGSM (cross-entropy)').forEach((v) => expect(v).toBeGreaterThan(0.95));
    const saturation = (white.details!.maskingChecks as { id: string; detail: string }[]).find((c) => c.id === 'cross-entropy-saturation')!;
    expect(saturation.detail).toMatch(/exactly zero for 9\d of 99/);
  });

  it('PGD-20 (margin) is stronger than FGSM at every ε and reaches 0 % at ε = 0.3; no masking signs', () => {
    const white = measurement('robustness/white-box-attacks');
    const pgd = curve(white, 'PGD-20 (margin)');
    const fgsm = curve(white, 'FGSM (margin)');
    pgd.forEach((v, e) => expect(v, `ε = ${GRID[e]}`).toBeLessThanOrEqual(fgsm[e]));
    expect(pgd[1]).toBeGreaterThan(0.3);
    expect(pgd[1]).toBeLessThan(0.5);
    expect(pgd[3]).toBe(0);
    // The headline is the strongest attack at ε = 0.1.
    expect(white.value).toBeCloseTo(Math.min(pgd[1], fgsm[1], ...curve(white, 'PGD-20 (cross-entropy)').slice(1, 2)), 10);
    expect(white.secondary.masking_signs.value).toBe(0);
    expect(white.secondary.median_min_epsilon.value!).toBeGreaterThan(0.05);
    expect(white.secondary.median_min_epsilon.value!).toBeLessThan(0.1);
  });

  it('black-box attacks at the same ε never beat the white-box ones, and the strongest over both is reported', () => {
    const white = measurement('robustness/white-box-attacks');
    const black = measurement('robustness/black-box-attacks');
    const check = (black.details!.maskingChecks as { id: string; status: string }[]).find((c) => c.id === 'black-box-beats-white-box')!;
    expect(check.status).toBe('passed');
    expect(black.value).toBeCloseTo(white.value!, 10);
    expect(black.secondary.black_box_robust_accuracy.value!).toBeGreaterThanOrEqual(white.value!);
    // Queries are counted per sample, within the budgets (Square 100 per ε, HopSkipJump 100).
    const perSample = (black.details!.queries as { perSample: number[] }).perSample;
    expect(perSample.length).toBe(99);
    perSample.forEach((q) => expect(q).toBeLessThanOrEqual(4 * 100 + 100));
    expect(black.notes.join(' ')).toMatch(/saturated softmax/);
  });
});
