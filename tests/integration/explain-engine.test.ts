/**
 * The explainability part of the standard suites, run by the engine (as the CLI runs it) on the
 * committed demo models: the TF.js and ONNX forms of the same wages MLP, and the demo MNIST CNN.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDemoManifest } from '../../src/bindings/demo-manifest';
import { parseKnownBinding, modalityOf, taskOf } from '../../src/core/binding';
import type { Binding, ProbeResult, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';
import { explainabilitySuites } from '../../src/suites/pillars/explainability';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demoDir = join(root, 'public', 'demo');
const manifest = validateDemoManifest(JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8')));
const bindingOf = (id: string): Binding => parseKnownBinding(JSON.parse(readFileSync(join(root, 'src', 'bindings', `${id}.json`), 'utf8'))).binding;
const files = (paths: string[]) => paths.map((f) => ({ path: f.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(demoDir, f))) }));

/** The standard suite's explainability probes with fewer samples and resamples, so the test stays quick. */
function smallSuite(binding: Binding): Suite {
  const modality = modalityOf(binding);
  return {
    id: 'explain-test', version: 1, title: 'explainability', description: 'the standard explainability probes, smaller',
    modality, task: taskOf(binding),
    probes: explainabilitySuites.standard(modality, taskOf(binding)).map((p) => ({
      id: p.id,
      params: { ...p.params, bootstrap: 100, ...('samples' in (p.params ?? {}) ? { samples: 3 } : {}), ...(p.id.endsWith('global-importance') ? { rows: 150, repeats: 2 } : {}) },
    })),
  };
}

async function run(modelId: string, limit: number): Promise<Run> {
  const entry = manifest.models.find((m) => m.id === modelId)!;
  const dataset = manifest.datasets.find((d) => d.id === entry.dataset)!;
  const service = createEvalService(nodeHost);
  const info = await service.openModel(files(entry.files), 'auto');
  const opened = await service.openDataset(files(dataset.files));
  const binding = bindingOf(entry.binding);
  try {
    return await service.run({ runId: modelId, modelSha256: info.sha256, datasetSha256: opened.manifest.sha256, binding, suite: smallSuite(binding), seed: 3, limit });
  } finally {
    await service.closeModel(info.sha256);
  }
}

const byId = (run: Run) => Object.fromEntries(run.results.map((r) => [r.probeId, r])) as Record<string, ProbeResult>;

describe('explainability probes through the engine', () => {
  it('the wages MLP in TF.js and in ONNX: every probe runs, with gradients through both paths, and the two forms agree', async () => {
    const tfjs = byId(await run('wages-v2-tfjs', 300));
    const onnx = byId(await run('wages-v2-onnx', 300));
    for (const results of [tfjs, onnx]) {
      for (const r of Object.values(results)) expect(r.status, `${r.probeId}: ${r.reason}`).toBe('ok');
      expect(results['explainability/ig-completeness'].measurement!.value!).toBeLessThan(0.05);
      expect(results['explainability/attributions'].measurement!.details!.methods).toEqual(['kernel-shap', 'lime', 'integrated-gradients']);
    }
    // The ONNX file is the TF.js model exported: the same explanations up to float rounding.
    const shap = (r: Record<string, ProbeResult>) => (r['explainability/attributions'].measurement!.details!.rows as { shap: number[] }[])[0].shap;
    shap(onnx).forEach((v, i) => expect(v).toBeCloseTo(shap(tfjs)[i], 4));
    expect(onnx['explainability/faithfulness'].measurement!.value).toBeCloseTo(tfjs['explainability/faithfulness'].measurement!.value!, 3);
  });

  it('the demo MNIST CNN: heat maps, faithfulness with Integrated Gradients and the randomisation check', async () => {
    const results = byId(await run('mnist-cnn-tfjs', 12));
    for (const r of Object.values(results)) expect(r.status, `${r.probeId}: ${r.reason}`).toBe('ok');
    expect(results['explainability/faithfulness'].measurement!.details!.method).toBe('integrated-gradients');
    expect(results['explainability/faithfulness'].measurement!.value!).toBeGreaterThan(0);
    const images = results['explainability/attributions'].measurement!.details!.images as unknown[];
    expect(images).toHaveLength(3);
    expect(results['explainability/randomisation'].measurement!.secondary.prediction_change.value!).toBeGreaterThan(0.1);
  });
});
