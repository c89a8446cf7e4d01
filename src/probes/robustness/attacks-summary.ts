/**
 * From per-sample attack outcomes to the numbers both attack probes report: robust accuracy over
 * all attacked samples and over the originally correct ones, attack success rate, per attack and
 * for the strongest attack at each ε (a sample counts as fooled at ε when any attack fooled it there,
 * including the other probe's attacks recorded earlier in the run: Carlini et al. 2019, "On
 * Evaluating Adversarial Robustness", §5.1, report the strongest attack at each budget). Pure.
 */
import type { Estimate, GroupEstimate, Json } from '../../core/types';
import { wilsonInterval } from '../../metrics/wilson';
import type { Norm } from '../../perturb/attacks/unit-box';
import type { AttackFamily, Outcomes } from './attacks-ledger';

/** One attack's results over the ε grid. */
export interface AttackRecord {
  name: string;
  family: AttackFamily;
  norm: Norm;
  /** Per attacked sample: index in the grid of the first ε that fooled it, −1 when none did. */
  firstFooled: Int32Array;
}

export interface PointSummary {
  epsilon: number;
  /** Attacked samples still classified right (misclassified ones count as not robust). */
  robust: number;
  /** Originally correct samples fooled. */
  fooled: number;
}

export interface StrongestPoint extends PointSummary {
  /** Samples fooled by each attack at this ε (the same sample may count for several). */
  fooledBy: Record<string, number>;
  /** The single attack that fooled most samples here. */
  strongestAttack: string | null;
}

export interface Counts {
  n: number;
  correct: number;
}

export function countsOf(correct: Uint8Array): Counts {
  let c = 0;
  for (const v of correct) c += v;
  return { n: correct.length, correct: c };
}

/** Whether sample r was fooled at grid index e by this attack (results are cumulative over ε). */
const fooledAt = (record: AttackRecord, r: number, e: number): boolean => record.firstFooled[r] >= 0 && record.firstFooled[r] <= e;

export function attackCurve(record: AttackRecord, grid: number[], correct: Uint8Array): PointSummary[] {
  return grid.map((epsilon, e) => {
    let fooled = 0;
    let robust = 0;
    for (let r = 0; r < correct.length; r++) {
      if (!correct[r]) continue;
      if (fooledAt(record, r, e)) fooled++;
      else robust++;
    }
    return { epsilon, robust, fooled };
  });
}

/**
 * Per ε: a sample is fooled when any of `records` fooled it, or when the other family's recorded
 * outcomes (by position in the prepared data) say one of its attacks did.
 */
export function strongestCurve(
  records: AttackRecord[],
  grid: number[],
  correct: Uint8Array,
  indices: Int32Array,
  others: (Outcomes | null)[],
): StrongestPoint[] {
  return grid.map((epsilon, e) => {
    let fooled = 0;
    let robust = 0;
    const fooledBy: Record<string, number> = {};
    for (let r = 0; r < correct.length; r++) {
      if (!correct[r]) continue;
      let any = false;
      for (const record of records) {
        if (fooledAt(record, r, e)) {
          any = true;
          fooledBy[record.name] = (fooledBy[record.name] ?? 0) + 1;
        }
      }
      const other = others[e]?.get(indices[r]);
      if (other) {
        any = true;
        fooledBy[other] = (fooledBy[other] ?? 0) + 1;
      }
      if (any) fooled++;
      else robust++;
    }
    const ranked = Object.entries(fooledBy).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return { epsilon, robust, fooled, fooledBy, strongestAttack: ranked[0]?.[0] ?? null };
  });
}

/** Outcomes of this probe at grid index e, by position in the prepared data, for the ledger. */
export function outcomesAt(records: AttackRecord[], e: number, indices: Int32Array, correct: Uint8Array): Outcomes {
  const outcomes: Outcomes = new Map();
  indices.forEach((i, r) => {
    if (!correct[r]) return;
    const hit = records.find((record) => fooledAt(record, r, e));
    outcomes.set(i, hit ? hit.name : null);
  });
  return outcomes;
}

const NO_SAMPLES = 'no labelled sample was attacked';
const NONE_CORRECT = 'none of the attacked samples is classified correctly without an attack';

/** Robust accuracy over all attacked samples, with a Wilson interval. */
export function robustAccuracy(point: PointSummary, counts: Counts, level: number): Estimate {
  if (counts.n === 0) return { value: null, interval: null, n: 0, undefinedReason: NO_SAMPLES };
  return { value: point.robust / counts.n, interval: wilsonInterval(point.robust, counts.n, level), n: counts.n };
}

/** Robust accuracy over the originally correct samples. */
export function robustAccuracyCorrect(point: PointSummary, counts: Counts, level: number): Estimate {
  if (counts.correct === 0) return { value: null, interval: null, n: 0, undefinedReason: NONE_CORRECT };
  return { value: point.robust / counts.correct, interval: wilsonInterval(point.robust, counts.correct, level), n: counts.correct };
}

/** Share of originally correct samples the attacks fooled. */
export function successRate(point: PointSummary, counts: Counts, level: number): Estimate {
  if (counts.correct === 0) return { value: null, interval: null, n: 0, undefinedReason: NONE_CORRECT };
  return { value: point.fooled / counts.correct, interval: wilsonInterval(point.fooled, counts.correct, level), n: counts.correct };
}

export function cleanAccuracy(counts: Counts, level: number): Estimate {
  if (counts.n === 0) return { value: null, interval: null, n: 0, undefinedReason: NO_SAMPLES };
  return { value: counts.correct / counts.n, interval: wilsonInterval(counts.correct, counts.n, level), n: counts.n };
}

/** The strongest robust accuracy at each ε as the measurement's groups ("ε = 0.1"). */
export function epsilonGroups(points: StrongestPoint[], counts: Counts, level: number): GroupEstimate[] {
  return points.map((p) => ({ group: `ε = ${p.epsilon}`, status: counts.n > 0 ? 'ok' : 'insufficient-data', ...robustAccuracy(p, counts, level) }));
}

const round = (v: number, digits = 4): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** A curve as details JSON: one point per ε with its robust accuracy and interval. */
export function curveJson(name: string, family: AttackFamily, norm: Norm, points: PointSummary[], counts: Counts, level: number): { [key: string]: Json } {
  return {
    attack: name,
    family,
    norm,
    points: points.map((p) => {
      const e = robustAccuracy(p, counts, level);
      return { epsilon: p.epsilon, robustAccuracy: e.value, low: e.interval ? round(e.interval.low) : null, high: e.interval ? round(e.interval.high) : null, fooled: p.fooled };
    }),
  };
}

export function strongestJson(points: StrongestPoint[], counts: Counts, level: number): Json[] {
  return points.map((p) => {
    const all = robustAccuracy(p, counts, level);
    return {
      epsilon: p.epsilon,
      robustAccuracy: all.value,
      low: all.interval ? round(all.interval.low) : null,
      high: all.interval ? round(all.interval.high) : null,
      robustAccuracyCorrect: robustAccuracyCorrect(p, counts, level).value,
      successRate: successRate(p, counts, level).value,
      fooled: p.fooled,
      strongestAttack: p.strongestAttack,
      fooledBy: p.fooledBy,
    };
  });
}
