import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Modality, Suite, TaskKind } from '../../core/types';
import { suites as catalogue } from '../../suites/catalogue';
import { describeSuite, type SuiteDescription } from '../../suites/describe';
import { theme } from '../styles/theme';
import { PILLARS, formatParam, pillarTitle } from '../format';
import { groupSuites } from '../elements/result-text';

const MODALITY_TITLES: Record<Modality, string> = { tabular: 'Tabular data', image: 'Images' };
const TASK_TITLES: Record<TaskKind, string> = {
  'binary-classification': 'binary classification',
  'multiclass-classification': 'multiclass classification',
};

type Described = { suite: Suite; description: SuiteDescription | null; error: string | null };

/**
 * The suite catalogue: for each kind of model and data, exactly which probes each suite runs,
 * with which parameters, and what the model and data must offer — so an evaluator knows what a
 * grade is based on before running it.
 */
@customElement('tg-suites-view')
export class TgSuitesView extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .page { display: flex; flex-direction: column; gap: 1.5rem; }
      nav ul { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; padding: 0; margin: 0; list-style: none; }
      nav a { color: var(--tg-accent); }
      section.kind { display: flex; flex-direction: column; gap: 0.9rem; }
      section.kind > h2 { border-bottom: 1px solid var(--tg-border); padding-bottom: 0.3rem; margin: 0; }
      .suite { display: flex; flex-direction: column; gap: 0.6rem; }
      .suite header { display: flex; align-items: baseline; gap: 0.6rem; flex-wrap: wrap; }
      .suite header h3 { margin: 0; }
      .coverage { font-size: 0.875rem; }
      td.probe { min-width: 12rem; }
      td.needs ul { margin: 0; padding-left: 1rem; }
      .probe-description { font-size: 0.8rem; color: var(--tg-muted); max-width: 36rem; }
      .error { color: var(--tg-danger); }
    `,
  ];

  /** The suites to show; the shipped catalogue by default. */
  @property({ attribute: false }) suites: Suite[] = catalogue;

  override render() {
    const groups = groupSuites(this.suites);
    return html`
      <div class="page" data-testid="suites-view">
        <header>
          <h1>Suites</h1>
          <p class="muted">A suite is a versioned list of probes with their parameters. The grade a run receives is based
            only on what its suite measured; pillars a suite does not cover are reported as not assessed.</p>
          <nav aria-label="Kinds of model">
            <ul>${groups.map((g) => html`<li><a href=${`#suites-${g.modality}-${g.task}`} @click=${(e: Event) => this.jump(e, g)}>${MODALITY_TITLES[g.modality]} · ${TASK_TITLES[g.task]}</a></li>`)}</ul>
          </nav>
        </header>
        ${groups.map((g) => html`
          <section class="kind" id=${`suites-${g.modality}-${g.task}`} data-modality=${g.modality} data-task=${g.task}>
            <h2>${MODALITY_TITLES[g.modality]} · ${TASK_TITLES[g.task]}</h2>
            ${g.suites.map((s) => this.renderSuite(describe(s)))}
          </section>`)}
      </div>
    `;
  }

  private renderSuite({ suite, description: d, error }: Described) {
    if (!d) {
      return html`<article class="suite card" data-testid="suite-card" data-suite-id=${suite.id}>
        <header><h3>${suite.title}</h3><code>${suite.id}</code> <span class="muted">v${suite.version}</span></header>
        <p class="error">This suite cannot be described: ${error}</p>
      </article>`;
    }
    const missing = PILLARS.filter((p) => !d.pillars.includes(p));
    return html`
      <article class="suite card" data-testid="suite-card" data-suite-id=${d.id}>
        <header>
          <h3>${d.title}</h3>
          <code>${d.id}</code>
          <span class="muted">version ${d.version}</span>
        </header>
        <p>${d.description}</p>
        <p class="coverage">
          <strong>Measures:</strong> ${d.pillars.length ? d.pillars.map(pillarTitle).join(', ') : 'nothing yet'}.
          ${missing.length ? html`<span class="muted"><strong>Not assessed by this suite:</strong> ${missing.map(pillarTitle).join(', ')}.</span>` : nothing}
        </p>
        <div class="scroll-x">
          <table class="data" data-testid="suite-probes">
            <thead><tr><th>probe</th><th>pillar</th><th>headline metric</th><th>parameters</th><th>needs</th></tr></thead>
            <tbody>
              ${d.probes.map((p) => html`<tr data-probe-id=${p.id}>
                <td class="probe">
                  <strong>${p.title}</strong> <code class="muted small">${p.id}</code> <span class="muted small">v${p.version}</span>
                  <details><summary>What it measures</summary><div class="probe-description">${p.description}</div></details>
                </td>
                <td>${pillarTitle(p.pillar)}</td>
                <td>
                  ${p.metric.title} <span class="muted small">(${p.metric.direction} is better, range ${formatParam(p.metric.range[0])}–${formatParam(p.metric.range[1])})</span>
                  ${p.metric.definition ? html`<div class="probe-description">${p.metric.definition}</div>` : nothing}
                </td>
                <td>${Object.keys(p.params).length === 0 ? html`<span class="muted">none</span>`
                  : html`${Object.entries(p.params).map(([k, v]) => html`<div class="nowrap"><code>${k}</code> = <code>${formatParam(v)}</code></div>`)}`}</td>
                <td class="needs">${p.needs.length === 0 ? html`<span class="muted">any model and data</span>`
                  : html`<ul>${p.needs.map((n) => html`<li>${n}</li>`)}</ul>`}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>
      </article>`;
  }

  /** In-page links would change the app's hash route; scroll instead. */
  private jump(event: Event, g: { modality: Modality; task: TaskKind }) {
    event.preventDefault();
    this.renderRoot.querySelector(`#suites-${g.modality}-${g.task}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

function describe(suite: Suite): Described {
  try {
    return { suite, description: describeSuite(suite), error: null };
  } catch (error) {
    return { suite, description: null, error: (error as Error).message };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-suites-view': TgSuitesView;
  }
}
