/**
 * The privacy pillar through the engine on the demo's overfit / regularised pair (both trained by
 * scripts/make-demo.ts on the same 134 members, `privacy_split`): the overfit model must leak
 * membership clearly more, with intervals, and the loss attack must reproduce the AUC the training
 * script recorded in demo.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDemoManifest } from '../../src/bindings/demo-manifest';
import { parseKnownBinding } from '../../src/core/binding';
import type { Measurement, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService, type EvalService } from '../../src/engine/service';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demoDir = join(root, 'public', 'demo');
const manifest = validateDemoManifest(JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8')));
const read = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(demoDir, path))) });

const suite: Suite = {
  id: 'privacy-test',
  version: 1,
  title: 'Privacy probes',
  description: 'The privacy pillar alone, for this test.',
  modality: 'tabular',
  task: 'binary-classification',
  probes: [
    { id: 'privacy/membership-inference', params: { bootstrap: 500 } },
    { id: 'privacy/output-exposure' },
    { id: 'privacy/model-file-hygiene' },
    { id: 'privacy/provenance' },
    { id: 'privacy/fault-tolerance', params: { perKind: 4 } },
  ],
};

let service: EvalService;
let datasetSha256: string;
const runs = new Map<string, Run>();

async function runDemo(modelId: string): Promise<Run> {
  const cached = runs.get(modelId);
  if (cached) return cached;
  const entry = manifest.models.find((m) => m.id === modelId)!;
  const info = await service.openModel(entry.files.map(read), 'auto');
  const binding = parseKnownBinding(JSON.parse(readFileSync(join(root, 'src', 'bindings', `${entry.binding}.json`), 'utf8'))).binding;
  const run = await service.run({ runId: modelId, modelSha256: info.sha256, datasetSha256, binding, suite, seed: 7, limit: null });
  runs.set(modelId, run);
  return run;
}

const measurement = (run: Run, id: string): Measurement => {
  const result = run.results.find((r) => r.probeId === id)!;
  expect(result.status, `${id}: ${result.reason ?? ''}`).toBe('ok');
  return result.measurement!;
};

beforeAll(async () => {
  service = createEvalService(nodeHost);
  const dataset = manifest.datasets.find((d) => d.id === 'cps-wages-1985')!;
  datasetSha256 = (await service.openDataset(dataset.files.map(read))).manifest.sha256;
});
afterAll(async () => {
  for (const id of runs.keys()) {
    const sha = runs.get(id)!.model.sha256;
    await service.closeModel(sha);
  }
});

describe('membership inference: overfit vs regularised demo models', () => {
  it('the overfit model leaks clearly more than its regularised twin, with intervals', async () => {
    const overfit = measurement(await runDemo('wages-overfit-onnx'), 'privacy/membership-inference');
    const regularised = measurement(await runDemo('wages-regularised-onnx'), 'privacy/membership-inference');
    for (const m of [overfit, regularised]) {
      expect(m.n).toBe(534);
      expect(m.details).toMatchObject({ members: 134, nonMembers: 400, falsePositivesAllowed: 4 });
      expect(m.interval).toMatchObject({ method: 'bootstrap-percentile', resamples: 500 });
      expect(m.secondary.max_advantage.interval).not.toBeNull();
    }
    // The overfit model's whole interval lies above chance and above the regularised model's estimate.
    expect(overfit.interval!.low).toBeGreaterThan(0.55);
    expect(overfit.interval!.low).toBeGreaterThan(regularised.value!);
    expect(overfit.value! - regularised.value!).toBeGreaterThan(0.05);
    expect(overfit.secondary.max_advantage.value!).toBeGreaterThan(regularised.secondary.max_advantage.value! + 0.05);
    expect(overfit.secondary.max_advantage.interval!.low).toBeGreaterThan(0.1);
    expect(overfit.secondary.accuracy_gap.value!).toBeGreaterThan(regularised.secondary.accuracy_gap.value!);
  });

  it('the loss attack reproduces the AUC the training script recorded', async () => {
    for (const id of ['wages-overfit-onnx', 'wages-regularised-onnx']) {
      const recorded = manifest.models.find((m) => m.id === id)!.metrics!.lossAttackAuc as number;
      const m = measurement(await runDemo(id), 'privacy/membership-inference');
      // The script clips the sigmoid score to [1e-7, 1 − 1e-7] in float64; the probe sees the float32
      // probabilities an attacker gets. Members fitted to p ≈ 1 tie differently, worth about 0.002.
      expect(Math.abs(m.secondary.loss_auc.value! - recorded), id).toBeLessThan(0.005);
    }
  });

  it('the TF.js form of the overfit model gives the same attack numbers as its ONNX form', async () => {
    const onnx = measurement(await runDemo('wages-overfit-onnx'), 'privacy/membership-inference');
    const tfjs = measurement(await runDemo('wages-overfit-tfjs'), 'privacy/membership-inference');
    expect(tfjs.value!).toBeCloseTo(onnx.value!, 3);
    expect(tfjs.secondary.loss_auc.value!).toBeCloseTo(onnx.secondary.loss_auc.value!, 3);
  });
});

describe('hostile inputs leave the model session as it was', () => {
  it.each(['wages-overfit-onnx', 'wages-overfit-tfjs'])('%s: membership numbers are identical after fault tolerance ran first', async (id) => {
    const before = measurement(await runDemo(id), 'privacy/membership-inference');
    const entry = manifest.models.find((m) => m.id === id)!;
    const info = await service.openModel(entry.files.map(read), 'auto');
    const binding = parseKnownBinding(JSON.parse(readFileSync(join(root, 'src', 'bindings', `${entry.binding}.json`), 'utf8'))).binding;
    const reordered: Suite = { ...suite, probes: [suite.probes[4], suite.probes[0]] };
    const run = await service.run({ runId: `${id}-reordered`, modelSha256: info.sha256, datasetSha256, binding, suite: reordered, seed: 7, limit: null });
    expect(run.results.map((r) => r.probeId)).toEqual(['privacy/fault-tolerance', 'privacy/membership-inference']);
    expect(measurement(run, 'privacy/membership-inference')).toEqual(before);
  });
});

describe('the other privacy probes on the demo', () => {
  it('full-precision outputs, a clean file, complete provenance, hostile inputs contained', async () => {
    const run = await runDemo('wages-overfit-onnx');
    expect(measurement(run, 'privacy/output-exposure').value).toBe(2);
    const hygiene = measurement(run, 'privacy/model-file-hygiene');
    expect(hygiene.value).toBe(0);
    expect(run.model.hygiene!.map((f) => f.code)).toContain('onnx-versions');
    expect(measurement(run, 'privacy/provenance').value).toBe(1);
    const faults = measurement(run, 'privacy/fault-tolerance');
    expect(faults.n).toBe(21);
    expect(faults.groups.find((g) => g.group === 'NaN')!.value).toBe(0);
    expect(faults.groups.find((g) => g.group === 'All zeros')!.value).toBe(1);
    // Nothing after the hostile inputs broke: the run completed.
    expect(run.status).toBe('complete');
  });
});
