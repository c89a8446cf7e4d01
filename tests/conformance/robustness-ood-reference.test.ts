/**
 * Conformance (reads ../shared/reference): the reference MNIST CNN (ONNX, logits) through the
 * engine as the CLI runs it, with the Fashion-MNIST samples as the declared OOD set. Its logits give
 * a defined energy score; an OOD set of another image size fails the OOD probe alone, with a
 * message that says what to do, while the other probes of the suite run.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Suite } from '../../src/core/types';
import { grade } from '../../src/core/grade';
import type { Policy } from '../../src/core/report-types';
import { trustgradeDefaultV1 } from '../../src/policies/trustgrade-default-v1';
import { trustgradeDefaultV2 } from '../../src/policies/trustgrade-default-v2';

import { REF, runMnistWithOod } from './mnist-ood-run';

const suite: Suite = {
  id: 'ood-reference', version: 1, title: 'OOD', description: 'OOD and stability only', modality: 'image', task: 'multiclass-classification',
  probes: [{ id: 'robustness/ood', params: { bootstrap: 500 } }, { id: 'robustness/stability', params: { samples: 64 } }],
};

const runWithOod = (oodFiles: string[]) => runMnistWithOod({ suite, oodFiles, oodName: 'OOD set', backend: 'node', seed: 1, limit: 500 });

describe.skipIf(!existsSync(REF))('OOD detection on the reference MNIST CNN (conformance: ../shared/reference)', () => {
  it('separates Fashion-MNIST from MNIST by the energy of the logits, where the saturated softmax (MSP) cannot', async () => {
    const samples = `${REF}datasets/image-samples/`;
    const run = await runWithOod(readdirSync(samples).filter((f) => f.startsWith('fashionMNIST_')).map((f) => samples + f));
    const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
    expect(ood.status).toBe('ok');
    const m = ood.measurement!;
    expect(m.details).toMatchObject({ energyFrom: 'logits', sources: [{ kind: 'declared', n: 20 }], inDistribution: { n: 500 } });
    // This CNN's logits run to the thousands, so its float32 softmax is exactly 1 for almost every
    // image: maximum-softmax probability cannot rank anything (AUROC ≈ 0.5), the energy of the logits can.
    expect(m.value).toBeLessThan(0.6);
    const saturated = m.details!.mspSaturated as { in: number; out: number };
    expect(saturated.in).toBeGreaterThan(0.99);
    expect(saturated.out).toBeGreaterThan(0.99);
    expect(m.notes.some((n) => n.startsWith('The softmax is saturated:') && n.includes('read it instead'))).toBe(true);
    expect(m.secondary.auroc_energy.value).toBeGreaterThan(0.85);
    expect(m.secondary.auroc_energy.interval!.low).toBeLessThan(m.secondary.auroc_energy.value!);
    expect(run.auxiliary?.[0].role).toBe('ood');
    // Policy v2 grades the model's detector, the energy score here; v1 graded the tied MSP as E.
    expect(m.secondary.auroc_detector).toEqual(m.secondary.auroc_energy);
    const graded = (policy: Policy) => grade(run, policy).grading.probes.find((p) => p.probeId === 'robustness/ood')!.outcome;
    expect(graded(trustgradeDefaultV1)).toBe('E');
    expect(['A', 'B', 'C']).toContain(graded(trustgradeDefaultV2));
  });

  it('fails only the OOD probe, naming both image sizes, when the OOD set is 64×64 colour', async () => {
    const dir = `${REF}datasets/tinyvgg-images/`;
    const run = await runWithOod(readdirSync(dir).filter((f) => f.endsWith('.jpeg')).slice(0, 10).map((f) => dir + f));
    const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
    expect(ood.status).toBe('failed');
    expect(ood.reason).toMatch(/'OOD set' holds 64×64 images with 3 channels but the evaluated dataset holds 28×28 images with 1 channel\. Give an OOD set of the same size and channels/);
    expect(run.results.find((r) => r.probeId === 'robustness/stability')!.status).toBe('ok');
    expect(run.status).toBe('complete');
  });
});
