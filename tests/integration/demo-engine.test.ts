/**
 * The demo seen through the engine: the app's dataset readers and binding encoder turn the
 * committed demo files into exactly the inputs the demo models were trained on, so the numbers the
 * app reports are the ones scripts/make-demo.ts recorded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDemoManifest } from '../../src/bindings/demo-manifest';
import { parseKnownBinding, prepareData } from '../../src/core/binding';
import type { Binding, TabularBinding } from '../../src/core/types';
import { loadDataset } from '../../src/datasets/load';
import { runOnnx } from '../../scripts/demo/onnx-verify';
import { encodeRows } from '../../scripts/demo/tabular-encoding';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demoDir = join(root, 'public', 'demo');
const manifest = validateDemoManifest(JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8')));
const bindingOf = (id: string): Binding => parseKnownBinding(JSON.parse(readFileSync(join(root, 'src', 'bindings', `${id}.json`), 'utf8'))).binding;

async function loadDemoDataset(id: string) {
  const entry = manifest.datasets.find((d) => d.id === id)!;
  return loadDataset(entry.files.map((f) => ({ path: f, bytes: new Uint8Array(readFileSync(join(demoDir, f))) })));
}

describe('demo datasets through the engine', () => {
  it.each(['wages-v1', 'wages-v2', 'wages-v3', 'wages-overfit', 'wages-regularised'])(
    '%s: the engine encodes the CPS CSV exactly as the model was trained, and reproduces its accuracy', async (name) => {
      const model = manifest.models.find((m) => m.id === `${name}-onnx`)!;
      const binding = bindingOf(model.binding) as TabularBinding;
      const dataset = await loadDemoDataset(model.dataset);
      const prepared = prepareData(dataset, binding);
      expect(prepared.n).toBe(534);

      const table = dataset.data.kind === 'tabular' ? dataset.data : null;
      const records = table!.rows.map((cells) => Object.fromEntries(table!.columns.map((c, i) => [c, cells[i]])));
      expect(Array.from(prepared.x)).toEqual(Array.from(encodeRows(records, binding.features)));
      expect(Object.keys(prepared.sensitive)).toEqual(['gender', 'race']);

      const scores = await runOnnx(new Uint8Array(readFileSync(join(demoDir, model.files[0]))), prepared.x, [prepared.n, prepared.sampleSize]);
      const yes = binding.output.labels.indexOf('yes');
      let trainCorrect = 0, heldCorrect = 0, trainN = 0, heldN = 0;
      for (let i = 0; i < prepared.n; i++) {
        const correct = (scores[i] >= 0.5 ? yes : 1 - yes) === prepared.y[i];
        if (prepared.member![i]) { trainN++; if (correct) trainCorrect++; } else { heldN++; if (correct) heldCorrect++; }
      }
      expect(trainCorrect / trainN).toBeCloseTo(model.metrics!.trainAccuracy, 4);
      expect(heldCorrect / heldN).toBeCloseTo(model.metrics!.heldOutAccuracy, 4);
    });

  it('mnist-cnn: the engine reads the demo IDX files as pixel / 255 in NHWC and reproduces the demo accuracy', async () => {
    const model = manifest.models.find((m) => m.id === 'mnist-cnn-onnx')!;
    const dataset = await loadDemoDataset(model.dataset);
    const prepared = prepareData(dataset, bindingOf(model.binding));
    expect(prepared.n).toBe(1000);
    expect(prepared.sampleSize).toBe(784);
    const pixels = dataset.data.kind === 'image' ? dataset.data.pixels : new Uint8Array();
    for (const i of [0, 200, 783, 784 * 500 + 300, 784 * 1000 - 1]) expect(prepared.x[i]).toBeCloseTo(pixels[i] / 255, 6);

    const probabilities = await runOnnx(new Uint8Array(readFileSync(join(demoDir, model.files[0]))), prepared.x, [prepared.n, 28, 28, 1]);
    let correct = 0;
    for (let i = 0; i < prepared.n; i++) {
      const row = Array.from(probabilities.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === prepared.y[i]) correct++;
    }
    expect(correct / prepared.n).toBeCloseTo(model.metrics!.demoAccuracy, 4);
  });
});
