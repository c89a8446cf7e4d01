import { defineProbe, throwIfCancelled } from '../../core/probe';
import type { Estimate, GroupEstimate, Interval, Json } from '../../core/types';
import { codeCells, partitionBy, partitionsOf, type Partition } from '../../metrics/fairness-cells';
import { cellSlotCodes, countSlots, labelledSize, mergeSlots, outcomeSlots, SLOT_COUNT } from '../../metrics/fairness-groups';
import { betweenGroupEntropy, entropyOfGroups, meanBenefit } from '../../metrics/fairness-inequality';
import type { Defined } from '../../metrics/defined';
import { intervalNotes, seededIntervals, toEstimate } from '../estimates';
import { readBootstrapParams } from '../params';
import { predictAll } from '../predict-all';
import { decide } from './decisions';
import { groupName } from './group-names';
import { chooseAttributes, readDecisionParams, readGroupingParams } from './params';

const ID = 'fairness/inequality';
const NO_LABELS = 'no sample has a known label';
const NAMES = ['ge', 'theil', 'between_ge', 'between_theil'] as const;

export default defineProbe<Record<string, Json>>({
  id: ID,
  version: 1,
  pillar: 'fairness',
  title: 'Inequality of benefit',
  description:
    'Treats each decision as a benefit to the person, b = ŷ − y + 1 (0 for a wrongly refused favourable outcome, 1 for a correct ' +
    'decision, 2 for a wrongly granted one), and measures how unequally it is spread with the generalized entropy index (α = 2) ' +
    'and the Theil index (α = 1), overall and between groups (every sample given its group\'s mean benefit, groups = every ' +
    'combination of the sensitive attributes), as AIF360 and Speicher et al. 2018 define them. Seeded bootstrap intervals ' +
    'stratified by group. Needs labels.',
  metric: {
    name: 'ge',
    title: 'Generalized entropy index (α = 2)',
    direction: 'lower',
    range: [0, Number.POSITIVE_INFINITY],
    definition:
      '1/(n·α(α−1)) Σ[(b_i/μ)^α − 1] with b = ŷ − y + 1, α = 2 (AIF360 ClassificationMetric.generalized_entropy_index; ' +
      'Speicher et al. 2018, KDD). 0 = everyone gets the same benefit.',
  },
  secondary: [
    {
      name: 'theil', title: 'Theil index', direction: 'lower', range: [0, Number.POSITIVE_INFINITY],
      definition: '(1/n) Σ (b_i/μ) ln(b_i/μ), the generalized entropy index at α = 1 (AIF360 theil_index).',
    },
    {
      name: 'between_ge', title: 'Between-group generalized entropy index (α = 2)', direction: 'lower', range: [0, Number.POSITIVE_INFINITY],
      definition: 'The index with each b_i replaced by its group\'s mean benefit, groups = every combination of the sensitive attributes (AIF360 between_all_groups_generalized_entropy_index).',
    },
    {
      name: 'between_theil', title: 'Between-group Theil index', direction: 'lower', range: [0, Number.POSITIVE_INFINITY],
      definition: 'The Theil index with each b_i replaced by its group\'s mean benefit (AIF360 between_all_groups_theil_index).',
    },
  ],
  requires: { modality: ['tabular'], sensitive: true, labels: true },
  defaults: { threshold: 0.5, favourable: '', attributes: [], intersections: 2, minGroupSize: 30, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const settings = { ...readBootstrapParams(ID, ctx.params), rng: ctx.rng, signal: ctx.signal };
    const grouping = readGroupingParams(ID, ctx.params);
    const attributes = chooseAttributes(ID, grouping.attributes, Object.keys(ctx.data.sensitive));
    const probs = await predictAll(ctx, { share: 0.7 });
    throwIfCancelled(ctx.signal);
    const decisions = decide(probs, ctx.model.labels, ctx.data.y, ctx.data.binding, readDecisionParams(ID, ctx.params), ID);

    const coding = codeCells(attributes, attributes.map((a) => ctx.data.sensitive[a]));
    const cells = coding.cellValues.length;
    const finest = partitionBy(coding, attributes.map((_, a) => a));
    const partitions = partitionsOf(coding, grouping.intersections);
    const codes = cellSlotCodes(outcomeSlots(decisions.yTrue, decisions.yPred), coding.cellOf);
    const buffer = new Int32Array(cells * SLOT_COUNT);
    const finestBuffer = new Int32Array(finest.groups.length * SLOT_COUNT);

    const evaluate = (cellCounts: Int32Array): Record<(typeof NAMES)[number], Defined> => {
      const byGroup = mergeSlots(cellCounts, finest.groupOfCell, finest.groups.length, finestBuffer);
      return {
        ge: entropyOfGroups(cellCounts, cells, 2),
        theil: entropyOfGroups(cellCounts, cells, 1),
        between_ge: betweenGroupEntropy(byGroup, finest.groups.length, 2),
        between_theil: betweenGroupEntropy(byGroup, finest.groups.length, 1),
      };
    };
    const pointCells = countSlots(codes, cells);
    const point = evaluate(pointCells);
    const judged = partitions.map((p) => {
      const counts = mergeSlots(pointCells, p.groupOfCell, p.groups.length);
      return p.groups.map((_, g) => labelledSize(counts, g) >= grouping.minGroupSize);
    });
    const groupNames = partitions.flatMap((p, k) => p.groups.map((_, g) => `p${k}:g${g}`).filter((_, g) => judged[k][g]));
    const partitionBuffers = partitions.map((p) => new Int32Array(p.groups.length * SLOT_COUNT));
    const intervals: Record<string, Interval | null> = seededIntervals([...NAMES, ...groupNames], decisions.yPred.length, (idx) => {
      const cellCounts = countSlots(codes, cells, idx, buffer);
      const e = evaluate(cellCounts);
      const out: Record<string, number | null> = { ge: e.ge.value, theil: e.theil.value, between_ge: e.between_ge.value, between_theil: e.between_theil.value };
      partitions.forEach((p, k) => {
        const counts = mergeSlots(cellCounts, p.groupOfCell, p.groups.length, partitionBuffers[k]);
        p.groups.forEach((_, g) => { if (judged[k][g]) out[`p${k}:g${g}`] = meanBenefit(counts, g); });
      });
      return out;
    }, settings);
    ctx.progress(1);
    throwIfCancelled(ctx.signal);

    const n = decisions.labelled;
    const estimate = (name: (typeof NAMES)[number]): Estimate => toEstimate(point[name], n, intervals[name], NO_LABELS);
    const perPartition = partitions.map((p, k) => partitionDetails(p, mergeSlots(pointCells, p.groupOfCell, p.groups.length), grouping.minGroupSize, (g) => intervals[`p${k}:g${g}`] ?? null));
    const groups: GroupEstimate[] = perPartition.flatMap((p) => p.groupEstimates);
    return {
      ...estimate('ge'),
      groups,
      secondary: { theil: estimate('theil'), between_ge: estimate('between_ge'), between_theil: estimate('between_theil') },
      notes: [
        ...decisions.notes,
        `Between-group indices use the ${finest.groups.length} groups of ${finest.name}, small groups included (as AIF360 does); per-partition values are in the details.`,
        'Per-group values are the mean benefit: 1 means errors balance out, below 1 the group is refused more than it should be, above 1 favoured more.',
        ...intervalNotes(settings.bootstrap, intervals),
      ],
      details: {
        groupMetric: 'Mean benefit (b = ŷ − y + 1) by group',
        decision: { rule: decisions.rule, favourable: decisions.positiveLabel },
        minGroupSize: grouping.minGroupSize,
        partitions: perPartition.map((p) => p.json),
      },
    };
  },
});

