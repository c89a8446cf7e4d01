/**
 * Conformance (reads ../shared/reference): the corruption probes on the reference MNIST CNN (ONNX,
 * fixed batch 1) and the first MNIST test images, through the engine as the CLI runs it. Clean
 * accuracy on the sample matches the model's known 98.9 %, every corruption and severity is
 * measured, and accuracy falls with severity where the corruption destroys information.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseKnownBinding } from '../../src/core/binding';
import type { Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';

const REF = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });
const N = 300;

describe.skipIf(!existsSync(REF))('corruptions on the reference MNIST CNN (conformance: ../shared/reference)', () => {
  it(`measures all 15 ImageNet-C corruptions × 5 severities and the MNIST-C ones on ${N} images`, async () => {
    const service = createEvalService(nodeHost);
    const model = await service.openModel([read(`${REF}models/mnist-cnn-onnx/mnist.onnx`)], 'node');
    const mnist = await service.openDataset(['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].map((f) => read(`${REF}datasets/mnist-test/${f}`)));
    const binding = parseKnownBinding(JSON.parse(readFileSync(`${ROOT}src/bindings/mnist-cnn-onnx.json`, 'utf8'))).binding;
    const suite: Suite = {
      id: 'corruption-reference', version: 1, title: 'corruptions', description: 'corruption probes', modality: 'image', task: 'multiclass-classification',
      probes: [{ id: 'robustness/corruptions', params: { bootstrap: 200 } }, { id: 'robustness/mnist-c', params: { bootstrap: 200 } }],
    };
    const run = await service.run({ runId: 'c', modelSha256: model.sha256, datasetSha256: mnist.manifest.sha256, binding, suite, seed: 1, limit: N });
    await service.closeModel(model.sha256);
    const [imagenetC, mnistC] = run.results.map((r) => r.measurement!);
    expect(run.results.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(imagenetC.secondary.clean_accuracy.value).toBeGreaterThan(0.97);
    expect(imagenetC.details!.parameterSet).toMatchObject({ id: 'cifar-10-c', scale: 0.875 });
    const cells = imagenetC.details!.corruptions as { id: string; severities: { severity: number; accuracy: number }[] }[];
    expect(cells).toHaveLength(15);
    expect(cells.every((c) => c.severities.length === 5)).toBe(true);
    const accuracy = (id: string, s: number) => cells.find((c) => c.id === id)!.severities[s - 1].accuracy;
    // The CNN reads raw 0–255 pixels: contrast 0.15 and strong blur cost it more than light JPEG does.
    expect(accuracy('contrast', 5)).toBeLessThan(accuracy('contrast', 1));
    expect(accuracy('jpeg_compression', 1)).toBeGreaterThan(0.95);
    expect(imagenetC.value!).toBeLessThan(imagenetC.secondary.clean_accuracy.value!);
    const digits = mnistC.details!.corruptions as { id: string; severities: { accuracy: number }[] }[];
    const rotate = digits.find((c) => c.id === 'rotate')!.severities.map((s) => s.accuracy);
    expect(rotate[4]).toBeLessThan(rotate[0]);
    expect(mnistC.value!).toBeLessThan(imagenetC.value!);
  });
});
