/**
 * Conformance (reads ../shared/reference): input gradients of the reference TinyVGG (TF.js layers,
 * four Conv2D layers, two max-pools) on TF.js's wasm backend, which has no Conv2DBackpropFilter
 * kernel of its own (issue 5). The gradients are checked against central finite differences of
 * the model's own predictions, and the gradient explanations run through the engine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseKnownBinding } from '../../src/core/binding';
import type { Binding, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';
import { openForExplaining, type Opened } from './explain-harness';

const REF = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODEL = `${REF}models/tinyvgg-4class-tfjs`;
const IMAGES = `${REF}datasets/tinyvgg-images`;
const binding = (): Binding => parseKnownBinding(JSON.parse(readFileSync(`${ROOT}src/bindings/tinyvgg-4class-tfjs.json`, 'utf8'))).binding;

const opened: Opened[] = [];
afterAll(async () => {
  await Promise.all(opened.map((o) => o.dispose()));
});

describe.skipIf(!existsSync(REF))('TinyVGG gradients on TF.js wasm (conformance: ../shared/reference)', () => {
  it('match central finite differences of its predictions on the pixels that matter most', async () => {
    const o = await openForExplaining({ model: MODEL, data: [IMAGES], binding: binding(), limit: 4, backend: 'wasm' });
    opened.push(o);
    const { adapter, data } = o;
    expect(adapter.info.backend).toBe('wasm');
    // wasm takes these gradients itself, with TrustGrade's JavaScript Conv2DBackpropFilter kernel.
    expect(adapter.info.gradientPath).toEqual({ kind: 'tfjs', backend: 'wasm' });
    const size = data.sampleSize;
    const k = 4;
    const probs = (await adapter.predict(data.x, data.n)).values;
    const labels = Int32Array.from({ length: data.n }, (_, i) => {
      const row = Array.from(probs.subarray(i * k, (i + 1) * k));
      return row.indexOf(Math.max(...row));
    });
    const { gradient, loss } = await adapter.gradient!(data.x, data.n, { kind: 'cross-entropy', labels }, binding().output);
    expect(gradient.every(Number.isFinite)).toBe(true);
    const h = 1e-3;
    const perPixel: number[] = [];
    let diff2 = 0;
    let grad2 = 0;
    for (let i = 0; i < data.n; i++) {
      const g = gradient.subarray(i * size, (i + 1) * size);
      expect(loss[i]).toBeCloseTo(-Math.log(probs[i * k + labels[i]]), 4);
      // The 6 pixel values with the largest gradients of each image: the ones an explanation shows.
      const pixels = Array.from(g.keys()).sort((a, b) => Math.abs(g[b]) - Math.abs(g[a])).slice(0, 6);
      const shifted = new Float32Array(pixels.length * 2 * size);
      pixels.forEach((p, j) => [h, -h].forEach((step, s) => {
        const copy = data.x.slice(i * size, (i + 1) * size);
        copy[p] += step;
        shifted.set(copy, (2 * j + s) * size);
      }));
      const out = (await adapter.predict(shifted, pixels.length * 2)).values;
      pixels.forEach((p, j) => {
        const fd = (-Math.log(out[2 * j * k + labels[i]]) + Math.log(out[(2 * j + 1) * k + labels[i]])) / (2 * h);
        perPixel.push(Math.abs(fd - g[p]) / Math.abs(g[p]));
        diff2 += (fd - g[p]) ** 2;
        grad2 += g[p] ** 2;
      });
    }
    perPixel.sort((a, b) => a - b);
    const median = perPixel[perPixel.length >> 1];
    const overall = Math.sqrt(diff2 / grad2);
    console.log(`TinyVGG gradient vs finite differences (h = ${h}, ${perPixel.length} pixels): median relative error ${median.toFixed(4)}, largest ${perPixel.at(-1)!.toFixed(4)}, overall ‖fd − g‖/‖g‖ ${overall.toFixed(4)}`);
    expect(median).toBeLessThan(0.01);
    // A few pixels sit near a ReLU or max-pool switch, where a finite step crosses the kink.
    expect(perPixel.at(-1)!).toBeLessThan(0.2);
    expect(overall).toBeLessThan(0.05);
  });

  it('saliency, Integrated Gradients and SmoothGrad heat maps come out of the engine with status ok', async () => {
    const service = createEvalService(nodeHost);
    const read = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });
    const model = await service.openModel(readdirSync(MODEL).map((f) => read(`${MODEL}/${f}`)), 'wasm');
    const images = await service.openDataset(readdirSync(IMAGES).sort().slice(0, 8).map((f) => read(`${IMAGES}/${f}`)));
    const suite: Suite = {
      id: 'tinyvgg-gradients', version: 1, title: 'gradients', description: 'gradient explanations of TinyVGG', modality: 'image', task: 'multiclass-classification',
      probes: [
        { id: 'explainability/attributions', params: { samples: 2, shapSamples: 64, smoothSamples: 4, igSteps: 16, bootstrap: 100 } },
        { id: 'explainability/ig-completeness', params: { samples: 2, igSteps: 32, bootstrap: 100 } },
      ],
    };
    try {
      const run = await service.run({ runId: 'tinyvgg', modelSha256: model.sha256, datasetSha256: images.manifest.sha256, binding: binding(), suite, seed: 1, limit: 8 });
      expect(run.model.backend).toBe('wasm');
      expect(run.model.gradientPath).toEqual({ kind: 'tfjs', backend: 'wasm' });
      const attributions = run.results.find((r) => r.probeId === 'explainability/attributions')!;
      expect(attributions.status, attributions.reason).toBe('ok');
      const m = attributions.measurement!;
      expect(m.notes.join(' ')).not.toMatch(/Gradient methods were not used/);
      const d = m.details as unknown as { methods: { id: string }[]; images: { maps: Record<string, { width: number; height: number; scale: number }> }[] };
      expect(d.methods.map((x) => x.id)).toEqual(expect.arrayContaining(['saliency', 'gradient-x-input', 'integrated-gradients', 'smoothgrad']));
      expect(d.images).toHaveLength(2);
      for (const image of d.images) {
        for (const id of ['saliency', 'integrated-gradients', 'smoothgrad']) {
          expect(image.maps[id]).toMatchObject({ width: 64, height: 64 });
          expect(image.maps[id].scale).toBeGreaterThan(0);
        }
      }
      const ig = run.results.find((r) => r.probeId === 'explainability/ig-completeness')!;
      expect(ig.status, ig.reason).toBe('ok');
      expect(ig.measurement!.value).not.toBeNull();
    } finally {
      await service.closeModel(model.sha256);
    }
  });
});
