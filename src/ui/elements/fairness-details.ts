/**
 * Readers for the `details` the fairness probes write (src/probes/fairness/). Details are free
 * JSON (a stored run may come from another version), so each reader checks the shape and returns
 * null when it does not fit; the probe card then shows the raw JSON instead.
 */
import type { Json } from '../../core/types';

type Details = { [key: string]: Json } | undefined;
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: Json | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const numberOrNull = (v: Json | undefined): number | null => (isNumber(v) ? v : null);
const text = (v: Json | undefined): string | null => (typeof v === 'string' ? v : null);
const texts = (v: Json | undefined): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);

/** A value with its interval, or undefined with a reason. */
export interface ValueInterval {
  value: number | null;
  low: number | null;
  high: number | null;
  reason: string | null;
}

function valueInterval(v: Json | undefined): ValueInterval | null {
  if (!isObject(v)) return null;
  return { value: numberOrNull(v.value), low: numberOrNull(v.low), high: numberOrNull(v.high), reason: text(v.reason) };
}

export interface FairnessGroup {
  label: string;
  values: string[];
  n: number;
  labelled: number;
  status: 'ok' | 'insufficient-data';
  metrics: Record<string, ValueInterval>;
}

export interface PartitionSummary extends ValueInterval {
  lowGroup: string | null;
  highGroup: string | null;
}

export interface FairnessPartition {
  name: string;
  attributes: string[];
  groups: FairnessGroup[];
  summaries: Record<string, PartitionSummary>;
}

export interface SummaryFacts {
  name: string;
  title: string;
  kind: 'difference' | 'ratio';
  metric: string;
  direction: 'lower' | 'higher';
}

export interface GroupDetails {
  rule: string | null;
  favourable: string | null;
  minGroupSize: number | null;
  level: number;
  metrics: { name: string; title: string }[];
  summaries: SummaryFacts[];
  partitions: FairnessPartition[];
  /** Which partition gives each reported (worst-case) metric. */
  worst: Record<string, string | null>;
}

function readGroup(v: Json): FairnessGroup | null {
  if (!isObject(v) || typeof v.label !== 'string' || !isNumber(v.n) || !isObject(v.metrics)) return null;
  const metrics: Record<string, ValueInterval> = {};
  for (const [name, m] of Object.entries(v.metrics)) {
    const read = valueInterval(m);
    if (read) metrics[name] = read;
  }
  return {
    label: v.label,
    values: texts(v.values) ?? [v.label],
    n: v.n,
    labelled: isNumber(v.labelled) ? v.labelled : v.n,
    status: v.status === 'insufficient-data' ? 'insufficient-data' : 'ok',
    metrics,
  };
}

function readPartition(v: Json): FairnessPartition | null {
  if (!isObject(v) || typeof v.name !== 'string' || !Array.isArray(v.groups)) return null;
  const groups = v.groups.map(readGroup);
  if (groups.some((g) => g === null)) return null;
  const summaries: Record<string, PartitionSummary> = {};
  if (isObject(v.summaries)) {
    for (const [name, s] of Object.entries(v.summaries)) {
      const read = valueInterval(s);
      if (read && isObject(s)) summaries[name] = { ...read, lowGroup: text(s.lowGroup), highGroup: text(s.highGroup) };
    }
  }
  return { name: v.name, attributes: texts(v.attributes) ?? [v.name], groups: groups as FairnessGroup[], summaries };
}

/** What a group-fairness probe (demographic parity, equalized odds, …) reports per partition. */
export function readGroupDetails(details: Details): GroupDetails | null {
  if (!details || !Array.isArray(details.partitions) || !Array.isArray(details.metrics)) return null;
  const partitions = details.partitions.map(readPartition);
  if (partitions.some((p) => p === null)) return null;
  const metrics = details.metrics.filter(isObject).map((m) => ({ name: String(m.name), title: String(m.title ?? m.name) }));
  const summaries = (Array.isArray(details.summaries) ? details.summaries : []).filter(isObject).map((s): SummaryFacts => ({
    name: String(s.name),
    title: String(s.title ?? s.name),
    kind: s.kind === 'ratio' ? 'ratio' : 'difference',
    metric: String(s.metric ?? ''),
    direction: s.direction === 'higher' ? 'higher' : 'lower',
  }));
  const decision = isObject(details.decision) ? details.decision : {};
  return {
    rule: text(decision.rule),
    favourable: text(decision.favourable),
    minGroupSize: numberOrNull(details.minGroupSize),
    level: isNumber(details.level) ? details.level : 0.95,
    metrics,
    summaries,
    partitions: partitions as FairnessPartition[],
    worst: isObject(details.worst) ? Object.fromEntries(Object.entries(details.worst).map(([k, v]) => [k, text(v)])) : {},
  };
}

