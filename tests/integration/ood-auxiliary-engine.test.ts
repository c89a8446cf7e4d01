/**
 * A second dataset with the role `ood` through the engine (issue 3): it is another distribution,
 * so its labels (another label space, or none), sensitive columns and split are ignored; only its
 * shape and encoding must fit. A set of another shape fails the OOD probe alone, naming both shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateDemoManifest } from '../../src/bindings/demo-manifest';
import { parseKnownBinding } from '../../src/core/binding';
import type { ModelFile, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService, type EvalService } from '../../src/engine/service';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demoDir = join(root, 'public', 'demo');
const manifest = validateDemoManifest(JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8')));
const read = (path: string): ModelFile => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(demoDir, path))) });
const bindingOf = (id: string) => parseKnownBinding(JSON.parse(readFileSync(join(root, 'src', 'bindings', `${id}.json`), 'utf8'))).binding;

/** MNIST-style IDX files: n images of side × side gray pixels (a seeded pattern) and their labels. */
function idxFiles(n: number, side: number, labels: number[]): ModelFile[] {
  const images = new Uint8Array(16 + n * side * side);
  new DataView(images.buffer).setUint32(0, 2051);
  new DataView(images.buffer).setUint32(4, n);
  new DataView(images.buffer).setUint32(8, side);
  new DataView(images.buffer).setUint32(12, side);
  for (let i = 16; i < images.length; i++) images[i] = (i * 37 + (i >> 5) * 11) % 256;
  const labelBytes = new Uint8Array(8 + n);
  new DataView(labelBytes.buffer).setUint32(0, 2049);
  new DataView(labelBytes.buffer).setUint32(4, n);
  for (let i = 0; i < n; i++) labelBytes[8 + i] = labels[i % labels.length];
  return [{ path: 'ood-images-idx3-ubyte', bytes: images }, { path: 'ood-labels-idx1-ubyte', bytes: labelBytes }];
}

const csv = (text: string): ModelFile[] => [{ path: 'ood.csv', bytes: new TextEncoder().encode(text) }];

let service: EvalService;
beforeAll(() => {
  service = createEvalService(nodeHost);
});

async function runWithOod(modelId: string, suite: Suite, oodFiles: ModelFile[], limit: number): Promise<Run> {
  const entry = manifest.models.find((m) => m.id === modelId)!;
  const dataset = manifest.datasets.find((d) => d.id === entry.dataset)!;
  const model = await service.openModel(entry.files.map(read), 'cpu');
  const main = await service.openDataset(dataset.files.map(read));
  const ood = await service.openDataset(oodFiles, 'OOD set');
  try {
    return await service.run({
      runId: `${modelId}-ood`, modelSha256: model.sha256, datasetSha256: main.manifest.sha256, binding: bindingOf(entry.binding), suite, seed: 1, limit,
      auxiliary: [{ role: 'ood', datasetSha256: ood.manifest.sha256 }],
    });
  } finally {
    await service.closeModel(model.sha256);
  }
}

const imageSuite: Suite = {
  id: 'ood-test', version: 1, title: 'OOD', description: 'OOD with accuracy beside it', modality: 'image', task: 'multiclass-classification',
  probes: [{ id: 'robustness/ood', params: { bootstrap: 100 } }, { id: 'validity/accuracy', params: { bootstrap: 100 } }],
};
const tableSuite: Suite = { ...imageSuite, modality: 'tabular', task: 'binary-classification' };

describe('the OOD set is not checked against the model\'s labels (engine)', () => {
  it('images labelled outside the model\'s classes (10, 11, 12 for a digit model) are used as they are', async () => {
    const run = await runWithOod('mnist-cnn-tfjs', imageSuite, idxFiles(40, 28, [10, 11, 12]), 200);
    const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
    expect(ood.status, ood.reason).toBe('ok');
    expect(ood.measurement!.details).toMatchObject({ sources: [{ kind: 'declared', name: 'OOD set', n: 40 }] });
    expect(run.results.find((r) => r.probeId === 'validity/accuracy')!.status).toBe('ok');
    expect(run.auxiliary).toEqual([{ role: 'ood', dataset: expect.objectContaining({ name: 'OOD set' }) }]);
  });

  it('images of another size fail the OOD probe alone, naming both shapes', async () => {
    const run = await runWithOod('mnist-cnn-tfjs', imageSuite, idxFiles(20, 20, [3]), 200);
    const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
    expect(ood.status).toBe('failed');
    expect(ood.reason).toMatch(/'OOD set' holds 20×20 images with 1 channel but the evaluated dataset holds 28×28 images with 1 channel/);
    expect(run.results.find((r) => r.probeId === 'validity/accuracy')!.status).toBe('ok');
    expect(run.status).toBe('complete');
  });

  const header = 'education,south,gender,experience,union,wage,age,race,occupation,sector,married';
  const rows = (extra: (i: number) => string) => Array.from({ length: 30 }, (_, i) =>
    `${8 + (i % 10)},${i % 2},${i % 3 ? 'male' : 'female'},${i},${i % 2},${5 + i / 3},${20 + i},${['white', 'hispanic', 'other'][i % 3]},${['other', 'management', 'sales'][i % 3]},${['manufacturing', 'other', 'construction'][i % 3]},${i % 2}${extra(i)}`).join('\n');

  it('a table without the target column, or with targets of another label space, is used without its labels', async () => {
    for (const text of [`${header}\n${rows(() => '')}`, `${header},high_wage\n${rows((i) => `,grade-${i % 4}`)}`]) {
      const run = await runWithOod('wages-v2-tfjs', tableSuite, csv(text), 300);
      const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
      expect(ood.status, ood.reason).toBe('ok');
      expect(ood.measurement!.details).toMatchObject({ sources: [{ kind: 'declared', n: 30 }] });
    }
  });

  it('a table without a feature column fails the OOD probe alone, naming the columns it has and lacks', async () => {
    const text = `${header.replace(',sector', '')}\n${rows(() => '').split('\n').map((r) => r.split(',').filter((_, j) => j !== 9).join(',')).join('\n')}`;
    const run = await runWithOod('wages-v2-tfjs', tableSuite, csv(text), 300);
    const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
    expect(ood.status).toBe('failed');
    expect(ood.reason).toMatch(/The out-of-distribution set 'OOD set' has 10 columns \('education', .*'married'\) but the binding's features need the column 'sector' as well/);
    expect(run.results.find((r) => r.probeId === 'validity/accuracy')!.status).toBe('ok');
  });
});
