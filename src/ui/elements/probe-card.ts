import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Estimate, GroupEstimate, MetricSpec, ProbeResult, ProbeStatus } from '../../core/types';
import { getProbe } from '../../probes/registry';
import { theme } from '../styles/theme';
import { formatCount, formatDuration, formatNumber, formatParam, pillarTitle, probeStatusText } from '../format';
import {
  detailText, otherDetails, readConfusion, readPerClass, readPredictionCount, readReliabilityBins, readText, type PerClassRow,
} from './details-shapes';
import type { MetricLike } from './estimate-view';
import { sharedDomain } from './chart-math';
import { statusSentence } from './result-text';
import './estimate-view';
import { detailViews } from '../pillars';
import './confusion-matrix';
import './reliability-diagram';

/** What the card needs to know about a probe; a ProbeDefinition fits. */
export interface ProbeFacts {
  title: string;
  description: string;
  metric: MetricSpec;
  secondary?: MetricSpec[];
}

/** The registered probe's facts, or null when this build does not know the probe (an older or newer run). */
export function lookUpProbe(id: string): ProbeFacts | null {
  try {
    return getProbe(id);
  } catch {
    return null;
  }
}

/** What the per-group values of a probe are, when its groups are not simply "the headline metric by group". */
const GROUP_HEADINGS: Record<string, string> = {
  'validity/accuracy': 'Recall per class',
};

const STATUS_CLASS: Record<ProbeStatus, string> = { ok: 'ok', skipped: '', failed: 'danger', cancelled: 'warn' };

/**
 * One probe's result: status, headline estimate with interval and n, secondary estimates,
 * per-group values, the charts its details carry, notes, and the parameters, version and time
 * that produced it. Probe facts (title, metric) come from the registry unless `probe` is given.
 */
