/**
 * The work shared by the group-fairness probes: code the sensitive attributes into groups and
 * intersections, compute per-group rates and between-group disparities (fairness-disparity.ts),
 * take the worst disparity over all partitions as the headline, and bootstrap every number on the
 * same resamples, stratified by the finest group so every group keeps its size.
 */
import type { Estimate, GroupEstimate, Interval, Json } from '../../core/types';
import type { Rng } from '../../core/rng';
import type { TopClassSamples } from '../../metrics/calibration';
import { codeCells, CROSS, partitionsOf, type Partition } from '../../metrics/fairness-cells';
import { countCalibration, groupEce, mergeCalibration } from '../../metrics/fairness-calibration';
import type { BetweenGroups } from '../../metrics/fairness-disparity';
import {
  cellSlotCodes, countSlots, groupSize, labelledSize, mergeSlots, outcomeSlots, RATES, rateValue, SLOT_COUNT, type RateMetric,
} from '../../metrics/fairness-groups';
import { bootstrapIntervals } from '../../metrics/bootstrap';
import { intervalNotes } from '../estimates';
import type { BootstrapParams } from '../params';
import type { Decisions } from './decisions';
import type { GroupingParams } from './params';

/** A per-group metric: a rate of the decisions, or the group's calibration error. */
export type GroupMetric = RateMetric | 'ece';

export const GROUP_METRIC_TITLES: Record<GroupMetric, string> = {
  ...Object.fromEntries(Object.entries(RATES).map(([k, v]) => [k, v.title])) as Record<RateMetric, string>,
  ece: 'Expected calibration error',
};

/** A disparity: how one or two group metrics differ across the judged groups of a partition. */
export interface SummarySpec {
  /** Must equal the name of the probe's headline or secondary metric. */
  name: string;
  title: string;
  direction: 'lower' | 'higher';
  /** Whether it needs labels (its n is then the number of labelled samples). */
  labels: boolean;
  /** The group metric whose lowest and highest groups are named (for the report and the UI). */
  metric: GroupMetric;
  kind: 'difference' | 'ratio';
  compute(values: (metric: GroupMetric) => (number | null)[]): BetweenGroups;
}

export interface GroupAnalysisSpec {
  /** Metrics reported per group; the first fills Measurement.groups. */
  metrics: GroupMetric[];
  /** Disparities: the first is the headline, the rest the probe's secondary metrics. */
  summaries: SummarySpec[];
}

export interface GroupAnalysisInput {
  decisions: Decisions;
  sensitive: Record<string, string[]>;
  attributes: string[];
  grouping: GroupingParams;
  /** Needed when a metric is 'ece'. */
  calibration?: TopClassSamples;
  bootstrap: BootstrapParams & { rng: Rng; signal: AbortSignal };
}

export interface GroupAnalysis {
  headline: Estimate;
  secondary: Record<string, Estimate>;
  groups: GroupEstimate[];
  notes: string[];
  details: { [key: string]: Json };
}

interface PartitionValues {
  /** metric → value per group (null for groups not judged or where undefined). */
  metrics: Map<GroupMetric, (number | null)[]>;
  summaries: BetweenGroups[];
}

interface Evaluation {
  partitions: PartitionValues[];
  /** Worst value over partitions, per summary, and the partition it came from. */
  worst: { value: number | null; partition: number; reasons: string[] }[];
}

/** "sex=Female × race=Black". */
export function groupName(partition: Partition, g: number): string {
  return partition.attributes.map((a, k) => `${a}=${partition.groups[g].values[k]}`).join(' × ');
}

const INSUFFICIENT_LISTED = 12;

