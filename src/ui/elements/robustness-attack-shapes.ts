/**
 * Readers for the details of the attack probes (src/probes/robustness/attacks-report.ts). Details
 * are free JSON from stored runs, so every reader checks the shape and returns null when it does
 * not fit; the probe card then shows the raw JSON instead. Pure: tested without a DOM.
 */
import type { Json } from '../../core/types';

type Details = { [key: string]: Json } | undefined;

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: Json | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const numberOrNull = (v: Json | undefined): number | null => (isNumber(v) ? v : null);

export interface CurvePoint {
  epsilon: number;
  robustAccuracy: number | null;
  low: number | null;
  high: number | null;
}

export interface AttackCurve {
  attack: string;
  /** 'strongest' for the per-ε union over all attacks. */
  family: string;
  points: CurvePoint[];
}

export interface StrongestRow extends CurvePoint {
  robustAccuracyCorrect: number | null;
  successRate: number | null;
  fooled: number | null;
  strongestAttack: string | null;
}

export interface Thumbnail {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: number[];
}

export interface AttackExample {
  sample: number;
  label: string;
  attack: string;
  epsilon: number;
  original: { image: Thumbnail; predicted: string; confidence: number | null };
  adversarial: { image: Thumbnail; predicted: string; confidence: number | null };
  perturbation: Thumbnail | null;
}

export interface MaskingCheckRow {
  id: string;
  title: string;
  status: 'passed' | 'failed' | 'not-run';
  detail: string;
}

export interface ThreatModel {
  norm: string;
  unit: string;
  epsilons: number[];
  headlineEpsilon: number | null;
  curves: AttackCurve[];
  strongest: StrongestRow[];
}

export interface AttackDetails {
  linf: ThreatModel;
  l2: ThreatModel | null;
  minimal: { method: string; median: number | null; censored: number; n: number; maxEpsilon: number | null; values: number[] } | null;
  checks: MaskingCheckRow[];
  examples: AttackExample[];
  samples: { attacked: number; correct: number; leftOut: number } | null;
  queries: { budgets: Record<string, number | null>; perSample: number[] } | null;
  gradientPath: { kind: string; reason: string | null; maxAbsDiff: number | null } | null;
}

function readPoint(v: Json): CurvePoint | null {
  if (!isObject(v) || !isNumber(v.epsilon)) return null;
  return { epsilon: v.epsilon, robustAccuracy: numberOrNull(v.robustAccuracy), low: numberOrNull(v.low), high: numberOrNull(v.high) };
}

function readCurves(v: Json | undefined): AttackCurve[] | null {
  if (!Array.isArray(v)) return null;
  const curves: AttackCurve[] = [];
  for (const c of v) {
    if (!isObject(c) || typeof c.attack !== 'string' || !Array.isArray(c.points)) return null;
    const points = c.points.map(readPoint);
    if (points.some((p) => p === null)) return null;
    curves.push({ attack: c.attack, family: typeof c.family === 'string' ? c.family : '', points: points as CurvePoint[] });
  }
  return curves;
}

function readStrongest(v: Json | undefined): StrongestRow[] | null {
  if (!Array.isArray(v)) return null;
  const rows: StrongestRow[] = [];
  for (const r of v) {
    const point = readPoint(r);
    if (!point || !isObject(r)) return null;
    rows.push({
      ...point,
      robustAccuracyCorrect: numberOrNull(r.robustAccuracyCorrect),
      successRate: numberOrNull(r.successRate),
      fooled: numberOrNull(r.fooled),
      strongestAttack: typeof r.strongestAttack === 'string' ? r.strongestAttack : null,
    });
  }
  return rows;
}

function readThreatModel(v: Details): ThreatModel | null {
  if (!v || !Array.isArray(v.epsilons) || !v.epsilons.every(isNumber)) return null;
  const curves = readCurves(v.curves);
  const strongest = readStrongest(v.strongest);
  if (!curves || !strongest) return null;
  return {
    norm: typeof v.norm === 'string' ? v.norm : 'linf',
    unit: typeof v.unit === 'string' ? v.unit : '',
    epsilons: v.epsilons as number[],
    headlineEpsilon: numberOrNull(v.headlineEpsilon),
    curves,
    strongest,
  };
}

