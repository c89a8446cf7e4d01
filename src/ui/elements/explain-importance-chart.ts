import { LitElement, html, svg, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import { ticks } from './explain-chart-math';
import { IMPORTANCE_CHART, importanceLayout } from './explain-geometry';

/** One bar of a global-importance chart. */
export interface ImportanceItem {
  name: string;
  value: number;
  /** Interval ends, drawn as a whisker when given. */
  low?: number | null;
  high?: number | null;
  /** Drawn in the highlight colour (a sensitive column). */
  highlight?: boolean;
  /** A second value drawn as a thinner bar below (e.g. the randomised model's). */
  compare?: number | null;
}

const { labelW: LABEL_W, plotW: PLOT_W, row: ROW, top: TOP } = IMPORTANCE_CHART;

/** Horizontal bars, largest first, with optional interval whiskers and a comparison bar. */
@customElement('tg-explain-importance-chart')
export class TgExplainImportanceChart extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      svg { display: block; max-width: 100%; height: auto; }
      .name { font-size: 11px; fill: var(--tg-text); font-family: var(--tg-font); }
      .name.highlight { fill: var(--tg-danger); font-weight: 600; }
      .tick, .axis { font-size: 9px; fill: var(--tg-muted); font-family: var(--tg-font); }
      .axis { font-size: 10px; }
      .grid { stroke: #e4e8ec; }
      .zero { stroke: var(--tg-muted); }
      .bar { fill: #4f86c6; }
      .bar.highlight { fill: #d05a4e; }
      .compare { fill: #b9c2cc; }
      .whisker { stroke: #1f2328; stroke-width: 1.2; }
      .legend { font-size: 0.78rem; color: var(--tg-muted); margin: 0.2rem 0 0; }
    `,
  ];

  @property({ attribute: false }) items: ImportanceItem[] = [];
  @property() axisLabel = '';
  @property() compareLabel = '';
  @property() valueLabel = '';

  override render() {
    if (this.items.length === 0) return nothing;
    const { items, domain, x, width, height, hasCompare } = importanceLayout(this.items);
    const top = TOP;
    return html`
      <svg width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img"
        aria-label=${`${this.axisLabel}: ${items.map((i) => `${i.name} ${formatNumber(i.value, { digits: 3 })}`).join(', ')}`} data-testid="explain-importance-chart">
        ${svg`
          ${ticks(domain, 4).map((t) => svg`
            <line class=${t === 0 ? 'zero' : 'grid'} x1=${x(t)} x2=${x(t)} y1=${top - 4} y2=${top + items.length * ROW}></line>
            <text class="tick" x=${x(t)} y=${10} text-anchor="middle">${formatNumber(t, { digits: 3 })}</text>`)}
          ${items.map((item, k) => {
            const y = top + k * ROW;
            const h = hasCompare ? 8 : 12;
            return svg`
              <text class=${`name ${item.highlight ? 'highlight' : ''}`} x=${LABEL_W - 8} y=${y + 11} text-anchor="end">${item.name}${item.highlight ? ' (sensitive)' : ''}</text>
              <rect class=${`bar ${item.highlight ? 'highlight' : ''}`} x=${Math.min(x(0), x(item.value))} y=${y + 2} width=${Math.max(0.5, Math.abs(x(item.value) - x(0)))} height=${h}>
                <title>${`${item.name}: ${formatNumber(item.value, { digits: 4 })}${item.low != null && item.high != null ? ` (95 % CI ${formatNumber(item.low, { digits: 4 })} to ${formatNumber(item.high, { digits: 4 })})` : ''}`}</title>
              </rect>
              ${item.low != null && item.high != null ? svg`<line class="whisker" x1=${x(item.low)} x2=${x(item.high)} y1=${y + 2 + h / 2} y2=${y + 2 + h / 2}></line>` : nothing}
              ${hasCompare && item.compare != null ? svg`<rect class="compare" x=${Math.min(x(0), x(item.compare))} y=${y + 11} width=${Math.max(0.5, Math.abs(x(item.compare) - x(0)))} height="6">
                <title>${`${this.compareLabel}: ${formatNumber(item.compare, { digits: 4 })}`}</title></rect>` : nothing}`;
          })}
          <text class="axis" x=${LABEL_W + PLOT_W / 2} y=${height - 6} text-anchor="middle">${this.axisLabel}</text>
        `}
      </svg>
      ${hasCompare ? html`<p class="legend">Dark bars: ${this.valueLabel}; light bars: ${this.compareLabel}.</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-explain-importance-chart': TgExplainImportanceChart;
  }
}
