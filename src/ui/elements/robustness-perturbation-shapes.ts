/**
 * Readers for the details the corruption, tabular-perturbation, OOD and stability probes write
 * (src/probes/robustness/). Details are free JSON from stored runs, so each reader checks the shape
 * and returns null when it does not fit; the probe card then lists the raw JSON instead.
 */
import type { Json } from '../../core/types';

type Details = { [key: string]: Json } | undefined;

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: Json | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : null);

/** One point of a curve: x (severity or level), y with its interval. */
export interface CurvePoint {
  x: number;
  y: number;
  low: number | null;
  high: number | null;
}

export interface CurveSeries {
  id: string;
  title: string;
  points: CurvePoint[];
}

export interface ContactSheet {
  name: string;
  label: string | null;
  clean: string;
  /** PNG (base64) by corruption id and severity. */
  cells: { corruption: string; severity: number; png: string }[];
}

export interface CorruptionDetails {
  series: CurveSeries[];
  severities: number[];
  clean: { accuracy: number; low: number | null; high: number | null } | null;
  sheet: ContactSheet | null;
  parameterSet: string | null;
}

export const CORRUPTION_DETAIL_KEYS = ['corruptions', 'severities', 'clean', 'contactSheet', 'parameterSet', 'image'];

export function readCorruptionDetails(details: Details): CorruptionDetails | null {
  const list = details?.corruptions;
  if (!Array.isArray(list)) return null;
  const series: CurveSeries[] = [];
  for (const c of list) {
    if (!isObject(c) || !Array.isArray(c.severities)) return null;
    const points: CurvePoint[] = [];
    for (const s of c.severities) {
      if (!isObject(s)) return null;
      const x = num(s.severity);
      const y = num(s.accuracy);
      if (x === null || y === null) continue;
      points.push({ x, y, low: num(s.low), high: num(s.high) });
    }
    series.push({ id: str(c.id) ?? '?', title: str(c.title) ?? str(c.id) ?? '?', points });
  }
  const severities = Array.isArray(details?.severities) ? details!.severities.filter((v): v is number => typeof v === 'number') : [1, 2, 3, 4, 5];
  const clean = isObject(details?.clean) && num(details!.clean.accuracy) !== null
    ? { accuracy: num(details!.clean.accuracy)!, low: num(details!.clean.low), high: num(details!.clean.high) }
    : null;
  return { series, severities, clean, sheet: readSheet(details?.contactSheet), parameterSet: isObject(details?.parameterSet) ? str(details!.parameterSet.id) : null };
}

function readSheet(v: Json | undefined): ContactSheet | null {
  if (!isObject(v) || typeof v.clean !== 'string' || !Array.isArray(v.cells)) return null;
  const cells: ContactSheet['cells'] = [];
  for (const c of v.cells) {
    if (!isObject(c) || typeof c.png !== 'string' || typeof c.corruption !== 'string' || num(c.severity) === null) return null;
    cells.push({ corruption: c.corruption, severity: num(c.severity)!, png: c.png });
  }
  return { name: str(v.name) ?? '', label: str(v.label), clean: v.clean, cells };
}

/** Only base64 characters: what the contact sheet puts after "data:image/png;base64,". */
export function safeBase64(text: string): string | null {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? text : null;
}

export interface PerturbationDetails {
  series: CurveSeries[];
  cleanAccuracy: number | null;
}

export const PERTURBATION_DETAIL_KEYS = ['settings', 'cleanAccuracy', 'columns'];

const FAMILY_TITLES: Record<string, string> = {
  'gaussian-noise': 'Gaussian noise (× σ of each column)',
  'category-swap': 'Category swaps (share of cells)',
  'missing-values': 'Missing values (share of cells)',
};

/** Flip rate against level, one series per perturbation family. */
export function readPerturbationDetails(details: Details): PerturbationDetails | null {
  const settings = details?.settings;
  if (!Array.isArray(settings)) return null;
  const byFamily = new Map<string, CurvePoint[]>();
  for (const s of settings) {
    if (!isObject(s)) return null;
    const family = str(s.family);
    const x = num(s.level);
    const y = num(s.flipRate);
    if (!family || x === null || y === null) return null;
    if (!byFamily.has(family)) byFamily.set(family, []);
    byFamily.get(family)!.push({ x, y, low: num(s.low), high: num(s.high) });
  }
  return {
    series: [...byFamily].map(([id, points]) => ({ id, title: FAMILY_TITLES[id] ?? id, points })),
    cleanAccuracy: num(details?.cleanAccuracy),
  };
}

export interface ScoreHistogram {
  low: number;
  high: number;
  in: number[];
  out: number[][];
}

export interface OodDetails {
  inName: string;
  sources: { name: string; kind: string; n: number }[];
  msp: ScoreHistogram | null;
  energy: ScoreHistogram | null;
  energyFrom: string | null;
}

export const OOD_DETAIL_KEYS = ['histograms', 'sources', 'inDistribution', 'energyFrom', 'temperature', 'mspSaturated'];

function readHistogram(v: Json | undefined): ScoreHistogram | null {
  if (!isObject(v) || num(v.low) === null || num(v.high) === null || !Array.isArray(v.in) || !Array.isArray(v.out)) return null;
  const counts = (a: Json) => (Array.isArray(a) && a.every((c) => typeof c === 'number') ? (a as number[]) : null);
  const inside = counts(v.in);
  const outside = v.out.map(counts);
  if (!inside || outside.some((o) => o === null || o.length !== inside.length)) return null;
  return { low: num(v.low)!, high: num(v.high)!, in: inside, out: outside as number[][] };
}

export function readOodDetails(details: Details): OodDetails | null {
  const h = details?.histograms;
  const sources = details?.sources;
  if (!isObject(h) || !Array.isArray(sources)) return null;
  return {
    inName: isObject(details?.inDistribution) ? (str(details!.inDistribution.name) ?? 'in-distribution') : 'in-distribution',
    sources: sources.filter(isObject).map((s) => ({ name: str(s.name) ?? '?', kind: str(s.kind) ?? '', n: num(s.n) ?? 0 })),
    msp: readHistogram(h.msp),
    energy: readHistogram(h.energy),
    energyFrom: str(details?.energyFrom),
  };
}

export interface StabilityDetails {
  backend: string;
  tolerance: number;
  crossBackendTolerance: number | null;
  digest: string | null;
  repeats: { name: string; maxAbsDifference: number; identical: number; n: number }[];
}

export const STABILITY_DETAIL_KEYS = ['backend', 'tolerance', 'crossBackendTolerance', 'repeats', 'samples', 'outputDigest'];

export function readStabilityDetails(details: Details): StabilityDetails | null {
  if (!Array.isArray(details?.repeats) || num(details!.tolerance) === null) return null;
  const repeats: StabilityDetails['repeats'] = [];
  for (const r of details!.repeats as Json[]) {
    if (!isObject(r) || num(r.maxAbsDifference) === null) return null;
    repeats.push({ name: str(r.name) ?? '', maxAbsDifference: num(r.maxAbsDifference)!, identical: num(r.identical) ?? 0, n: num(r.n) ?? 0 });
  }
  return {
    backend: str(details!.backend) ?? '?',
    tolerance: num(details!.tolerance)!,
    crossBackendTolerance: num(details!.crossBackendTolerance),
    digest: str(details!.outputDigest),
    repeats,
  };
}