export function analyseGroups(spec: GroupAnalysisSpec, input: GroupAnalysisInput): GroupAnalysis {
  const { decisions, grouping } = input;
  const attributes = input.attributes;
  const coding = codeCells(attributes, attributes.map((a) => input.sensitive[a]));
  const partitions = partitionsOf(coding, grouping.intersections);
  const cellCount = coding.cellValues.length;
  const codes = cellSlotCodes(outcomeSlots(decisions.yTrue, decisions.yPred), coding.cellOf);
  const needsCalibration = spec.metrics.includes('ece');
  if (needsCalibration && !input.calibration) throw new Error('analyseGroups: a calibration metric needs top-class samples.');
  const bins = input.calibration?.bins ?? 0;

  const pointCells = countSlots(codes, cellCount);
  const pointGroups = partitions.map((p) => mergeSlots(pointCells, p.groupOfCell, p.groups.length));
  const judged = partitions.map((p, k) => p.groups.map((_, g) => groupSize(pointGroups[k], g) >= grouping.minGroupSize));

  // Buffers reused on every resample.
  const groupBuffers = partitions.map((p) => new Int32Array(p.groups.length * SLOT_COUNT));
  const calibrationBuffers = partitions.map((p) => new Float64Array(p.groups.length * bins * 3));
  const cellBuffer = new Int32Array(cellCount * SLOT_COUNT);
  const calibrationCellBuffer = new Float64Array(cellCount * bins * 3);

  const evaluate = (cellCounts: Int32Array, calibrationCells: Float64Array | null): Evaluation => {
    const values = partitions.map((p, k): PartitionValues => {
      const counts = mergeSlots(cellCounts, p.groupOfCell, p.groups.length, groupBuffers[k]);
      const calibration = calibrationCells ? mergeCalibration(calibrationCells, p.groupOfCell, p.groups.length, bins, calibrationBuffers[k]) : null;
      const metrics = new Map<GroupMetric, (number | null)[]>();
      for (const m of new Set<GroupMetric>([...spec.metrics, ...spec.summaries.map((s) => s.metric)])) {
        metrics.set(m, p.groups.map((_, g) => {
          if (!judged[k][g]) return null;
          return m === 'ece' ? groupEce(calibration!, g, bins) : rateValue(counts, g, m);
        }));
      }
      const judgedIndex = p.groups.map((_, g) => g).filter((g) => judged[k][g]);
      const summaries = spec.summaries.map((s) => {
        const result = s.compute((m) => {
          let list = metrics.get(m);
          if (!list) {
            // A summary may read a rate the probe does not report per group.
            list = p.groups.map((_, g) => (judged[k][g] ? (m === 'ece' ? groupEce(calibration!, g, bins) : rateValue(counts, g, m)) : null));
            metrics.set(m, list);
          }
          return judgedIndex.map((g) => list[g]);
        });
        // Indices in the judged list → indices in the partition.
        return {
          ...result,
          ...(result.low !== undefined ? { low: judgedIndex[result.low] } : {}),
          ...(result.high !== undefined ? { high: judgedIndex[result.high] } : {}),
        };
      });
      return { metrics, summaries };
    });
    const worst = spec.summaries.map((s, j) => {
      let best: { value: number | null; partition: number } = { value: null, partition: -1 };
      const reasons: string[] = [];
      values.forEach((pv, k) => {
        const v = pv.summaries[j].value;
        if (v === null) {
          reasons.push(`${partitions[k].name}: ${pv.summaries[j].reason ?? 'undefined'}`);
          return;
        }
        const worse = best.value === null || (s.direction === 'lower' ? v > best.value : v < best.value);
        if (worse) best = { value: v, partition: k };
      });
      return { ...best, reasons };
    });
    return { partitions: values, worst };
  };

  const point = evaluate(pointCells, needsCalibration ? countCalibration(input.calibration!, coding.cellOf, cellCount) : null);

  // Every number to bootstrap, by name.
  const names: string[] = [];
  partitions.forEach((p, k) => {
    p.groups.forEach((_, g) => {
      if (judged[k][g]) for (const m of spec.metrics) names.push(`p${k}:g${g}:${m}`);
    });
    spec.summaries.forEach((s) => names.push(`p${k}:${s.name}`));
  });
  spec.summaries.forEach((s) => names.push(s.name));
  const flatten = (e: Evaluation): Record<string, number | null> => {
    const out: Record<string, number | null> = {};
    partitions.forEach((p, k) => {
      const pv = e.partitions[k];
      p.groups.forEach((_, g) => {
        if (judged[k][g]) for (const m of spec.metrics) out[`p${k}:g${g}:${m}`] = pv.metrics.get(m)![g];
      });
      spec.summaries.forEach((s, j) => { out[`p${k}:${s.name}`] = pv.summaries[j].value; });
    });
    spec.summaries.forEach((s, j) => { out[s.name] = e.worst[j].value; });
    return out;
  };
  const { bootstrap } = input;
  const intervals = bootstrapIntervals(input.decisions.yPred.length, names, (indices) => flatten(evaluate(
    countSlots(codes, cellCount, indices, cellBuffer),
    needsCalibration ? countCalibration(input.calibration!, coding.cellOf, cellCount, indices, calibrationCellBuffer) : null,
  )), {
    rng: bootstrap.rng.fork('bootstrap'),
    resamples: bootstrap.bootstrap,
    level: bootstrap.level,
    strata: coding.cellOf,
    signal: bootstrap.signal,
  });

  const n = decisions.yPred.length;
  const estimateOf = (j: number): Estimate => {
    const s = spec.summaries[j];
    const w = point.worst[j];
    const count = s.labels ? decisions.labelled : n;
    if (w.value === null) {
      return { value: null, interval: null, n: count, undefinedReason: w.reasons.join('; ') || 'no partition to compare' };
    }
    return { value: w.value, interval: intervals[s.name], n: count };
  };
  const [headlineSpec, ...rest] = spec.summaries;
  const headline = estimateOf(0);
  const secondary = Object.fromEntries(rest.map((s, j) => [s.name, estimateOf(j + 1)]));

  const groups = partitions.flatMap((p, k) => p.groups.map((_, g): GroupEstimate => {
    const size = groupSize(pointGroups[k], g);
    const m = spec.metrics[0];
    const count = m === 'selection_rate' ? size : labelledSize(pointGroups[k], g);
    if (!judged[k][g]) {
      return {
        group: groupName(p, g), status: 'insufficient-data', value: null, interval: null, n: count,
        undefinedReason: `only ${size} sample${size === 1 ? '' : 's'}; groups under ${grouping.minGroupSize} are reported, not judged`,
      };
    }
    const value = point.partitions[k].metrics.get(m)![g];
    return value === null
      ? { group: groupName(p, g), status: 'ok', value: null, interval: null, n: count, undefinedReason: m === 'ece' ? 'the group has no labelled samples' : RATES[m].undefinedReason }
      : { group: groupName(p, g), status: 'ok', value, interval: intervals[`p${k}:g${g}:${m}`], n: count };
  }));

  const details = describe(spec, partitions, pointGroups, judged, point, intervals, input, calibrationPointGroups(input, coding.cellOf, cellCount, partitions, bins, needsCalibration));
  const notes = [
    ...decisions.notes,
    ...analysisNotes(spec, partitions, pointGroups, judged, point, grouping, headlineSpec),
    ...intervalNotes(bootstrap.bootstrap, { [headlineSpec.name]: intervals[headlineSpec.name], ...Object.fromEntries(rest.map((s) => [s.name, intervals[s.name]])) }),
  ];
  if (bootstrap.bootstrap > 0) {
    notes.push(`Intervals: seeded percentile bootstrap, ${bootstrap.bootstrap} resamples, stratified by ${attributes.join(CROSS)} so every group keeps its size. An interval of a worst case over groups leans high (the largest of noisy values).`);
  }
  return { headline, secondary, groups, notes, details };
}

