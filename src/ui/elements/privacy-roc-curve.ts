import { LitElement, html, svg, css, nothing, type SVGTemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatNumber, formatPercent } from '../format';
import type { AttackCurve } from './privacy-details';
import { formatTick, ROC_CHART, ROC_HEIGHT, ROC_WIDTH, rocAxes, type RocAxis } from './privacy-roc-geometry';

const { size: SIZE, pad: PAD } = ROC_CHART;
const H = ROC_HEIGHT;
const W = ROC_WIDTH;

/**
 * ROC curves of the membership-inference attacks (members = positives): on linear axes, where the
 * area under each curve is the AUC and the diagonal is guessing, and on log–log axes, where the
 * low-false-positive region that matters most (Carlini et al. 2022, fig. 1) becomes visible.
 * A dashed line marks the low FPR the TPR is read at. Inline SVG; the numbers are also a table.
 */
@customElement('tg-privacy-roc-curve')
export class TgPrivacyRocCurve extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .plots { display: flex; flex-wrap: wrap; gap: 1rem; }
      figure { margin: 0; }
      svg { display: block; max-width: 100%; height: auto; }
      .grid { stroke: #e4e8ec; stroke-width: 1; }
      .frame { fill: none; stroke: var(--tg-border); }
      .chance { stroke: var(--tg-muted); stroke-width: 1.25; stroke-dasharray: 5 4; }
      .marker { stroke: var(--tg-warn); stroke-width: 1.25; stroke-dasharray: 2 3; }
      .curve { fill: none; stroke-width: 2; stroke-linejoin: round; }
      .s0 { stroke: #2f5f99; } .s1 { stroke: #b42318; } .s2 { stroke: #1a7f37; } .s3 { stroke: #8a5a00; }
      .k0 { background: #2f5f99; } .k1 { background: #b42318; } .k2 { background: #1a7f37; } .k3 { background: #8a5a00; }
      .tick { fill: var(--tg-muted); font-size: 10px; font-family: var(--tg-font); }
      .label { fill: var(--tg-text); font-size: 11px; font-family: var(--tg-font); }
      .marker-label { fill: var(--tg-warn); font-size: 10px; font-family: var(--tg-font); }
      .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.8rem; color: var(--tg-muted); margin: 0.3rem 0 0.4rem; }
      .key { display: inline-block; width: 1rem; height: 0.2rem; margin-right: 0.3rem; vertical-align: 0.2rem; }
      figcaption { font-size: 0.8rem; color: var(--tg-muted); max-width: ${SIZE + PAD.left + PAD.right}px; }
    `,
  ];

  @property({ attribute: false }) attacks: AttackCurve[] = [];
  /** The FPR the low-FPR TPR is read at. */
  @property({ attribute: false }) lowFpr = 0.01;
  @property({ attribute: false }) members = 0;
  @property({ attribute: false }) nonMembers = 0;

  override render() {
    if (this.attacks.length === 0) return html`<p class="muted">No ROC curve: the attacks were not run.</p>`;
    const axes = rocAxes(this.nonMembers);
    const floor = axes.floor;
    return html`
      <div class="legend" data-testid="roc-legend">
        ${this.attacks.map((a, i) => html`<span><span class="key k${i % 4}"></span>${a.title} (AUC ${formatNumber(a.auc)})</span>`)}
        <span>dashed: guessing; dotted: ${formatPercent(this.lowFpr, 1)} FPR</span>
      </div>
      <div class="plots">
        <figure>
          ${this.plot(axes.linear)}
          <figcaption>Linear axes: the area under a curve is its AUC; a curve on the diagonal means the attacker is guessing.</figcaption>
        </figure>
        <figure>
          ${this.plot(axes.log)}
          <figcaption>Log–log axes: the low false-positive region. Rates below ${formatTick(floor)} sit on the axis; with ${formatCount(this.nonMembers)} non-members the smallest non-zero FPR is ${formatNumber(this.nonMembers > 0 ? 1 / this.nonMembers : null)}.</figcaption>
        </figure>
      </div>
      <details>
        <summary>Show the attacks as a table</summary>
        <table class="data" data-testid="roc-table">
          <thead><tr><th>attack</th><th class="num">ROC AUC</th><th class="num">max TPR − FPR</th><th class="num">TPR at ${formatPercent(this.lowFpr, 1)} FPR</th><th class="num">points</th></tr></thead>
          <tbody>${this.attacks.map((a) => html`<tr>
            <th scope="row">${a.title}</th>
            <td class="num">${formatNumber(a.auc)}</td>
            <td class="num">${formatNumber(a.advantage)}</td>
            <td class="num">${formatNumber(a.tprAtLowFpr)}</td>
            <td class="num">${formatCount(a.points.length)}</td>
          </tr>`)}</tbody>
        </table>
        <p class="muted small">${formatCount(this.members)} members (positives) and ${formatCount(this.nonMembers)} non-members; curves are kept at up to 200 points each.</p>
      </details>
    `;
  }

  private plot(axis: RocAxis) {
    const { scale, domain, ticks, x, y } = axis;
    const marker = this.lowFpr >= domain[0] ? x(this.lowFpr) : null;
    const chance: SVGTemplateResult = scale === 'linear'
      ? svg`<line class="chance" x1=${x(0)} y1=${y(0)} x2=${x(1)} y2=${y(1)}></line>`
      : svg`<line class="chance" x1=${x(domain[0])} y1=${y(domain[0])} x2=${x(1)} y2=${y(1)}></line>`;
    const label = scale === 'linear' ? 'ROC curves of the membership attacks' : 'ROC curves on log–log axes';
    return html`
      <svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-label=${label} data-testid=${`roc-${scale}`}>
        ${svg`
          ${ticks.map(([t, text]) => svg`
            <line class="grid" x1=${x(domain[0])} x2=${x(1)} y1=${y(t)} y2=${y(t)}></line>
            <line class="grid" x1=${x(t)} x2=${x(t)} y1=${y(domain[0])} y2=${y(1)}></line>
            <text class="tick" x=${PAD.left - 5} y=${y(t) + 3.5} text-anchor="end">${text}</text>
            <text class="tick" x=${x(t)} y=${PAD.top + SIZE + 14} text-anchor="middle">${text}</text>`)}
          ${chance}
          ${marker === null ? nothing : svg`
            <line class="marker" x1=${marker} x2=${marker} y1=${y(domain[0])} y2=${y(1)}></line>
            <text class="marker-label" x=${marker + 3} y=${PAD.top + 10}>${formatPercent(this.lowFpr, 1)} FPR</text>`}
          ${this.attacks.map((a, i) => svg`<polyline class=${`curve s${i % 4}`} points=${a.points.map(([f, t]) => `${x(f).toFixed(1)},${y(t).toFixed(1)}`).join(' ')}>
              <title>${`${a.title}: AUC ${formatNumber(a.auc)}`}</title></polyline>`)}
          <rect class="frame" x=${PAD.left} y=${PAD.top} width=${SIZE} height=${SIZE}></rect>
          <text class="label" x=${PAD.left + SIZE / 2} y=${H - 6} text-anchor="middle">False-positive rate (non-members flagged)</text>
          <text class="label" transform="translate(11 ${PAD.top + SIZE / 2}) rotate(-90)" text-anchor="middle">True-positive rate (members found)</text>
        `}
      </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-privacy-roc-curve': TgPrivacyRocCurve;
  }
}