export interface InequalityPartition {
  name: string;
  betweenGe: number | null;
  betweenTheil: number | null;
  groups: { label: string; labelled: number; meanBenefit: number | null; low: number | null; high: number | null }[];
}

/** The inequality probe's mean benefit per group and between-group indices per partition. */
export function readInequalityDetails(details: Details): { minGroupSize: number | null; partitions: InequalityPartition[] } | null {
  if (!details || !Array.isArray(details.partitions)) return null;
  const partitions: InequalityPartition[] = [];
  for (const p of details.partitions) {
    if (!isObject(p) || typeof p.name !== 'string' || !Array.isArray(p.groups)) return null;
    partitions.push({
      name: p.name,
      betweenGe: numberOrNull(p.betweenGe),
      betweenTheil: numberOrNull(p.betweenTheil),
      groups: p.groups.filter(isObject).map((g) => ({
        label: String(g.label), labelled: isNumber(g.labelled) ? g.labelled : 0, meanBenefit: numberOrNull(g.meanBenefit), low: numberOrNull(g.low), high: numberOrNull(g.high),
      })),
    });
  }
  return { minGroupSize: numberOrNull(details.minGroupSize), partitions };
}

export interface CounterfactualAttribute {
  attribute: string;
  testable: boolean;
  reason: string | null;
  how: string | null;
  rows: number;
  flipRate: number | null;
  low: number | null;
  high: number | null;
  pairFlipRate: number | null;
  meanAbsChange: number | null;
  fromValues: { value: string; rows: number; flipRate: number | null }[];
}

/** The flip test's results per sensitive attribute. */
export function readCounterfactualDetails(details: Details): { rowsTested: number; attributes: CounterfactualAttribute[] } | null {
  if (!details || !Array.isArray(details.attributes) || !isNumber(details.rowsTested)) return null;
  const attributes = details.attributes.filter(isObject).map((a): CounterfactualAttribute => ({
    attribute: String(a.attribute),
    testable: a.testable === true,
    reason: text(a.reason),
    how: text(a.how),
    rows: isNumber(a.rows) ? a.rows : 0,
    flipRate: numberOrNull(a.flipRate),
    low: numberOrNull(a.low),
    high: numberOrNull(a.high),
    pairFlipRate: numberOrNull(a.pairFlipRate),
    meanAbsChange: numberOrNull(a.meanAbsChange),
    fromValues: (Array.isArray(a.fromValues) ? a.fromValues : []).filter(isObject).map((f) => ({
      value: String(f.value), rows: isNumber(f.rows) ? f.rows : 0, flipRate: numberOrNull(f.flipRate),
    })),
  }));
  return { rowsTested: details.rowsTested, attributes };
}

export interface ProxyAssociation {
  attribute: string;
  measure: 'cramers_v' | 'correlation_ratio';
  value: number | null;
  low: number | null;
  high: number | null;
  reason: string | null;
  auc: number | null;
  aucGroup: string | null;
  flagged: boolean;
}

export interface ProxyColumnRow {
  column: string;
  kind: 'categorical' | 'numeric' | 'skipped';
  reason: string | null;
  associations: ProxyAssociation[];
}

/** The proxy search's columns, strongest first, and its flag threshold. */
export function readProxyDetails(details: Details): { flagAt: number; columns: ProxyColumnRow[] } | null {
  if (!details || !Array.isArray(details.columns) || !isNumber(details.flagAt)) return null;
  const columns = details.columns.filter(isObject).map((c): ProxyColumnRow => ({
    column: String(c.column),
    kind: c.kind === 'numeric' ? 'numeric' : c.kind === 'skipped' ? 'skipped' : 'categorical',
    reason: text(c.reason),
    associations: (Array.isArray(c.associations) ? c.associations : []).filter(isObject).map((a) => ({
      attribute: String(a.attribute),
      measure: a.measure === 'correlation_ratio' ? 'correlation_ratio' : 'cramers_v',
      value: numberOrNull(a.value),
      low: numberOrNull(a.low),
      high: numberOrNull(a.high),
      reason: text(a.reason),
      auc: numberOrNull(a.auc),
      aucGroup: text(a.aucGroup),
      flagged: a.flagged === true,
    })),
  }));
  return { flagAt: details.flagAt, columns };
}

/** Keys every fairness detail view draws (so the card does not list them as raw JSON). */
export const GROUP_DETAIL_KEYS = ['decision', 'minGroupSize', 'level', 'metrics', 'summaries', 'partitions', 'worst'];
