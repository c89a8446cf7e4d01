import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Policy, Report, RiskClass } from '../../core/report-types';
import type { Run } from '../../core/types';
import { grade } from '../../core/grade';
import { latestPolicy, policies } from '../../policies';
import { reportFileStem, reportJson } from '../../report/export';
import { renderReportHtml } from '../../report/html';
import type { ImportedReport } from '../../report/import';
import { modelCardSnippet } from '../../report/model-card';
import { signReport, type SignatureCheck } from '../../report/signing';
import { openInstallationSigner, type InstallationSigner } from '../../storage/keys';
import { theme } from '../styles/theme';
import { downloadText } from './report-download';
import type { ExportFormat } from '../elements/report-summary';
import '../elements/report-summary';
import '../elements/report-grades';
import '../elements/report-crosswalk';

/** One signer per page: opening the key store once is enough. Null when this browser cannot store a key. */
let signerPromise: Promise<InstallationSigner | null> | null = null;
function pageSigner(): Promise<InstallationSigner | null> {
  signerPromise ??= openInstallationSigner().catch(() => null);
  return signerPromise;
}

const policyKey = (p: Policy) => `${p.id}@${p.version}`;

/**
 * The trust report of a run, at the top of its page: grades it under a chosen policy and risk
 * class (re-grading reads the stored measurements; the model never runs again), and exports the
 * signed report as JSON, self-contained HTML, or a model-card snippet. Given an imported report,
 * shows its own grading with the result of checking its signature until the user re-grades it.
 */
