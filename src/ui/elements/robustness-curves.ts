import { LitElement, html, svg, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import type { CurveSeries } from './robustness-perturbation-shapes';
import { CURVE_CHART, curvePath, curveScales, fittedTop } from './robustness-chart-math';

const { width: W, height: H, pad: PAD } = CURVE_CHART;

/**
 * Small multiples, one chart per series: a value against severity (or level) with its interval
 * as whiskers, and an optional reference line with its band (clean accuracy). Used for accuracy
 * against corruption severity and for flip rate against perturbation level. Inline SVG.
 */
@customElement('tg-robustness-curves')
export class TgRobustnessCurves extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(${W}px, 1fr)); gap: 0.6rem 0.8rem; }
      figure { margin: 0; }
      figcaption { font-size: 0.8rem; font-weight: 600; margin-bottom: 0.1rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      figcaption .mean { font-weight: 400; color: var(--tg-muted); }
      svg { display: block; }
      .frame { fill: none; stroke: var(--tg-border); }
      .gridline { stroke: #eceff2; }
      .ref { stroke: var(--tg-muted); stroke-width: 1.2; stroke-dasharray: 4 3; }
      .ref-band { fill: #e7ecf2; }
      .line { fill: none; stroke: var(--tg-accent); stroke-width: 1.8; stroke-linejoin: round; }
      .whisker { stroke: #7aa7d9; stroke-width: 1.2; }
      .dot { fill: var(--tg-accent); stroke: #fff; stroke-width: 1; }
      .tick { fill: var(--tg-muted); font-size: 9px; font-family: var(--tg-font); }
      .legend { font-size: 0.8rem; color: var(--tg-muted); margin: 0 0 0.4rem; }
      .key { display: inline-block; width: 1.2rem; border-top: 2px dashed var(--tg-muted); vertical-align: 0.25rem; margin: 0 0.3rem 0 0.8rem; }
      .key.line-key { border-top: 2px solid var(--tg-accent); margin-left: 0; }
    `,
  ];

  @property({ attribute: false }) series: CurveSeries[] = [];
  /** A horizontal reference (e.g. clean accuracy on the same samples), with its interval. */
  @property({ attribute: false }) reference: { value: number; low: number | null; high: number | null } | null = null;
  @property({ attribute: false }) referenceLabel = 'clean accuracy';
  @property({ attribute: false }) valueLabel = 'accuracy';
  @property({ attribute: false }) xLabel = 'severity';
  /** Top of the value axis; null fits it to the data (at least 0.1). */
  @property({ attribute: false }) yMax: number | null = 1;

  override render() {
    if (this.series.length === 0) return html`<p class="muted">Nothing to draw.</p>`;
    const top = this.yMax ?? fittedTop(this.series);
    return html`
      <p class="legend"><span class="key line-key"></span>${this.valueLabel} with 95 % interval, by ${this.xLabel}
        ${this.reference ? html`<span class="key"></span>${this.referenceLabel} (${formatNumber(this.reference.value)})` : nothing}</p>
      <div class="grid" data-testid="robustness-curves">
        ${this.series.map((s) => this.chart(s, top))}
      </div>`;
  }

  private chart(s: CurveSeries, top: number) {
    const scales = curveScales(this.series, top);
    const { xs, px, py } = scales;
    const ref = this.reference;
    const mean = s.points.length > 0 ? s.points.reduce((a, p) => a + p.y, 0) / s.points.length : null;
    const path = curvePath(s, scales);
    const label = `${s.title}: ${s.points.map((p) => `${this.xLabel} ${p.x}: ${formatNumber(p.y)}`).join('; ')}`;
    return html`<figure data-series=${s.id}>
      <figcaption title=${s.title}>${s.title} <span class="mean">${mean !== null ? `mean ${formatNumber(mean, { digits: 3 })}` : ''}</span></figcaption>
      <svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
        ${svg`
          ${[0, top / 2, top].map((t) => svg`
            <line class="gridline" x1=${PAD.left} x2=${W - PAD.right} y1=${py(t)} y2=${py(t)}></line>
            <text class="tick" x=${PAD.left - 4} y=${py(t) + 3} text-anchor="end">${formatNumber(t, { digits: t === 0 || t === 1 ? 0 : 2 })}</text>`)}
          ${xs.map((x) => svg`<text class="tick" x=${px(x)} y=${H - 8} text-anchor="middle">${x}</text>`)}
          ${ref && ref.low !== null && ref.high !== null ? svg`<rect class="ref-band" x=${PAD.left} width=${W - PAD.left - PAD.right} y=${py(ref.high)} height=${Math.max(0.5, py(ref.low) - py(ref.high))}></rect>` : null}
          ${ref ? svg`<line class="ref" x1=${PAD.left} x2=${W - PAD.right} y1=${py(ref.value)} y2=${py(ref.value)}></line>` : null}
          <rect class="frame" x=${PAD.left} y=${PAD.top} width=${W - PAD.left - PAD.right} height=${H - PAD.top - PAD.bottom}></rect>
          ${s.points.map((p) => (p.low !== null && p.high !== null ? svg`<line class="whisker" x1=${px(p.x)} x2=${px(p.x)} y1=${py(p.low)} y2=${py(p.high)}></line>` : null))}
          <path class="line" d=${path}></path>
          ${s.points.map((p) => svg`<circle class="dot" cx=${px(p.x)} cy=${py(p.y)} r="3"></circle>`)}
        `}
      </svg>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-robustness-curves': TgRobustnessCurves;
  }
}
