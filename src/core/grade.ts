/**
 * `grade(run, policy)`: the pure function from a stored run and a policy to a Report. It reads only
 * the run's measurements — it never runs a model — so a stored run can be re-graded under a newer
 * policy in milliseconds, and the same run and policy always give the same report.
 */
import { capitalize } from './text';
import type {
  Finding, FindingSeverity, Grade, Grading, MetricGrade, Outcome, PillarGrade, PillarOutcome, Policy, ProbeGrade, Report,
  RiskClass, Shortfall, Verdict,
} from './report-types';
import type { Pillar, ProbeResult, Run } from './types';
import { gradeMetric } from './grade-metric';
import {
  intervalWords, isGrade, listWords, meetsGrade, num, outcomeRank, outcomeWords, pillarWords, riskClassWords, worseGrade,
} from './grade-words';
import { APP_VERSION } from './version';

/** Pillars in report order. */
export const REPORT_PILLARS: readonly Pillar[] = ['validity', 'robustness', 'fairness', 'explainability', 'privacy'];

export interface GradeOptions {
  /** The risk class to judge against; default the one the run records, else none. */
  riskClass?: RiskClass | null;
}

/** Grades a run under a policy. Never throws on what a run holds: unknown probes and metrics are shown, not graded. */
export function grade(run: Run, policy: Policy, options: GradeOptions = {}): Report {
  const riskClass = options.riskClass !== undefined ? options.riskClass : (run.riskClass ?? null);
  const probes = run.results.map((result) => gradeProbe(result, policy));
  const pillars = REPORT_PILLARS.map((pillar) => gradePillar(pillar, probes, run));
  const overall = gradeOverall(pillars, policy);
  const verdicts = policy.riskClasses.map((rc) => judge(rc, pillars, probes));
  const grading: Grading = {
    policy: { id: policy.id, version: policy.version, title: policy.title },
    riskClass,
    overall,
    pillars,
    probes,
    verdicts,
    summary: summarize(verdicts),
    findings: findingsOf(probes, pillars),
    method: methodWords(policy),
  };
  return { schema: 'trustgrade.report/1', run, policy, grading, gradedBy: APP_VERSION };
}

/** The crosswalk clauses of a probe: its own entry, else its pillar's `<pillar>/*` entry. */
export function clausesFor(probeId: string, policy: Policy): string[] {
  const own = policy.crosswalk.find((e) => e.probe === probeId);
  if (own) return [...own.clauses];
  const pillar = probeId.split('/')[0];
  return [...(policy.crosswalk.find((e) => e.probe === `${pillar}/*`)?.clauses ?? [])];
}

function gradeProbe(result: ProbeResult, policy: Policy): ProbeGrade {
  const rules = policy.rules.filter((r) => r.probe === result.probeId);
  const head = {
    probeId: result.probeId,
    probeVersion: result.probeVersion,
    pillar: result.pillar,
    status: result.status,
    clauses: clausesFor(result.probeId, policy),
  };
  if (result.status !== 'ok' || !result.measurement) {
    const why = result.reason ?? (result.status === 'ok' ? 'it returned no measurement' : 'no reason was recorded');
    return { ...head, outcome: 'not-assessed', decidedBy: null, metrics: [], reason: `${result.probeId} was ${result.status === 'ok' ? 'measured without a result' : result.status}: ${why}. Not assessed is not passed.` };
  }
  if (rules.length === 0) {
    const why = policy.ungraded?.find((u) => u.probe === result.probeId && u.metric === undefined)?.reason;
    return {
      ...head, outcome: 'not-graded', decidedBy: null, metrics: [],
      reason: why
        ? `${result.probeId} was measured and is shown, not graded: ${why}`
        : `${result.probeId} was measured; policy ${policy.id} v${policy.version} has no threshold for it, so it is shown but not graded.`,
    };
  }
  const metrics = rules.map((rule) => gradeMetric(rule, result.measurement!, policy.minSampleSize));
  const graded = metrics.filter((m) => isGrade(m.outcome));
  if (graded.length === 0) {
    const outcome: Outcome = metrics.some((m) => m.outcome === 'insufficient-data') ? 'insufficient-data' : 'not-assessed';
    return { ...head, outcome, decidedBy: null, metrics, reason: metrics.map((m) => m.reason).join('; ') };
  }
  const worst = weakest(graded);
  return { ...head, outcome: worst.outcome, decidedBy: worst.metric, metrics, reason: worst.reason };
}

