import { LitElement, html, svg, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import type { DependenceCurve } from './explain-details';
import { DEPENDENCE_CHART, dependenceLayout } from './explain-geometry';

const { width: W, height: H, pad: P } = DEPENDENCE_CHART;
const CLASS_STROKES = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];

/** Partial dependence (Friedman 2001): one small chart per numeric column, probability against the column's raw value. */
@customElement('tg-explain-dependence')
export class TgExplainDependence extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .multiples { display: flex; flex-wrap: wrap; gap: 0.6rem; }
      .grid { stroke: #e4e8ec; }
      .frame { fill: none; stroke: var(--tg-border); }
      path { fill: none; stroke-width: 1.8; }
      .c0 { stroke: #2f5f99; } .c1 { stroke: #d08c2e; } .c2 { stroke: #5a9e6f; } .c3 { stroke: #b5466b; } .c4 { stroke: #7a5fb0; } .c5 { stroke: #59636e; }
      circle { fill: #2f5f99; }
      .tick { font-size: 9px; fill: var(--tg-muted); font-family: var(--tg-font); }
      .title { font-size: 11px; font-weight: 600; fill: var(--tg-text); font-family: var(--tg-font); }
    `,
  ];

  @property({ attribute: false }) curves: DependenceCurve[] = [];

  override render() {
    if (this.curves.length === 0) return nothing;
    return html`<div class="multiples">${this.curves.map((c) => this.chart(c))}</div>`;
  }

  private chart(c: DependenceCurve) {
    const { lo, hi, yLow, yHigh, y, paths } = dependenceLayout(c);
    const summary = `Partial dependence on ${c.column}: ${c.classes.map((cls, k) => `p(${cls}) from ${formatNumber(c.values[k][0], { digits: 3 })} to ${formatNumber(c.values[k][c.values[k].length - 1], { digits: 3 })}`).join('; ')} as ${c.column} goes from ${formatNumber(lo)} to ${formatNumber(hi)}`;
    return html`<svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary} data-testid="explain-dependence">
      ${svg`
        <rect class="frame" x=${P.left} y=${P.top} width=${W - P.left - P.right} height=${H - P.top - P.bottom}></rect>
        ${[yLow, (yLow + yHigh) / 2, yHigh].map((t) => svg`<text class="tick" x=${P.left - 4} y=${y(t) + 3} text-anchor="end">${formatNumber(t, { digits: 2 })}</text>`)}
        <text class="tick" x=${P.left} y=${H - P.bottom + 11} text-anchor="start">${formatNumber(lo, { digits: 2 })}</text>
        <text class="tick" x=${W - P.right} y=${H - P.bottom + 11} text-anchor="end">${formatNumber(hi, { digits: 2 })}</text>
        <text class="title" x=${P.left} y=${P.top - 4}>${c.classes.length === 1 ? `p(${c.classes[0]}) by ${c.column}` : `probabilities by ${c.column}`}</text>
        <text class="tick" x=${(P.left + W - P.right) / 2} y=${H - 4} text-anchor="middle">${`${c.column} (raw value)`}</text>
        ${c.values.map((v, k) => svg`<path class=${CLASS_STROKES[k % CLASS_STROKES.length]} d=${paths[k]}>
          <title>${`p(${c.classes[k]})`}</title></path>`)}
      `}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-explain-dependence': TgExplainDependence;
  }
}
