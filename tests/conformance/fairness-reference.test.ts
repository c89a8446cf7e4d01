/**
 * The fairness probes on the reference models through the engine, as the CLI runs them
 * (../shared/reference, MANIFEST.md): the Adult income MLP's selection rates by sex (Male 0.252,
 * Female 0.080), race and sex × race; the COMPAS MLP's high-risk rates by race (0.666 vs 0.288)
 * with its 11 Asian and 8 Native American rows reported as insufficient data; and the German
 * credit model the project trains itself, with sex derived from personal_status.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bindingById } from '../../src/bindings/index';
import type { Json, ProbeResult, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';
import { readModelFiles } from '../fixtures/models/read-model-files';

const reference = new URL('../../../shared/reference/', import.meta.url);
const REF = fileURLToPath(reference);
const service = createEvalService(nodeHost);
const opened: string[] = [];
afterAll(async () => {
  await Promise.all(opened.map((sha) => service.closeModel(sha)));
});

function suite(probes: { id: string; params?: Record<string, Json> }[]): Suite {
  return { id: 'fairness-conformance', version: 1, title: 'fairness conformance', description: 'Fairness probes on reference models.', modality: 'tabular', task: 'binary-classification', probes };
}

async function evaluate(modelDir: string, csv: string, bindingId: string, probes: { id: string; params?: Record<string, Json> }[]): Promise<Run> {
  const info = await service.openModel(readModelFiles(modelDir), 'auto');
  opened.push(info.sha256);
  const dataset = await service.openDataset([{ path: csv.split('/').pop()!, bytes: new Uint8Array(readFileSync(REF + csv)) }]);
  return service.run({
    runId: `fairness-${bindingId}`, modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256,
    binding: bindingById(bindingId)!.binding, suite: suite(probes), seed: 1, limit: null,
  });
}

function result(run: Run, id: string): ProbeResult {
  const r = run.results.find((x) => x.probeId === id)!;
  expect(r.status, `${id}: ${r.reason ?? ''}`).toBe('ok');
  return r;
}

type Details = {
  partitions: {
    name: string;
    groups: { label: string; n: number; status: string; metrics: Record<string, { value: number | null; low?: number; high?: number }> }[];
    summaries: Record<string, { value: number | null; low?: number; high?: number; lowGroup?: string; highGroup?: string }>;
  }[];
};

const groupOf = (run: Run, id: string, group: string) => result(run, id).measurement!.groups.find((g) => g.group === group)!;

describe.skipIf(!existsSync(REF))('fairness on the reference models (conformance, needs ../shared/reference)', () => {
  it('Adult MLP: selection rate Male 0.252 vs Female 0.080, with parity difference, ratio, equalized odds and intervals for sex, race and sex × race', async () => {
    const params = { bootstrap: 200, attributes: ['sex', 'race'], intersections: 2 };
    const run = await evaluate(`${REF}models/adult-income-mlp-tfjs`, 'datasets/adult/adult.csv', 'adult-income-mlp-tfjs', [
      { id: 'fairness/group-metrics', params },
      { id: 'fairness/proxies', params: { bootstrap: 0, attributes: ['sex'] } },
    ]);
    expect(run.samples).toBe(32561);
    const male = groupOf(run, 'fairness/group-metrics', 'sex=Male');
    const female = groupOf(run, 'fairness/group-metrics', 'sex=Female');
    expect(Math.abs(male.value! - 0.252)).toBeLessThan(0.0005);
    expect(Math.abs(female.value! - 0.080)).toBeLessThan(0.0005);
    expect([male.n, female.n]).toEqual([21790, 10771]);
    for (const g of [male, female]) {
      expect(g.interval!.low).toBeLessThan(g.value!);
      expect(g.interval!.high).toBeGreaterThan(g.value!);
    }
    const dp = result(run, 'fairness/group-metrics').measurement!;
    const d = dp.details as unknown as Details;
    expect(d.partitions.map((p) => p.name)).toEqual(['sex', 'race', 'sex × race']);
    const sex = d.partitions[0].summaries;
    expect(sex.dp_difference.value).toBeCloseTo(male.value! - female.value!, 12);
    expect(sex.dp_ratio.value).toBeCloseTo(female.value! / male.value!, 12);
    expect(sex.dp_ratio).toMatchObject({ lowGroup: 'Female', highGroup: 'Male' });
    expect(sex.dp_ratio.high!).toBeLessThan(0.8); // far below four-fifths
    // Every sex × race group is reported with its size; groups under 30 would be insufficient data.
    const cross = d.partitions[2].groups;
    expect(cross).toHaveLength(10);
    const indianWomen = cross.find((g) => g.label === 'Female × Amer-Indian-Eskimo')!;
    expect(indianWomen.n).toBe(119);
    for (const g of cross) expect(g.status).toBe(g.n >= 30 ? 'ok' : 'insufficient-data');
    // The headline is the worst partition, with an interval.
    expect(dp.value).toBeGreaterThanOrEqual(sex.dp_difference.value!);
    expect(dp.interval!.low).toBeLessThanOrEqual(dp.value!);

    const eo = dp.secondary.eo_difference;
    expect(eo.value).toBeGreaterThan(0);
    expect(eo.interval!.low).toBeLessThanOrEqual(eo.value!);
    expect(d.partitions[0].summaries.eo_difference.value).toBeGreaterThan(0);
    expect(dp.secondary.eop_difference.value).not.toBeNull();

    // relationship (Husband / Wife …) stands in for sex.
    const proxies = result(run, 'fairness/proxies').measurement!;
    const relationship = proxies.groups.find((g) => g.group === 'relationship ~ sex')!;
    expect(relationship.value).toBeGreaterThan(0.5);
    expect(proxies.notes[0]).toMatch(/^Possible proxies .*relationship ~ sex/);
  });

  it('Adult MLP: sex × race × age group has groups too small to judge, reported with their sizes and never graded', async () => {
    const run = await evaluate(`${REF}models/adult-income-mlp-tfjs`, 'datasets/adult/adult.csv', 'adult-income-mlp-tfjs', [
      { id: 'fairness/group-metrics', params: { bootstrap: 0, attributes: ['sex', 'race', 'age_group'], intersections: 3 } },
    ]);
    const m = result(run, 'fairness/group-metrics').measurement!;
    const small = m.groups.filter((g) => g.status === 'insufficient-data');
    expect(small.length).toBeGreaterThan(0);
    for (const g of small) {
      expect(g.value).toBeNull();
      expect(g.interval).toBeNull();
      expect(g.undefinedReason).toMatch(/^only \d+ samples?; groups under 30 are reported, not judged$/);
    }
    const oldIndianWomen = m.groups.find((g) => g.group === 'sex=Female × race=Amer-Indian-Eskimo × age_group=65+')!;
    expect(oldIndianWomen).toMatchObject({ status: 'insufficient-data' });
    expect(m.notes.some((n) => n.startsWith(`Insufficient data: ${small.length} groups have fewer than 30 samples`))).toBe(true);
  });

  it('COMPAS MLP: high-risk rate African-American 0.666 vs Caucasian 0.288 with intervals; Asian (11) and Native American (8) are insufficient data', async () => {
    const run = await evaluate(`${REF}models/compas-risk-mlp-tfjs`, 'datasets/compas/wit_compas_data.flat.csv', 'compas-risk-mlp-tfjs', [
      { id: 'fairness/group-metrics', params: { bootstrap: 200, attributes: ['race'], intersections: 1 } },
    ]);
    const aa = groupOf(run, 'fairness/group-metrics', 'race=African-American');
    const white = groupOf(run, 'fairness/group-metrics', 'race=Caucasian');
    expect(Math.abs(aa.value! - 0.666)).toBeLessThan(0.0005);
    expect(Math.abs(white.value! - 0.288)).toBeLessThan(0.0005);
    expect(aa.interval!.low).toBeGreaterThan(white.interval!.high);
    expect(groupOf(run, 'fairness/group-metrics', 'race=Asian')).toMatchObject({ status: 'insufficient-data', n: 11, value: null });
    expect(groupOf(run, 'fairness/group-metrics', 'race=Native American')).toMatchObject({ status: 'insufficient-data', n: 8, value: null });
    const m = result(run, 'fairness/group-metrics').measurement!;
    expect(m.notes.some((n) => n.includes('race=Asian (11)') && n.includes('race=Native American (8)'))).toBe(true);
    // Judged groups only: the widest gap is among the four groups of 157 rows or more.
    expect(m.value).toBeGreaterThanOrEqual(aa.value! - white.value!);
  });

  it('German credit (project-trained): sex from personal_status and an age group; sex is not a model input, so the flip test says so', async () => {
    const dir = fileURLToPath(new URL('../fixtures/models/german-credit/', import.meta.url));
    const metrics = JSON.parse(readFileSync(`${dir}metrics.json`, 'utf8')) as { sha256: string; allAccuracy: number; goodRateFemale: number; goodRateMale: number };
    const run = await evaluate(dir, 'datasets/german-credit/german.csv', 'german-credit-mlp', [
      { id: 'validity/accuracy', params: { bootstrap: 0 } },
      { id: 'fairness/group-metrics', params: { bootstrap: 200 } },
      { id: 'fairness/counterfactual', params: { bootstrap: 200 } },
    ]);
    expect(run.model.sha256).toBe(metrics.sha256);
    expect(bindingById('german-credit-mlp')!.modelSha256).toEqual([metrics.sha256]);
    expect(run.results[0].measurement!.value).toBeCloseTo(metrics.allAccuracy, 4);
    expect(groupOf(run, 'fairness/group-metrics', 'sex=female').value).toBeCloseTo(metrics.goodRateFemale, 4);
    expect(groupOf(run, 'fairness/group-metrics', 'sex=male').value).toBeCloseTo(metrics.goodRateMale, 4);
    expect(groupOf(run, 'fairness/group-metrics', 'sex=female').n).toBe(310);
    const cf = result(run, 'fairness/counterfactual').measurement!;
    const bySex = cf.groups.find((g) => g.group === 'sex')!;
    expect(bySex.value).toBeNull();
    expect(bySex.undefinedReason).toMatch(/'sex' \(derived from 'personal_status'\) is not an input of the model/);
    expect(cf.groups.find((g) => g.group === 'age_group')!.value).not.toBeNull();
    expect(cf.notes.some((n) => n.startsWith("'age_group' is changed through 'age'"))).toBe(true);
  });
});
