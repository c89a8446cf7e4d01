import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MetricGrade, ProbeGrade, Report } from '../../core/report-types';
import type { ProbeResult } from '../../core/types';
import { REPORT_PILLARS } from '../../core/grade';
import { theme } from '../styles/theme';
import { describeIntervalMethod, formatDuration, formatEstimate, formatParam, pillarTitle, probeStatusText } from '../format';
import './grade-badge';
import './grade-scale';

const BASIS_WORDS: Record<MetricGrade['basis'], string> = {
  'interval-low': 'lower end of the interval',
  'interval-high': 'upper end of the interval',
  'interval-magnitude': 'interval end furthest from 0',
  value: 'point value (no interval)',
};

/**
 * The grading of every probe, by pillar: each graded metric with its measurement, interval and n,
 * the number graded, the grade and the threshold that decided it (on a chart of the policy's
 * bands), the limits' rationale and source, and the probe's method, parameters, seed and time.
 */
@customElement('tg-report-grades')
export class TgReportGrades extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      section.pillar { margin-bottom: 1rem; }
      section.pillar > h3 { display: flex; gap: 0.5rem; align-items: center; margin: 0.6rem 0 0.2rem; }
      .probe { border-top: 1px solid var(--tg-border); padding: 0.5rem 0; }
      .probe-head { display: flex; justify-content: space-between; gap: 1rem; align-items: baseline; }
      .probe-head h4 { margin: 0; }
      .rationale { font-size: 0.8rem; color: var(--tg-muted); margin: 0.15rem 0 0.5rem; max-width: 60rem; }
      .method { font-size: 0.8rem; color: var(--tg-muted); display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; }
      .method code { color: var(--tg-text); }
      td.scale { min-width: 16rem; }
    `,
  ];

  @property({ attribute: false }) report: Report | null = null;

  override render() {
    const report = this.report;
    if (!report) return nothing;
    return html`<div data-testid="report-grades">
      ${REPORT_PILLARS.map((pillar) => {
        const p = report.grading.pillars.find((x) => x.pillar === pillar)!;
        const probes = report.grading.probes.filter((x) => x.pillar === pillar);
        return html`<section class="pillar" data-pillar=${pillar}>
          <h3>${pillarTitle(pillar)} <tg-grade-badge .outcome=${p.outcome}></tg-grade-badge></h3>
          <p class="small muted">${p.reason}</p>
          ${probes.map((g) => this.renderProbe(report, g, report.run.results.find((r) => r.probeId === g.probeId)!))}
        </section>`;
      })}
    </div>`;
  }

  private renderProbe(report: Report, g: ProbeGrade, r: ProbeResult) {
    const clauses = g.clauses.map((id) => report.policy.clauses.find((c) => c.id === id)).filter((c) => c !== undefined);
    return html`<div class="probe" data-testid="report-probe" data-probe-id=${g.probeId} data-outcome=${g.outcome}>
      <div class="probe-head">
        <h4><code>${g.probeId}</code> <span class="muted small">v${g.probeVersion} · ${probeStatusText(g.status)}</span></h4>
        <tg-grade-badge .outcome=${g.outcome}></tg-grade-badge>
      </div>
      ${g.metrics.length === 0 ? html`<p class="small">${g.reason}</p>` : this.renderMetrics(report, g)}
      <div class="method">
        <span>Parameters: ${Object.keys(r.params).length === 0 ? 'none' : Object.entries(r.params).map(([k, v], i) => html`${i ? ', ' : ''}<code>${k}=${formatParam(v)}</code>`)}</span>
        <span>Seed <code>${report.run.seed}</code></span>
        ${r.measurement?.interval ? html`<span>Interval: ${describeIntervalMethod(r.measurement.interval)}</span>` : nothing}
        <span>Time <code>${formatDuration(r.durationMs)}</code></span>
        <span>Evidence for: ${clauses.length ? clauses.map((c) => `${c.framework} ${c.reference}`).join('; ') : 'no clause in the crosswalk'}</span>
      </div>
    </div>`;
  }

  private renderMetrics(report: Report, g: ProbeGrade) {
    return html`<div class="scroll-x"><table class="data">
      <thead><tr><th>metric</th><th>measurement</th><th>graded number</th><th>grade</th><th>deciding threshold</th><th class="scale">on the policy's bands</th></tr></thead>
      <tbody>${g.metrics.map((m) => {
        const rule = report.policy.rules.find((x) => x.probe === m.probeId && x.metric === m.metric);
        const t = m.threshold;
        return html`<tr data-metric=${m.metric} data-outcome=${m.outcome}>
          <th scope="row">${m.title}${m.group !== undefined ? html`<div class="small muted">${m.group}</div>` : nothing}</th>
          <td>${m.value === null ? 'undefined' : formatEstimate({ value: m.value, interval: m.interval, n: m.n })}</td>
          <td>${m.graded === null ? '—' : html`${Number(m.graded.toPrecision(4))}<div class="small muted">${BASIS_WORDS[m.basis]}</div>`}</td>
          <td><tg-grade-badge .outcome=${m.outcome}></tg-grade-badge></td>
          <td data-testid="deciding-threshold">${t ? `${t.met ? '' : 'missed '}${t.grade} ${t.comparison === '>=' ? '≥' : '≤'} ${t.limit}` : '—'}</td>
          <td class="scale">${rule ? html`<tg-grade-scale .metric=${m} .bands=${rule.bands} .magnitude=${Boolean(rule.magnitude)}></tg-grade-scale>` : nothing}</td>
        </tr>
        <tr><td colspan="6"><div class="small">${m.reason}.</div>
          <div class="rationale">Limits from ${m.basisOfLimits === 'public-practice' ? 'public practice' : 'this policy’s own reasoning'}: ${m.rationale} Source: ${m.source}</div></td></tr>`;
      })}</tbody></table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-report-grades': TgReportGrades;
  }
}
