import { LitElement, html, svg, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatNumber } from '../format';
import type { BarRow } from './fairness-chart-math';
import { BARS, barsLayout, shorten } from './fairness-bars-geometry';

export type { BarRow } from './fairness-chart-math';

const { labelW: LABEL_W, plotW: PLOT_W, rowH: ROW_H, top: TOP } = BARS;

const f3 = (v: number) => formatNumber(v, { fixed: true, digits: 3 });

/**
 * A metric per group as horizontal bars with interval whiskers, one row per group. Groups below
 * the minimum size are drawn faintly with their size and never given a whisker (they are not
 * judged); undefined values and untestable rows say why instead of drawing a bar. An optional
 * dashed reference line marks, for example, four-fifths of the highest selection rate.
 */
@customElement('tg-fairness-group-bars')
export class TgFairnessGroupBars extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      figure { margin: 0; }
      svg { display: block; max-width: 100%; height: auto; }
      h5 { margin: 0 0 0.2rem; font-size: 0.85rem; }
      .label { fill: var(--tg-text); font-size: 11px; font-family: var(--tg-font); }
      .count { fill: var(--tg-muted); font-size: 10.5px; font-family: var(--tg-font); }
      .why { fill: var(--tg-warn); font-size: 10.5px; font-family: var(--tg-font); }
      .tick { fill: var(--tg-muted); font-size: 10px; font-family: var(--tg-font); }
      .grid { stroke: #e4e8ec; stroke-width: 1; }
      .bar { fill: #7aa7d9; }
      .bar.small { fill: #e4e8ec; stroke: #9aa5b1; stroke-dasharray: 3 2; }
      .whisker { stroke: #0b3d73; stroke-width: 1.5; }
      .dot { fill: #0b3d73; }
      .reference { stroke: var(--tg-danger); stroke-width: 1.25; stroke-dasharray: 5 3; }
      .reference-label { fill: var(--tg-danger); font-size: 10px; font-family: var(--tg-font); }
      figcaption { font-size: 0.78rem; color: var(--tg-muted); max-width: 610px; }
    `,
  ];

  @property({ attribute: false }) rows: BarRow[] = [];
  @property() heading = '';
  /** Largest value the metric can take (1 for rates, 2 for mean benefit). */
  @property({ type: Number }) limit = 1;
  /** A dashed vertical line, e.g. { value: 0.8 × max, label: '4/5 of highest' }. */
  @property({ attribute: false }) reference: { value: number; label: string } | null = null;
  @property() caption = '';

  override render() {
    const rows = this.rows;
    if (rows.length === 0) return html`<p class="muted">No groups to show.</p>`;
    const layout = barsLayout(rows, this.limit);
    const { x, plotBottom, width: W, height, top: hi } = layout;
    const lo = 0;
    const summary = `${this.heading}: ${rows.map((r) => `${r.label} ${r.value === null ? 'undefined' : f3(r.value)}${r.status === 'insufficient-data' ? ' (insufficient data)' : ''}`).join('; ')}`;
    return html`
      <figure>
        ${this.heading ? html`<h5>${this.heading}</h5>` : null}
        <svg width=${W} height=${height} viewBox="0 0 ${W} ${height}" role="img" aria-label=${summary} data-testid="fairness-bars">
          ${svg`
            ${layout.ticks.map((t) => svg`
              <line class="grid" x1=${t.at} x2=${t.at} y1=${TOP} y2=${plotBottom}></line>
              <text class="tick" x=${t.at} y=${plotBottom + 14} text-anchor="middle">${t.text}</text>`)}
            ${rows.map((r, i) => this.renderRow(r, TOP + i * ROW_H, x))}
            ${this.reference && this.reference.value >= lo && this.reference.value <= hi ? svg`
              <line class="reference" x1=${x(this.reference.value)} x2=${x(this.reference.value)} y1=${TOP - 4} y2=${plotBottom}></line>
              <text class="reference-label" x=${x(this.reference.value) + 3} y=${plotBottom + 24}>${this.reference.label}</text>` : null}
          `}
        </svg>
        ${this.caption ? html`<figcaption>${this.caption}</figcaption>` : null}
      </figure>
    `;
  }

  private renderRow(r: BarRow, top: number, x: (v: number) => number) {
    const mid = top + ROW_H / 2;
    const label = svg`<text class="label" x=${LABEL_W - 8} y=${mid + 4} text-anchor="end">${shorten(r.label)}<title>${r.label}</title></text>`;
    if (r.status === 'untestable' || r.value === null) {
      return svg`${label}<text class="why" x=${LABEL_W + 4} y=${mid + 4}>${shorten(`${r.status === 'untestable' ? 'not tested' : 'undefined'} — ${r.reason ?? 'no reason recorded'}`, 70)}<title>${r.reason ?? ''}</title></text>`;
    }
    const small = r.status === 'insufficient-data';
    const tip = `${r.label}: ${f3(r.value)}${r.low !== null && r.high !== null && !small ? ` (interval ${f3(r.low)}–${f3(r.high)})` : ''}, n = ${formatCount(r.n)}${small ? ', insufficient data: not judged' : ''}`;
    return svg`
      ${label}
      <rect class=${small ? 'bar small' : 'bar'} x=${x(0)} y=${top + 5} width=${Math.max(1, x(r.value) - x(0))} height=${ROW_H - 10}><title>${tip}</title></rect>
      ${!small && r.low !== null && r.high !== null ? svg`
        <line class="whisker" x1=${x(r.low)} x2=${x(r.high)} y1=${mid} y2=${mid}></line>
        <line class="whisker" x1=${x(r.low)} x2=${x(r.low)} y1=${mid - 5} y2=${mid + 5}></line>
        <line class="whisker" x1=${x(r.high)} x2=${x(r.high)} y1=${mid - 5} y2=${mid + 5}></line>` : null}
      ${small ? null : svg`<circle class="dot" cx=${x(r.value)} cy=${mid} r="2.5"></circle>`}
      <text class=${small ? 'why' : 'count'} x=${LABEL_W + PLOT_W + 10} y=${mid + 4}>${small ? `insufficient data, n = ${formatCount(r.n)}` : `${f3(r.value)} · n = ${formatCount(r.n)}`}</text>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-fairness-group-bars': TgFairnessGroupBars;
  }
}
