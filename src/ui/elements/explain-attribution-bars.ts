import { LitElement, html, svg, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import type { AttributionRow } from './explain-details';
import { ticks } from './explain-chart-math';
import { ATTRIBUTION_BARS, attributionLayout } from './explain-geometry';

const METHOD_TITLES: Record<string, string> = { 'kernel-shap': 'KernelSHAP', lime: 'LIME', 'integrated-gradients': 'Integrated Gradients' };
const { labelW: LABEL_W, barH: BAR_H, top: TOP } = ATTRIBUTION_BARS;

/**
 * The attributions of one table row, column by column, as bars either side of zero: one bar per
 * method (KernelSHAP, LIME, Integrated Gradients when present), columns ordered by the size of
 * their KernelSHAP value, each named with the value the row holds. A picker chooses the row.
 */
@customElement('tg-explain-attribution-bars')
export class TgExplainAttributionBars extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .top { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center; margin-bottom: 0.35rem; font-size: 0.85rem; }
      svg { display: block; max-width: 100%; height: auto; }
      .name { font-size: 11px; fill: var(--tg-text); font-family: var(--tg-font); }
      .value { font-size: 10px; fill: var(--tg-muted); font-family: var(--tg-font); }
      .tick { font-size: 9px; fill: var(--tg-muted); font-family: var(--tg-font); }
      .grid { stroke: #e4e8ec; }
      .zero { stroke: var(--tg-muted); }
      .m0 { fill: #2f5f99; } .m1 { fill: #d08c2e; } .m2 { fill: #5a9e6f; }
      .key { display: inline-block; width: 0.8rem; height: 0.55rem; margin-right: 0.25rem; vertical-align: middle; }
      .key.m0 { background: #2f5f99; } .key.m1 { background: #d08c2e; } .key.m2 { background: #5a9e6f; }
      .legend { display: flex; gap: 0.8rem; font-size: 0.78rem; color: var(--tg-muted); }
      .facts { font-size: 0.8rem; color: var(--tg-muted); margin: 0.2rem 0 0; }
    `,
  ];

  @property({ attribute: false }) features: string[] = [];
  @property({ attribute: false }) rows: AttributionRow[] = [];
  @property({ attribute: false }) methods: string[] = ['kernel-shap', 'lime'];
  /** The class whose probability the attributions explain, when it is the same for all rows. */
  @property({ attribute: false }) explainedClass: string | null = null;
  /** 'probability' or 'margin': what the attributions explain. */
  @property() scale = 'probability';
  @state() private selected = 0;

  override render() {
    const row = this.rows[Math.min(this.selected, this.rows.length - 1)];
    if (!row) return nothing;
    const { methods, order, domain, x, band, width, height } = attributionLayout(row, this.methods);
    const top = TOP;
    const cls = this.explainedClass ?? row.class;
    const what = this.scale === 'margin' ? 'logit margin' : 'probability';
    return html`
      <div class="top">
        <label>Row <select data-testid="explain-row" @change=${(e: Event) => { this.selected = Number((e.target as HTMLSelectElement).value); }}>
          ${this.rows.map((r, i) => html`<option value=${i} ?selected=${i === this.selected}>#${r.index + 1} — p(${r.class}) ${formatNumber(r.probability, { digits: 3 })}${r.label !== null ? ` — label ${r.label}` : ''}</option>`)}
        </select></label>
        <span class="legend">${methods.map((m, i) => html`<span><span class="key m${i}"></span>${METHOD_TITLES[m] ?? m}</span>`)}</span>
      </div>
      <svg width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img"
        aria-label=${`Attributions of row ${row.index + 1} for the ${what} of ${cls}`} data-testid="explain-attribution-bars">
        ${svg`
          ${ticks(domain, 4).map((t) => svg`
            <line class=${t === 0 ? 'zero' : 'grid'} x1=${x(t)} x2=${x(t)} y1=${top - 4} y2=${height - 4}></line>
            <text class="tick" x=${x(t)} y=${10} text-anchor="middle">${formatNumber(t, { digits: 3 })}</text>`)}
          ${order.map((f, k) => {
            const y0 = top + k * band;
            return svg`
              <text class="name" x=${LABEL_W - 8} y=${y0 + band / 2 - 1} text-anchor="end">${this.features[f]}</text>
              <text class="value" x=${LABEL_W - 8} y=${y0 + band / 2 + 9} text-anchor="end">${row.values[f]}</text>
              ${methods.map((m, i) => {
                const v = row.methods[m][f];
                const left = Math.min(x(0), x(v));
                return svg`<rect class="m${i}" x=${left} y=${y0 + i * BAR_H} width=${Math.max(0.5, Math.abs(x(v) - x(0)))} height=${BAR_H - 1}>
                  <title>${`${METHOD_TITLES[m] ?? m}: ${this.features[f]} = ${row.values[f]} → ${formatNumber(v, { digits: 4 })}`}</title></rect>`;
              })}`;
          })}
        `}
      </svg>
      <p class="facts">Bars to the right push the ${what} of <b>${cls}</b> up, to the left down. This row: ${what} ${formatNumber(row.explained, { digits: 4 })}
        (probability ${formatNumber(row.probability, { digits: 4 })}); the average over the background rows is ${formatNumber(row.base, { digits: 4 })}, and the KernelSHAP values add up to the difference.
        Model's prediction: ${row.predicted}${row.label !== null ? `; label: ${row.label}` : ''}.</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-explain-attribution-bars': TgExplainAttributionBars;
  }
}
