import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import { FOUR_FIFTHS_TEXT, fourFifths } from './fairness-chart-math';
import type { PartitionSummary } from './fairness-details';
import type { DisparityRow } from './fairness-rows';

export type { DisparityRow } from './fairness-rows';

const f3 = (v: number) => formatNumber(v, { fixed: true, digits: 3 });

/**
 * Disparities between groups: for each criterion and partition, the difference and the ratio
 * with their intervals, the groups they lie between, and for selection rates how the ratio reads
 * against the four-fifths rule. The cells that decide the probe's numbers (the worst partition)
 * are marked.
 */
@customElement('tg-fairness-disparity-table')
export class TgFairnessDisparityTable extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      td.worst { background: var(--tg-accent-soft); }
      tr.first th, tr.first td { border-top: 2px solid var(--tg-border); }
      .why { color: var(--tg-warn); font-size: 0.8rem; }
      .interval, .between { color: var(--tg-muted); font-size: 0.8rem; }
      .value { font-weight: 600; }
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
          <thead><tr>
            <th>criterion</th><th>groups compared</th>
            <th>difference <span class="small">(${level} % CI)</span></th>
            <th>ratio <span class="small">(${level} % CI)</span></th>
            <th>between (lowest → highest)</th><th title="Selection-rate ratio against 0.8 (29 CFR 1607.4(D))">four-fifths</th>
          </tr></thead>
          <tbody>
            ${this.rows.map((r, i) => html`<tr class=${i === 0 || this.rows[i - 1].criterion !== r.criterion ? 'first' : ''} data-criterion=${r.criterion} data-partition=${r.partition}>
              <th scope="row">${i === 0 || this.rows[i - 1].criterion !== r.criterion ? r.criterion : ''}</th>
              <td>${r.partition}</td>
              ${this.cell(r.difference, r.worstDifference)}
              ${this.cell(r.ratio, r.worstRatio)}
              <td class="between">${this.between(r)}</td>
              <td>${r.fourFifths && r.ratio ? this.renderFourFifths(r.ratio) : html`<span class="muted">—</span>`}</td>
            </tr>`)}
          </tbody>
        </table>
      </div>
      <p class="small muted">Shaded cells are the worst partition: they give the values reported above. Four-fifths: the selection-rate ratio read against 0.8 (29 CFR 1607.4(D)), interval included.</p>
    `;
  }

  private cell(v: PartitionSummary | null, worst: boolean) {
    if (!v) return html`<td class="muted">—</td>`;
    if (v.value === null) return html`<td class=${worst ? 'worst' : ''}><span class="why">undefined — ${v.reason ?? 'no reason recorded'}</span></td>`;
    return html`<td class="nowrap ${worst ? 'worst' : ''}"><span class="value">${f3(v.value)}</span>
      <span class="interval">${v.low !== null && v.high !== null ? `(${f3(v.low)}–${f3(v.high)})` : '(no interval)'}</span></td>`;
  }

  private between(r: DisparityRow) {
    const s = r.difference ?? r.ratio;
    return s?.lowGroup && s.highGroup ? `${s.lowGroup} → ${s.highGroup}` : '—';
  }

  private renderFourFifths(ratio: PartitionSummary) {
    const reading = fourFifths(ratio);
    if (reading === null) return html`<span class="muted">undefined</span>`;
    const cls = reading === 'below' ? 'danger' : reading === 'above' ? 'ok' : 'warn';
    const text = FOUR_FIFTHS_TEXT[reading];
    return html`<span class="badge ${cls}" data-testid="four-fifths" title=${text.long}>${text.short}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-fairness-disparity-table': TgFairnessDisparityTable;
  }
}