/** Point calibration tables per partition (for the per-group ECE shown even for small groups). */
function calibrationPointGroups(input: GroupAnalysisInput, cellOf: Int32Array, cells: number, partitions: Partition[], bins: number, needed: boolean): Float64Array[] | null {
  if (!needed) return null;
  const table = countCalibration(input.calibration!, cellOf, cells);
  return partitions.map((p) => mergeCalibration(table, p.groupOfCell, p.groups.length, bins));
}

function intervalJson(interval: Interval | null): { [key: string]: Json } {
  return interval ? { low: interval.low, high: interval.high } : {};
}

function describe(
  spec: GroupAnalysisSpec,
  partitions: Partition[],
  pointGroups: Int32Array[],
  judged: boolean[][],
  point: Evaluation,
  intervals: Record<string, Interval | null>,
  input: GroupAnalysisInput,
  calibration: Float64Array[] | null,
): { [key: string]: Json } {
  const bins = input.calibration?.bins ?? 0;
  return {
    groupMetric: `${GROUP_METRIC_TITLES[spec.metrics[0]]} by group`,
    decision: { rule: input.decisions.rule, favourable: input.decisions.positiveLabel },
    minGroupSize: input.grouping.minGroupSize,
    level: input.bootstrap.level,
    metrics: spec.metrics.map((m) => ({ name: m, title: GROUP_METRIC_TITLES[m] })),
    summaries: spec.summaries.map((s) => ({ name: s.name, title: s.title, kind: s.kind, metric: s.metric, direction: s.direction })),
    partitions: partitions.map((p, k) => ({
      name: p.name,
      attributes: p.attributes,
      groups: p.groups.map((group, g) => {
        const counts = pointGroups[k];
        const metrics: { [key: string]: Json } = {};
        for (const m of spec.metrics) {
          // Small groups show their point value too (never hidden), without an interval.
          const value = judged[k][g] ? point.partitions[k].metrics.get(m)![g]
            : m === 'ece' ? groupEce(calibration![k], g, bins) : rateValue(counts, g, m);
          metrics[m] = value === null
            ? { value: null, reason: m === 'ece' ? 'the group has no labelled samples' : RATES[m].undefinedReason }
            : { value, ...(judged[k][g] ? intervalJson(intervals[`p${k}:g${g}:${m}`]) : {}) };
        }
        return {
          label: group.label,
          values: group.values,
          n: groupSize(counts, g),
          labelled: labelledSize(counts, g),
          status: judged[k][g] ? 'ok' : 'insufficient-data',
          metrics,
        };
      }),
      summaries: Object.fromEntries(spec.summaries.map((s, j) => {
        const r = point.partitions[k].summaries[j];
        const between: { [key: string]: Json } = r.low !== undefined && r.high !== undefined ? { lowGroup: p.groups[r.low].label, highGroup: p.groups[r.high].label } : {};
        const summary: { [key: string]: Json } = r.value === null
          ? { value: null, reason: r.reason ?? 'undefined', ...between }
          : { value: r.value, ...intervalJson(intervals[`p${k}:${s.name}`]), ...between };
        return [s.name, summary];
      })),
    })),
    worst: Object.fromEntries(spec.summaries.map((s, j) => {
      const w = point.worst[j];
      return [s.name, w.partition < 0 ? null : partitions[w.partition].name];
    })),
  };
}

