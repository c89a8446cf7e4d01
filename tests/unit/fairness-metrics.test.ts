/**
 * Known answers for the fairness metrics: Fairlearn's documented examples (user guide,
 * "Performing a fairness assessment", "Common fairness metrics" and "Intersecting groups"),
 * AIF360's definitions on hand-computed cases, and small cases computed by hand.
 */
import { describe, expect, it } from 'vitest';
import { codeCells, partitionBy, partitionsOf, attributeSubsets } from '../../src/metrics/fairness-cells';
import {
  countSlots, cellSlotCodes, groupSize, mergeSlots, outcomeSlots, rate, rateValue, SLOT_COUNT, type RateMetric,
} from '../../src/metrics/fairness-groups';
import {
  averageOddsDifference, betweenGroupsDifference, betweenGroupsRatio, disparateImpact, equalOpportunityDifference,
  statisticalParityDifference, worseOfDifferences, worseOfRatios, worstAverageOddsDifference,
} from '../../src/metrics/fairness-disparity';
import { betweenGroupEntropy, entropyOfGroups, generalizedEntropyIndex } from '../../src/metrics/fairness-inequality';
import { contingencyTable, correlationRatio, cramersV, groupMoments, separationAuc } from '../../src/metrics/association';
import { consistencyOfRows, sparseRows } from '../../src/metrics/fairness-consistency';
import { G2, SF, Y_PRED, Y_TRUE } from './fairness-fixtures';

function groupCounts(columns: string[][], subset: number[]) {
  const coding = codeCells(columns.map((_, i) => `sf${i}`), columns);
  const partition = partitionBy(coding, subset);
  const slots = outcomeSlots(Int8Array.from(Y_TRUE), Uint8Array.from(Y_PRED));
  const cells = countSlots(cellSlotCodes(slots, coding.cellOf), coding.cellValues.length);
  return { partition, counts: mergeSlots(cells, partition.groupOfCell, partition.groups.length) };
}

function byLabel(columns: string[][], subset: number[], metric: RateMetric): Record<string, number | null> {
  const { partition, counts } = groupCounts(columns, subset);
  return Object.fromEntries(partition.groups.map((g, i) => [g.values.join(','), rateValue(counts, i, metric)]));
}

describe('group rates (Fairlearn MetricFrame.by_group)', () => {
  it("reproduce the user guide's tpr, fpr and selection rate per group", () => {
    const tpr = byLabel([SF], [0], 'tpr');
    const fpr = byLabel([SF], [0], 'fpr');
    const sel = byLabel([SF], [0], 'selection_rate');
    expect(tpr).toEqual({ a: 0.5, b: 0.6, c: 0.4 });
    expect(fpr.a).toBe(1);
    expect(fpr.b).toBe(0);
    expect(fpr.c).toBeCloseTo(0.666667, 6);
    expect(sel).toEqual({ a: 0.75, b: 0.5, c: 0.5 });
    const { partition, counts } = groupCounts([SF], [0]);
    expect(partition.groups.map((g, i) => [g.label, groupSize(counts, i)])).toEqual([['c', 8], ['b', 6], ['a', 4]]);
  });

  it("reproduce the intersecting-groups example's precision and recall per (SF 0, SF 1)", () => {
    expect(byLabel([SF, G2], [0, 1], 'tpr')).toMatchObject({ 'a,6': 0, 'a,8': 1, 'b,8': 0.5, 'c,6': 0.5, 'c,8': 0 });
    expect(byLabel([SF, G2], [0, 1], 'tpr')['b,6']).toBeCloseTo(0.666667, 6);
    expect(byLabel([SF, G2], [0, 1], 'ppv')).toMatchObject({ 'a,6': 0, 'a,8': 0.5, 'b,6': 1, 'b,8': 1, 'c,8': 0 });
    expect(byLabel([SF, G2], [0, 1], 'ppv')['c,6']).toBeCloseTo(0.666667, 6);
  });

  it('say why a rate is undefined instead of returning NaN', () => {
    // One group whose every label is positive: no false positive rate.
    const slots = outcomeSlots(Int8Array.from([1, 1, -1]), Uint8Array.from([1, 0, 1]));
    const counts = countSlots(cellSlotCodes(slots, new Int32Array(3)), 1);
    expect(rate(counts, 0, 'fpr')).toEqual({ value: null, reason: 'the group has no samples whose label is negative' });
    expect(rate(counts, 0, 'tpr')).toEqual({ value: 0.5 });
    // Unlabelled samples count for the selection rate only.
    expect(rate(counts, 0, 'selection_rate').value).toBeCloseTo(2 / 3, 12);
    expect(rate(counts, 0, 'accuracy')).toEqual({ value: 0.5 });
  });

  it('count a bootstrap resample by its indices, repeats included', () => {
    const slots = outcomeSlots(Int8Array.from([0, 1, 1]), Uint8Array.from([0, 1, 0]));
    const counts = countSlots(cellSlotCodes(slots, Int32Array.from([0, 0, 1])), 2, Int32Array.from([1, 1, 2]));
    expect(Array.from(counts)).toEqual([0, 0, 0, 2, 0, 0, /* cell 1 */ 0, 0, 1, 0, 0, 0]);
    expect(counts.length).toBe(2 * SLOT_COUNT);
  });
});

