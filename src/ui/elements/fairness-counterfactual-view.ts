import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatNumber } from '../format';
import type { CounterfactualAttribute } from './fairness-details';
import { flipRows } from './fairness-rows';
import './fairness-group-bars';

export { flipRows } from './fairness-rows';

const f3 = (v: number | null) => (v === null ? 'undefined' : formatNumber(v, { fixed: true, digits: 3 }));


/**
 * The counterfactual flip test, drawn: the share of rows whose decision changes when each
 * sensitive attribute alone is changed, with intervals, how each attribute was changed, the flip
 * rate by the row's own value, and why an attribute could not be tested.
 */
@customElement('tg-fairness-counterfactual-view')
export class TgFairnessCounterfactualView extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .how { font-size: 0.82rem; color: var(--tg-muted); margin: 0.2rem 0 0; padding-left: 1.1rem; }
      .untestable { border-left: 3px solid var(--tg-warn); background: var(--tg-warn-soft); padding: 0.35rem 0.7rem; font-size: 0.85rem; margin: 0.4rem 0; }
      h4 { margin: 0.6rem 0 0.3rem; }
    `,
  ];

  @property({ attribute: false }) results: CounterfactualAttribute[] = [];
  @property({ type: Number }) rowsTested = 0;

  override render() {
    const testable = this.results.filter((a) => a.testable);
    const untestable = this.results.filter((a) => !a.testable);
    return html`
      <tg-fairness-group-bars .rows=${flipRows(this.results)} heading=${`Share of ${formatCount(this.rowsTested)} rows whose decision changes`}></tg-fairness-group-bars>
      ${untestable.map((a) => html`<p class="untestable" data-testid="untestable">Not tested — <strong>${a.attribute}</strong>: ${a.reason}.</p>`)}
      ${testable.length > 0 ? html`
        <ul class="how">${testable.map((a) => html`<li>${a.how ?? a.attribute}; mean |Δ P(favourable)| ${f3(a.meanAbsChange)}, ${f3(a.pairFlipRate)} of single swaps flip.</li>`)}</ul>
        <h4>Flip rate by the row's own value</h4>
        <div class="scroll-x">
          <table class="data">
            <thead><tr><th>attribute</th><th>row's value</th><th class="num">rows</th><th class="num">share whose decision changes</th></tr></thead>
            <tbody>${testable.flatMap((a) => a.fromValues.map((v) => html`<tr>
              <th scope="row">${a.attribute}</th><td>${v.value}</td><td class="num">${formatCount(v.rows)}</td><td class="num">${f3(v.flipRate)}</td>
            </tr>`))}</tbody>
          </table>
        </div>` : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-fairness-counterfactual-view': TgFairnessCounterfactualView;
  }
}
