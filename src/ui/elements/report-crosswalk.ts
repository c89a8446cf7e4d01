import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Report } from '../../core/report-types';
import { theme } from '../styles/theme';
import './grade-badge';

/** The standards crosswalk: for each clause, the probes of this run that are evidence for it. */
@customElement('tg-report-crosswalk')
export class TgReportCrosswalk extends LitElement {
  static override styles = [theme, css`:host { display: block; } td, th { font-size: 0.85rem; }`];

  @property({ attribute: false }) report: Report | null = null;

  override render() {
    const report = this.report;
    if (!report) return nothing;
    const rows = report.policy.clauses
      .map((c) => ({ c, probes: report.grading.probes.filter((p) => p.status === 'ok' && p.clauses.includes(c.id)) }))
      .filter((x) => x.probes.length > 0);
    return html`
      <p class="small">The measurements are <strong>evidence for</strong> these clauses — inputs to an assessment against them, not a statement that the model or its use complies with them.</p>
      ${rows.length === 0 ? html`<p class="muted">No probe of this run gives evidence for a clause in the policy’s crosswalk.</p>` : html`
      <div class="scroll-x"><table class="data" data-testid="report-crosswalk">
        <thead><tr><th>clause</th><th>asks for</th><th>evidence in this run</th></tr></thead>
        <tbody>${rows.map(({ c, probes }) => html`<tr data-clause=${c.id}>
          <th scope="row">${c.framework}<div class="muted">${c.reference}</div></th>
          <td>${c.title}</td>
          <td>${probes.map((p) => html`<div><code>${p.probeId}</code> <tg-grade-badge .outcome=${p.outcome}></tg-grade-badge></div>`)}</td>
        </tr>`)}</tbody>
      </table></div>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-report-crosswalk': TgReportCrosswalk;
  }
}
