import type { Binding, Estimate, MetricSpec, ProbeResult, Run } from './types';
import { decodePredictions } from './predictions';

/**
 * How a change between two runs was judged:
 * - `significant`: the 95 % intervals of the two estimates do not overlap (a conservative test:
 *   non-overlap implies a difference at well beyond the 5 % level), or, when both runs kept
 *   per-sample predictions for the same rows, the paired-bootstrap interval of the difference
 *   excludes 0;
 * - `not-significant`: the intervals overlap (or the paired interval contains 0);
 * - `unknown`: one side has no interval, so nothing can be said beyond the point values.
 */
export type Significance = 'significant' | 'not-significant' | 'unknown';

export interface MetricChange {
  probeId: string;
  metric: string;
  title: string;
  direction: 'higher' | 'lower';
  base: Estimate;
  next: Estimate;
  /** next − base, or null when either is undefined. */
  delta: number | null;
  /** Read through the metric's direction. */
  change: 'better' | 'worse' | 'same' | 'undefined';
  significance: Significance;
  method: 'paired-bootstrap' | 'interval-overlap' | 'none';
}

export type ProbeComparisonStatus = 'compared' | 'incomparable' | 'only-in-base' | 'only-in-next';

export interface ProbeComparison {
  probeId: string;
  status: ProbeComparisonStatus;
  /** Why the probe cannot be compared, when it cannot. */
  reason?: string;
  changes: MetricChange[];
}

export interface RunComparison {
  base: { id: string; model: string; label?: { family: string; version: string }; createdAt: string };
  next: { id: string; model: string; label?: { family: string; version: string }; createdAt: string };
  probes: ProbeComparison[];
  /** Significant changes for the worse, worst first: what a reader must see first. */
  regressions: MetricChange[];
  improvements: MetricChange[];
}

/** The metrics a probe declares (headline first), looked up by the caller (the probe registry). */
export type MetricLookup = (probeId: string) => MetricSpec[] | null;

/** A paired bootstrap of a per-sample difference, supplied by the caller (metrics/ owns resampling). */
export type PairedTest = (base: ProbeResult, next: ProbeResult) => Significance | null;

/**
 * Compares two runs probe by probe. A probe is compared only when both runs measured it with the
 * same probe version and parameters, on the same dataset (hash) and samples, judged the same way
 * (binding labels, target, sensitive attributes, split); otherwise it is `incomparable` with the
 * reason, never silently compared.
 */
export function compareRuns(base: Run, next: Run, metrics: MetricLookup, paired?: PairedTest): RunComparison {
  const ids = [...new Set([...base.results.map((r) => r.probeId), ...next.results.map((r) => r.probeId)])];
  const probes = ids.map((id): ProbeComparison => {
    const a = base.results.find((r) => r.probeId === id);
    const b = next.results.find((r) => r.probeId === id);
    if (!a) return { probeId: id, status: 'only-in-next', reason: 'The earlier run did not run this probe.', changes: [] };
    if (!b) return { probeId: id, status: 'only-in-base', reason: 'The later run did not run this probe.', changes: [] };
    const reason = incomparability(base, next, a, b);
    if (reason) return { probeId: id, status: 'incomparable', reason, changes: [] };
    const specs = metrics(id) ?? [];
    const pairedResult = paired?.(a, b) ?? null;
    const changes = specs.flatMap((spec, index) => {
      const ea = index === 0 ? a.measurement! : a.measurement!.secondary[spec.name];
      const eb = index === 0 ? b.measurement! : b.measurement!.secondary[spec.name];
      if (!ea || !eb) return [];
      return [metricChange(id, spec, ea, eb, index === 0 ? pairedResult : null)];
    });
    return { probeId: id, status: 'compared', changes };
  });
  const all = probes.flatMap((p) => p.changes).filter((c) => c.significance === 'significant');
  const bySize = (x: MetricChange, y: MetricChange) => Math.abs(y.delta ?? 0) - Math.abs(x.delta ?? 0);
  return {
    base: refOf(base),
    next: refOf(next),
    // Regressions first in every view: the list is ordered for reading, not by probe.
    probes: [...probes].sort((x, y) => rank(x) - rank(y)),
    regressions: all.filter((c) => c.change === 'worse').sort(bySize),
    improvements: all.filter((c) => c.change === 'better').sort(bySize),
  };
}

