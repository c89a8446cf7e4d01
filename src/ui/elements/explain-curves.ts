import { LitElement, html, svg, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import { trapezoidArea } from '../../explain/stats';
import type { CurveSet } from './explain-details';
import { FAITHFULNESS_CHART, faithfulnessLayout } from './explain-geometry';

const { width: W, height: H, pad: P, ticks: TICKS } = FAITHFULNESS_CHART;

/**
 * Deletion and insertion curves (Petsiuk et al. 2018) side by side: the mean class probability as
 * features are removed (or put back) in the explanation's order, against the mean for random
 * orders. A faithful explanation falls below random when deleting and rises above it when inserting.
 */
@customElement('tg-explain-curves')
export class TgExplainCurves extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .pair { display: flex; flex-wrap: wrap; gap: 1rem; }
      svg { display: block; }
      .grid { stroke: #e4e8ec; }
      .frame { fill: none; stroke: var(--tg-border); }
      .method { fill: none; stroke: #2f5f99; stroke-width: 2; }
      .random { fill: none; stroke: #8c959f; stroke-width: 1.5; stroke-dasharray: 5 4; }
      .area { fill: rgba(47, 95, 153, 0.12); }
      .tick { font-size: 9px; fill: var(--tg-muted); font-family: var(--tg-font); }
      .label { font-size: 10.5px; fill: var(--tg-text); font-family: var(--tg-font); }
      .title { font-size: 11px; font-weight: 600; fill: var(--tg-text); font-family: var(--tg-font); }
      .legend { display: flex; gap: 1rem; font-size: 0.78rem; color: var(--tg-muted); margin-top: 0.2rem; }
      .key { display: inline-block; width: 1.2rem; height: 0; border-top: 2px solid #2f5f99; vertical-align: middle; margin-right: 0.3rem; }
      .key.random { border-top: 2px dashed #8c959f; }
    `,
  ];

  @property({ attribute: false }) fractions: number[] = [];
  @property({ attribute: false }) curves: CurveSet | null = null;
  @property() methodTitle = '';
  /** What a step removes, e.g. "pixels" or "columns". */
  @property() unit = 'features';

  private chart(title: string, own: number[], random: number[], verb: string) {
    const { x, y, path, area: areaOf } = faithfulnessLayout(this.fractions);
    const area = areaOf(own);
    const summary = `${title}: area ${formatNumber(trapezoidArea(own, this.fractions), { digits: 3 })} for ${this.methodTitle}, ${formatNumber(trapezoidArea(random, this.fractions), { digits: 3 })} for random orders`;
    return html`<svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary} data-testid="explain-curve">
      ${svg`
        ${TICKS.map((t) => svg`
          <line class="grid" x1=${x(t)} x2=${x(t)} y1=${y(0)} y2=${y(1)}></line>
          <line class="grid" x1=${x(0)} x2=${x(1)} y1=${y(t)} y2=${y(t)}></line>
          <text class="tick" x=${x(t)} y=${H - P.bottom + 12} text-anchor="middle">${t}</text>
          <text class="tick" x=${x(0) - 5} y=${y(t) + 3} text-anchor="end">${t}</text>`)}
        <path class="area" d=${area}></path>
        <path class="random" d=${path(random)}></path>
        <path class="method" d=${path(own)}></path>
        <rect class="frame" x=${x(0)} y=${y(1)} width=${x(1) - x(0)} height=${y(0) - y(1)}></rect>
        <text class="title" x=${x(0)} y=${P.top - 2}>${title}</text>
        <text class="label" x=${(x(0) + x(1)) / 2} y=${H - 6} text-anchor="middle">${`fraction of ${this.unit} ${verb}`}</text>
        <text class="label" transform="translate(11 ${(y(0) + y(1)) / 2}) rotate(-90)" text-anchor="middle">class probability</text>
      `}
    </svg>`;
  }

  override render() {
    const c = this.curves;
    if (!c || this.fractions.length < 2) return html``;
    return html`
      <div class="pair">
        ${this.chart('Deletion (lower is better)', c.deletion, c.randomDeletion, 'removed')}
        ${this.chart('Insertion (higher is better)', c.insertion, c.randomInsertion, 'inserted')}
      </div>
      <div class="legend"><span><span class="key"></span>${this.methodTitle} order (mean over samples)</span><span><span class="key random"></span>random orders</span></div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-explain-curves': TgExplainCurves;
  }
}
