/**
 * The privacy pillar on the reference models in ../shared/reference (MANIFEST.md): their files are
 * clean (information-only hygiene findings), and hostile inputs behave as the model kinds predict:
 * a tree ensemble routes NaN and infinities down its branches and always answers, while a CNN
 * propagates them to its output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bindingById } from '../../src/bindings/index';
import type { Measurement, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';
import { auditModelFiles } from '../../src/runtime/hygiene';
import { readModelFiles } from '../fixtures/models/read-model-files';

const reference = new URL('../../../shared/reference/', import.meta.url);
const root = fileURLToPath(reference);
const bytes = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(new URL(path, reference))) });

const MODELS = ['adult-income-mlp-tfjs', 'compas-risk-mlp-tfjs', 'iris-mlp-onnx', 'lending-club-xgboost-onnx', 'mnist-cnn-onnx', 'tinyvgg-4class-tfjs'];

const suite = (modality: Suite['modality'], task: Suite['task']): Suite => ({
  id: 'privacy-reference', version: 1, title: 'Privacy probes', description: 'The privacy pillar without membership (no splits here).',
  modality, task,
  probes: [{ id: 'privacy/output-exposure' }, { id: 'privacy/model-file-hygiene' }, { id: 'privacy/provenance' }, { id: 'privacy/fault-tolerance', params: { perKind: 4 } }],
});

const measurement = (run: Run, id: string): Measurement => {
  const result = run.results.find((r) => r.probeId === id)!;
  expect(result.status, `${id}: ${result.reason ?? ''}`).toBe('ok');
  return result.measurement!;
};

describe.skipIf(!existsSync(root))('privacy probes on the reference models (conformance, needs ../shared/reference)', () => {
  const service = createEvalService(nodeHost);
  const opened: string[] = [];
  afterAll(async () => { for (const sha of opened) await service.closeModel(sha); });

  async function run(modelId: string, modelFiles: string[], datasetFiles: string[], limit: number, kind: [Suite['modality'], Suite['task']]): Promise<Run> {
    const info = await service.openModel(modelFiles.map(bytes), 'auto');
    opened.push(info.sha256);
    const dataset = await service.openDataset(datasetFiles.map(bytes));
    return service.run({
      runId: modelId, modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256, binding: bindingById(modelId)!.binding,
      suite: suite(...kind), seed: 1, limit,
    });
  }

  it.each(MODELS)('%s: its files raise information-only hygiene findings', (id) => {
    const findings = auditModelFiles(readModelFiles(`${root}models/${id}`));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.severity !== 'info'), id).toEqual([]);
  });

  it('the XGBoost tree ensemble answers every hostile input: NaN and infinities go down its branches', async () => {
    const r = await run('lending-club-xgboost-onnx', ['models/lending-club-xgboost-onnx/lending-club-xgboost.onnx'],
      ['datasets/lending-club/lending-club.csv'], 300, ['tabular', 'binary-classification']);
    const faults = measurement(r, 'privacy/fault-tolerance');
    expect(faults.n).toBe(21);
    expect(faults.value).toBe(1);
    expect(measurement(r, 'privacy/model-file-hygiene').value).toBe(0);
    expect(measurement(r, 'privacy/provenance').value).toBe(1);
    // A tree ensemble can only output as many scores as leaf combinations its inputs reach.
    const exposure = measurement(r, 'privacy/output-exposure');
    expect(exposure.secondary.distinct_confidence_share.value!).toBeLessThanOrEqual(1);
  });

  it('the MNIST CNN turns NaN and infinities into non-finite output, and the harness contains all of it', async () => {
    const r = await run('mnist-cnn-onnx', ['models/mnist-cnn-onnx/mnist.onnx'],
      ['datasets/mnist-test/t10k-images-idx3-ubyte.gz', 'datasets/mnist-test/t10k-labels-idx1-ubyte.gz'], 50, ['image', 'multiclass-classification']);
    const faults = measurement(r, 'privacy/fault-tolerance');
    const byKind = Object.fromEntries(faults.groups.map((g) => [g.group, g.value]));
    expect(byKind.NaN).toBe(0);
    expect(byKind['All zeros']).toBe(1);
    expect(faults.secondary.contained_share.value).toBe(1);
    expect(measurement(r, 'privacy/output-exposure').value).toBe(2);
    expect(r.status).toBe('complete');
  });
});
