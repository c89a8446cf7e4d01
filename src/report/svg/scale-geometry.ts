/**
 * Where things go on a grade scale: the metric's axis split into the A–E bands of a rule, the
 * measured value, its interval and the interval end that was graded. Pure numbers, shared by the
 * HTML export (svg/charts.ts) and the app's <tg-grade-scale> element, so both draw the same chart.
 */
import type { Grade, GradeBands, MetricGrade } from '../../core/report-types';

export interface ScaleBand {
  grade: Grade;
  from: number;
  to: number;
}

export interface ScaleGeometry {
  domain: [number, number];
  /** Bands from the left end of the axis to the right. */
  bands: ScaleBand[];
  /** The limits between bands, with the grade each limit opens. */
  limits: { grade: Exclude<Grade, 'E'>; at: number }[];
  /** What is drawn: |x| for magnitude rules. */
  value: number | null;
  low: number | null;
  high: number | null;
  graded: number | null;
}

/** Scale of a graded metric under its rule's bands; null when there is nothing to draw. */
export function scaleGeometry(metric: Pick<MetricGrade, 'value' | 'interval' | 'graded' | 'direction' | 'basis'>, bands: GradeBands, magnitude = false): ScaleGeometry | null {
  if (metric.value === null) return null;
  const higher = metric.direction === 'higher' && !magnitude;
  let value = metric.value;
  let low = metric.interval?.low ?? null;
  let high = metric.interval?.high ?? null;
  if (magnitude) {
    value = Math.abs(value);
    if (low !== null && high !== null) {
      const straddles = low <= 0 && high >= 0;
      [low, high] = [straddles ? 0 : Math.min(Math.abs(low), Math.abs(high)), Math.max(Math.abs(low), Math.abs(high))];
    }
  }
  const limits = (['A', 'B', 'C', 'D'] as const).map((grade) => ({ grade, at: bands[grade] }));
  const numbers = [value, ...limits.map((l) => l.at), ...(low !== null && high !== null ? [low, high] : [])];
  let min = Math.min(...numbers);
  let max = Math.max(...numbers);
  const pad = Math.max((max - min) * 0.15, 1e-3);
  const unit = numbers.every((x) => x >= 0 && x <= 1);
  min = numbers.every((x) => x >= 0) ? Math.max(0, min - pad) : min - pad;
  max = unit ? Math.min(1, max + pad) : max + pad;
  if (!(max > min)) max = min + 1;

  const cuts = limits.map((l) => l.at);
  // Higher is better: E lies left of D's limit and A right of A's; lower is better: the mirror.
  const bandsLeftToRight: ScaleBand[] = higher
    ? [
        { grade: 'E', from: min, to: cuts[3] },
        { grade: 'D', from: cuts[3], to: cuts[2] },
        { grade: 'C', from: cuts[2], to: cuts[1] },
        { grade: 'B', from: cuts[1], to: cuts[0] },
        { grade: 'A', from: cuts[0], to: max },
      ]
    : [
        { grade: 'A', from: min, to: cuts[0] },
        { grade: 'B', from: cuts[0], to: cuts[1] },
        { grade: 'C', from: cuts[1], to: cuts[2] },
        { grade: 'D', from: cuts[2], to: cuts[3] },
        { grade: 'E', from: cuts[3], to: max },
      ];
  const graded = metric.graded;
  return {
    domain: [min, max],
    bands: bandsLeftToRight.map((b) => ({ ...b, from: clamp(b.from, min, max), to: clamp(b.to, min, max) })).filter((b) => b.to > b.from),
    limits,
    value,
    low,
    high,
    graded,
  };
}

/** x in pixels for a value on a domain drawn from `left` to `left + width`. */
export function xOf(v: number, domain: [number, number], left: number, width: number): number {
  return left + ((clamp(v, domain[0], domain[1]) - domain[0]) / (domain[1] - domain[0])) * width;
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, v));
}
