/**
 * The group-fairness probe (and the inequality probe) on Fairlearn's documented example, on small hand-computed cases, and
 * on bad input: an attribute that is not in the binding, a single group, no positive decisions,
 * unknown labels, a multiclass model with no favourable class.
 */
import { describe, expect, it } from 'vitest';
import groupMetrics from '../../src/probes/fairness/group-metrics';
import inequality from '../../src/probes/fairness/inequality';
import { ProbeParameterError } from '../../src/probes/params';
import { contextFor, lookupClassifier, lookupData } from './probes-fixtures';
import { fairlearnExample, fixedModel, G2, SF, Y_PRED, Y_TRUE } from './fairness-fixtures';

const params = { threshold: 0.5, favourable: '', attributes: [] as string[], intersections: 1, minGroupSize: 1, bootstrap: 200, level: 0.95 };
type Details = { partitions: { name: string; groups: { label: string; n: number; status: string; metrics: Record<string, { value: number | null; low?: number; high?: number }> }[]; summaries: Record<string, { value: number | null; lowGroup?: string; highGroup?: string; reason?: string }> }[] };

describe('fairness/group-metrics: demographic parity', () => {
  it("gives Fairlearn's documented demographic_parity_difference 0.25 and ratio 0.667, with selection rates per group", async () => {
    const { model, data } = fairlearnExample();
    const m = await groupMetrics.run(contextFor(model, data, params));
    expect(m.value).toBe(0.25);
    expect(m.secondary.dp_ratio.value).toBeCloseTo(2 / 3, 12);
    expect(m.n).toBe(18);
    expect(m.groups.map((g) => [g.group, g.value, g.n])).toEqual([['sf=c', 0.5, 8], ['sf=b', 0.5, 6], ['sf=a', 0.75, 4]]);
    expect(m.notes).toContain('Worst demographic parity difference: 0.250 in sf between sf=c (selection rate 0.500) and sf=a (0.750).');
    const d = m.details as unknown as Details;
    expect(d.partitions[0].summaries.dp_ratio).toMatchObject({ lowGroup: 'c', highGroup: 'a' });
  });

  it('gives a fixed interval for a fixed seed, containing the estimate (numbers recorded from the first run)', async () => {
    const { model, data } = fairlearnExample();
    const m = await groupMetrics.run(contextFor(model, data, { ...params, bootstrap: 1000 }, { seed: 7 }));
    expect(m.interval).toMatchObject({ method: 'bootstrap-percentile', resamples: 1000, level: 0.95 });
    expect(m.interval!.low).toBeCloseTo(1 / 12, 12);
    expect(m.interval!.high).toBeCloseTo(5 / 6, 12);
    expect(m.secondary.dp_ratio.interval).toMatchObject({ low: 0.125, resamples: 1000, skipped: 0 });
    expect(m.secondary.dp_ratio.interval!.high).toBeCloseTo(8 / 9, 12);
    const again = await groupMetrics.run(contextFor(model, data, { ...params, bootstrap: 1000 }, { seed: 7 }));
    expect(again.interval).toEqual(m.interval);
    const a = m.groups.find((g) => g.group === 'sf=a')!;
    expect(a.interval!.low).toBeLessThanOrEqual(0.75);
    expect(a.interval!.high).toBeGreaterThanOrEqual(0.75);
  });

  it('analyses intersections and takes the worst partition for the headline', async () => {
    const { model, data } = fairlearnExample({ g2: G2 });
    const m = await groupMetrics.run(contextFor(model, data, { ...params, intersections: 2 }));
    const d = m.details as unknown as Details;
    expect(d.partitions.map((p) => p.name)).toEqual(['sf', 'g2', 'sf × g2']);
    const cross = d.partitions[2];
    expect(cross.groups.map((g) => `${g.label}:${g.n}`).sort()).toEqual(['a × 6:2', 'a × 8:2', 'b × 6:3', 'b × 8:3', 'c × 6:6', 'c × 8:2']);
    // By hand: selection rates a×6 0.5, a×8 1, b×6 0.667, b×8 0.333, c×6 0.5, c×8 0.5 → difference 0.667.
    expect(cross.summaries.dp_difference.value).toBeCloseTo(2 / 3, 12);
    expect(m.value).toBeCloseTo(2 / 3, 12);
    expect(m.groups.find((g) => g.group === 'sf=a × g2=8')?.value).toBe(1);
  });

  it('reports groups below the minimum size as insufficient data with their size, and leaves them out of the disparity', async () => {
    const { model, data } = fairlearnExample();
    const m = await groupMetrics.run(contextFor(model, data, { ...params, minGroupSize: 5 }));
    const a = m.groups.find((g) => g.group === 'sf=a')!;
    expect(a).toMatchObject({ status: 'insufficient-data', value: null, n: 4 });
    expect(a.undefinedReason).toBe('only 4 samples; groups under 5 are reported, not judged');
    expect(m.value).toBe(0); // b and c both select 0.5
    expect(m.notes.some((n) => n.startsWith('Insufficient data: 1 group has fewer than 5 samples') && n.includes('sf=a (4)'))).toBe(true);
    // The point value stays visible in the details, marked and without an interval.
    const d = m.details as unknown as Details;
    expect(d.partitions[0].groups.find((g) => g.label === 'a')).toMatchObject({ status: 'insufficient-data', metrics: { selection_rate: { value: 0.75 } } });
  });

  it('explains an undefined headline when only one group is present', async () => {
    const { model, data } = fixedModel([0.9, 0.1, 0.8], [1, 0, 1], { sex: ['F', 'F', 'F'] });
    const m = await groupMetrics.run(contextFor(model, data, params));
    expect(m.value).toBeNull();
    expect(m.undefinedReason).toBe('sex: only one group is large enough to compare; a disparity needs two');
    expect(m.notes).toContain("Only one group is present in 'sex' (F): nothing to compare there.");
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('leaves the ratio undefined, never NaN, when no group gets a positive decision', async () => {
    const { model, data } = fixedModel([0.1, 0.2, 0.3, 0.4], [1, 0, 1, 0], { sex: ['F', 'M', 'F', 'M'] });
    const m = await groupMetrics.run(contextFor(model, data, params));
    expect(m.value).toBe(0);
    expect(m.secondary.dp_ratio).toMatchObject({ value: null, undefinedReason: 'sex: every group has a value of 0, so the ratio is 0/0' });
  });

  it('uses the decision threshold on the positive-class probability', async () => {
    const { model, data } = fixedModel([0.3, 0.3, 0.6, 0.6], [1, 0, 1, 0], { sex: ['F', 'F', 'M', 'M'] });
    expect((await groupMetrics.run(contextFor(model, data, params))).value).toBe(1);
    expect((await groupMetrics.run(contextFor(model, data, { ...params, threshold: 0.25 }))).value).toBe(0);
  });

  it('names the attributes there are when asked for one the binding does not declare', async () => {
    const { model, data } = fairlearnExample();
    const run = groupMetrics.run(contextFor(model, data, { ...params, attributes: ['gender'] }));
    await expect(run).rejects.toThrow(ProbeParameterError);
    await expect(groupMetrics.run(contextFor(model, data, { ...params, attributes: ['gender'] }))).rejects.toThrow(
      "Probe fairness/group-metrics: the sensitive attribute 'gender' is not in the binding. The binding's sensitive attributes are: 'sf'. Add the column to the binding's \"sensitive\" list, or fix the suite's \"attributes\".",
    );
  });

  it('judges a multiclass model one-vs-rest on the favourable class, and asks for one when none is declared', async () => {
    const labels = ['low', 'mid', 'high'];
    const model = lookupClassifier(labels, [[0.1, 0.2, 0.7], [0.6, 0.3, 0.1], [0.2, 0.1, 0.7], [0.3, 0.4, 0.3]]);
    const data = lookupData(labels, [2, 0, 1, 1]);
    if (data.binding.kind === 'tabular') data.binding.sensitive = ['sex'];
    data.sensitive = { sex: ['F', 'F', 'M', 'M'] };
    await expect(groupMetrics.run(contextFor(model, data, params))).rejects.toThrow(
      /a 3-class model is judged one-vs-rest on a favourable class, and none is declared. Set the parameter "favourable" in the suite, or output.positive in the binding, to one of: 'low', 'mid', 'high'/,
    );
    const m = await groupMetrics.run(contextFor(model, data, { ...params, favourable: 'high' }));
    // Top class 'high' for rows 0 and 2: F 1/2, M 1/2.
    expect(m.value).toBe(0);
    expect(m.notes[0]).toMatch(/one-vs-rest/);
    await expect(groupMetrics.run(contextFor(model, data, { ...params, favourable: 'top' }))).rejects.toThrow(/'top' .* is not one of the model's labels/);
  });

  it('counts unlabelled rows for the selection rate only', async () => {
    const { model, data } = fixedModel([0.9, 0.9, 0.1, 0.9], [-1, 1, 0, -1], { sex: ['F', 'F', 'M', 'M'] });
    const dp = await groupMetrics.run(contextFor(model, data, params));
    expect(dp.groups.map((g) => [g.group, g.value, g.n])).toEqual([['sex=F', 1, 2], ['sex=M', 0.5, 2]]);
    expect(dp.secondary.eo_difference.n).toBe(2);
    expect(dp.notes).toContain('2 of 4 samples have no known label: they count for selection rates, not for label-based metrics.');
  });
});

describe('fairness/group-metrics: error rates, predictive parity, accuracy and calibration', () => {
  it("gives Fairlearn's documented equalized_odds_difference 1.0 and ratio 0.0, equal opportunity 0.2 / 0.667", async () => {
    const { model, data } = fairlearnExample();
    const m = await groupMetrics.run(contextFor(model, data, params));
    expect(m.secondary.eo_difference.value).toBe(1);
    expect(m.secondary.eo_ratio.value).toBe(0);
    expect(m.secondary.eop_difference.value).toBeCloseTo(0.2, 12);
    expect(m.secondary.eop_ratio.value).toBeCloseTo(2 / 3, 12);
    // TPR + FPR: a 1.5, b 0.6, c 1.0667 → ½(1.5 − 0.6).
    expect(m.secondary.average_odds_difference.value).toBeCloseTo(0.45, 12);
    const d = m.details as unknown as Details;
    const tpr = Object.fromEntries(d.partitions[0].groups.map((g) => [g.label, g.metrics.tpr.value]));
    expect(tpr).toEqual({ c: 0.4, b: 0.6, a: 0.5 });
    const fnr = Object.fromEntries(d.partitions[0].groups.map((g) => [g.label, g.metrics.fnr.value]));
    expect(fnr.c).toBeCloseTo(0.6, 12);
    expect(m.details!.groupMetric).toBe('Selection rate by group');
  });

  it('explains an undefined true positive rate for a group with no positive labels', async () => {
    const { model, data } = fixedModel([0.9, 0.1, 0.9, 0.1], [0, 0, 1, 0], { sex: ['F', 'F', 'M', 'M'] });
    const m = await groupMetrics.run(contextFor(model, data, params));
    const d = m.details as unknown as Details;
    expect(d.partitions[0].groups.find((g) => g.label === 'F')!.metrics.tpr).toEqual({ value: null, reason: 'the group has no samples whose label is positive' });
    expect(m.secondary.eo_difference.value).toBeNull();
    expect(m.secondary.eo_difference.undefinedReason).toBe('sex: true positive rate: the metric is defined for only one group; a disparity needs two');
    expect(m.value).toBe(0);
  });

  it('gives hand-computed PPV (a 1/3, b 1, c 1/2) and accuracy (a 1/4, b 2/3, c 3/8) disparities', async () => {
    const { model, data } = fairlearnExample();
    const m = await groupMetrics.run(contextFor(model, data, params));
    expect(m.secondary.ppv_difference.value).toBeCloseTo(2 / 3, 12);
    expect(m.secondary.ppv_ratio.value).toBeCloseTo(1 / 3, 12);
    expect(m.secondary.accuracy_difference.value).toBeCloseTo(2 / 3 - 1 / 4, 12);
    expect(m.secondary.accuracy_ratio.value).toBeCloseTo(0.375, 12);
  });

  it('computes per-group calibration error: 0.1 for a group always right at confidence 0.9, 0.9 for one always wrong', async () => {
    const { model, data } = fixedModel([0.9, 0.1, 0.9, 0.1], [1, 0, 0, 1], { sex: ['F', 'F', 'M', 'M'] });
    const m = await groupMetrics.run(contextFor(model, data, params));
    const d = m.details as unknown as Details;
    const ece = Object.fromEntries(d.partitions[0].groups.map((g) => [g.label, g.metrics.ece.value]));
    expect(ece.F).toBeCloseTo(0.1, 6);
    expect(ece.M).toBeCloseTo(0.9, 6);
    expect(m.secondary.ece_difference.value).toBeCloseTo(0.8, 6);
    expect(m.secondary.accuracy_difference.value).toBe(1);
  });

  it('leaves every label-based metric undefined, with its reason, when no row has a label', async () => {
    const { model, data } = fixedModel([0.9, 0.1, 0.9, 0.1], [-1, -1, -1, -1], { sex: ['F', 'F', 'M', 'M'] });
    const m = await groupMetrics.run(contextFor(model, data, params));
    expect(m.value).toBe(0);
    expect(m.secondary.accuracy_difference).toMatchObject({ value: null, n: 0 });
    expect(m.secondary.accuracy_difference.undefinedReason).toMatch(/the metric is undefined for every group/);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});

describe('fairness/inequality', () => {
  it("equals AIF360's generalized entropy and Theil formulas on the Fairlearn example", async () => {
    const { model, data } = fairlearnExample();
    const m = await inequality.run(contextFor(model, data, params));
    const b = Y_PRED.map((p, i) => p - Y_TRUE[i] + 1);
    const mu = b.reduce((s, v) => s + v, 0) / b.length;
    const ge2 = b.reduce((s, v) => s + ((v / mu) ** 2 - 1), 0) / b.length / 2;
    const theil = b.reduce((s, v) => s + Math.log((v / mu) ** v) / mu, 0) / b.length;
    expect(m.value).toBeCloseTo(ge2, 12);
    expect(m.secondary.theil.value).toBeCloseTo(theil, 12);
    expect(m.secondary.between_ge.value).toBeGreaterThan(0);
    expect(m.secondary.between_ge.value).toBeLessThan(m.value!);
    expect(m.groups.map((g) => g.group)).toEqual(['sf=c', 'sf=b', 'sf=a']);
    expect(SF.length).toBe(18);
  });
});
