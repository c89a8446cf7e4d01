import { LitElement, html, svg, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { GradeBands, MetricGrade } from '../../core/report-types';
import { num } from '../../core/grade-words';
import { scaleGeometry, xOf } from '../../report/svg/scale-geometry';
import { theme } from '../styles/theme';
import { gradeColours } from './grade-styles';

const W = 460;
const LEFT = 10;
const WIDTH = W - 20;
const TOP = 20;
const BAND = 16;

/**
 * A metric's axis split into the policy's A–E bands, with the measured value, its interval and
 * the interval end that decided the grade (dashed). The same geometry as the exported report's chart.
 */
@customElement('tg-grade-scale')
export class TgGradeScale extends LitElement {
  static override styles = [
    theme,
    gradeColours,
    css`
      :host { display: block; }
      svg { max-width: 100%; height: auto; overflow: visible; font: 10px var(--tg-font); }
      .band { stroke: #fff; stroke-width: 1; opacity: 0.85; }
      .g-A { fill: var(--tg-grade-A); } .g-B { fill: var(--tg-grade-B); } .g-C { fill: var(--tg-grade-C); } .g-D { fill: var(--tg-grade-D); } .g-E { fill: var(--tg-grade-E); }
      .band-label { fill: #fff; font-weight: 700; }
      .tick { fill: var(--tg-muted); }
      .whisker { stroke: var(--tg-text); stroke-width: 1.5; }
      .point { fill: var(--tg-text); }
      .graded { stroke: var(--tg-accent); stroke-width: 2; stroke-dasharray: 3 2; }
    `,
  ];

  @property({ attribute: false }) metric: MetricGrade | null = null;
  @property({ attribute: false }) bands: GradeBands | null = null;
  @property({ type: Boolean }) magnitude = false;

  override render() {
    if (!this.metric || !this.bands) return nothing;
    const g = scaleGeometry(this.metric, this.bands, this.magnitude);
    if (!g) return nothing;
    const x = (v: number) => xOf(v, g.domain, LEFT, WIDTH);
    const mid = TOP - 8;
    const graded = g.graded === null ? null : this.magnitude ? Math.abs(g.graded) : g.graded;
    const label = `${this.metric.title}: bands A to E; value ${num(this.metric.value ?? Number.NaN)}; graded ${this.metric.outcome}`;
    return html`<svg role="img" aria-label=${label} viewBox="0 0 ${W} ${TOP + BAND + 16}" width=${W} height=${TOP + BAND + 16} data-testid="grade-scale">
      ${g.bands.map((b) => svg`
        <rect class="band g-${b.grade}" x=${x(b.from)} y=${TOP} width=${Math.max(0, x(b.to) - x(b.from))} height=${BAND}></rect>
        ${x(b.to) - x(b.from) >= 14 ? svg`<text class="band-label" x=${(x(b.from) + x(b.to)) / 2} y=${TOP + 12} text-anchor="middle">${b.grade}</text>` : nothing}`)}
      ${g.limits.filter((l) => l.at > g.domain[0] && l.at < g.domain[1]).map((l) => svg`<text class="tick" x=${x(l.at)} y=${TOP + BAND + 11} text-anchor="middle">${num(l.at)}</text>`)}
      ${g.low !== null && g.high !== null ? svg`
        <line class="whisker" x1=${x(g.low)} x2=${x(g.high)} y1=${mid} y2=${mid}></line>
        <line class="whisker" x1=${x(g.low)} x2=${x(g.low)} y1=${mid - 4} y2=${mid + 4}></line>
        <line class="whisker" x1=${x(g.high)} x2=${x(g.high)} y1=${mid - 4} y2=${mid + 4}></line>` : nothing}
      ${g.value !== null ? svg`<circle class="point" cx=${x(g.value)} cy=${mid} r="4"></circle>` : nothing}
      ${graded !== null ? svg`<line class="graded" x1=${x(graded)} x2=${x(graded)} y1=${mid - 8} y2=${TOP + BAND}></line>` : nothing}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-grade-scale': TgGradeScale;
  }
}
