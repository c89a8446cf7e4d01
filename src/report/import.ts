/**
 * Reading a report file from outside: parse, validate against the report schema (rejecting with the
 * first violation named), check the signature, and check that the grades follow from the run and
 * policy it carries (an unsigned report whose grades were edited is caught here).
 */
import { grade } from '../core/grade';
import type { Grading, Report } from '../core/report-types';
import { describeIssue, parseRun } from '../core/run-schema';
import { latestPolicy } from '../policies';
import { reportSchema } from './report-schema';
import { verifyReport, type SignatureCheck } from './signing';

/** A file that is not a TrustGrade report; `violation` names the first problem. */
export class ReportImportError extends Error {
  constructor(readonly violation: string, advice = 'Choose a report exported by TrustGrade, or export it again.') {
    super(`${violation}. ${advice}`);
    this.name = 'ReportImportError';
  }
}

export interface ImportedReport {
  report: Report;
  signature: SignatureCheck;
  /** Whether re-grading the carried run under the carried policy gives the grades the report states. */
  consistency: { consistent: boolean; message: string };
  /** True when the file was a bare run, graded here under the newest shipped policy. */
  fromRun: boolean;
}

/** Parses and checks a report (or a bare run, which is graded under the newest shipped policy). */
export async function importReport(text: string): Promise<ImportedReport> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReportImportError(`The file is not JSON (${(error as Error).message})`);
  }
  if (isObject(json) && json.schema === 'trustgrade.run/1') {
    const run = parseRun(json);
    const report = grade(run, latestPolicy());
    return {
      report,
      signature: { status: 'unsigned', keyId: null, message: 'This file is a run, not a report: it carries no signature. It was graded here under the newest policy.' },
      consistency: { consistent: true, message: 'Graded here from the run’s measurements.' },
      fromRun: true,
    };
  }
  const result = reportSchema.safeParse(json);
  if (!result.success) {
    const violation = describeIssue(result.error.issues[0], json).replace(/^the run\b/, 'the report');
    throw new ReportImportError(isObject(json) && typeof json.schema === 'string' && json.schema !== 'trustgrade.report/1'
      ? `The file says it is "${json.schema}", not a TrustGrade report (trustgrade.report/1)`
      : violation);
  }
  const report = json as Report;
  return { report, signature: await verifyReport(report), consistency: checkConsistency(report), fromRun: false };
}

/**
 * Re-grades the carried run under the carried policy and compares the outcomes (not the wording,
 * which another version of TrustGrade may phrase differently).
 */
export function checkConsistency(report: Report): ImportedReport['consistency'] {
  let fresh: Grading;
  try {
    fresh = grade(report.run, report.policy, { riskClass: report.grading.riskClass }).grading;
  } catch (error) {
    return { consistent: false, message: `The run could not be re-graded under the policy it carries (${(error as Error).message}).` };
  }
  const stated = report.grading;
  const differences: string[] = [];
  if (fresh.overall.outcome !== stated.overall.outcome) differences.push(`overall ${stated.overall.outcome} stated, ${fresh.overall.outcome} re-graded`);
  for (const p of fresh.pillars) {
    const s = stated.pillars.find((x) => x.pillar === p.pillar);
    if (s?.outcome !== p.outcome) differences.push(`${p.pillar} ${s?.outcome ?? 'missing'} stated, ${p.outcome} re-graded`);
  }
  for (const v of fresh.verdicts) {
    const s = stated.verdicts.find((x) => x.riskClass === v.riskClass);
    if (s?.meets !== v.meets) differences.push(`${v.riskClass}-risk verdict ${s ? (s.meets ? 'met' : 'not met') : 'missing'} stated, ${v.meets ? 'met' : 'not met'} re-graded`);
  }
  if (differences.length > 0) {
    return { consistent: false, message: `The grades stated do not follow from the measurements and policy the report carries: ${differences.join('; ')}. The report was edited.` };
  }
  return { consistent: true, message: `Re-grading the run under ${report.policy.id} v${report.policy.version} gives the grades the report states.` };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
