/**
 * The attack probes through the engine, as the CLI and the worker run them: an ONNX model gets
 * white-box attacks through its checked TF.js translation; a model with no differentiable path is
 * skipped by the white-box probe with the reason, while black-box attacks and the rest of the
 * suite still run; an ε outside the input range fails only its probe, with a message saying why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDemoManifest } from '../../src/bindings/demo-manifest';
import { parseKnownBinding } from '../../src/core/binding';
import type { Binding, ProbeConfig, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService, type EvalService } from '../../src/engine/service';
import { int, node, onnxModel, weights } from './onnx-to-tfjs-graphs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demoDir = join(root, 'public', 'demo');
const manifest = validateDemoManifest(JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8')));
const read = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(demoDir, path))) });

const WHITE = { id: 'robustness/white-box-attacks', params: { epsilons: [0.05, 0.1, 0.3], headlineEpsilon: 0.1, l2Epsilons: [], pgdSteps: 5, bisectionSteps: 2, bisectionPgdSteps: 3, bootstrap: 50 } };
const BLACK = { id: 'robustness/black-box-attacks', params: { epsilons: [0.05, 0.1, 0.3], headlineEpsilon: 0.1, squareQueries: 40, hopSkipJumpQueries: 40, bootstrap: 50 } };

function suiteOf(probes: ProbeConfig[]): Suite {
  return { id: 'attacks-test', version: 1, title: 'Attacks', description: 'Attack probes for this test.', modality: 'image', task: 'multiclass-classification', probes };
}

let service: EvalService;
let datasetSha256: string;
const opened: string[] = [];

beforeAll(async () => {
  service = createEvalService(nodeHost);
  const dataset = manifest.datasets.find((d) => d.id === 'mnist-demo')!;
  datasetSha256 = (await service.openDataset(dataset.files.map(read))).manifest.sha256;
});
afterAll(async () => {
  for (const sha of opened) await service.closeModel(sha);
});

async function run(files: { path: string; bytes: Uint8Array }[], binding: Binding, probes: ProbeConfig[], runId: string): Promise<Run> {
  const info = await service.openModel(files, 'auto');
  opened.push(info.sha256);
  return service.run({ runId, modelSha256: info.sha256, datasetSha256, binding, suite: suiteOf(probes), seed: 3, limit: 20 });
}

const demoBinding = (): Binding => parseKnownBinding(JSON.parse(readFileSync(join(root, 'src', 'bindings', 'demo-mnist-cnn.json'), 'utf8'))).binding;
const statusOf = (r: Run, id: string) => r.results.find((x) => x.probeId === id)!;

describe('attack probes through the engine', () => {
  it('attacks the demo ONNX CNN white-box through its checked translation, then black-box, with the strongest over both', async () => {
    const entry = manifest.models.find((m) => m.id === 'mnist-cnn-onnx')!;
    const r = await run(entry.files.map(read), demoBinding(), [{ id: 'validity/accuracy', params: { bootstrap: 50 } }, WHITE, BLACK], 'onnx-attacks');
    expect(r.model.gradientPath?.kind).toBe('onnx-translated');
    for (const id of ['validity/accuracy', WHITE.id, BLACK.id]) expect(statusOf(r, id).status, statusOf(r, id).reason).toBe('ok');
    const white = statusOf(r, WHITE.id).measurement!;
    const black = statusOf(r, BLACK.id).measurement!;
    expect(white.n).toBe(20);
    expect(black.value!).toBeLessThanOrEqual(white.value! + 1e-12);
    expect((black.details!.maskingChecks as { id: string; status: string }[]).find((c) => c.id === 'black-box-beats-white-box')?.status).not.toBe('not-run');
    // The record is plain data that survives JSON.
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('skips white-box attacks on a model with no differentiable path, saying why, while black-box attacks and the rest run', async () => {
    // An input-rounding "defence" (x → round(255·x)/255, then a linear layer): onnxruntime runs it,
    // the TF.js translation does not cover Round, so it has no gradient path.
    const files = onnxModel({
      nodes: [
        node('Mul', ['x', 'k'], ['scaled']), node('Round', ['scaled'], ['rounded']), node('Div', ['rounded', 'k'], ['q']),
        node('Flatten', ['q'], ['f'], [int('axis', 1)]), node('Gemm', ['f', 'W', 'B'], ['logits']),
      ],
      initializers: [weights('k', [], [255]), weights('W', [784, 10], 31, 0.2), weights('B', [10], 32)],
      input: ['N', 28, 28, 1], outputs: [{ name: 'logits', dims: ['N', 10] }],
    }, 'rounding.onnx');
    const binding: Binding = { ...demoBinding(), output: { kind: 'logits', labels: demoBinding().output.labels } };
    const r = await run(files, binding, [{ id: 'validity/accuracy', params: { bootstrap: 50 } }, WHITE, BLACK], 'rounding-attacks');
    expect(r.model.differentiable).toBe(false);
    expect(r.model.gradientPath?.reason).toMatch(/does not cover \(Round\)/);
    const white = statusOf(r, WHITE.id);
    expect(white.status).toBe('skipped');
    // The skip says why there is no gradient path, in the words of info.gradientPath.reason.
    expect(white.reason).toBe(`needs a differentiable model: ${r.model.gradientPath!.reason}`);
    expect(white.reason).toMatch(/^needs a differentiable model: the graph uses an operator the TF.js translation does not cover \(Round\)/);
    expect(statusOf(r, 'validity/accuracy').status).toBe('ok');
    const black = statusOf(r, BLACK.id);
    expect(black.status, black.reason).toBe('ok');
    expect(black.measurement!.notes.join(' ')).toMatch(/White-box attacks cannot run on this model: the graph uses an operator the TF.js translation does not cover \(Round\)/);
    expect(r.status).toBe('complete');
  });

  it('fails only the probe given an ε outside the input range, with a message that says what to do', async () => {
    const entry = manifest.models.find((m) => m.id === 'mnist-cnn-tfjs')!;
    const bad = { ...WHITE, params: { ...WHITE.params, epsilons: [0.1, 1.5] } };
    const r = await run(entry.files.map(read), demoBinding(), [bad, { id: 'validity/accuracy', params: { bootstrap: 50 } }], 'bad-epsilon');
    const white = statusOf(r, WHITE.id);
    expect(white.status).toBe('failed');
    expect(white.reason).toBe(
      'Probe robustness/white-box-attacks: ε = 1.5 in "epsilons" is outside the input range: ε is a fraction of the input range, so it must be greater than 0 and at most 1. ' +
        'Use for example 0.1 for a tenth of the range (25.5 grey levels on a 0–255 model).',
    );
    expect(statusOf(r, 'validity/accuracy').status).toBe('ok');
    expect(r.status).toBe('complete');
  });
});