export function readThumbnail(v: Json | undefined): Thumbnail | null {
  if (!isObject(v) || !isNumber(v.width) || !isNumber(v.height) || (v.channels !== 1 && v.channels !== 3) || !Array.isArray(v.pixels)) return null;
  const { width, height, channels } = v;
  if (v.pixels.length !== width * height * channels || !v.pixels.every((p) => isNumber(p) && p >= 0 && p <= 255)) return null;
  return { width, height, channels, pixels: v.pixels as number[] };
}

function readExample(v: Json): AttackExample | null {
  if (!isObject(v) || !isObject(v.original) || !isObject(v.adversarial) || !isNumber(v.epsilon)) return null;
  const original = readThumbnail(v.original.image);
  const adversarial = readThumbnail(v.adversarial.image);
  if (!original || !adversarial) return null;
  const text = (x: Json | undefined) => (typeof x === 'string' ? x : String(x ?? ''));
  return {
    sample: isNumber(v.sample) ? v.sample : -1,
    label: text(v.label),
    attack: text(v.attack),
    epsilon: v.epsilon,
    original: { image: original, predicted: text(v.original.predicted), confidence: numberOrNull(v.original.confidence) },
    adversarial: { image: adversarial, predicted: text(v.adversarial.predicted), confidence: numberOrNull(v.adversarial.confidence) },
    perturbation: readThumbnail(v.perturbation),
  };
}

function readChecks(v: Json | undefined): MaskingCheckRow[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c) => {
    if (!isObject(c) || typeof c.id !== 'string' || typeof c.detail !== 'string') return [];
    const status = c.status === 'passed' || c.status === 'failed' ? c.status : 'not-run';
    return [{ id: c.id, title: typeof c.title === 'string' ? c.title : c.id, status, detail: c.detail }];
  });
}

/** Everything the attack details view draws, or null when the details are not an attack probe's. */
export function readAttackDetails(details: Details): AttackDetails | null {
  const linf = readThreatModel(details);
  if (!details || !linf) return null;
  const l2 = isObject(details.l2) ? readThreatModel(details.l2) : null;
  const m = details.minimalEpsilon;
  const minimal = isObject(m)
    ? {
        method: typeof m.method === 'string' ? m.method : '',
        median: numberOrNull(m.median),
        censored: isNumber(m.censored) ? m.censored : 0,
        n: isNumber(m.n) ? m.n : 0,
        maxEpsilon: numberOrNull(m.maxEpsilon),
        values: Array.isArray(m.values) ? m.values.filter(isNumber) : [],
      }
    : null;
  const s = details.samples;
  const q = details.queries;
  const g = details.gradientPath;
  return {
    linf,
    l2,
    minimal,
    checks: readChecks(details.maskingChecks),
    examples: Array.isArray(details.examples) ? details.examples.map(readExample).filter((e): e is AttackExample => e !== null) : [],
    samples: isObject(s) && isNumber(s.attacked) ? { attacked: s.attacked, correct: numberOrNull(s.correct) ?? 0, leftOut: numberOrNull(s.leftOut) ?? 0 } : null,
    queries: isObject(q) && isObject(q.budgets) && Array.isArray(q.perSample)
      ? { budgets: Object.fromEntries(Object.entries(q.budgets).map(([k, v]) => [k, numberOrNull(v)])), perSample: q.perSample.filter(isNumber) }
      : null,
    gradientPath: isObject(g) && typeof g.kind === 'string'
      ? { kind: g.kind, reason: typeof g.reason === 'string' ? g.reason : null, maxAbsDiff: numberOrNull(g.maxAbsDiff) }
      : null,
  };
}

/** The detail keys the attack view draws (the card lists any others as raw JSON). */
export const ATTACK_DETAIL_KEYS = [
  'norm', 'unit', 'epsilons', 'headlineEpsilon', 'samples', 'strongest', 'curves', 'minimalEpsilon', 'maskingChecks', 'examples',
  'gradientPath', 'l2', 'queries', 'saturated',
];

/** RGBA bytes of a thumbnail, for a canvas. */
export function thumbnailRgba(t: Thumbnail): Uint8ClampedArray {
  const out = new Uint8ClampedArray(t.width * t.height * 4);
  for (let p = 0; p < t.width * t.height; p++) {
    const [r, g, b] = t.channels === 1 ? [t.pixels[p], t.pixels[p], t.pixels[p]] : [t.pixels[3 * p], t.pixels[3 * p + 1], t.pixels[3 * p + 2]];
    out[4 * p] = r;
    out[4 * p + 1] = g;
    out[4 * p + 2] = b;
    out[4 * p + 3] = 255;
  }
  return out;
}
