import { LitElement, html, svg, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Estimate, MetricSpec } from '../../core/types';
import { theme } from '../styles/theme';
import { describeIntervalMethod, formatCount, formatInterval, formatNumber } from '../format';
import { barDomain } from './chart-math';

/** What tg-estimate needs to know about the metric; a MetricSpec fits. No direction: not known (an unregistered probe). */
export type MetricLike = Pick<MetricSpec, 'title' | 'range'> & Partial<Pick<MetricSpec, 'name' | 'definition' | 'direction'>>;

const BAR_WIDTH = 180;
const COMPACT_BAR_WIDTH = 110;

/**
 * One estimated number, always with its 95 % interval and sample size:
 * "0.9891 (95 % CI 0.9870–0.9910, n = 10,000)", and a small bar that draws the value and its
 * interval on the metric's range. An undefined value reads "undefined — <reason>".
 */
@customElement('tg-estimate')
export class TgEstimate extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      :host([compact]) { display: inline-block; }
      .title { font-weight: 600; }
      .direction { color: var(--tg-muted); font-size: 0.78rem; font-weight: 400; margin-left: 0.35rem; }
      .line { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.4rem; }
      .value { font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; letter-spacing: -0.01em; }
      :host([compact]) .value { font-size: 1rem; font-weight: 600; }
      .rest { color: var(--tg-muted); font-variant-numeric: tabular-nums; }
      .undefined { color: var(--tg-warn); font-weight: 600; }
      .bar { display: block; margin-top: 0.2rem; overflow: visible; }
      :host([compact]) .bar { display: inline-block; vertical-align: middle; margin: 0 0 0 0.4rem; }
      .method { color: var(--tg-muted); font-size: 0.78rem; }
      .track { stroke: var(--tg-border); stroke-width: 4; stroke-linecap: round; }
      .band { stroke: #7aa7d9; stroke-width: 8; }
      .whisker { stroke: var(--tg-accent); stroke-width: 1.5; }
      .dot { fill: var(--tg-accent); stroke: #fff; stroke-width: 1.5; }
      .axis { fill: var(--tg-muted); font-size: 10px; font-family: var(--tg-font); }
    `,
  ];

  @property({ attribute: false }) estimate: Estimate | null = null;
  @property({ attribute: false }) metric: MetricLike | null = null;
  /** One line, smaller, for tables and lists. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Hide the metric title (when a table column already names it). */
  @property({ type: Boolean, attribute: 'no-title' }) noTitle = false;
  /** What to draw: the numbers, the bar, or both (tables put them in separate columns). */
  @property() show: 'both' | 'text' | 'bar' = 'both';
  /** The bar's axis, when several bars must share one; the metric's range by default. */
  @property({ attribute: false }) domain: [number, number] | null = null;

  override render() {
    const e = this.estimate;
    const m = this.metric;
    const direction = m?.direction ? `${m.direction} is better` : 'direction not declared';
    const title = !this.noTitle && m
      ? html`<div class="title" data-testid="estimate-title">${m.title}<span class="direction">${direction}</span></div>`
      : null;
    if (!e) return this.show === 'bar' ? null : html`${title}<span class="muted">not measured</span>`;
    const defined = e.value !== null && Number.isFinite(e.value);
    if (this.show === 'bar') return defined && m ? this.renderBar(e.value!, m) : null;
    if (!defined) {
      return html`${title}
        <div class="line">
          <span class="undefined" data-testid="estimate-value">undefined</span>
          <span>— ${e.undefinedReason ?? 'no reason was recorded'}</span>
          <span class="rest">(n = ${formatCount(e.n)})</span>
        </div>`;
    }
    const rest = e.interval ? `(${formatInterval(e.interval)}, n = ${formatCount(e.n)})` : `(n = ${formatCount(e.n)}; no interval)`;
    return html`${title}
      <div class="line">
        <span class="value" data-testid="estimate-value">${formatNumber(e.value, { fixed: true })}</span>
        <span class="rest" data-testid="estimate-interval">${rest}</span>
        ${this.compact && m && this.show === 'both' ? this.renderBar(e.value!, m) : null}
      </div>
      ${!this.compact && m && this.show === 'both' ? this.renderBar(e.value!, m) : null}
      ${!this.compact && e.interval ? html`<div class="method">Interval: ${describeIntervalMethod(e.interval)}</div>` : null}`;
  }

  private renderBar(value: number, m: MetricLike) {
    const e = this.estimate!;
    const width = this.compact ? COMPACT_BAR_WIDTH : BAR_WIDTH;
    const pad = this.compact ? 4 : 14;
    const points = e.interval ? [value, e.interval.low, e.interval.high] : [value];
    const [lo, hi] = this.domain ?? barDomain(m.range, points);
    const mid = 8;
    const height = this.compact ? 16 : 28;
    const f = (v: number) => formatNumber(v, { fixed: true });
    const label = e.interval
      ? `${f(value)}, interval ${f(e.interval.low)} to ${f(e.interval.high)}, on a scale from ${f(lo)} to ${f(hi)}`
      : `${f(value)} on a scale from ${f(lo)} to ${f(hi)}`;
    // Values outside a caller's shared domain are pinned to its ends rather than drawn off the bar.
    const x = (v: number) => pad + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (width - 2 * pad);
    return html`<svg class="bar" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${label}>
      ${svg`
        <line class="track" x1=${x(lo)} x2=${x(hi)} y1=${mid} y2=${mid}></line>
        ${e.interval ? svg`
          <line class="band" x1=${x(e.interval.low)} x2=${x(e.interval.high)} y1=${mid} y2=${mid}></line>
          <line class="whisker" x1=${x(e.interval.low)} x2=${x(e.interval.low)} y1=${mid - 6} y2=${mid + 6}></line>
          <line class="whisker" x1=${x(e.interval.high)} x2=${x(e.interval.high)} y1=${mid - 6} y2=${mid + 6}></line>` : null}
        <circle class="dot" cx=${x(value)} cy=${mid} r="4.5"></circle>
        ${this.compact ? null : svg`
          <text class="axis" x=${x(lo)} y=${height - 1} text-anchor="middle">${formatNumber(lo, { digits: 2, fixed: hi - lo < 1 })}</text>
          <text class="axis" x=${x(hi)} y=${height - 1} text-anchor="middle">${formatNumber(hi, { digits: 2, fixed: hi - lo < 1 })}</text>`}
      `}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-estimate': TgEstimate;
  }
}
