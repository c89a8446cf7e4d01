import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Pillar, ProbeResult, Run, RunStatus } from '../../core/types';
import { theme } from '../styles/theme';
import {
  formatCount, formatDate, formatDuration, formatEstimate, formatParam, pillarTitle, probeStatusText, runStatusText,
} from '../format';
import { lookUpProbe } from '../elements/probe-card';
import { groupByPillar, runStatusSentence } from '../elements/result-text';
import '../elements/probe-card';
import '../elements/model-card';
import '../elements/hash-value';
import './report-panel';
import { ProgressiveReveal } from './progressive-reveal';
import { prepareDetails } from '../pillars';
import type { ImportedReport } from '../../report/import';

/**
 * The parts of the page drawn one per frame, in order; the probe cards follow the glance, each in
 * two parts: the card, then its pillar's charts and pictures.
 */
const REPORT = 0;
const GLANCE = 1;
const FIRST_CARD = 2;
const PARTS_PER_CARD = 2;

const STATUS_CLASS: Record<RunStatus, string> = { running: 'info', complete: 'ok', failed: 'danger', cancelled: 'warn', interrupted: 'warn' };

/**
 * The results page of one run: what was evaluated and how, every probe's result grouped by pillar
 * (pillars this run did not measure are named as not assessed), the model, and the provenance
 * someone needs to reproduce it. Emits `tg-export-json` and `tg-delete` (detail: { run }).
 * The page draws in parts, one per frame, so that no single task draws it all: the header first,
 * then the trust report, the table at a glance, each probe card in turn, and the model and
 * provenance last; `data-rendered="all"` on the page says the last part is drawn.
 */
