import { decodePredictions } from '../../core/predictions';
/**
 * Readers for the `details` a probe puts in its Measurement. Details are free JSON (stored runs
 * may come from older versions or another machine), so every reader checks the shape and returns
 * null when it does not fit; the probe card then shows the raw JSON as text instead.
 *
 * Keys understood (written by src/probes/validity/accuracy.ts and calibration.ts):
 * - `labels: string[]` and `confusion: number[][]` (rows = true class, columns = predicted);
 * - `perClass: { label, support, predicted, precision, recall, f1, undefinedReasons? }[]`;
 * - `bins: { low, high, count, meanConfidence, accuracy }[]` (reliability diagram) and `binEdges: string`;
 *   `reliability` (an array of bins, or `{ bins }`) is read the same way;
 * - `predictions: number[]`: the top class of every sample, kept for sample-by-sample comparisons;
 *   only its length is shown;
 * - `groupMetric: string`: what the per-group values are, e.g. "Recall per class" (optional).
 */
import type { Json } from '../../core/types';
import type { ReliabilityBin } from './chart-math';

type Details = { [key: string]: Json } | undefined;

/** Keys the probe card draws itself; every other key is listed as raw JSON. */
export const RENDERED_DETAIL_KEYS: ReadonlySet<string> = new Set([
  'labels', 'confusion', 'perClass', 'bins', 'reliability', 'binEdges', 'groupMetric', 'predictions', 'truth',
]);

/** Raw detail values longer than this (as JSON) are summarised rather than printed. */
const MAX_SHOWN_JSON = 4000;

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: Json | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumberOrNull = (v: Json | undefined): v is number | null => v === null || isNumber(v);

export interface ConfusionData {
  labels: string[];
  matrix: number[][];
}

/** The confusion matrix, when `confusion` is a square matrix of counts. */
export function readConfusion(details: Details): ConfusionData | null {
  const m = details?.confusion;
  if (!Array.isArray(m) || m.length === 0) return null;
  const k = m.length;
  const rows: number[][] = [];
  for (const row of m) {
    if (!Array.isArray(row) || row.length !== k || !row.every(isNumber)) return null;
    rows.push(row as number[]);
  }
  const given = details?.labels;
  const labels = Array.isArray(given) && given.length === k ? given.map((l) => String(l)) : rows.map((_, i) => `class ${i}`);
  return { labels, matrix: rows };
}

/** Reliability-diagram bins from `bins` or `reliability`, in the element's shape. */
export function readReliabilityBins(details: Details): ReliabilityBin[] | null {
  let raw: Json | undefined = details?.bins ?? details?.reliability;
  if (isObject(raw)) raw = raw.bins;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const bins: ReliabilityBin[] = [];
  for (const b of raw) {
    if (!isObject(b) || !isNumber(b.count)) return null;
    const confidence = b.meanConfidence ?? b.confidence ?? null;
    const accuracy = b.accuracy ?? null;
    if (!isNumberOrNull(confidence) || !isNumberOrNull(accuracy)) return null;
    const bin: ReliabilityBin = { count: b.count, confidence, accuracy };
    if (isNumber(b.low) && isNumber(b.high)) {
      bin.low = b.low;
      bin.high = b.high;
    }
    bins.push(bin);
  }
  return bins;
}

export interface PerClassRow {
  label: string;
  support: number;
  predicted: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Why a value is undefined, by metric name. */
  undefinedReasons: Record<string, string>;
}

/** Per-class precision / recall / F1 rows, when `perClass` has them. */
export function readPerClass(details: Details): PerClassRow[] | null {
  const raw = details?.perClass;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const rows: PerClassRow[] = [];
  for (const r of raw) {
    if (!isObject(r) || !isNumber(r.support)) return null;
    const num = (v: Json | undefined) => (isNumber(v) ? v : null);
    const reasons: Record<string, string> = {};
    if (isObject(r.undefinedReasons)) {
      for (const [k, v] of Object.entries(r.undefinedReasons)) if (typeof v === 'string') reasons[k] = v;
    }
    rows.push({
      label: String(r.label ?? ''),
      support: r.support,
      predicted: num(r.predicted),
      precision: num(r.precision),
      recall: num(r.recall),
      f1: num(r.f1),
      undefinedReasons: reasons,
    });
  }
  return rows;
}

/** The detail entries nobody draws, to be listed as JSON text. */
export function otherDetails(details: Details): [string, Json][] {
  if (!details) return [];
  return Object.entries(details).filter(([key]) => !RENDERED_DETAIL_KEYS.has(key));
}

/** A string detail, when present. */
export function readText(details: Details, key: string): string | null {
  const v = details?.[key];
  return typeof v === 'string' ? v : null;
}

/** How many per-sample predictions the run keeps, when it keeps them. */
export function readPredictionCount(details: Details): number | null {
  return decodePredictions(details?.predictions)?.length ?? null;
}

/** A raw detail value as text for a <pre>: pretty JSON, or a summary when it is too long to read. */
export function detailText(value: Json): string {
  const text = JSON.stringify(value, null, 2);
  if (text.length <= MAX_SHOWN_JSON) return text;
  const size = Array.isArray(value) ? `a list of ${value.length.toLocaleString('en-US')} values`
    : isObject(value) ? `an object with ${Object.keys(value).length.toLocaleString('en-US')} keys` : 'a long value';
  return `${size} (${text.length.toLocaleString('en-US')} characters of JSON): too long to show here; it is in the exported run.`;
}
