/**
 * Group metrics for binary decisions, as Fairlearn's MetricFrame computes them per group
 * (https://fairlearn.org/main/user_guide/assessment/perform_fairness_assessment.html) and as
 * AIF360's ClassificationMetric defines its rates (aif360/metrics/classification_metric.py).
 *
 * Every sample falls in one of six outcome slots (true/false × positive/negative decision, or an
 * unknown label with either decision). A group's metrics are ratios of slot counts, so a bootstrap
 * resample needs one pass that counts slots per cell (see fairness-cells.ts) and nothing else.
 */
import type { Defined } from './defined';

/** Outcome slots: the label (negative, positive, unknown) crossed with the decision. */
export const SLOT = { TN: 0, FP: 1, FN: 2, TP: 3, UNLABELLED_NEGATIVE: 4, UNLABELLED_POSITIVE: 5 } as const;
export const SLOT_COUNT = 6;

/**
 * The outcome slot of every sample. `yTrue` is 1 (positive / favourable), 0 (negative) or −1
 * (unknown); `yPred` is 1 when the decision is positive.
 */
export function outcomeSlots(yTrue: Int8Array, yPred: Uint8Array): Uint8Array {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`outcomeSlots got ${yTrue.length} labels and ${yPred.length} decisions; give one of each per sample.`);
  }
  const slots = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    const p = yPred[i] ? 1 : 0;
    slots[i] = yTrue[i] < 0 ? SLOT.UNLABELLED_NEGATIVE + p : yTrue[i] * 2 + p;
  }
  return slots;
}

/** The rates a group can be described by. */
export type RateMetric = 'selection_rate' | 'tpr' | 'fpr' | 'tnr' | 'fnr' | 'ppv' | 'npv' | 'accuracy' | 'base_rate';

interface RateDefinition {
  title: string;
  numerator: readonly number[];
  denominator: readonly number[];
  /** Why the rate is undefined when its denominator is 0. */
  undefinedReason: string;
  definition: string;
}

const LABELLED = [SLOT.TN, SLOT.FP, SLOT.FN, SLOT.TP];
const EVERY = [...LABELLED, SLOT.UNLABELLED_NEGATIVE, SLOT.UNLABELLED_POSITIVE];

/** Each rate as slot counts over slot counts; definitions as in Fairlearn and scikit-learn. */
export const RATES: Readonly<Record<RateMetric, RateDefinition>> = {
  selection_rate: {
    title: 'Selection rate',
    numerator: [SLOT.FP, SLOT.TP, SLOT.UNLABELLED_POSITIVE],
    denominator: EVERY,
    undefinedReason: 'the group has no samples',
    definition: 'Share of samples given the positive decision, labelled or not (fairlearn.metrics.selection_rate).',
  },
  tpr: {
    title: 'True positive rate',
    numerator: [SLOT.TP],
    denominator: [SLOT.TP, SLOT.FN],
    undefinedReason: 'the group has no samples whose label is positive',
    definition: 'TP / (TP + FN) over labelled samples (fairlearn.metrics.true_positive_rate; recall).',
  },
  fpr: {
    title: 'False positive rate',
    numerator: [SLOT.FP],
    denominator: [SLOT.FP, SLOT.TN],
    undefinedReason: 'the group has no samples whose label is negative',
    definition: 'FP / (FP + TN) over labelled samples (fairlearn.metrics.false_positive_rate).',
  },
  tnr: {
    title: 'True negative rate',
    numerator: [SLOT.TN],
    denominator: [SLOT.TN, SLOT.FP],
    undefinedReason: 'the group has no samples whose label is negative',
    definition: 'TN / (TN + FP) over labelled samples (fairlearn.metrics.true_negative_rate).',
  },
  fnr: {
    title: 'False negative rate',
    numerator: [SLOT.FN],
    denominator: [SLOT.FN, SLOT.TP],
    undefinedReason: 'the group has no samples whose label is positive',
    definition: 'FN / (FN + TP) over labelled samples (fairlearn.metrics.false_negative_rate).',
  },
  ppv: {
    title: 'Positive predictive value',
    numerator: [SLOT.TP],
    denominator: [SLOT.TP, SLOT.FP],
    undefinedReason: 'no labelled sample of the group got the positive decision',
    definition: 'TP / (TP + FP) over labelled samples (precision; AIF360 positive_predictive_value).',
  },
  npv: {
    title: 'Negative predictive value',
    numerator: [SLOT.TN],
    denominator: [SLOT.TN, SLOT.FN],
    undefinedReason: 'no labelled sample of the group got the negative decision',
    definition: 'TN / (TN + FN) over labelled samples (AIF360 negative_predictive_value).',
  },
  accuracy: {
    title: 'Accuracy',
    numerator: [SLOT.TP, SLOT.TN],
    denominator: LABELLED,
    undefinedReason: 'the group has no labelled samples',
    definition: '(TP + TN) / labelled samples (sklearn.metrics.accuracy_score).',
  },
  base_rate: {
    title: 'Base rate',
    numerator: [SLOT.TP, SLOT.FN],
    denominator: LABELLED,
    undefinedReason: 'the group has no labelled samples',
    definition: 'Share of labelled samples whose label is positive (AIF360 base_rate).',
  },
};

