import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Finding, Report } from '../../core/report-types';
import { REPORT_PILLARS } from '../../core/grade';
import { theme } from '../styles/theme';
import { pillarTitle } from '../format';
import './grade-badge';

export type ExportFormat = 'json' | 'html' | 'model-card';

const SEVERITY_WORDS: Record<Finding['severity'], string> = { fail: 'fails', concern: 'concern', unknown: 'unknown', pass: 'passes', info: 'info' };

/**
 * The top of a trust report: overall grade, the verdict for every risk class (the declared one
 * marked), the five pillar grades, and the findings worst first, passed checks included.
 * Emits `tg-report-export` (detail: { format }).
 */
@customElement('tg-report-summary')
export class TgReportSummary extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .top { display: flex; gap: 1.25rem; align-items: flex-start; flex-wrap: wrap; }
      .overall { display: flex; flex-direction: column; align-items: center; gap: 0.2rem; min-width: 6rem; }
      .overall .caption { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--tg-muted); }
      .words { flex: 1; min-width: 18rem; }
      .summary { font-size: 1.02rem; margin: 0 0 0.4rem; }
      .reason, .method { font-size: 0.85rem; color: var(--tg-muted); margin: 0 0 0.3rem; }
      .declared { font-weight: 600; }
      .met { color: var(--tg-ok); font-weight: 600; }
      .unmet { color: var(--tg-danger); font-weight: 600; }
      tr.is-declared { background: var(--tg-accent-soft); }
      .pillars { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.5rem; margin: 0.5rem 0 0.25rem; }
      .pillar { border: 1px solid var(--tg-border); border-radius: var(--tg-radius); padding: 0.45rem 0.6rem; display: flex; flex-direction: column; gap: 0.2rem; }
      .pillar .name { font-weight: 600; display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.2rem 0.4rem; }
      .pillar .why { font-size: 0.78rem; color: var(--tg-muted); overflow-wrap: anywhere; }
      ol.findings { margin: 0; padding-left: 1.3rem; font-size: 0.875rem; }
      ol.findings li { margin-bottom: 0.3rem; }
      .sev { font-size: 0.7rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; margin-right: 0.3rem; }
      .sev-fail { color: var(--tg-danger); } .sev-concern { color: var(--tg-warn); } .sev-unknown, .sev-info { color: var(--tg-muted); } .sev-pass { color: var(--tg-ok); }
      .pillar-name { color: var(--tg-muted); }
      .actions { display: flex; gap: 0.4rem; flex-wrap: wrap; margin-top: 0.5rem; }
      h3 { margin-top: 0.9rem; }
    `,
  ];

  @property({ attribute: false }) report: Report | null = null;

  override render() {
    const report = this.report;
    if (!report) return nothing;
    const g = report.grading;
    const declared = g.riskClass ? g.verdicts.find((v) => v.riskClass === g.riskClass) : undefined;
    return html`
      <section class="card" data-testid="report-summary" data-overall=${g.overall.outcome}>
        <div class="top">
          <div class="overall">
            <span class="caption">Overall grade</span>
            <tg-grade-badge big data-testid="report-overall" .outcome=${g.overall.outcome}></tg-grade-badge>
          </div>
          <div class="words">
            ${declared
              ? html`<p class="declared" data-testid="report-declared">Declared risk class: ${declared.title} —
                  <span class=${declared.meets ? 'met' : 'unmet'}>${declared.meets ? 'meets' : 'does not meet'} its requirements</span></p>`
              : html`<p class="muted small">No risk class was declared for this run; the verdict for every class is below.</p>`}
            <p class="summary" data-testid="report-verdict">This model ${g.summary}.</p>
            <p class="reason" data-testid="report-overall-reason">Overall ${g.overall.reason}</p>
            <p class="method">${g.method}</p>
            <p class="method">Policy <code>${g.policy.id}</code> version ${g.policy.version}; re-grading under another policy reads the stored measurements and never runs the model again.</p>
            <div class="actions">
              <button type="button" data-testid="export-report-json" @click=${() => this.exportAs('json')}>Export report (JSON)</button>
              <button type="button" data-testid="export-report-html" @click=${() => this.exportAs('html')}>Export report (HTML)</button>
              <button type="button" data-testid="export-model-card" @click=${() => this.exportAs('model-card')}>Model card snippet</button>
            </div>
          </div>
        </div>

        <h3>Verdict by risk class</h3>
        <div class="scroll-x">
          <table class="data" data-testid="report-verdicts">
            <thead><tr><th>risk class</th><th>requires</th><th>verdict</th><th>why not</th></tr></thead>
            <tbody>
              ${g.verdicts.map((v) => {
                const rc = report.policy.riskClasses.find((r) => r.id === v.riskClass);
                const needs = REPORT_PILLARS.filter((p) => rc?.minimum[p]).map((p) => `${pillarTitle(p)} ≥ ${rc!.minimum[p]}`).join(', ');
                return html`<tr class=${v.riskClass === g.riskClass ? 'is-declared' : ''} data-risk-class=${v.riskClass} data-meets=${String(v.meets)}>
                  <th scope="row">${v.title}${v.riskClass === g.riskClass ? html` <span class="muted small">(declared)</span>` : nothing}</th>
                  <td class="small">${needs || 'nothing'}${rc?.requiredProbes?.length ? html`<br><span class="muted">and ${rc.requiredProbes.join(', ')} measured</span>` : nothing}</td>
                  <td class=${v.meets ? 'met' : 'unmet'}>${v.meets ? 'meets' : 'does not meet'}</td>
                  <td class="small">${v.shortfalls.length ? v.shortfalls.map((s) => s.reason).join('; ') : '—'}</td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>

        <h3>Pillars</h3>
        <div class="pillars">
          ${g.pillars.map((p) => html`<div class="pillar" data-testid="report-pillar" data-pillar=${p.pillar} data-outcome=${p.outcome}>
            <div class="name">${pillarTitle(p.pillar)} <tg-grade-badge .outcome=${p.outcome}></tg-grade-badge></div>
            <div class="why">${p.reason}</div>
          </div>`)}
        </div>

        <h3>Findings, worst first</h3>
        <ol class="findings" data-testid="report-findings">
          ${g.findings.map((f) => html`<li data-severity=${f.severity} data-outcome=${f.outcome}>
            <span class="sev sev-${f.severity}">${SEVERITY_WORDS[f.severity]}</span><tg-grade-badge .outcome=${f.outcome}></tg-grade-badge>
            <span class="pillar-name">${pillarTitle(f.pillar)}</span> — ${f.text}</li>`)}
        </ol>
      </section>`;
  }

  private exportAs(format: ExportFormat) {
    this.dispatchEvent(new CustomEvent('tg-report-export', { detail: { format }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-report-summary': TgReportSummary;
  }
  interface HTMLElementEventMap {
    'tg-report-export': CustomEvent<{ format: ExportFormat }>;
  }
}