@customElement('tg-probe-card')
export class TgProbeCard extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      article { display: flex; flex-direction: column; gap: 0.85rem; }
      header { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
      header h3 { margin: 0; }
      .id { color: var(--tg-muted); font-size: 0.8rem; }
      .description { color: var(--tg-muted); font-size: 0.875rem; max-width: 60rem; margin: 0; }
      .reason { border-left: 3px solid var(--tg-border); padding: 0.35rem 0.75rem; background: var(--tg-surface-alt); border-radius: 0 var(--tg-radius) var(--tg-radius) 0; }
      .reason.failed { border-left-color: var(--tg-danger); background: var(--tg-danger-soft); }
      .reason.cancelled { border-left-color: var(--tg-warn); background: var(--tg-warn-soft); }
      .headline { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; align-items: flex-start; }
      .definition { font-size: 0.8rem; color: var(--tg-muted); max-width: 40rem; margin: 0.25rem 0 0; }
      section h4 { margin-bottom: 0.35rem; }
      .charts { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
      ul.notes { margin: 0; padding-left: 1.2rem; font-size: 0.875rem; }
      footer { border-top: 1px solid var(--tg-border); padding-top: 0.5rem; font-size: 0.8rem; color: var(--tg-muted); display: flex; flex-wrap: wrap; gap: 0.3rem 1.5rem; }
      footer code { color: var(--tg-text); }
      .params { display: inline-flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; }
      .why-undefined { color: var(--tg-warn); font-size: 0.8rem; }
    `,
  ];

  @property({ attribute: false }) result: ProbeResult | null = null;
  /** Probe facts to use instead of the registry's (for runs of probes this build does not have). */
  @property({ attribute: false }) probe: ProbeFacts | null = null;
  /** False to leave out the pillar's charts and pictures for now (the run page draws them a frame later). */
  @property({ attribute: false }) detailsShown = true;

  override render() {
    const r = this.result;
    if (!r) return nothing;
    const facts = this.probe ?? lookUpProbe(r.probeId);
    const title = facts?.title ?? r.probeId;
    const sentence = statusSentence(title, r.status, r.reason);
    const m = r.measurement;
    return html`
      <article class="card" data-testid="probe-card" data-probe-id=${r.probeId} data-status=${r.status}>
        <header>
          <div>
            <h3 data-testid="probe-title">${title}</h3>
            <span class="id"><code>${r.probeId}</code> · ${pillarTitle(r.pillar)}</span>
          </div>
          <span class="badge ${STATUS_CLASS[r.status] ?? ''}" data-testid="probe-status">${probeStatusText(r.status)}</span>
        </header>
        ${facts ? html`<p class="description">${facts.description}</p>`
          : html`<p class="description">This version of TrustGrade does not know the probe <code>${r.probeId}</code>; its numbers are shown without its description.</p>`}
        ${sentence ? html`<div class="reason ${r.status}" data-testid="probe-reason">${sentence}</div>` : nothing}
        ${m ? this.renderMeasurement(m, facts, r) : nothing}
        <footer>
          <span>Probe version <code>${r.probeVersion}</code></span>
          <span>Time <code>${formatDuration(r.durationMs)}</code></span>
          <span class="params">Parameters:
            ${Object.keys(r.params).length === 0 ? html`<span>none</span>`
              : Object.entries(r.params).map(([k, v]) => html`<span><code>${k}</code> = <code>${formatParam(v)}</code></span>`)}
          </span>
        </footer>
      </article>
    `;
  }

  private renderMeasurement(m: NonNullable<ProbeResult['measurement']>, facts: ProbeFacts | null, r: ProbeResult) {
    const metric: MetricLike = facts?.metric ?? { name: 'value', title: 'Headline value', range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] };
    const confusion = readConfusion(m.details);
    const bins = readReliabilityBins(m.details);
    const perClass = readPerClass(m.details);
    const binEdges = readText(m.details, 'binEdges');
    const view = detailViews[r.probeId];
    const others = otherDetails(m.details).filter(([key]) => !view?.keys.includes(key));
    const predictions = readPredictionCount(m.details);
    const groupHeading = readText(m.details, 'groupMetric') ?? GROUP_HEADINGS[r.probeId] ?? `${metric.title} by group`;
    return html`
      <div class="headline" data-testid="probe-headline">
        <div>
          <tg-estimate .estimate=${m as Estimate} .metric=${metric}></tg-estimate>
          ${metric.definition ? html`<p class="definition">Definition: ${metric.definition}</p>` : nothing}
        </div>
      </div>
      ${this.renderSecondary(m.secondary, facts?.secondary ?? [])}
      ${m.groups.length > 0 ? this.renderGroups(m.groups, metric, groupHeading) : nothing}
      ${perClass ? this.renderPerClass(perClass) : nothing}
      ${confusion || bins ? html`
        <div class="charts">
          ${confusion ? html`<tg-confusion-matrix .labels=${confusion.labels} .matrix=${confusion.matrix}></tg-confusion-matrix>` : nothing}
          ${bins ? html`<div>
              <h4>Reliability diagram</h4>
              <tg-reliability-diagram .bins=${bins} .ece=${null}></tg-reliability-diagram>
              ${binEdges ? html`<p class="definition">Bins are ${binEdges}.</p>` : nothing}
            </div>` : nothing}
        </div>` : nothing}
      ${view && this.detailsShown ? view.render(m, r) : nothing}
      ${m.notes.length > 0 ? html`
        <section>
          <h4>Notes</h4>
          <ul class="notes" data-testid="probe-notes">${m.notes.map((note) => html`<li>${note}</li>`)}</ul>
        </section>` : nothing}
      ${predictions !== null ? html`<p class="definition">The top class and label of each of the ${formatCount(predictions)} samples are kept with the run, so two runs on the same rows can be compared sample by sample.</p>` : nothing}
      ${others.map(([key, value]) => html`
        <details data-testid="raw-detail" data-key=${key}>
          <summary>Raw detail: ${key}</summary>
          <pre>${detailText(value)}</pre>
        </details>`)}
    `;
  }

  private renderSecondary(values: Record<string, Estimate>, specs: MetricSpec[]) {
    const declared = specs.filter((s) => s.name in values);
    const undeclared = Object.keys(values).filter((k) => !specs.some((s) => s.name === k));
    const rows: [MetricLike & { name: string }, Estimate][] = [
      ...declared.map((s): [MetricSpec, Estimate] => [s, values[s.name]]),
      ...undeclared.map((k): [MetricLike & { name: string }, Estimate] => [
        { name: k, title: k, range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] }, values[k],
      ]),
    ];
    if (rows.length === 0) return nothing;
    return html`
      <section>
        <h4>Further metrics</h4>
        <div class="scroll-x">
          <table class="data" data-testid="secondary-metrics">
            <thead><tr><th>metric</th><th>estimate</th><th>on its range</th><th>better when</th></tr></thead>
            <tbody>
              ${rows.map(([spec, e]) => html`<tr data-metric=${spec.name}>
                <th scope="row" title=${spec.definition ?? ''}>${spec.title}</th>
                <td><tg-estimate compact no-title show="text" .estimate=${e} .metric=${spec}></tg-estimate></td>
                <td><tg-estimate compact no-title show="bar" .estimate=${e} .metric=${spec}></tg-estimate></td>
                <td class="muted">${spec.direction ? `${spec.direction}` : 'not declared'}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>
      </section>`;
  }

  private renderGroups(groups: GroupEstimate[], metric: MetricLike, heading: string) {
    const domain = sharedDomain(groups.filter((g) => g.status === 'ok'), metric.range);
    return html`
      <section>
        <h4>${heading}</h4>
        <div class="scroll-x">
          <table class="data" data-testid="groups-table">
            <thead><tr>
              <th>group</th><th>estimate</th>
              <th>interval <span class="small">(scale ${formatNumber(domain[0], { fixed: true, digits: 3 })}–${formatNumber(domain[1], { fixed: true, digits: 3 })})</span></th>
            </tr></thead>
            <tbody>
              ${groups.map((g) => html`<tr data-group=${g.group} data-status=${g.status}>
                <th scope="row">${g.group}</th>
                ${g.status === 'insufficient-data'
                  ? html`<td colspan="2"><span class="badge warn">insufficient data</span> <span class="muted">n = ${formatCount(g.n)}${g.undefinedReason ? ` — ${g.undefinedReason}` : ''}</span></td>`
                  : html`<td><tg-estimate compact no-title show="text" .estimate=${g} .metric=${metric}></tg-estimate></td>
                      <td><tg-estimate compact no-title show="bar" .estimate=${g} .metric=${metric} .domain=${domain}></tg-estimate></td>`}
              </tr>`)}
            </tbody>
          </table>
        </div>
      </section>`;
  }

  private renderPerClass(rows: PerClassRow[]) {
    const cell = (row: PerClassRow, key: 'precision' | 'recall' | 'f1') => {
      const v = row[key];
      if (v !== null) return html`<td class="num">${formatNumber(v)}</td>`;
      return html`<td class="num"><span class="why-undefined">undefined — ${row.undefinedReasons[key] ?? 'no reason was recorded'}</span></td>`;
    };
    return html`
      <details>
        <summary>Precision, recall and F1 per class</summary>
        <div class="scroll-x">
          <table class="data" data-testid="per-class-table">
            <thead><tr><th>class</th><th class="num">support</th><th class="num">predicted</th><th class="num">precision</th><th class="num">recall</th><th class="num">F1</th></tr></thead>
            <tbody>
              ${rows.map((row) => html`<tr>
                <th scope="row">${row.label}</th>
                <td class="num">${formatCount(row.support)}</td>
                <td class="num">${row.predicted === null ? '—' : formatCount(row.predicted)}</td>
                ${cell(row, 'precision')}${cell(row, 'recall')}${cell(row, 'f1')}
              </tr>`)}
            </tbody>
          </table>
        </div>
        <p class="definition">Point values from all labelled samples (scikit-learn's precision_recall_fscore_support); no intervals.</p>
      </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-probe-card': TgProbeCard;
  }
}