function analysisNotes(
  spec: GroupAnalysisSpec,
  partitions: Partition[],
  pointGroups: Int32Array[],
  judged: boolean[][],
  point: Evaluation,
  grouping: GroupingParams,
  headline: SummarySpec,
): string[] {
  const notes: string[] = [];
  const small: string[] = [];
  partitions.forEach((p, k) => p.groups.forEach((_, g) => {
    if (!judged[k][g]) small.push(`${groupName(p, g)} (${groupSize(pointGroups[k], g)})`);
  }));
  if (small.length > 0) {
    const listed = small.slice(0, INSUFFICIENT_LISTED).join(', ') + (small.length > INSUFFICIENT_LISTED ? ` and ${small.length - INSUFFICIENT_LISTED} more` : '');
    notes.push(`Insufficient data: ${small.length} group${small.length === 1 ? ' has' : 's have'} fewer than ${grouping.minGroupSize} samples and ${small.length === 1 ? 'is' : 'are'} reported but not judged: ${listed}.`);
  }
  const w = point.worst[0];
  if (w.value !== null) {
    const p = partitions[w.partition];
    const r = point.partitions[w.partition].summaries[0];
    const m = headline.metric;
    const valueOf = (g: number) => point.partitions[w.partition].metrics.get(m)![g];
    const between = r.low !== undefined && r.high !== undefined
      ? ` between ${groupName(p, r.low)} (${GROUP_METRIC_TITLES[m].toLowerCase()} ${fixed(valueOf(r.low))}) and ${groupName(p, r.high)} (${fixed(valueOf(r.high))})`
      : '';
    notes.push(`Worst ${headline.title.toLowerCase()}: ${fixed(w.value)} in ${p.name}${between}.`);
  }
  if (partitions.length > 1) {
    notes.push(`Headline and further metrics are the worst value over ${partitions.map((p) => p.name).join(', ')}; each partition's own values are in the disparity table.`);
  }
  spec.summaries.forEach((s, j) => {
    const single = partitions.filter((_, k) => point.partitions[k].summaries[j].value === null && partitions[k].groups.length < 2);
    if (j === 0 && single.length > 0) {
      notes.push(`Only one group is present in ${single.map((p) => `'${p.name}' (${p.groups[0]?.label ?? 'none'})`).join(', ')}: nothing to compare there.`);
    }
  });
  return notes;
}

function fixed(v: number | null): string {
  return v === null ? 'undefined' : v.toFixed(3);
}