describe('partitions and intersections', () => {
  it('lists single attributes first, then every intersection up to the order asked', () => {
    expect(attributeSubsets(3, 2)).toEqual([[0], [1], [2], [0, 1], [0, 2], [1, 2]]);
    expect(attributeSubsets(3, 3)).toContainEqual([0, 1, 2]);
    expect(attributeSubsets(2, 3)).toEqual([[0], [1], [0, 1]]);
    const coding = codeCells(['sex', 'race'], [['F', 'M', 'M', 'F'], ['x', 'x', 'y', 'x']]);
    const names = partitionsOf(coding, 2).map((p) => [p.name, p.groups.map((g) => g.label)]);
    expect(names).toEqual([['sex', ['F', 'M']], ['race', ['x', 'y']], ['sex × race', ['F × x', 'M × x', 'M × y']]]);
  });
});

describe('disparities (Fairlearn between_groups, AIF360 pairwise)', () => {
  it("give the user guide's differences and ratios: tpr 0.2 / 0.667, fpr 1.0 / 0, selection 0.25 / 0.667", () => {
    const values = (m: RateMetric) => Object.values(byLabel([SF], [0], m));
    expect(betweenGroupsDifference(values('tpr')).value).toBeCloseTo(0.2, 12);
    expect(betweenGroupsRatio(values('tpr')).value).toBeCloseTo(0.666667, 6);
    expect(betweenGroupsDifference(values('fpr')).value).toBe(1);
    expect(betweenGroupsRatio(values('fpr')).value).toBe(0);
    expect(betweenGroupsDifference(values('selection_rate')).value).toBe(0.25);
    expect(betweenGroupsRatio(values('selection_rate')).value).toBeCloseTo(0.666667, 6);
  });

  it('give demographic_parity 0.25 / 0.6667 and equalized_odds 1.0 / 0.0 as the Fairlearn docs print', () => {
    const values = (m: RateMetric) => Object.values(byLabel([SF], [0], m));
    const eoDiff = worseOfDifferences(betweenGroupsDifference(values('tpr')), betweenGroupsDifference(values('fpr')));
    const eoRatio = worseOfRatios(betweenGroupsRatio(values('tpr')), betweenGroupsRatio(values('fpr')));
    expect(eoDiff.value).toBe(1);
    expect(eoRatio.value).toBe(0);
    // Which groups: the lowest and the highest value.
    const sel = betweenGroupsDifference([0.5, 0.5, 0.75]);
    expect([sel.low, sel.high]).toEqual([0, 2]);
  });

  it('leave out undefined groups, and explain when fewer than two remain or the ratio is 0/0', () => {
    expect(betweenGroupsDifference([0.2, null, 0.5]).value).toBeCloseTo(0.3, 12);
    expect(betweenGroupsDifference([0.2])).toEqual({ value: null, reason: 'only one group is large enough to compare; a disparity needs two' });
    expect(betweenGroupsDifference([0.2, null]).reason).toBe('the metric is defined for only one group; a disparity needs two');
    expect(betweenGroupsRatio([0, 0]).reason).toBe('every group has a value of 0, so the ratio is 0/0');
    expect(betweenGroupsRatio([0, 0.4]).value).toBe(0);
    expect(worseOfDifferences({ value: null, reason: 'x' }, { value: 0.1 }).reason).toBe('true positive rate: x');
  });

  it("match AIF360's pairwise definitions on a hand-computed case", () => {
    // Unprivileged: SR 0.2, TPR 0.5, FPR 0.1. Privileged: SR 0.4, TPR 0.8, FPR 0.2.
    expect(statisticalParityDifference(0.2, 0.4)).toBeCloseTo(-0.2, 12);
    expect(disparateImpact(0.2, 0.4).value).toBeCloseTo(0.5, 12);
    expect(disparateImpact(0.2, 0).value).toBeNull();
    expect(equalOpportunityDifference(0.5, 0.8)).toBeCloseTo(-0.3, 12);
    expect(averageOddsDifference({ tpr: 0.5, fpr: 0.1 }, { tpr: 0.8, fpr: 0.2 })).toBeCloseTo(-0.2, 12);
    // The worst pair of three groups is |AOD| of the extreme pair.
    const worst = worstAverageOddsDifference([0.5, 0.8, 0.6], [0.1, 0.2, 0.3]);
    expect(worst.value).toBeCloseTo(0.2, 12);
    expect(Math.abs(averageOddsDifference({ tpr: 0.5, fpr: 0.1 }, { tpr: 0.8, fpr: 0.2 }))).toBeCloseTo(worst.value!, 12);
  });
});

