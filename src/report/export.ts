/**
 * From a run to the files a user takes away: the report JSON (canonical key order, so the same run
 * exported twice gives the same bytes), its HTML, and the model-card snippet.
 */
import { grade } from '../core/grade';
import type { Policy, Report, RiskClass } from '../core/report-types';
import type { Run } from '../core/types';
import { prettyCanonicalJson } from './canonical';
import { signReport, type ReportSigner } from './signing';

export interface BuildOptions {
  riskClass?: RiskClass | null;
  /** Signs the report when given. */
  signer?: ReportSigner;
}

/** Grades a run and, with a signer, signs the report. */
export async function buildReport(run: Run, policy: Policy, options: BuildOptions = {}): Promise<Report> {
  const report = grade(run, policy, options.riskClass === undefined ? {} : { riskClass: options.riskClass });
  return options.signer ? signReport(report, options.signer) : report;
}

/** The report file's text: canonical key order, two-space indent, final newline. */
export function reportJson(report: Report): string {
  return prettyCanonicalJson(report);
}

/** A file name stem that says what the report is about: "trustgrade-report-model-1a2b3c4d". */
export function reportFileStem(report: Report): string {
  const model = (report.run.label?.family ?? report.run.model.name.replace(/\.(onnx|json)$/i, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'model';
  return `trustgrade-report-${model}-${report.run.id.slice(0, 8)}`;
}
