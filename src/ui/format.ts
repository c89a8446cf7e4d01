/**
 * Pure text formatting for everything the UI shows. Output is locale-independent (en-US digits,
 * comma thousands separators, UTC dates) so that screenshots, exports and tests read the same
 * everywhere. Nothing here returns "NaN" or "Infinity": non-finite numbers read as "undefined".
 */
import type { Estimate, Interval, Pillar, ProbeStatus, RunStatus, TensorInfo } from '../core/types';

/** U+2212, so a negative bound never looks like the dash between two bounds. */
const MINUS = '\u2212';

export interface NumberFormat {
  /** Decimal places for numbers below 1,000 in magnitude (default 4). */
  digits?: number;
  /** Give whole numbers the same decimals as the rest ("1.0000"), as measured values should. */
  fixed?: boolean;
}

/** Groups the integer part of a plain decimal string in threes: "10000.5" → "10,000.5". */
function groupThousands(fixed: string): string {
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * A number as a reader wants it: integers with thousands separators ("10,000"), other numbers
 * with `digits` decimals ("0.9891"), large ones with at most two decimals ("12,345.68"), tiny
 * non-zero ones in scientific notation ("3.2e−6") rather than a misleading "0.0000".
 */
export function formatNumber(value: number | null | undefined, format: NumberFormat = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'undefined';
  const digits = format.digits ?? 4;
  const sign = value < 0 ? MINUS : '';
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 1000 || (Number.isInteger(magnitude) && !format.fixed)) {
    text = groupThousands(String(Number(magnitude.toFixed(2))));
  } else if (magnitude > 0 && magnitude < 0.5 * 10 ** -digits) {
    text = magnitude.toExponential(1).replace('-', MINUS);
  } else {
    text = magnitude.toFixed(digits);
  }
  return text === '0' || /^0\.0+$/.test(text) ? text : sign + text;
}

/** A whole count with thousands separators: 10000 → "10,000". */
export function formatCount(n: number): string {
  return formatNumber(Math.round(n));
}

/** A fraction as a percentage with a thin space: 0.9891 → "98.9 %". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return 'undefined';
  const sign = fraction < 0 ? MINUS : '';
  return `${sign}${(Math.abs(fraction) * 100).toFixed(digits)} %`;
}

/** "95 % CI 0.9870–0.9910"; bounds below zero read "−0.0520 to −0.0090" so no dash sits beside a minus. */
export function formatInterval(interval: Interval, format: NumberFormat = {}): string {
  const level = Number((interval.level * 100).toFixed(1));
  const measured = { fixed: true, ...format };
  const separator = interval.low < 0 || interval.high < 0 ? ' to ' : '–';
  return `${level} % CI ${formatNumber(interval.low, measured)}${separator}${formatNumber(interval.high, measured)}`;
}

/** How an interval was computed, for a tooltip or footnote: "bootstrap percentile, 1,000 resamples". */
export function describeIntervalMethod(interval: Interval): string {
  const names: Record<Interval['method'], string> = {
    'bootstrap-percentile': 'bootstrap percentile',
    wilson: 'Wilson score',
    exact: 'exact',
  };
  const parts = [names[interval.method] ?? interval.method];
  if (interval.resamples !== undefined) parts.push(`${formatCount(interval.resamples)} resamples`);
  if (interval.skipped) parts.push(`${formatCount(interval.skipped)} left out as undefined`);
  return parts.join(', ');
}

/**
 * An estimate with its interval and sample size: "0.9891 (95 % CI 0.9870–0.9910, n = 10,000)".
 * An undefined value reads "undefined — <reason> (n = 12)", never NaN.
 */
export function formatEstimate(estimate: Estimate, format: NumberFormat = {}): string {
  const n = `n = ${formatCount(estimate.n)}`;
  if (estimate.value === null || !Number.isFinite(estimate.value)) {
    return `undefined — ${estimate.undefinedReason ?? 'no reason was recorded'} (${n})`;
  }
  const value = formatNumber(estimate.value, { fixed: true, ...format });
  return estimate.interval ? `${value} (${formatInterval(estimate.interval, format)}, ${n})` : `${value} (${n})`;
}

/** Bytes in decimal units: 512 → "512 bytes", 1_234_567 → "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'undefined';
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${formatCount(bytes)} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** An elapsed time: 350 → "350 ms", 1234 → "1.2 s", 75_000 → "1 min 15 s", 4_000_000 → "1 h 07 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'undefined';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * Time left, rounded so it does not flicker: "about 12 s left", "about 45 s left" (nearest 5 s
 * past 10 s), "about 3 min left". Null (not yet known) reads "estimating time left…".
 */
export function formatTimeLeft(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return 'estimating time left…';
  if (ms < 1000) return 'less than a second left';
  const seconds = ms / 1000;
  if (seconds < 10) return `about ${Math.round(seconds)} s left`;
  if (seconds < 60) return `about ${Math.min(55, Math.round(seconds / 5) * 5)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${formatDuration(ms)} left`;
}

/** A tensor shape: ['N', 1, 28, 28] → "[N, 1, 28, 28]"; unknown dims read "?"; a non-tensor "[]". */
export function formatShape(shape: TensorInfo['shape']): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** The first `length` hex digits of a hash, enough to tell files apart at a glance. */
export function shortHash(sha: string, length = 12): string {
  return sha.slice(0, length);
}

/** An ISO timestamp as "2025-11-23 14:05:09 UTC"; anything unparsable is returned as it is. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Pillars in report order. */
export const PILLARS: readonly Pillar[] = ['validity', 'robustness', 'fairness', 'explainability', 'privacy'];

const PILLAR_TITLES: Record<Pillar, string> = {
  validity: 'Validity',
  robustness: 'Robustness',
  fairness: 'Fairness',
  explainability: 'Explainability',
  privacy: 'Privacy & security',
};

export function pillarTitle(pillar: Pillar): string {
  return PILLAR_TITLES[pillar] ?? pillar;
}

const PROBE_STATUS_WORDS: Record<ProbeStatus, string> = {
  ok: 'measured',
  skipped: 'skipped',
  failed: 'failed',
  cancelled: 'cancelled',
};

export function probeStatusText(status: ProbeStatus): string {
  return PROBE_STATUS_WORDS[status] ?? status;
}

const RUN_STATUS_WORDS: Record<RunStatus, string> = {
  running: 'running',
  complete: 'complete',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
};

export function runStatusText(status: RunStatus): string {
  return RUN_STATUS_WORDS[status] ?? status;
}

/** A parameter value as it would be written in a suite: strings bare, everything else as JSON ("1000", "[0.05,0.1]"). */
export function formatParam(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'undefined';
  return JSON.stringify(value) ?? 'undefined';
}
