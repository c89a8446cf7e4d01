import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatPercent } from '../format';
import type { FaultRow } from './privacy-details';

/**
 * What the model did with each kind of hostile input: how many it handled (finite probabilities),
 * how many gave non-finite output or an error — each such failure contained by the harness — and
 * the first error message. The per-input outcomes are behind a disclosure.
 */
@customElement('tg-privacy-fault-table')
export class TgPrivacyFaultTable extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      td.bad { color: var(--tg-danger); font-weight: 600; }
      td.good { color: var(--tg-ok); font-weight: 600; }
      .example { font-family: var(--tg-mono); font-size: 0.8rem; overflow-wrap: anywhere; max-width: 28rem; }
      ul { margin: 0.2rem 0 0; padding-left: 1.1rem; font-size: 0.8rem; }
    `,
  ];

  @property({ attribute: false }) rows: FaultRow[] = [];

  override render() {
    if (this.rows.length === 0) return html`<p class="muted">No hostile inputs were fed.</p>`;
    return html`
      <div class="scroll-x">
        <table class="data" data-testid="fault-table">
          <caption>Hostile inputs by kind</caption>
          <thead><tr>
            <th>kind</th><th class="num">inputs</th><th class="num">handled</th><th class="num">non-finite output</th>
            <th class="num">error</th><th>contained by the harness</th><th>first error</th>
          </tr></thead>
          <tbody>${this.rows.map((r) => {
            const failed = r.inputs - r.handled;
            return html`<tr data-kind=${r.kind}>
              <th scope="row" title=${r.description}>${r.title}<br><span class="muted small">${r.description}</span></th>
              <td class="num">${formatCount(r.inputs)}</td>
              <td class="num nowrap ${r.handled === r.inputs ? 'good' : 'bad'}">${formatCount(r.handled)} (${formatPercent(r.handled / r.inputs, 0)})</td>
              <td class="num">${formatCount(r.nonFinite)}</td>
              <td class="num">${formatCount(r.errors)}</td>
              <td>${failed === 0 ? html`<span class="muted">nothing to contain</span>` : html`<span class="badge ok">all ${formatCount(failed)}</span>`}</td>
              <td>${r.example ? html`<span class="example">${r.example}</span>` : html`<span class="muted">—</span>`}</td>
            </tr>`;
          })}</tbody>
        </table>
      </div>
      ${this.rows.some((r) => r.variants.length > 0) ? html`
        <details>
          <summary>Show every hostile input's outcome</summary>
          ${this.rows.map((r) => r.variants.length === 0 ? nothing : html`<div><strong>${r.title}</strong>
            <ul>${r.variants.map((v) => html`<li>${v}</li>`)}</ul></div>`)}
        </details>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-privacy-fault-table': TgPrivacyFaultTable;
  }
}