function gradePillar(pillar: Pillar, probes: ProbeGrade[], run: Run): PillarGrade {
  const own = probes.filter((p) => p.pillar === pillar);
  const notAssessed = own
    .filter((p) => p.outcome === 'not-assessed' || p.outcome === 'insufficient-data')
    .map((p) => ({ probeId: p.probeId, outcome: p.outcome, reason: p.reason }));
  const graded = own.filter((p) => isGrade(p.outcome));
  if (graded.length === 0) {
    const outcome: PillarOutcome = notAssessed.some((p) => p.outcome === 'insufficient-data') ? 'insufficient-data' : 'not-assessed';
    const reason =
      own.length === 0
        ? `suite ${run.suite.id} v${run.suite.version} has no ${pillarWords(pillar)} probe for ${run.suite.modality} ${run.suite.task} models`
        : notAssessed.length > 0
          ? notAssessed.map((p) => p.reason).join(' ')
          : `its probes were measured, but the policy grades none of their metrics`;
    return { pillar, outcome, decidedBy: null, reason, notAssessed };
  }
  const worst = graded.reduce((a, b) => (outcomeRank(b.outcome) < outcomeRank(a.outcome) ? b : a));
  const metric = worst.metrics.find((m) => m.metric === worst.decidedBy)!;
  const rest = notAssessed.length > 0 ? `; not assessed: ${notAssessed.map((p) => p.probeId).join(', ')}` : '';
  return {
    pillar,
    outcome: worst.outcome as Grade,
    decidedBy: { probeId: worst.probeId, metric: metric.metric },
    reason: `the weakest graded probe is ${worst.probeId}: ${metric.reason}${rest}`,
    notAssessed,
  };
}

function gradeOverall(pillars: PillarGrade[], policy: Policy): Grading['overall'] {
  const assessed = pillars.filter((p) => isGrade(p.outcome));
  const missing = pillars.filter((p) => !isGrade(p.outcome));
  const cappedBy = missing.map((p) => p.pillar);
  if (assessed.length === 0) {
    return { outcome: 'not-assessed', decidedBy: null, cappedBy, reason: 'No pillar could be graded, so there is no overall grade.' };
  }
  const weakestPillar = assessed.reduce((a, b) => (outcomeRank(b.outcome) < outcomeRank(a.outcome) ? b : a));
  const weakestGrade = weakestPillar.outcome as Grade;
  const base = `the weakest assessed pillar is ${pillarWords(weakestPillar.pillar)} (${weakestGrade})`;
  if (missing.length === 0) {
    return { outcome: weakestGrade, decidedBy: weakestPillar.pillar, cappedBy, reason: `${weakestGrade}: ${base}.` };
  }
  const capped = worseGrade(weakestGrade, policy.notAssessedCap);
  const names = listWords(missing.map((p) => `${pillarWords(p.pillar)} (${outcomeWords(p.outcome)})`));
  const capWords = capped === weakestGrade && weakestGrade !== policy.notAssessedCap
    ? `${names} ${missing.length === 1 ? 'was' : 'were'} not graded, which would cap the overall grade at ${policy.notAssessedCap}`
    : `capped at ${policy.notAssessedCap} because ${names} ${missing.length === 1 ? 'was' : 'were'} not graded`;
  return { outcome: capped, decidedBy: weakestPillar.pillar, cappedBy, reason: `${capped}: ${base}; ${capWords}. A pillar that was not assessed is not passed.` };
}

function judge(rc: Policy['riskClasses'][number], pillars: PillarGrade[], probes: ProbeGrade[]): Verdict {
  const shortfalls: Shortfall[] = [];
  for (const pillar of REPORT_PILLARS) {
    const needs = rc.minimum[pillar];
    if (!needs) continue;
    const p = pillars.find((x) => x.pillar === pillar)!;
    if (isGrade(p.outcome) && meetsGrade(p.outcome, needs)) continue;
    shortfalls.push({ pillar, outcome: p.outcome, needs, reason: shortfallWords(p, needs, probes) });
  }
  for (const probeId of rc.requiredProbes ?? []) {
    const probe = probes.find((x) => x.probeId === probeId);
    if (probe && isGrade(probe.outcome)) continue;
    const pillar = (probe?.pillar ?? probeId.split('/')[0]) as Pillar;
    // A missing pillar grade already names the gap; only add the probe when the pillar itself was graded.
    if (shortfalls.some((s) => s.pillar === pillar && !isGrade(s.outcome))) continue;
    const outcome: PillarOutcome = probe?.outcome === 'insufficient-data' ? 'insufficient-data' : 'not-assessed';
    shortfalls.push({
      pillar, probeId, outcome, needs: rc.minimum[pillar] ?? 'E',
      reason: `${probeId} ${outcomeWords(outcome)} (required for ${riskClassWords(rc.id)}${probe ? `: ${probe.status === 'ok' ? 'measured but not graded' : probe.status}` : ': not in the run'})`,
    });
  }
  const name = riskClassWords(rc.id);
  const graded = shortfalls.filter((s) => isGrade(s.outcome)).map((s) => s.reason);
  const unknown = shortfalls.filter((s) => !isGrade(s.outcome));
  const pillarGaps = unknown.filter((s) => s.probeId === undefined);
  const unknownWords = pillarGaps.length === 0 ? [] : [`${outcomeWords(pillarGaps[0].outcome)}: ${pillarGaps.map((s) => `${pillarWords(s.pillar)} (needs ${s.needs})`).join(', ')}`];
  if (pillarGaps.some((s) => s.outcome !== pillarGaps[0].outcome)) unknownWords[0] = `not graded: ${pillarGaps.map((s) => `${pillarWords(s.pillar)} ${outcomeWords(s.outcome)} (needs ${s.needs})`).join(', ')}`;
  unknownWords.push(...unknown.filter((s) => s.probeId !== undefined).map((s) => s.reason));
  const sentence = shortfalls.length === 0
    ? `meets ${name} requirements (${requirementWords(rc.minimum)})`
    : `does not meet ${name}: ${[...graded, ...unknownWords].join('; ')}`;
  return { riskClass: rc.id, title: rc.title, meets: shortfalls.length === 0, shortfalls, sentence };
}

