import { LitElement, html, svg, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber, formatPercent } from '../format';
import type { AttackCurve, StrongestRow } from './robustness-attack-shapes';
import { ATTACK_CHART, attackCurveGeometry } from './robustness-attack-geometry';

const { width: W, height: H, plot: PLOT, ticksY: TICKS_Y } = ATTACK_CHART;
/** Line styles for up to six attacks; the strongest attack has its own. */
const SERIES = 6;

/**
 * Robust accuracy against ε: one dashed line per attack and a solid line with interval whiskers
 * for the strongest attack at each ε (the number reports use). Inline SVG; the numbers are also in
 * the table the details view shows beside it.
 */
@customElement('tg-robustness-attack-curve')
export class TgRobustnessAttackCurve extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      svg { display: block; max-width: 100%; height: auto; }
      .grid { stroke: #e4e8ec; stroke-width: 1; }
      .frame { fill: none; stroke: var(--tg-border); }
      .tick { fill: var(--tg-muted); font-size: 10px; font-family: var(--tg-font); }
      .label { fill: var(--tg-text); font-size: 11px; font-family: var(--tg-font); }
      .headline { stroke: var(--tg-muted); stroke-dasharray: 2 3; }
      .attack { fill: none; stroke-width: 1.5; stroke-dasharray: 5 3; }
      .strongest { fill: none; stroke: #1f2328; stroke-width: 2.5; }
      .whisker { stroke: #1f2328; stroke-width: 1; }
      .dot { fill: #1f2328; }
      .s0 { stroke: #4f86c6; } .s1 { stroke: #d97706; } .s2 { stroke: #16a34a; }
      .s3 { stroke: #b42318; } .s4 { stroke: #7c3aed; } .s5 { stroke: #0e7490; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.8rem; color: var(--tg-muted); margin: 0.2rem 0 0.4rem; }
      .key { display: inline-block; width: 1.4rem; height: 0; border-top: 2px dashed; vertical-align: 0.2rem; margin-right: 0.3rem; }
      .key.strong { border-top: 3px solid #1f2328; }
      .key.k0 { border-color: #4f86c6; } .key.k1 { border-color: #d97706; } .key.k2 { border-color: #16a34a; }
      .key.k3 { border-color: #b42318; } .key.k4 { border-color: #7c3aed; } .key.k5 { border-color: #0e7490; }
      figcaption { font-size: 0.8rem; color: var(--tg-muted); }
    `,
  ];

  @property({ attribute: false }) curves: AttackCurve[] = [];
  @property({ attribute: false }) strongest: StrongestRow[] = [];
  @property({ attribute: false }) headlineEpsilon: number | null = null;
  /** What ε means, for the axis label ("fraction of the input range"). */
  @property() unit = '';
  @property() norm = 'linf';

  override render() {
    const points = this.strongest;
    if (points.length === 0) return html`<p class="muted">No robust-accuracy curve: no ε was attacked.</p>`;
    const { plotW, plotH, x, y, line } = attackCurveGeometry(points, this.headlineEpsilon);
    const norm = this.norm === 'l2' ? 'L2' : 'L∞';
    const summary = `Robust accuracy against ${norm} ε for ${this.curves.length} attacks and the strongest per ε; ` +
      points.map((p) => `ε ${formatNumber(p.epsilon, { digits: 3 })}: ${formatPercent(p.robustAccuracy)}`).join(', ') + '.';
    return html`
      <figure>
        <div class="legend" aria-hidden="true">
          <span><span class="key strong"></span>Strongest attack (with 95 % interval)</span>
          ${this.curves.map((c, i) => html`<span><span class="key k${i % SERIES}"></span>${c.attack}</span>`)}
        </div>
        <svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary} data-testid="attack-curve" data-norm=${this.norm}>
          ${svg`
            ${TICKS_Y.map((t) => svg`
              <line class="grid" x1=${PLOT.left} x2=${W - PLOT.right} y1=${y(t)} y2=${y(t)}></line>
              <text class="tick" x=${PLOT.left - 6} y=${y(t) + 3.5} text-anchor="end">${formatPercent(t, 0)}</text>`)}
            ${points.map((p) => svg`
              <line class="grid" x1=${x(p.epsilon)} x2=${x(p.epsilon)} y1=${y(0)} y2=${y(1)}></line>
              <text class="tick" x=${x(p.epsilon)} y=${y(0) + 14} text-anchor="middle">${formatNumber(p.epsilon, { digits: 3 })}</text>`)}
            ${this.headlineEpsilon !== null ? svg`<line class="headline" x1=${x(this.headlineEpsilon)} x2=${x(this.headlineEpsilon)} y1=${y(0)} y2=${y(1)}></line>` : null}
            ${this.curves.map((c, i) => svg`<path class="attack s${i % SERIES}" d=${line(c.points)}><title>${c.attack}</title></path>`)}
            <path class="strongest" d=${line(points)}></path>
            ${points.map((p) => (p.robustAccuracy === null ? null : svg`
              ${p.low !== null && p.high !== null ? svg`<line class="whisker" x1=${x(p.epsilon)} x2=${x(p.epsilon)} y1=${y(p.low)} y2=${y(p.high)}></line>` : null}
              <circle class="dot" cx=${x(p.epsilon)} cy=${y(p.robustAccuracy)} r="3">
                <title>${`ε = ${p.epsilon}: robust accuracy ${formatPercent(p.robustAccuracy)}${p.strongestAttack ? ` (strongest: ${p.strongestAttack})` : ''}`}</title>
              </circle>`))}
            <rect class="frame" x=${PLOT.left} y=${PLOT.top} width=${plotW} height=${plotH}></rect>
            <text class="label" x=${PLOT.left + plotW / 2} y=${H - 8} text-anchor="middle">${`${norm} ε (${this.unit || 'fraction of the input range'})`}</text>
            <text class="label" transform="translate(13 ${PLOT.top + plotH / 2}) rotate(-90)" text-anchor="middle">Robust accuracy</text>
          `}
        </svg>
        <figcaption>${summary}${this.headlineEpsilon !== null ? html` The dotted line marks the headline ε = ${this.headlineEpsilon}.` : nothing}</figcaption>
      </figure>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-robustness-attack-curve': TgRobustnessAttackCurve;
  }
}