/** AIF360's formulas written out on a benefit vector, independently of the implementation. */
function aif360Ge(b: number[], alpha: number): number {
  const mu = b.reduce((s, v) => s + v, 0) / b.length;
  if (alpha === 1) return b.reduce((s, v) => s + Math.log((v / mu) ** v) / mu, 0) / b.length;
  return b.reduce((s, v) => s + ((v / mu) ** alpha - 1), 0) / b.length / (alpha * (alpha - 1));
}

describe('inequality indices (AIF360 generalized_entropy_index, theil_index)', () => {
  it('give GE(2) = 0.25 and Theil = ln 2 / 2 for benefits 0, 1, 1, 2', () => {
    expect(generalizedEntropyIndex([0, 1, 1, 2], null, 2).value).toBeCloseTo(0.25, 12);
    expect(generalizedEntropyIndex([0, 1, 1, 2], null, 1).value).toBeCloseTo(Math.log(2) / 2, 12);
  });

  it("equal AIF360's formulas on the Fairlearn example's benefits, overall and between groups", () => {
    const b = Y_PRED.map((p, i) => p - Y_TRUE[i] + 1);
    const { counts, partition } = groupCounts([SF], [0]);
    expect(entropyOfGroups(counts, partition.groups.length, 2).value).toBeCloseTo(aif360Ge(b, 2), 12);
    expect(entropyOfGroups(counts, partition.groups.length, 1).value).toBeCloseTo(aif360Ge(b, 1), 12);
    // Between groups: each benefit replaced by its group's mean (AIF360 _between_group_generalized_entropy_index).
    const means = new Map<string, number>();
    for (const g of new Set(SF)) {
      const members = b.filter((_, i) => SF[i] === g);
      means.set(g, members.reduce((s, v) => s + v, 0) / members.length);
    }
    const between = SF.map((g) => means.get(g)!);
    expect(betweenGroupEntropy(counts, partition.groups.length, 2).value).toBeCloseTo(aif360Ge(between, 2), 12);
    expect(betweenGroupEntropy(counts, partition.groups.length, 1).value).toBeCloseTo(aif360Ge(between, 1), 12);
  });

  it('give a between-group GE(2) of 0.125 for group means 0.5 and 1.5', () => {
    expect(generalizedEntropyIndex([0.5, 1.5], [2, 2], 2).value).toBeCloseTo(0.125, 12);
  });

  it('are undefined, with a reason, when every benefit is 0 or nothing is labelled', () => {
    expect(generalizedEntropyIndex([0, 0], null, 2).reason).toMatch(/every benefit is 0/);
    expect(generalizedEntropyIndex([], null, 2).reason).toBe('no labelled samples');
    expect(() => generalizedEntropyIndex([1], null, 0)).toThrow(/α > 0/);
  });
});

