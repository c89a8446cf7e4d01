import type { HygieneFinding, HygieneSeverity } from '../core/types';

/** Severities from most to least serious; findings are reported in this order. */
export const SEVERITY_ORDER: readonly HygieneSeverity[] = ['high', 'medium', 'low', 'info'];

export function finding(code: string, severity: HygieneSeverity, file: string, message: string): HygieneFinding {
  return { code, severity, file, message };
}

/** Most serious first; the order within a severity is the order found. */
export function bySeverity(findings: HygieneFinding[]): HygieneFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.f.severity) - SEVERITY_ORDER.indexOf(b.f.severity) || a.i - b.i)
    .map(({ f }) => f);
}

/** Markup or script in text a model carries (metadata, doc strings): harmless as text, a sign of intent. */
const MARKUP = /<\s*\/?\s*(script|img|iframe|svg|object|embed|style|link|meta|a|form|input|body|html)\b|javascript:|\bon[a-z]+\s*=|data:text\/html/i;

export function looksLikeMarkup(text: string): boolean {
  return MARKUP.test(text);
}

/** Text values longer than this are reported: metadata is for short facts, not payloads. */
export const LONG_TEXT = 64 * 1024;

/** A short, single-line excerpt of untrusted text for a message. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** "1 tensor" / "3 tensors". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** Bytes as "12.3 MB" (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
