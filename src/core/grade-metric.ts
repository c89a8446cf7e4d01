/**
 * Grading one metric of one measurement under one rule. The rule is read through its direction,
 * and the number compared with its limits is the unfavourable end of the confidence interval
 * (the lower end when higher is better, the upper end when lower is better): a grade means
 * "we are confident the model does at least this well" (DESIGN.md §7).
 */
import { GRADES, type DecidingThreshold, type Grade, type MetricGrade, type MetricRule } from './report-types';
import type { Estimate, GroupEstimate, Measurement } from './types';
import { comparedGroups } from './grade-groups';
import { intervalWords, num, outcomeRank } from './grade-words';

/** Floating-point slack when comparing with a limit: 0.8 computed as 0.7999999999999999 still meets 0.8. */
const SLACK = 1e-12;

type Basis = MetricGrade['basis'];

/** The number graded and which end of the estimate it is. */
export function unfavourableEnd(estimate: Estimate, rule: Pick<MetricRule, 'direction' | 'magnitude'>): { graded: number; basis: Basis } | null {
  if (estimate.value === null) return null;
  const interval = estimate.interval;
  if (rule.magnitude) {
    if (!interval) return { graded: Math.abs(estimate.value), basis: 'value' };
    return { graded: Math.max(Math.abs(interval.low), Math.abs(interval.high)), basis: 'interval-magnitude' };
  }
  if (!interval) return { graded: estimate.value, basis: 'value' };
  return rule.direction === 'higher' ? { graded: interval.low, basis: 'interval-low' } : { graded: interval.high, basis: 'interval-high' };
}

/** The grade a number earns under the rule's limits, and the limit that decided it. */
export function gradeNumber(x: number, rule: Pick<MetricRule, 'direction' | 'magnitude' | 'bands'>): { grade: Grade; threshold: DecidingThreshold } {
  // A magnitude is a gap: smaller is better whatever the rule's direction says about the signed value.
  const higher = rule.direction === 'higher' && !rule.magnitude;
  const comparison = higher ? '>=' : '<=';
  for (const grade of GRADES.slice(0, 4) as Exclude<Grade, 'E'>[]) {
    const limit = rule.bands[grade];
    if (higher ? x >= limit - SLACK : x <= limit + SLACK) return { grade, threshold: { grade, comparison, limit, met: true } };
  }
  return { grade: 'E', threshold: { grade: 'D', comparison, limit: rule.bands.D, met: false } };
}

/** Grades one metric of a measurement; never throws, whatever the measurement holds. */
export function gradeMetric(rule: MetricRule, measurement: Measurement, policyMinimum: number): MetricGrade {
  const minSampleSize = rule.minSampleSize ?? policyMinimum;
  const estimate: Estimate | undefined = rule.headline ? measurement : measurement.secondary?.[rule.metric];
  if (!estimate) return ungraded(rule, null, 'not-assessed', `the measurement has no ${rule.title} (${rule.metric}), so it could not be graded`);
  if (!rule.eachGroup) {
    const pair = comparedGroups(measurement, rule.metric);
    return pair === null ? gradeEstimate(rule, estimate, minSampleSize) : { ...gradeEstimate(rule, estimate, minSampleSize, pair), group: pair };
  }

  const groups = (measurement.groups ?? []) as GroupEstimate[];
  const usable = groups.filter((g) => g.status === 'ok' && g.value !== null);
  const tooSmall = groups.filter((g) => g.status === 'insufficient-data');
  if (usable.length === 0) {
    return tooSmall.length > 0
      ? ungraded(rule, estimate, 'insufficient-data', `every group is too small to grade the ${rule.title} (${tooSmall.map((g) => `${g.group}: n = ${g.n}`).join(', ')})`)
      : ungraded(rule, estimate, 'not-assessed', `the measurement has no group values of the ${rule.title} to grade`);
  }
  const graded = usable.map((g) => ({ ...gradeEstimate(rule, g, minSampleSize, g.group), group: g.group }));
  const worst = graded.reduce((a, b) => (outcomeRank(b.outcome) < outcomeRank(a.outcome) ? b : a));
  if (tooSmall.length === 0) return worst;
  const skipped = `${tooSmall.length} group${tooSmall.length === 1 ? '' : 's'} too small to grade (${tooSmall.map((g) => `${g.group}: n = ${g.n}`).join(', ')}) ${tooSmall.length === 1 ? 'was' : 'were'} left out`;
  return { ...worst, reason: `${worst.reason}; ${skipped}` };
}

function gradeEstimate(rule: MetricRule, estimate: Estimate, minSampleSize: number, group?: string): MetricGrade {
  const subject = group === undefined ? rule.title : `${rule.title} for ${group}`;
  if (estimate.value === null) {
    return ungraded(rule, estimate, 'not-assessed', `${subject} is undefined: ${estimate.undefinedReason ?? 'no reason was recorded'}`);
  }
  if (estimate.n < minSampleSize) {
    return ungraded(rule, estimate, 'insufficient-data', `${subject} was measured on ${estimate.n} samples, fewer than the ${minSampleSize} this policy needs to grade it`);
  }
  const end = unfavourableEnd(estimate, rule)!;
  const { grade, threshold } = gradeNumber(end.graded, rule);
  const measured = `${subject} ${num(estimate.value)} (${estimate.interval ? `${intervalWords(estimate.interval)}, ` : ''}n = ${estimate.n})`;
  const which = END_WORDS[end.basis];
  const relation = threshold.met
    ? `${threshold.comparison === '>=' ? 'is at least' : 'is at most'} ${num(threshold.limit)}, the limit for ${threshold.grade}`
    : `${threshold.comparison === '>=' ? 'is below' : 'is above'} ${num(threshold.limit)}, the limit for D`;
  return {
    ...base(rule, estimate),
    outcome: grade,
    graded: end.graded,
    basis: end.basis,
    threshold,
    reason: `${measured}: ${grade}, because ${which} ${num(end.graded)}, ${relation}`,
  };
}

const END_WORDS: Record<Basis, string> = {
  'interval-low': 'the lower end of the interval,',
  'interval-high': 'the upper end of the interval,',
  'interval-magnitude': 'the interval end furthest from zero,',
  value: 'the value (no interval was given, so the point value is graded),',
};

function base(rule: MetricRule, estimate: Estimate | null) {
  return {
    probeId: rule.probe,
    metric: rule.metric,
    title: rule.title,
    direction: rule.direction,
    value: estimate?.value ?? null,
    interval: estimate?.interval ?? null,
    n: estimate?.n ?? 0,
    basisOfLimits: rule.basis,
    rationale: rule.rationale,
    source: rule.source,
  };
}

function ungraded(rule: MetricRule, estimate: Estimate | null, outcome: 'not-assessed' | 'insufficient-data', reason: string): MetricGrade {
  return { ...base(rule, estimate), outcome, graded: null, basis: 'value', threshold: null, reason };
}