describe('association measures', () => {
  it("Cramér's V: 1 for a perfect association, 0 for none, 0.408 for a hand-computed 2 × 2 table", () => {
    expect(cramersV(Float64Array.from([10, 0, 0, 10]), 2, 2).value).toBeCloseTo(1, 12);
    expect(cramersV(Float64Array.from([10, 10, 10, 10]), 2, 2).value).toBe(0);
    // χ² = 25/15 + 25/15 + 25/10 + 25/10 = 8.333…, n = 50: V = √(8.333/50) (scipy association, method="cramer").
    expect(cramersV(Float64Array.from([20, 10, 5, 15]), 2, 2).value).toBeCloseTo(Math.sqrt(25 / 3 / 50), 12);
    expect(cramersV(Float64Array.from([3, 0, 4, 0]), 2, 2).reason).toMatch(/only one value/);
  });

  it('builds contingency tables with weights (a bootstrap resample)', () => {
    const t = contingencyTable(Int32Array.from([0, 1, 1]), 2, Int32Array.from([0, 0, 1]), 2, Int32Array.from([2, 0, 1]));
    expect(Array.from(t)).toEqual([2, 0, 0, 1]);
  });

  it('correlation ratio: √(13.5 / 17.5) for groups {1, 2, 3} and {4, 5, 6}', () => {
    const m = groupMoments(Float64Array.from([1, 2, 3, 4, 5, 6]), Int32Array.from([0, 0, 0, 1, 1, 1]), 2);
    expect(correlationRatio(m).value).toBeCloseTo(Math.sqrt(13.5 / 17.5), 12);
    const constant = groupMoments(Float64Array.from([2, 2, 2]), Int32Array.from([0, 1, 1]), 2);
    expect(correlationRatio(constant).reason).toMatch(/one value only/);
    // Missing numbers (NaN) are left out.
    const missing = groupMoments(Float64Array.from([1, NaN, 3, 4, 5, 6, 2]), Int32Array.from([0, 0, 0, 1, 1, 1, 0]), 2);
    expect(correlationRatio(missing).value).toBeCloseTo(Math.sqrt(13.5 / 17.5), 12);
  });

  it('single-feature AUC with ties counted half, reported as max(AUC, 1 − AUC)', () => {
    expect(separationAuc(Float64Array.from([1, 2, 3, 4]), Uint8Array.from([0, 0, 1, 1])).value).toBe(1);
    expect(separationAuc(Float64Array.from([4, 3, 2, 1]), Uint8Array.from([0, 0, 1, 1])).value).toBe(1);
    expect(separationAuc(Float64Array.from([1, 2, 2, 3]), Uint8Array.from([0, 1, 0, 1])).value).toBe(0.875);
    expect(separationAuc(Float64Array.from([1, 2]), Uint8Array.from([1, 1])).value).toBeNull();
  });
});

describe('kNN consistency (AIF360 consistency, itself among its neighbours)', () => {
  it('gives 5/9 on a hand-computed 1-D case with k = 3', () => {
    const x = Float32Array.from([0, 1, 2, 10, 11, 12]);
    const decisions = Uint8Array.from([1, 1, 0, 0, 0, 1]);
    const values = consistencyOfRows(sparseRows(x, 1), decisions, Int32Array.from([0, 1, 2, 3, 4, 5]), 3);
    expect(Array.from(values).map((v) => Math.round(v * 3))).toEqual([2, 2, 1, 2, 2, 1]);
    expect(values.reduce((s, v) => s + v, 0) / 6).toBeCloseTo(5 / 9, 12);
  });

  it('breaks distance ties by row order and works across query blocks', () => {
    // Row 1 is equidistant from rows 0 and 2; with k = 2 the earlier row (0) is its neighbour.
    const x = Float32Array.from([0, 1, 2]);
    expect(Array.from(consistencyOfRows(sparseRows(x, 1), Uint8Array.from([1, 0, 0]), Int32Array.from([1]), 2))).toEqual([0.5]);
    // 200 queries (more than one block of 64) give the same as one at a time.
    const wide = Float32Array.from({ length: 200 * 3 }, (_, i) => ((i * 7919) % 13) / 13);
    const decisions = Uint8Array.from({ length: 200 }, (_, i) => (i * 31) % 3 === 0 ? 1 : 0);
    const rows = sparseRows(wide, 3);
    const all = consistencyOfRows(rows, decisions, Int32Array.from({ length: 200 }, (_, i) => i), 5);
    const one = Array.from({ length: 200 }, (_, i) => consistencyOfRows(rows, decisions, Int32Array.from([i]), 5)[0]);
    expect(Array.from(all)).toEqual(one);
  });
});
