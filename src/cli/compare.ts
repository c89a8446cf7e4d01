import { readFile } from 'node:fs/promises';
import type { Run } from '../core/types';
import { compareRuns, type MetricChange, type RunComparison } from '../core/compare';
import { gradeChanges, type GradeChange, type VerdictChange } from '../core/compare-grades';
import { parseRun } from '../core/run-schema';
import { grade } from '../core/grade';
import { latestPolicy } from '../policies';
import { pairedAccuracyTest } from '../metrics/paired';
import { getProbe } from '../probes/registry';

export type GateRule = 'regression' | 'grade-drop' | 'none';

export interface ComparisonResult {
  comparison: RunComparison;
  grades: GradeChange[];
  verdicts: VerdictChange[];
  policy: { id: string; version: number };
  gate: { rule: GateRule; tripped: boolean; reasons: string[] };
}

/** Exit code when the gate trips; 1 stays for errors. */
export const GATE_EXIT_CODE = 2;

/** Reads a run JSON, or the run inside a report JSON, validated. */
export async function readRunFile(path: string): Promise<Run> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`'${path}' could not be read as JSON (${(error as Error).message}).`);
  }
  const report = json as { schema?: string; run?: unknown };
  return parseRun(report?.schema === 'trustgrade.report/1' ? report.run : json);
}

function metricsOf(probeId: string) {
  try {
    const probe = getProbe(probeId);
    return [probe.metric, ...(probe.secondary ?? [])];
  } catch {
    return null;
  }
}

/** Compares two runs under the latest policy and decides the gate. */
export function compareForGate(base: Run, next: Run, rule: GateRule): ComparisonResult {
  const policy = latestPolicy();
  const comparison = compareRuns(base, next, metricsOf, pairedAccuracyTest);
  const { grades, verdicts } = gradeChanges(grade(base, policy).grading, grade(next, policy).grading);
  const reasons =
    rule === 'regression'
      ? comparison.regressions.map((c) => `regression: ${describeChange(c)}`)
      : rule === 'grade-drop'
        ? [
            ...grades.filter((g) => g.change === 'worse').map((g) => `grade drop: ${g.scope} ${g.base} → ${g.next}`),
            ...verdicts.filter((v) => v.change === 'no-longer-meets').map((v) => `no longer meets ${v.riskClass}-risk requirements`),
          ]
        : [];
  return { comparison, grades, verdicts, policy: { id: policy.id, version: policy.version }, gate: { rule, tripped: reasons.length > 0, reasons } };
}

export function describeChange(c: MetricChange): string {
  const f = (v: number | null) => (v === null ? 'undefined' : v.toFixed(4));
  const interval = (e: MetricChange['base']) => (e.interval ? ` [${f(e.interval.low)}–${f(e.interval.high)}]` : '');
  return `${c.probeId} ${c.title}: ${f(c.base.value)}${interval(c.base)} → ${f(c.next.value)}${interval(c.next)} (${c.change}, ${c.significance}${c.method === 'paired-bootstrap' ? ', paired bootstrap' : ''})`;
}

/** The readable table the CLI prints. */
export function formatComparison(result: ComparisonResult): string {
  const { comparison: c } = result;
  const name = (r: RunComparison['base']) => `${r.model}${r.label ? ` (${r.label.family} ${r.label.version})` : ''}`;
  const lines = [`compare ${name(c.base)} → ${name(c.next)} under policy ${result.policy.id} v${result.policy.version}`, ''];
  lines.push(`regressions (${c.regressions.length})`, ...(c.regressions.length ? c.regressions.map((r) => `  ✗ ${describeChange(r)}`) : ['  none']));
  lines.push(`improvements (${c.improvements.length})`, ...(c.improvements.length ? c.improvements.map((r) => `  ✓ ${describeChange(r)}`) : ['  none']));
  lines.push('grades', ...result.grades.map((g) => `  ${g.scope.padEnd(15)} ${g.base} → ${g.next}${g.change === 'same' ? '' : ` (${g.change})`}`));
  lines.push('risk classes', ...result.verdicts.map((v) => `  ${v.riskClass.padEnd(15)} ${v.base ? 'meets' : 'does not meet'} → ${v.next ? 'meets' : 'does not meet'}`));
  const incomparable = c.probes.filter((p) => p.status !== 'compared');
  if (incomparable.length) lines.push('not compared', ...incomparable.map((p) => `  - ${p.probeId}: ${p.reason}`));
  const unchanged = c.probes.filter((p) => p.status === 'compared').flatMap((p) => p.changes).filter((ch) => ch.significance !== 'significant');
  if (unchanged.length) lines.push(`no significant change (${unchanged.length} metrics)`);
  lines.push('', result.gate.rule === 'none' ? 'gate: none' : result.gate.tripped ? `gate (${result.gate.rule}): TRIPPED` : `gate (${result.gate.rule}): passed`);
  return lines.join('\n');
}