@customElement('tg-report-panel')
export class TgReportPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .controls { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: end; margin: 0 0 0.6rem; font-size: 0.875rem; }
      label { display: flex; flex-direction: column; gap: 0.2rem; color: var(--tg-muted); }
      select { font: inherit; padding: 0.2rem 0.4rem; }
      .check { border-left: 4px solid var(--tg-border); padding: 0.45rem 0.8rem; margin: 0 0 0.6rem; border-radius: 0 var(--tg-radius) var(--tg-radius) 0; background: var(--tg-surface-alt); }
      .check.valid { border-left-color: var(--tg-ok); background: var(--tg-ok-soft); }
      .check.invalid, .check.inconsistent { border-left-color: var(--tg-danger); background: var(--tg-danger-soft); }
      .check.unsigned { border-left-color: var(--tg-warn); background: var(--tg-warn-soft); }
      .check strong { display: block; }
      details.block { margin-top: 0.75rem; }
      details.block > summary { font-size: 1rem; font-weight: 600; }
      .note { font-size: 0.85rem; }
    `,
  ];

  @property({ attribute: false }) run: Run | null = null;
  /** A report read from a file: shown as it is (with its signature check) until re-graded here. */
  @property({ attribute: false }) imported: ImportedReport | null = null;
  /** The risk class to judge for; undefined = the run's declared one. */
  @state() private riskClass: RiskClass | null | undefined = undefined;
  /** The policy to grade under; '' = the newest shipped one (or the imported report's). */
  @state() private policyChoice = '';
  @state() private note = '';
  /** The grading tables (thousands of cells) and the crosswalk are drawn only once opened, so the run page opens quickly. */
  @state() private gradesOpen = false;
  @state() private crosswalkOpen = false;

  private get regraded(): boolean {
    return this.riskClass !== undefined || this.policyChoice !== '';
  }

  private get report(): Report | null {
    if (this.imported && !this.regraded) return this.imported.report;
    const run = this.imported?.report.run ?? this.run;
    if (!run) return null;
    const policy = policies.find((p) => policyKey(p) === this.policyChoice) ?? this.imported?.report.policy ?? latestPolicy();
    const riskClass = this.riskClass !== undefined ? this.riskClass : (this.imported?.report.grading.riskClass ?? run.riskClass ?? null);
    return grade(run, policy, { riskClass });
  }

  override render() {
    const report = this.report;
    if (!report) return nothing;
    const imported = this.imported;
    const declared = report.grading.riskClass;
    return html`
      <div data-testid="report-panel">
        ${imported ? this.renderChecks(imported) : nothing}
        <div class="controls">
          <label>Judge for the risk class
            <select data-testid="report-risk-class" @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.riskClass = v === '' ? null : (v as RiskClass); }}>
              <option value="" ?selected=${declared === null}>none declared</option>
              ${report.policy.riskClasses.map((rc) => html`<option value=${rc.id} ?selected=${declared === rc.id}>${rc.title}</option>`)}
            </select></label>
          <label>Policy
            <select data-testid="report-policy" @change=${(e: Event) => { this.policyChoice = (e.target as HTMLSelectElement).value; }}>
              ${this.policyOptions(report.policy).map((p) => html`<option value=${policyKey(p)} ?selected=${policyKey(p) === policyKey(report.policy)}>${p.title} v${p.version} (${p.published})</option>`)}
            </select></label>
          ${imported && this.regraded ? html`<span class="note muted">Re-graded here from the report's measurements; the exported file will be signed by this browser, not by the original signer.</span>` : nothing}
        </div>
        <tg-report-summary .report=${report} @tg-report-export=${(e: CustomEvent<{ format: ExportFormat }>) => this.export(report, e.detail.format)}></tg-report-summary>
        ${this.note ? html`<p class="note" role="status" data-testid="export-note">${this.note}</p>` : nothing}
        <details class="block card" @toggle=${(e: Event) => { this.gradesOpen = (e.target as HTMLDetailsElement).open; }}>
          <summary>How each probe was graded: measurement, interval, threshold, method</summary>
          ${this.gradesOpen ? html`<tg-report-grades .report=${report}></tg-report-grades>` : nothing}
        </details>
        <details class="block card" @toggle=${(e: Event) => { this.crosswalkOpen = (e.target as HTMLDetailsElement).open; }}>
          <summary>Standards crosswalk (evidence for, not compliance with)</summary>
          ${this.crosswalkOpen ? html`<tg-report-crosswalk .report=${report}></tg-report-crosswalk>` : nothing}
        </details>
      </div>`;
  }

  private renderChecks(imported: ImportedReport) {
    const s: SignatureCheck = imported.signature;
    const words = { valid: 'Signature valid', invalid: 'Signature invalid — the report was tampered with', unsigned: 'Unsigned' }[s.status];
    return html`
      <div class="check ${s.status}" data-testid="signature-status" data-status=${s.status} role=${s.status === 'invalid' ? 'alert' : 'status'}>
        <strong>${words}</strong>${s.message}${s.keyId ? html` <span class="small muted">Key id <code>${s.keyId}</code>.</span>` : nothing}
      </div>
      ${imported.consistency.consistent ? nothing : html`<div class="check inconsistent" data-testid="consistency" role="alert"><strong>Grades do not follow from the measurements</strong>${imported.consistency.message}</div>`}`;
  }

  private policyOptions(current: Policy): Policy[] {
    return policies.some((p) => policyKey(p) === policyKey(current)) ? [...policies] : [current, ...policies];
  }

  private async export(report: Report, format: ExportFormat) {
    this.note = '';
    try {
      const signed = await this.signed(report);
      const stem = reportFileStem(signed);
      if (format === 'json') downloadText(`${stem}.json`, reportJson(signed), 'application/json');
      if (format === 'html') downloadText(`${stem}.html`, await renderReportHtml(signed, this.imported && !this.regraded ? { signatureCheck: this.imported.signature } : {}), 'text/html');
      if (format === 'model-card') downloadText(`${stem}-model-card.md`, modelCardSnippet(signed), 'text/markdown');
    } catch (error) {
      this.note = `The report could not be exported: ${(error as Error).message}`;
    }
  }

  /** An imported report keeps its own signature; anything graded here is signed with this browser's key. */
  private async signed(report: Report): Promise<Report> {
    if (this.imported && !this.regraded) return report;
    const signer = await pageSigner();
    if (!signer) {
      this.note = 'This browser could not keep a signing key (IndexedDB is unavailable), so the report was exported unsigned.';
      return report;
    }
    return signReport(report, signer);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-report-panel': TgReportPanel;
  }
}
