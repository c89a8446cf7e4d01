/**
 * The work shared by the group-fairness probes: code the sensitive attributes into groups and
 * intersections, compute per-group rates and between-group disparities (fairness-disparity.ts),
 * take the worst disparity over all partitions as the headline, and bootstrap every number on the
 * same resamples, stratified by the finest group so every group keeps its size.
 */
import type { Estimate, GroupEstimate, Json } from '../../core/types';
import type { Rng } from '../../core/rng';
import type { TopClassSamples } from '../../metrics/calibration';
import { codeCells, CROSS, partitionsOf } from '../../metrics/fairness-cells';
import { addCalibration, calibrationCodes, countCalibration, groupEce, mergeCalibration } from '../../metrics/fairness-calibration';
import type { BetweenGroups } from '../../metrics/fairness-disparity';
import {
  cellSlotCodes, countSlots, groupSize, labelledSize, mergeSlots, outcomeSlots, RATES, rateValue, SLOT_COUNT,
} from '../../metrics/fairness-groups';
import { bootstrapIntervals } from '../../metrics/bootstrap';
import { intervalNotes } from '../estimates';
import type { BootstrapParams } from '../params';
import type { Decisions } from './decisions';
import { groupName, type GroupMetric } from './group-names';
import type { GroupingParams } from './params';
import { describeGroups, groupNotes, type GroupState } from './group-report';

export type { GroupMetric } from './group-names';

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

export interface PartitionValues {
  /** metric → value per group (null for groups not judged or where undefined). */
  metrics: Map<GroupMetric, (number | null)[]>;
  summaries: BetweenGroups[];
}

export interface Evaluation {
  partitions: PartitionValues[];
  /** Worst value over partitions, per summary, and the partition it came from. */
  worst: { value: number | null; partition: number; reasons: string[] }[];
}

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

  const reported = [...new Set<GroupMetric>([...spec.metrics, ...spec.summaries.map((s) => s.metric)])];
  const judgedGroups = judged.map((row) => row.flatMap((ok, g) => (ok ? [g] : [])));
  const evaluate = (cellCounts: Int32Array, calibrationCells: Float64Array | null, explain = false): Evaluation => {
    const values = partitions.map((p, k): PartitionValues => {
      const counts = mergeSlots(cellCounts, p.groupOfCell, p.groups.length, groupBuffers[k]);
      const calibration = calibrationCells ? mergeCalibration(calibrationCells, p.groupOfCell, p.groups.length, bins, calibrationBuffers[k]) : null;
      const metrics = new Map<GroupMetric, (number | null)[]>();
      for (const m of reported) {
        metrics.set(m, p.groups.map((_, g) => {
          if (!judged[k][g]) return null;
          return m === 'ece' ? groupEce(calibration!, g, bins) : rateValue(counts, g, m);
        }));
      }
      const judgedIndex = judgedGroups[k];
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
          if (explain) reasons.push(`${partitions[k].name}: ${pv.summaries[j].reason ?? 'undefined'}`);
          return;
        }
        const worse = best.value === null || (s.direction === 'lower' ? v > best.value : v < best.value);
        if (worse) best = { value: v, partition: k };
      });
      return { ...best, reasons };
    });
    return { partitions: values, worst };
  };

  const point = evaluate(pointCells, needsCalibration ? countCalibration(input.calibration!, coding.cellOf, cellCount) : null, true);

  // Every number to bootstrap, by name.
  const names: string[] = [];
  partitions.forEach((p, k) => {
    p.groups.forEach((_, g) => {
      if (judged[k][g]) for (const m of spec.metrics) names.push(`p${k}:g${g}:${m}`);
    });
    spec.summaries.forEach((s) => names.push(`p${k}:${s.name}`));
  });
  spec.summaries.forEach((s) => names.push(s.name));
  // Where each bootstrapped number comes from, worked out once; one record is refilled per resample.
  const sources: { name: string; k: number; g: number; m: GroupMetric | null; j: number }[] = [];
  partitions.forEach((p, k) => {
    p.groups.forEach((_, g) => {
      if (judged[k][g]) for (const m of spec.metrics) sources.push({ name: `p${k}:g${g}:${m}`, k, g, m, j: -1 });
    });
    spec.summaries.forEach((s, j) => sources.push({ name: `p${k}:${s.name}`, k, g: -1, m: null, j }));
  });
  spec.summaries.forEach((s, j) => sources.push({ name: s.name, k: -1, g: -1, m: null, j }));
  const record: Record<string, number | null> = Object.fromEntries(names.map((name) => [name, null]));
  const flatten = (e: Evaluation): Record<string, number | null> => {
    for (const src of sources) {
      record[src.name] = src.k < 0 ? e.worst[src.j].value
        : src.m !== null ? e.partitions[src.k].metrics.get(src.m)![src.g]
          : e.partitions[src.k].summaries[src.j].value;
    }
    return record;
  };
  const { bootstrap } = input;
  // One pass over a resample counts both the outcome slots and the calibration bins.
  const calibrationCode = needsCalibration ? calibrationCodes(input.calibration!, coding.cellOf) : null;
  const confidence = input.calibration?.confidence ?? null;
  const countResample = (indices: Int32Array): void => {
    if (!calibrationCode || !confidence) {
      countSlots(codes, cellCount, indices, cellBuffer);
      return;
    }
    cellBuffer.fill(0);
    calibrationCellBuffer.fill(0);
    for (let j = 0; j < indices.length; j++) {
      const i = indices[j];
      cellBuffer[codes[i]]++;
      addCalibration(calibrationCellBuffer, calibrationCode[i], confidence[i]);
    }
  };
  const intervals = bootstrapIntervals(input.decisions.yPred.length, names, (indices) => {
    countResample(indices);
    return flatten(evaluate(cellBuffer, needsCalibration ? calibrationCellBuffer : null));
  }, {
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

  const state: GroupState = { spec, input, partitions, pointGroups, judged, point, intervals, cellOf: coding.cellOf, cellCount };
  const details = describeGroups(state);
  const notes = [
    ...decisions.notes,
    ...groupNotes(state, grouping, headlineSpec),
    ...intervalNotes(bootstrap.bootstrap, { [headlineSpec.name]: intervals[headlineSpec.name], ...Object.fromEntries(rest.map((s) => [s.name, intervals[s.name]])) }),
  ];
  if (bootstrap.bootstrap > 0) {
    notes.push(`Intervals: seeded percentile bootstrap, ${bootstrap.bootstrap} resamples, stratified by ${attributes.join(CROSS)} so every group keeps its size. An interval of a worst case over groups leans high (the largest of noisy values).`);
  }
  return { headline, secondary, groups, notes, details };
}