function refOf(run: Run): RunComparison['base'] {
  return { id: run.id, model: run.model.name, ...(run.label ? { label: run.label } : {}), createdAt: run.createdAt };
}

function rank(p: ProbeComparison): number {
  if (p.changes.some((c) => c.change === 'worse' && c.significance === 'significant')) return 0;
  if (p.status === 'incomparable') return 1;
  return 2;
}

/** Why two results of one probe cannot be compared, or null when they can. */
export function incomparability(base: Run, next: Run, a: ProbeResult, b: ProbeResult): string | null {
  if (a.status !== 'ok' || b.status !== 'ok' || !a.measurement || !b.measurement) {
    return `Only measured results can be compared (earlier: ${a.status}, later: ${b.status}).`;
  }
  if (a.probeVersion !== b.probeVersion) return `The probe's version differs (${a.probeVersion} → ${b.probeVersion}): its numbers may be computed differently.`;
  if (canonical(a.params) !== canonical(b.params)) return `The probe's parameters differ (${canonical(a.params)} → ${canonical(b.params)}).`;
  if (base.dataset.sha256 !== next.dataset.sha256) return 'The runs used different datasets (their SHA-256 differ).';
  if (canonical(evaluatedAs(base.binding)) !== canonical(evaluatedAs(next.binding))) {
    return 'The runs used bindings that judge predictions differently (target, labels, positive label, sensitive attributes or split).';
  }
  if (base.samples !== next.samples) return `The runs evaluated different numbers of samples (${base.samples} → ${next.samples}).`;
  return null;
}

function metricChange(probeId: string, spec: MetricSpec, base: Estimate, next: Estimate, paired: Significance | null): MetricChange {
  const delta = base.value === null || next.value === null ? null : next.value - base.value;
  const change = delta === null ? 'undefined' : delta === 0 ? 'same' : (delta > 0) === (spec.direction === 'higher') ? 'better' : 'worse';
  const overlap = intervalSignificance(base, next);
  const significance = delta === 0 ? 'not-significant' : paired ?? overlap;
  return {
    probeId, metric: spec.name, title: spec.title, direction: spec.direction, base, next, delta, change, significance,
    method: paired ? 'paired-bootstrap' : overlap === 'unknown' ? 'none' : 'interval-overlap',
  };
}

function intervalSignificance(a: Estimate, b: Estimate): Significance {
  if (!a.interval || !b.interval) return 'unknown';
  return a.interval.high < b.interval.low || b.interval.high < a.interval.low ? 'significant' : 'not-significant';
}

/**
 * The part of a binding that decides what is measured: labels, target, sensitive groups, split.
 * How inputs are encoded (features, scaling, layout) belongs to the model: a version retrained
 * on other features is still compared, on the same rows and labels.
 */
function evaluatedAs(binding: Binding): unknown {
  const output = { labels: binding.output.labels, positive: binding.output.positive ?? null };
  if (binding.kind === 'image') return { kind: binding.kind, output };
  return {
    kind: binding.kind, output, target: binding.target, sensitive: binding.sensitive,
    split: binding.split ?? null, derive: binding.derive ?? [],
  };
}

/** JSON with sorted keys, so equal data compares equal whatever its key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v);
}

/** Per-sample predictions of a result, when it kept them (validity/accuracy does). */
export function predictionsOf(result: ProbeResult): Int32Array | null {
  return decodePredictions(result.measurement?.details?.predictions);
}
