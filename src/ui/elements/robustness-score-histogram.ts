import { LitElement, html, svg, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import type { ScoreHistogram } from './robustness-perturbation-shapes';
import { HISTOGRAM_CHART, histogramGeometry } from './robustness-chart-math';

const { width: W, height: H, pad: PAD } = HISTOGRAM_CHART;
const COLOURS = ['out0', 'out1', 'out2'];

/**
 * How a detection score is distributed for in-distribution inputs and for each OOD source, as
 * shares per bin (step lines), so overlap — what makes detection fail — is visible. Inline SVG.
 */
@customElement('tg-robustness-score-histogram')
export class TgRobustnessScoreHistogram extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      figure { margin: 0; }
      figcaption { font-size: 0.85rem; font-weight: 600; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; font-size: 0.78rem; color: var(--tg-muted); margin: 0.2rem 0; }
      .key { display: inline-block; width: 1rem; height: 0.2rem; margin-right: 0.3rem; vertical-align: 0.2rem; }
      .k-in { background: #2f5f99; } .k-out0 { background: #b42318; } .k-out1 { background: #1a7f37; } .k-out2 { background: #8a5a00; }
      .frame { fill: none; stroke: var(--tg-border); }
      .step { fill: none; stroke-width: 1.8; }
      .in { stroke: #2f5f99; } .out0 { stroke: #b42318; } .out1 { stroke: #1a7f37; } .out2 { stroke: #8a5a00; }
      .tick { fill: var(--tg-muted); font-size: 9px; font-family: var(--tg-font); }
    `,
  ];

  @property({ attribute: false }) histogram: ScoreHistogram | null = null;
  @property({ attribute: false }) heading = '';
  @property({ attribute: false }) inName = 'in-distribution';
  @property({ attribute: false }) outNames: string[] = [];

  override render() {
    const h = this.histogram;
    if (!h) return html``;
    const { shares: series, top, py, paths } = histogramGeometry(h);
    return html`<figure data-testid="score-histogram">
      <figcaption>${this.heading}</figcaption>
      <div class="legend">
        <span><span class="key k-in"></span>${this.inName}</span>
        ${this.outNames.map((name, i) => html`<span><span class="key k-${COLOURS[i % 3]}"></span>${name}</span>`)}
      </div>
      <svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${this.heading}: share of inputs per score bin`}>
        ${svg`
          <rect class="frame" x=${PAD.left} y=${PAD.top} width=${W - PAD.left - PAD.right} height=${H - PAD.top - PAD.bottom}></rect>
          ${series.map((shares, i) => svg`<path class=${`step ${i === 0 ? 'in' : COLOURS[(i - 1) % 3]}`} d=${paths[i]}></path>`)}
          <text class="tick" x=${PAD.left} y=${H - 10} text-anchor="start">${formatNumber(h.low, { digits: 2 })}</text>
          <text class="tick" x=${W - PAD.right} y=${H - 10} text-anchor="end">${formatNumber(h.high, { digits: 2 })}</text>
          <text class="tick" x=${PAD.left - 4} y=${py(top) + 3} text-anchor="end">${formatNumber(top, { digits: 2 })}</text>
          <text class="tick" x=${PAD.left - 4} y=${py(0) + 3} text-anchor="end">0</text>
        `}
      </svg>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-robustness-score-histogram': TgRobustnessScoreHistogram;
  }
}
