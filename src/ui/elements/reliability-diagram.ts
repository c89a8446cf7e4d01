import { LitElement, html, svg, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatNumber } from '../format';
import { binEdges, eceOfBins, summariseReliability, type ReliabilityBin } from './chart-math';

export type { ReliabilityBin } from './chart-math';

const W = 380;
const PLOT = { left: 52, right: 14, top: 14, size: 300 };
const HIST = { gap: 16, height: 54 };
const AXIS_SPACE = 42;
const H = PLOT.top + PLOT.size + HIST.gap + HIST.height + AXIS_SPACE;
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * A reliability diagram (Guo et al. 2017, "On Calibration of Modern Neural Networks", fig. 1):
 * accuracy per confidence bin as bars against the diagonal of perfect calibration, the gap between
 * each bin's accuracy and its mean confidence shaded, and below it how many samples fell in each bin.
 * Inline SVG only; the numbers are also available as a table.
 */
@customElement('tg-reliability-diagram')
export class TgReliabilityDiagram extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      figure { margin: 0; }
      svg { display: block; max-width: 100%; height: auto; }
      .grid { stroke: #e4e8ec; stroke-width: 1; }
      .frame { fill: none; stroke: var(--tg-border); }
      .diag { stroke: var(--tg-muted); stroke-width: 1.25; stroke-dasharray: 5 4; }
      .acc { fill: #4f86c6; stroke: #2f5f99; stroke-width: 0.75; }
      .gap-over { fill: #f6cfca; stroke: #b42318; stroke-width: 0.75; }
      .gap-under { fill: #f3dc9b; stroke: #8a5a00; stroke-width: 0.75; }
      .hist { fill: #9aa5b1; }
      .tick { fill: var(--tg-muted); font-size: 10px; font-family: var(--tg-font); }
      .label { fill: var(--tg-text); font-size: 11px; font-family: var(--tg-font); }
      .ece { fill: var(--tg-text); font-size: 12px; font-weight: 600; font-family: var(--tg-font); }
      .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.8rem; color: var(--tg-muted); margin: 0.3rem 0 0.4rem; }
      .key { display: inline-block; width: 0.9rem; height: 0.65rem; margin-right: 0.3rem; vertical-align: -0.05rem; border: 1px solid; }
      .key.acc-key { background: #4f86c6; border-color: #2f5f99; }
      .key.over-key { background: #f6cfca; border-color: #b42318; }
      .key.under-key { background: #f3dc9b; border-color: #8a5a00; }
      .key.diag-key { border: none; border-top: 2px dashed var(--tg-muted); height: 0; vertical-align: 0.2rem; }
      figcaption { font-size: 0.8rem; color: var(--tg-muted); }
    `,
  ];

  @property({ attribute: false }) bins: ReliabilityBin[] = [];
  /** Expected calibration error for the label inside the chart; computed from the bins when null. */
  @property({ attribute: false }) ece: number | null = null;

  override render() {
    const bins = this.bins;
    if (bins.length === 0) return html`<p class="muted">No reliability diagram: no labelled samples were evaluated.</p>`;
    const k = bins.length;
    const ece = this.ece ?? eceOfBins(bins);
    const summary = summariseReliability(bins, ece);
    const x = (v: number) => PLOT.left + v * PLOT.size;
    const y = (v: number) => PLOT.top + (1 - v) * PLOT.size;
    const histTop = PLOT.top + PLOT.size + HIST.gap;
    const maxCount = Math.max(1, ...bins.map((b) => b.count));
    const hy = (c: number) => histTop + HIST.height - (c / maxCount) * HIST.height;
    return html`
      <figure>
        <div class="legend" aria-hidden="true">
          <span><span class="key acc-key"></span>Accuracy in bin</span>
          <span><span class="key over-key"></span>Over-confidence gap (accuracy below confidence)</span>
          <span><span class="key under-key"></span>Under-confidence gap (accuracy above confidence)</span>
          <span><span class="key diag-key"></span>Perfect calibration</span>
        </div>
        <svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary} data-testid="reliability-diagram">
          ${svg`
            ${TICKS.map((t) => svg`
              <line class="grid" x1=${x(0)} x2=${x(1)} y1=${y(t)} y2=${y(t)}></line>
              <line class="grid" x1=${x(t)} x2=${x(t)} y1=${y(0)} y2=${y(1)}></line>
              <text class="tick" x=${x(0) - 6} y=${y(t) + 3.5} text-anchor="end">${t.toFixed(1)}</text>
              <text class="tick" x=${x(t)} y=${histTop + HIST.height + 14} text-anchor="middle">${t.toFixed(1)}</text>`)}
            ${bins.map((b, i) => {
              if (b.count === 0 || b.confidence === null || b.accuracy === null) return null;
              const [low, high] = binEdges(b, i, k);
              const left = x(low) + 1;
              const width = Math.max(1, x(high) - x(low) - 2);
              const top = Math.max(b.accuracy, b.confidence);
              const bottom = Math.min(b.accuracy, b.confidence);
              const gapClass = b.accuracy < b.confidence ? 'gap-over' : 'gap-under';
              return svg`
                <rect class="acc" x=${left} width=${width} y=${y(b.accuracy)} height=${Math.max(0, y(0) - y(b.accuracy))}>
                  <title>${`Bin ${formatNumber(low, { digits: 2 })}–${formatNumber(high, { digits: 2 })}: accuracy ${formatNumber(b.accuracy)}, mean confidence ${formatNumber(b.confidence)}, n = ${formatCount(b.count)}`}</title>
                </rect>
                ${top - bottom > 0 ? svg`<rect class=${gapClass} x=${left} width=${width} y=${y(top)} height=${y(bottom) - y(top)}></rect>` : null}`;
            })}
            <line class="diag" x1=${x(0)} y1=${y(0)} x2=${x(1)} y2=${y(1)}></line>
            <rect class="frame" x=${x(0)} y=${y(1)} width=${PLOT.size} height=${PLOT.size}></rect>
            <text class="ece" x=${x(0) + 8} y=${y(1) + 18}>${`ECE = ${ece === null ? 'undefined' : formatNumber(ece)}`}</text>
            ${bins.map((b, i) => b.count > 0
              ? svg`<rect class="hist" x=${x(binEdges(b, i, k)[0]) + 1} width=${Math.max(1, x(binEdges(b, i, k)[1]) - x(binEdges(b, i, k)[0]) - 2)} y=${hy(b.count)} height=${histTop + HIST.height - hy(b.count)}>
                  <title>${`${formatCount(b.count)} samples`}</title></rect>`
              : null)}
            <line class="grid" x1=${x(0)} x2=${x(1)} y1=${histTop + HIST.height} y2=${histTop + HIST.height}></line>
            <text class="tick" x=${x(0) - 6} y=${histTop + 8} text-anchor="end">${formatCount(maxCount)}</text>
            <text class="tick" x=${x(0) - 6} y=${histTop + HIST.height} text-anchor="end">0</text>
            <text class="label" x=${x(0.5)} y=${H - 6} text-anchor="middle">Confidence (top-class probability)</text>
            <text class="label" transform="translate(13 ${y(0.5)}) rotate(-90)" text-anchor="middle">Accuracy</text>
            <text class="label" transform="translate(13 ${histTop + HIST.height / 2}) rotate(-90)" text-anchor="middle">n</text>
          `}
        </svg>
        <figcaption>${summary}</figcaption>
        <details>
          <summary>Show the bins as a table</summary>
          <table class="data">
            <thead><tr><th>bin</th><th class="num">samples</th><th class="num">mean confidence</th><th class="num">accuracy</th><th class="num">gap</th></tr></thead>
            <tbody>
              ${bins.map((b, i) => html`<tr>
                <td class="nowrap">${formatNumber(binEdges(b, i, k)[0], { digits: 3 })}–${formatNumber(binEdges(b, i, k)[1], { digits: 3 })}</td>
                <td class="num">${formatCount(b.count)}</td>
                <td class="num">${b.count > 0 ? formatNumber(b.confidence) : '—'}</td>
                <td class="num">${b.count > 0 ? formatNumber(b.accuracy) : '—'}</td>
                <td class="num">${b.count > 0 && b.confidence !== null && b.accuracy !== null ? formatNumber(b.confidence - b.accuracy) : '—'}</td>
              </tr>`)}
            </tbody>
          </table>
        </details>
      </figure>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-reliability-diagram': TgReliabilityDiagram;
  }
}