/** "fairness E (needs B) because the selection-rate ratio for Female vs Male is 0.32 (95 % interval 0.30–0.34)". */
function shortfallWords(p: PillarGrade, needs: Grade, probes: ProbeGrade[]): string {
  const head = `${pillarWords(p.pillar)} ${outcomeWords(p.outcome)} (needs ${needs})`;
  if (!p.decidedBy) return head;
  const metric = probes.find((x) => x.probeId === p.decidedBy!.probeId)?.metrics.find((m) => m.metric === p.decidedBy!.metric);
  if (!metric || metric.value === null) return head;
  const subject = metric.group === undefined ? metric.title : `${metric.title} for ${metric.group}`;
  return `${head} because the ${subject} is ${num(metric.value)}${metric.interval ? ` (${intervalWords(metric.interval)})` : ''}`;
}

function requirementWords(minimum: Partial<Record<Pillar, Grade>>): string {
  const parts = REPORT_PILLARS.filter((p) => minimum[p]).map((p) => `${pillarWords(p)} ≥ ${minimum[p]}`);
  return parts.length === 0 ? 'no pillar requirement' : parts.join(', ');
}

/** "meets minimal-risk and limited-risk requirements; does not meet high-risk: …". */
function summarize(verdicts: Verdict[]): string {
  const met = verdicts.filter((v) => v.meets).map((v) => riskClassWords(v.riskClass));
  const parts = met.length > 0 ? [`meets ${listWords(met)} requirements`] : [];
  for (const v of verdicts.filter((x) => !x.meets)) parts.push(v.sentence);
  return parts.join('; ');
}

const SEVERITY: Record<Outcome, FindingSeverity> = {
  E: 'fail', D: 'fail', C: 'concern', 'not-assessed': 'unknown', 'insufficient-data': 'unknown', B: 'pass', A: 'pass', 'not-graded': 'info',
};

function findingsOf(probes: ProbeGrade[], pillars: PillarGrade[]): Finding[] {
  const findings: (Finding & { order: number })[] = [];
  let order = 0;
  const add = (f: Finding) => findings.push({ ...f, order: order++ });
  for (const pillar of pillars) {
    if (pillar.outcome !== 'not-assessed' || probes.some((p) => p.pillar === pillar.pillar)) continue;
    add({ severity: 'unknown', outcome: 'not-assessed', pillar: pillar.pillar, probeId: null, metric: null, text: `${capitalize(pillarWords(pillar.pillar))} was not assessed: ${pillar.reason}. Not assessed is not passed.` });
  }
  for (const probe of probes) {
    if (probe.metrics.length === 0) {
      add({ severity: SEVERITY[probe.outcome], outcome: probe.outcome, pillar: probe.pillar, probeId: probe.probeId, metric: null, text: capitalize(probe.reason) });
      continue;
    }
    for (const m of probe.metrics) {
      add({ severity: SEVERITY[m.outcome], outcome: m.outcome, pillar: probe.pillar, probeId: probe.probeId, metric: m.metric, text: `${capitalize(m.reason)}.` });
    }
  }
  const pillarIndex = (p: Pillar) => REPORT_PILLARS.indexOf(p);
  findings.sort((a, b) => outcomeRank(a.outcome) - outcomeRank(b.outcome) || pillarIndex(a.pillar) - pillarIndex(b.pillar) || a.order - b.order);
  return findings.map(({ order: _order, ...f }) => f);
}

function methodWords(policy: Policy): string {
  return (
    'Each metric is graded by the unfavourable end of its confidence interval — the lower end where higher is better, the upper end where lower is better — ' +
    'so a grade means we are confident the model does at least this well. A measurement without an interval is graded on its value, and says so. ' +
    `Estimates on fewer than ${policy.minSampleSize} samples, and groups marked insufficient data, are not graded. ` +
    'A probe takes its weakest metric, a pillar its weakest graded probe, and the overall grade the weakest pillar; ' +
    `a pillar that was not assessed caps the overall grade at ${policy.notAssessedCap} and is named as the reason. ` +
    'A probe that was skipped, failed or was cancelled is not assessed, never passed.'
  );
}

function weakest(metrics: MetricGrade[]): MetricGrade {
  return metrics.reduce((a, b) => (outcomeRank(b.outcome) < outcomeRank(a.outcome) ? b : a));
}
