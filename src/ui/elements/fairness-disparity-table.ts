import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import { FOUR_FIFTHS_TEXT, fourFifths } from './fairness-chart-math';
import type { ValueInterval } from './fairness-details';

/** One disparity of one partition. */
export interface DisparityRow extends ValueInterval {
  partition: string;
  title: string;
  kind: 'difference' | 'ratio';
  /** The groups with the lowest and highest metric value. */
  lowGroup: string | null;
  highGroup: string | null;
  /** Read the value against the four-fifths rule (selection-rate ratios). */
  fourFifths: boolean;
  /** This partition gives the probe's headline or secondary value (the worst case). */
  worst: boolean;
}

const f3 = (v: number) => formatNumber(v, { fixed: true, digits: 3 });

/**
 * Disparities between groups, per partition: each difference and ratio with its interval, the
 * groups it lies between, and for selection-rate ratios how they read against the four-fifths
 * rule. The rows that decide the probe's numbers (the worst partition) are marked.
 */
@customElement('tg-fairness-disparity-table')
export class TgFairnessDisparityTable extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      tr.worst th, tr.worst td { background: var(--tg-surface-alt); }
      .why { color: var(--tg-warn); }
      .between { color: var(--tg-muted); }
      .interval { color: var(--tg-muted); }
    `,
  ];

  @property({ attribute: false }) rows: DisparityRow[] = [];
  @property({ type: Number }) level = 0.95;

  override render() {
    if (this.rows.length === 0) return html`<p class="muted">No disparities to show.</p>`;
    const level = Number((this.level * 100).toFixed(1));
    return html`
      <div class="scroll-x">
        <table class="data" data-testid="fairness-disparities">
          <thead><tr><th>disparity</th><th>groups compared</th><th class="num">value</th><th>${level} % interval</th><th>between (lowest → highest)</th><th>four-fifths rule</th></tr></thead>
          <tbody>
            ${this.rows.map((r) => html`<tr class=${r.worst ? 'worst' : ''} data-partition=${r.partition} data-kind=${r.kind}>
              <th scope="row">${r.title}${r.worst ? html` <span class="badge info" title="This partition gives the probe's reported value">worst</span>` : null}</th>
              <td>${r.partition}</td>
              ${r.value === null
                ? html`<td class="num why" colspan="2">undefined — ${r.reason ?? 'no reason recorded'}</td>`
                : html`<td class="num">${f3(r.value)}</td>
                    <td class="interval nowrap">${r.low !== null && r.high !== null ? `${f3(r.low)} – ${f3(r.high)}` : 'no interval'}</td>`}
              <td class="between">${r.lowGroup && r.highGroup ? `${r.lowGroup} → ${r.highGroup}` : '—'}</td>
              <td>${r.fourFifths ? this.renderFourFifths(r) : html`<span class="muted">—</span>`}</td>
            </tr>`)}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderFourFifths(r: DisparityRow) {
    const reading = fourFifths(r);
    if (reading === null) return html`<span class="muted">undefined</span>`;
    const cls = reading === 'below' ? 'danger' : reading === 'above' ? 'ok' : 'warn';
    return html`<span class="badge ${cls}" data-testid="four-fifths">${FOUR_FIFTHS_TEXT[reading]}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-fairness-disparity-table': TgFairnessDisparityTable;
  }
}