@customElement('tg-run-view')
export class TgRunView extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .page { display: flex; flex-direction: column; gap: 1.25rem; }
      .head { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; flex-wrap: wrap; }
      .head h1 { margin: 0 0 0.2rem; overflow-wrap: anywhere; }
      .sub { color: var(--tg-muted); }
      .sub strong { color: var(--tg-text); font-weight: 600; }
      .status-line { display: flex; gap: 0.5rem; align-items: center; }
      .badge.big { font-size: 0.9rem; padding: 0.15rem 0.7rem; }
      .facts-row { display: flex; flex-wrap: wrap; gap: 0.4rem 2rem; margin: 0; }
      .facts-row div { display: flex; flex-direction: column; }
      .facts-row dt { color: var(--tg-muted); font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; }
      .facts-row dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
      .notice { border-left: 4px solid var(--tg-warn); background: var(--tg-warn-soft); padding: 0.6rem 0.85rem; border-radius: 0 var(--tg-radius) var(--tg-radius) 0; overflow-wrap: anywhere; }
      .notice.failed { border-left-color: var(--tg-danger); background: var(--tg-danger-soft); }
      .actions { display: flex; gap: 0.5rem; }
      section.pillar { display: flex; flex-direction: column; gap: 0.75rem; }
      section.pillar > h2 { border-bottom: 1px solid var(--tg-border); padding-bottom: 0.3rem; margin: 0; }
      .not-assessed { margin: 0; padding-left: 1.2rem; }
      .not-assessed li { margin-bottom: 0.2rem; }
      .glance td, .glance th { vertical-align: middle; }
      .glance .result { min-width: 18rem; }
      details.block > summary { font-size: 1.05rem; font-weight: 600; color: var(--tg-text); }
      section.card h3 { margin-top: 1rem; }
    `,
  ];

  @property({ attribute: false }) run: Run | null = null;
  /** A report read from a file, whose grading and signature check the report panel shows. */
  @property({ attribute: false }) imported: ImportedReport | null = null;
  /** The model card (operator tables can be long) is drawn once its section is opened. */
  @state() private modelOpen = false;
  /** The results in the order their cards appear on the page (pillar by pillar). */
  private inPageOrder: ProbeResult[] = [];
  /** How many parts of the page are drawn so far: the report, the glance, each card, the rest. */
  private readonly parts = new ProgressiveReveal(this, (i) => {
    const detailsPart = (i - FIRST_CARD) % PARTS_PER_CARD === 1;
    const result = this.inPageOrder[Math.floor((i - FIRST_CARD) / PARTS_PER_CARD)];
    return result && detailsPart ? prepareDetails(result) : [];
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('run')) return;
    this.inPageOrder = [...groupByPillar(this.run?.results ?? []).values()].flat();
    this.parts.restart(FIRST_CARD + PARTS_PER_CARD * this.inPageOrder.length + 1);
  }

  /** Whether part `index` of the page is drawn yet. */
  private drawn(index: number): boolean {
    return this.parts.shown > index;
  }

  override render() {
    const run = this.run;
    if (!run) return nothing;
    const groups = groupByPillar(run.results);
    const measured = [...groups].filter(([, list]) => list.length > 0);
    const notAssessed = [...groups].filter(([, list]) => list.length === 0).map(([p]) => p);
    const statusSentence = runStatusSentence(run.status, run.error);
    return html`
      <div class="page" data-testid="run-view" data-run-id=${run.id} data-rendered=${this.parts.done ? 'all' : 'partial'}>
        ${this.renderHeader(run)}
        ${statusSentence ? html`<div class="notice ${run.status}" role=${run.status === 'failed' ? 'alert' : 'status'} data-testid="run-error">${statusSentence}</div>` : nothing}
        ${this.drawn(REPORT) ? html`<tg-report-panel .run=${run} .imported=${this.imported}></tg-report-panel>` : nothing}
        ${this.drawn(GLANCE) ? this.renderGlance(run) : nothing}
        ${this.renderPillars(measured)}
        ${this.drawn(FIRST_CARD + PARTS_PER_CARD * this.inPageOrder.length) ? this.renderRest(run, notAssessed) : nothing}
      </div>
    `;
  }

  /** What follows the probe cards: the pillars not assessed, the model and the provenance. */
  private renderRest(run: Run, notAssessed: Pillar[]) {
    return html`
        ${notAssessed.length > 0 ? html`
          <section class="pillar" data-testid="not-assessed">
            <h2>Not assessed in this run</h2>
            <p class="muted">Suite <code>${run.suite.id}</code> v${run.suite.version} has no probe of these pillars for ${run.suite.modality} ${run.suite.task.replace('-', ' ')} models.
              Not assessed is not passed: nothing is known about them from this run.</p>
            <ul class="not-assessed">
              ${notAssessed.map((p) => html`<li data-pillar=${p}><strong>${pillarTitle(p)}</strong> — not assessed in this run</li>`)}
            </ul>
          </section>` : nothing}
        <details class="block card" @toggle=${(e: Event) => { this.modelOpen = (e.target as HTMLDetailsElement).open; }}>
          <summary>Model</summary>
          ${this.modelOpen ? html`<tg-model-card .info=${run.model}></tg-model-card>` : nothing}
        </details>
        ${this.renderProvenance(run)}`;
  }

  /** The pillar sections with the probe cards drawn so far; a section appears with its first card. */
  private renderPillars(measured: [Pillar, ProbeResult[]][]) {
    let index = 0;
    return measured.map(([pillar, list]) => {
      const cards = list.map((r) => {
        const part = FIRST_CARD + PARTS_PER_CARD * index++;
        return this.drawn(part) ? html`<tg-probe-card .result=${r} .detailsShown=${this.drawn(part + 1)}></tg-probe-card>` : nothing;
      });
      if (!this.drawn(FIRST_CARD + PARTS_PER_CARD * (index - list.length))) return nothing;
      return html`
        <section class="pillar" data-testid="pillar-section" data-pillar=${pillar}>
          <h2>${pillarTitle(pillar)}</h2>
          ${cards}
        </section>`;
    });
  }

  private renderHeader(run: Run) {
    const duration = run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.createdAt) : Number.NaN;
    return html`
      <header class="head">
        <div>
          <h1 data-testid="run-model-name">${run.model.name}</h1>
          <div class="sub">
            on <strong data-testid="run-dataset-name">${run.dataset.name}</strong>
            · suite <strong>${run.suite.id}</strong> v${run.suite.version}
            (${run.suite.modality}, ${run.suite.task.replace('-', ' ')})
            ${run.label ? html` · ${run.label.family} <strong>${run.label.version}</strong>` : nothing}
          </div>
        </div>
        <div class="status-line">
          <span class="badge big ${STATUS_CLASS[run.status] ?? ''}" data-testid="run-status">${runStatusText(run.status)}</span>
          <div class="actions">
            <button type="button" data-testid="export-json" @click=${() => this.emit('tg-export-json')}>Export JSON</button>
            <button type="button" class="danger" data-testid="delete-run" @click=${() => this.emit('tg-delete')}>Delete</button>
          </div>
        </div>
      </header>
      <dl class="facts-row">
        <div><dt>Date</dt><dd>${formatDate(run.createdAt)}</dd></div>
        <div><dt>Samples</dt><dd data-testid="run-samples">${formatCount(run.samples)}${run.limit !== null ? html` <span class="muted">(limit ${formatCount(run.limit)})</span>` : nothing}</dd></div>
        <div><dt>Seed</dt><dd data-testid="run-seed">${run.seed}</dd></div>
        <div><dt>Backend</dt><dd data-testid="run-backend">${run.environment.backend}</dd></div>
        <div><dt>Duration</dt><dd>${Number.isFinite(duration) ? formatDuration(duration) : 'not finished'}</dd></div>
      </dl>`;
  }

  private renderGlance(run: Run) {
    if (run.results.length === 0) return html`<p class="muted">No probe finished in this run.</p>`;
    return html`
      <section>
        <h2>At a glance</h2>
        <div class="scroll-x">
          <table class="data glance" data-testid="run-glance">
            <thead><tr><th>probe</th><th>pillar</th><th>status</th><th class="result">headline result</th></tr></thead>
            <tbody>
              ${run.results.map((r) => {
                const facts = lookUpProbe(r.probeId);
                return html`<tr data-probe-id=${r.probeId}>
                  <th scope="row">${facts?.title ?? r.probeId}${facts ? html` <span class="muted small">(${facts.metric.title})</span>` : nothing}</th>
                  <td>${pillarTitle(r.pillar)}</td>
                  <td>${probeStatusText(r.status)}</td>
                  <td class="result" data-testid="glance-value">${r.measurement ? formatEstimate(r.measurement) : (r.reason ?? '—')}</td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </section>`;
  }

  private renderProvenance(run: Run) {
    const env = run.environment;
    return html`
      <section class="card" data-testid="provenance">
        <h2>Provenance</h2>
        <p class="muted small">Everything needed to reproduce these numbers: the same model and dataset bytes, suite, probe versions and parameters, binding and seed, on the same backend.</p>
        <dl class="facts">
          <dt>Run</dt><dd><code>${run.id}</code></dd>
          <dt>Started</dt><dd>${formatDate(run.createdAt)}</dd>
          <dt>Finished</dt><dd>${run.finishedAt ? formatDate(run.finishedAt) : 'not finished'}</dd>
          <dt>Model</dt><dd>${run.model.name} <span class="muted">(${run.model.format})</span></dd>
          <dt>Model SHA-256</dt><dd><tg-hash full data-testid="provenance-model-sha" .value=${run.model.sha256}></tg-hash></dd>
          <dt>Dataset</dt>
          <dd>${run.dataset.name} <span class="muted">(id <code>${run.dataset.id}</code>, ${run.dataset.format}, ${formatCount(run.dataset.rows)} rows${run.dataset.license ? `, licence ${run.dataset.license}` : ''})</span>
            ${run.dataset.source ? html`<div class="small muted">Source: ${run.dataset.source}</div>` : nothing}</dd>
          <dt>Dataset SHA-256</dt><dd><tg-hash full data-testid="provenance-dataset-sha" .value=${run.dataset.sha256}></tg-hash></dd>
          <dt>Suite</dt><dd><code>${run.suite.id}</code> version ${run.suite.version} for ${run.suite.modality} ${run.suite.task}</dd>
          <dt>Seed</dt><dd><code>${run.seed}</code></dd>
          <dt>Samples</dt><dd>${formatCount(run.samples)} ${run.limit === null ? '(no limit)' : `(limit ${formatCount(run.limit)})`}</dd>
          <dt>App</dt><dd>TrustGrade <code>${env.app}</code> in ${env.host === 'browser' ? 'the browser' : 'Node'}</dd>
          <dt>Engine</dt><dd><code>${env.engine}</code></dd>
          <dt>Backend</dt><dd><code>${env.backend}</code>, ${env.threads} thread(s)${run.model.backendNote ? html`<div class="small muted">${run.model.backendNote}</div>` : nothing}</dd>
          <dt>Agent</dt><dd class="small">${env.agent}</dd>
        </dl>
        <h3>Probes</h3>
        <div class="scroll-x">
          <table class="data" data-testid="provenance-probes">
            <thead><tr><th>probe</th><th class="num">version</th><th>status</th><th>parameters</th><th class="num">time</th></tr></thead>
            <tbody>
              ${run.results.map((r) => html`<tr>
                <td><code>${r.probeId}</code></td>
                <td class="num">${r.probeVersion}</td>
                <td>${probeStatusText(r.status)}</td>
                <td>${Object.entries(r.params).map(([k, v], i) => html`${i > 0 ? ', ' : ''}<code>${k}=${formatParam(v)}</code>`)}</td>
                <td class="num">${formatDuration(r.durationMs)}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>
        <details>
          <summary>Binding (${run.binding.kind}) as JSON</summary>
          <pre data-testid="provenance-binding">${JSON.stringify(run.binding, null, 2)}</pre>
        </details>
      </section>`;
  }

  private emit(name: 'tg-export-json' | 'tg-delete') {
    this.dispatchEvent(new CustomEvent(name, { detail: { run: this.run }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-run-view': TgRunView;
  }
  interface HTMLElementEventMap {
    'tg-export-json': CustomEvent<{ run: Run }>;
    'tg-delete': CustomEvent<{ run: Run }>;
  }
}