function partitionDetails(p: Partition, counts: Int32Array, minGroupSize: number, intervalOf: (g: number) => Interval | null): { json: { [key: string]: Json }; groupEstimates: GroupEstimate[] } {
  const ge = betweenGroupEntropy(counts, p.groups.length, 2);
  const theil = betweenGroupEntropy(counts, p.groups.length, 1);
  const groupEstimates = p.groups.map((_, g): GroupEstimate => {
    const size = labelledSize(counts, g);
    const mean = meanBenefit(counts, g);
    const base = { group: groupName(p, g), interval: null, n: size };
    if (size < minGroupSize) {
      return { ...base, status: 'insufficient-data', value: null, undefinedReason: `only ${size} labelled sample${size === 1 ? '' : 's'}; groups under ${minGroupSize} are reported, not judged` };
    }
    return mean === null ? { ...base, status: 'ok', value: null, undefinedReason: NO_LABELS } : { ...base, status: 'ok', value: mean, interval: intervalOf(g) };
  });
  return {
    groupEstimates,
    json: {
      name: p.name,
      attributes: p.attributes,
      betweenGe: ge.value,
      betweenTheil: theil.value,
      groups: p.groups.map((group, g) => {
        const interval = intervalOf(g);
        return { label: group.label, values: group.values, labelled: labelledSize(counts, g), meanBenefit: meanBenefit(counts, g), ...(interval ? { low: interval.low, high: interval.high } : {}) };
      }),
    },
  };
}
