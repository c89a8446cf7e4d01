/**
 * How the group analysis is reported: the details the UI draws (every partition's groups with
 * their metrics and intervals, every disparity and which partition is the worst) and the notes
 * a reader sees (small groups, the worst gap in words, how intervals were made).
 */
import type { Interval, Json } from '../../core/types';
import type { Partition } from '../../metrics/fairness-cells';
import { countCalibration, groupEce, mergeCalibration } from '../../metrics/fairness-calibration';
import { groupSize, labelledSize, RATES, rateValue } from '../../metrics/fairness-groups';
import type { Evaluation, GroupAnalysisInput, GroupAnalysisSpec, SummarySpec } from './group-analysis';
import { GROUP_METRIC_TITLES, groupName } from './group-names';
import type { GroupingParams } from './params';

/** Everything the analysis worked out, for reporting. */
export interface GroupState {
  spec: GroupAnalysisSpec;
  input: GroupAnalysisInput;
  partitions: Partition[];
  /** Slot counts per group of each partition, over all samples. */
  pointGroups: Int32Array[];
  /** Whether each group of each partition is large enough to judge. */
  judged: boolean[][];
  point: Evaluation;
  intervals: Record<string, Interval | null>;
  cellOf: Int32Array;
  cellCount: number;
}

const INSUFFICIENT_LISTED = 12;
/** More values than this in one sensitive attribute earns a note suggesting bins. */
const MANY_GROUPS = 20;

/** Point calibration tables per partition (for the per-group ECE shown even for small groups). */
function calibrationPointGroups(input: GroupAnalysisInput, cellOf: Int32Array, cells: number, partitions: Partition[], bins: number, needed: boolean): Float64Array[] | null {
  if (!needed) return null;
  const table = countCalibration(input.calibration!, cellOf, cells);
  return partitions.map((p) => mergeCalibration(table, p.groupOfCell, p.groups.length, bins));
}

function intervalJson(interval: Interval | null): { [key: string]: Json } {
  return interval ? { low: interval.low, high: interval.high } : {};
}

/** The details the fairness views draw (see src/ui/elements/fairness-details.ts). */
export function describeGroups(state: GroupState): { [key: string]: Json } {
  const { spec, partitions, pointGroups, judged, point, intervals, input } = state;
  const bins = input.calibration?.bins ?? 0;
  const calibration = calibrationPointGroups(input, state.cellOf, state.cellCount, partitions, bins, spec.metrics.includes('ece'));
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

/** Notes on small groups, the worst gap and the partitions compared. */
export function groupNotes(state: GroupState, grouping: GroupingParams, headline: SummarySpec): string[] {
  const { partitions, pointGroups, judged, point } = state;
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
  const many = partitions.filter((p) => p.attributes.length === 1 && p.groups.length > MANY_GROUPS);
  if (many.length > 0) {
    notes.push(`${many.map((p) => `'${p.name}' takes ${p.groups.length} values`).join(', ')}: a number or an identifier used as a sensitive attribute makes many tiny groups. Group it with a derived column (bins or map) in the binding.`);
  }
  const single = partitions.filter((p) => p.groups.length < 2);
  if (single.length > 0) {
    notes.push(`Only one group is present in ${single.map((p) => `'${p.name}' (${p.groups[0]?.label ?? 'none'})`).join(', ')}: nothing to compare there.`);
  }
  return notes;
}

function fixed(v: number | null): string {
  return v === null ? 'undefined' : v.toFixed(3);
}
