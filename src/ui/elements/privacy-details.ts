/**
 * Readers for the `details` the privacy probes write (src/probes/privacy/). Details are free JSON
 * that may come from another version, so each reader checks the shape and returns null when it
 * does not fit; the probe card then shows the raw JSON instead.
 */
import type { HygieneFinding, HygieneSeverity, Json } from '../../core/types';

type Details = { [key: string]: Json } | undefined;

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: Json | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const numberOrNull = (v: Json | undefined): number | null => (isNumber(v) ? v : null);
const text = (v: Json | undefined): string => (typeof v === 'string' ? v : '');

// ───────── membership inference ─────────

export interface AttackCurve {
  id: string;
  title: string;
  auc: number | null;
  advantage: number | null;
  tprAtLowFpr: number | null;
  /** [fpr, tpr] points from (0, 0) to (1, 1). */
  points: [number, number][];
}

export interface MembershipDetails {
  attacks: AttackCurve[];
  members: number;
  nonMembers: number;
  lowFpr: number;
  falsePositivesAllowed: number;
}

export function readMembership(details: Details): MembershipDetails | null {
  const raw = details?.attacks;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const attacks: AttackCurve[] = [];
  for (const a of raw) {
    if (!isObject(a) || !Array.isArray(a.curve)) return null;
    const points: [number, number][] = [];
    for (const p of a.curve) {
      if (!Array.isArray(p) || p.length !== 2 || !isNumber(p[0]) || !isNumber(p[1])) return null;
      points.push([p[0], p[1]]);
    }
    attacks.push({
      id: text(a.id), title: text(a.title) || text(a.id), auc: numberOrNull(a.auc), advantage: numberOrNull(a.advantage),
      tprAtLowFpr: numberOrNull(a.tprAtLowFpr), points,
    });
  }
  return {
    attacks,
    members: numberOrNull(details?.members) ?? 0,
    nonMembers: numberOrNull(details?.nonMembers) ?? 0,
    lowFpr: numberOrNull(details?.lowFpr) ?? 0.01,
    falsePositivesAllowed: numberOrNull(details?.falsePositivesAllowed) ?? 0,
  };
}

// ───────── fault tolerance ─────────

export interface FaultRow {
  kind: string;
  title: string;
  description: string;
  inputs: number;
  handled: number;
  nonFinite: number;
  errors: number;
  example: string | null;
  variants: string[];
}

export function readFaultTable(details: Details): FaultRow[] | null {
  const raw = details?.faultTable;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const rows: FaultRow[] = [];
  for (const r of raw) {
    if (!isObject(r) || !isNumber(r.inputs) || !isNumber(r.handled)) return null;
    rows.push({
      kind: text(r.kind),
      title: text(r.title) || text(r.kind),
      description: text(r.description),
      inputs: r.inputs,
      handled: r.handled,
      nonFinite: numberOrNull(r.nonFinite) ?? 0,
      errors: numberOrNull(r.errors) ?? 0,
      example: typeof r.example === 'string' ? r.example : null,
      variants: Array.isArray(r.variants) ? r.variants.map((v) => String(v)) : [],
    });
  }
  return rows;
}

// ───────── model-file hygiene ─────────

const SEVERITIES: readonly HygieneSeverity[] = ['high', 'medium', 'low', 'info'];

export function readFindings(details: Details): HygieneFinding[] | null {
  const raw = details?.findings;
  if (!Array.isArray(raw)) return null;
  const findings: HygieneFinding[] = [];
  for (const f of raw) {
    if (!isObject(f) || typeof f.message !== 'string' || !SEVERITIES.includes(f.severity as HygieneSeverity)) return null;
    findings.push({ code: text(f.code), severity: f.severity as HygieneSeverity, file: text(f.file), message: f.message });
  }
  return findings;
}

// ───────── provenance ─────────

export interface ProvenanceCheck {
  name: string;
  required: boolean;
  passed: boolean;
  recorded: string;
}

export function readChecks(details: Details): ProvenanceCheck[] | null {
  const raw = details?.checks;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const checks: ProvenanceCheck[] = [];
  for (const c of raw) {
    if (!isObject(c) || typeof c.name !== 'string' || typeof c.passed !== 'boolean') return null;
    checks.push({ name: c.name, required: c.required === true, passed: c.passed, recorded: text(c.recorded) });
  }
  return checks;
}

// ───────── output exposure ─────────

export interface ExposureDetails {
  exposure: string;
  distinctConfidences: number;
  distinctInputs: number;
  decimals: number | null;
  exampleConfidences: number[];
}

export function readExposure(details: Details): ExposureDetails | null {
  if (!details || typeof details.exposure !== 'string' || !isNumber(details.distinctConfidences) || !isNumber(details.distinctInputs)) return null;
  const examples = Array.isArray(details.exampleConfidences) ? details.exampleConfidences.filter(isNumber) : [];
  return {
    exposure: details.exposure,
    distinctConfidences: details.distinctConfidences,
    distinctInputs: details.distinctInputs,
    decimals: numberOrNull(details.decimals),
    exampleConfidences: examples,
  };
}

// ───────── chart arithmetic ─────────

/** The lower end of a log axis for rates that can be as small as 1 / n: a power of ten at or below it. */
export function logAxisFloor(n: number): number {
  if (!(n > 0)) return 1e-3;
  return Math.min(1e-2, Number((10 ** Math.floor(Math.log10(1 / n))).toPrecision(1)));
}

/** Position of v on a log axis from `floor` to 1, as 0–1; values at or below the floor sit on it. */
export function logPosition(v: number, floor: number): number {
  if (!(v > floor)) return 0;
  return Math.log10(v / floor) / Math.log10(1 / floor);
}