/** Slot counts of `groups` groups, back to back: counts[g * SLOT_COUNT + slot]. */
export type SlotCounts = Int32Array | Float64Array;

function sumSlots(counts: SlotCounts, group: number, slots: readonly number[]): number {
  let sum = 0;
  const base = group * SLOT_COUNT;
  for (const s of slots) sum += counts[base + s];
  return sum;
}

/** A rate of one group, or null when its denominator is 0 (the fast path for bootstraps). */
export function rateValue(counts: SlotCounts, group: number, metric: RateMetric): number | null {
  const def = RATES[metric];
  const denominator = sumSlots(counts, group, def.denominator);
  return denominator === 0 ? null : sumSlots(counts, group, def.numerator) / denominator;
}

/** A rate of one group with the reason it is undefined, when it is. */
export function rate(counts: SlotCounts, group: number, metric: RateMetric): Defined {
  const value = rateValue(counts, group, metric);
  return value === null ? { value: null, reason: RATES[metric].undefinedReason } : { value };
}

/** Samples in a group, labelled or not. */
export function groupSize(counts: SlotCounts, group: number): number {
  return sumSlots(counts, group, EVERY);
}

/** Labelled samples in a group. */
export function labelledSize(counts: SlotCounts, group: number): number {
  return sumSlots(counts, group, LABELLED);
}

/** Cell and slot of each sample as one code, cell · SLOT_COUNT + slot, so counting reads one array. */
export function cellSlotCodes(slots: Uint8Array, cellOf: Int32Array): Int32Array {
  if (slots.length !== cellOf.length) throw new RangeError(`cellSlotCodes got ${slots.length} slots and ${cellOf.length} cells; give one of each per sample.`);
  return Int32Array.from(cellOf, (cell, i) => cell * SLOT_COUNT + slots[i]);
}

/**
 * Counts slots per stratum (cell): counts[cell * SLOT_COUNT + slot], from `cellSlotCodes`. With
 * `indices` (a bootstrap resample, repeats allowed) only those samples are counted; `into` is
 * reused when given.
 */
export function countSlots(codes: Int32Array, cells: number, indices?: Int32Array, into?: Int32Array): Int32Array {
  const counts = into ?? new Int32Array(cells * SLOT_COUNT);
  counts.fill(0);
  if (indices) {
    for (let j = 0; j < indices.length; j++) counts[codes[indices[j]]]++;
  } else {
    for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  }
  return counts;
}

/** Adds cell counts up into the groups of a coarser partition (`groupOfCell[cell]` = group). */
export function mergeSlots(cellCounts: Int32Array, groupOfCell: Int32Array, groups: number, into?: Int32Array): Int32Array {
  const counts = into ?? new Int32Array(groups * SLOT_COUNT);
  counts.fill(0);
  for (let c = 0; c < groupOfCell.length; c++) {
    const from = c * SLOT_COUNT;
    const to = groupOfCell[c] * SLOT_COUNT;
    for (let s = 0; s < SLOT_COUNT; s++) counts[to + s] += cellCounts[from + s];
  }
  return counts;
}
