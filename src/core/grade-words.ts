/**
 * Words and numbers for the sentences grading writes into a report. Locale-independent, so the
 * same run graded anywhere gives byte-identical text.
 */
import type { Grade, Outcome, RiskClass } from './report-types';
import type { Interval, Pillar } from './types';

/** Rank of each outcome, worst first: what "weakest" and "worst first" sort by. */
const WORST_FIRST: Record<Outcome, number> = {
  E: 0, D: 1, 'not-assessed': 2, 'insufficient-data': 3, C: 4, B: 5, A: 6, 'not-graded': 7,
};

export function outcomeRank(outcome: Outcome): number {
  return WORST_FIRST[outcome];
}

export function isGrade(outcome: Outcome): outcome is Grade {
  return outcome === 'A' || outcome === 'B' || outcome === 'C' || outcome === 'D' || outcome === 'E';
}

/** The worse of two grades. */
export function worseGrade(a: Grade, b: Grade): Grade {
  return a > b ? a : b;
}

/** Whether `grade` is at least as good as `needed`. */
export function meetsGrade(grade: Grade, needed: Grade): boolean {
  return grade <= needed;
}

/** "E", "not assessed", "insufficient data", "not graded". */
export function outcomeWords(outcome: Outcome): string {
  return isGrade(outcome) ? outcome : outcome.replace('-', ' ');
}

const PILLAR_WORDS: Record<Pillar, string> = {
  validity: 'validity',
  robustness: 'robustness',
  fairness: 'fairness',
  explainability: 'explainability',
  privacy: 'privacy & security',
};

export function pillarWords(pillar: Pillar): string {
  return PILLAR_WORDS[pillar] ?? pillar;
}

export function riskClassWords(riskClass: RiskClass): string {
  return `${riskClass}-risk`;
}

/** Three significant digits, no exponent above 0.001: 0.31724 → "0.317", 0.8 → "0.8", 12.345 → "12.3". */
export function num(x: number): string {
  if (!Number.isFinite(x)) return 'undefined';
  if (x === 0) return '0';
  if (Math.abs(x) < 0.001) return x.toExponential(1);
  return String(Number(x.toPrecision(3)));
}

/** "95 % interval 0.300–0.335" (bounds below zero read "−0.05 to 0.01"). */
export function intervalWords(interval: Interval): string {
  const level = Number((interval.level * 100).toFixed(1));
  const separator = interval.low < 0 || interval.high < 0 ? ' to ' : '–';
  return `${level} % interval ${num(interval.low)}${separator}${num(interval.high)}`;
}

/** "A, B and C". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
