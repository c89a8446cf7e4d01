import { LitElement, css, html, svg, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Estimate, Run } from '../../core/types';
import type { PillarOutcome } from '../../core/report-types';
import { formatEstimate } from '../format';
import { theme } from '../styles/theme';

/** One version of a model family: its run, and the grades it got. */
export interface FamilyPoint {
  run: Run;
  overall: PillarOutcome;
  pillars: { pillar: string; outcome: PillarOutcome }[];
}

/** The key metrics drawn over versions: probe, metric (null = headline) and how to name it. */
const TRENDS: { probeId: string; metric: string | null; title: string }[] = [
  { probeId: 'validity/accuracy', metric: null, title: 'Accuracy' },
  { probeId: 'fairness/group-metrics', metric: 'dp_ratio', title: 'Selection-rate ratio' },
  { probeId: 'validity/calibration', metric: null, title: 'ECE' },
];

function estimateOf(run: Run, probeId: string, metric: string | null): Estimate | null {
  const m = run.results.find((r) => r.probeId === probeId && r.status === 'ok')?.measurement;
  if (!m) return null;
  return metric === null ? m : m.secondary[metric] ?? null;
}

const W = 360, H = 150, PAD = 34;

/** Grades over a family's versions, and its key metrics as points with interval whiskers. */
@customElement('tg-family-trend')
export class TgFamilyTrend extends LitElement {
  static override styles = [theme, css`
    .charts { display: flex; flex-wrap: wrap; gap: 1rem; }
    svg { background: var(--tg-surface); border: 1px solid var(--tg-border); border-radius: 6px; }
    .axis { stroke: var(--tg-border); } .whisker { stroke: var(--tg-accent); stroke-width: 1.5; }
    .point { fill: var(--tg-accent); } .line { stroke: var(--tg-accent); fill: none; stroke-dasharray: 3 3; }
    text { font: 11px var(--tg-font); fill: var(--tg-muted); }
    table { border-collapse: collapse; margin-bottom: 0.75rem; }
    td, th { padding: 0.25rem 0.6rem; border-bottom: 1px solid var(--tg-border); text-align: left; }
  `];

  @property({ attribute: false }) points: FamilyPoint[] = [];

  override render() {
    const points = this.points;
    if (points.length === 0) return nothing;
    const pillars = points[0].pillars.map((p) => p.pillar);
    return html`
      <table data-testid="family-grades">
        <tr><th>version</th><th>date</th><th>overall</th>${pillars.map((p) => html`<th>${p}</th>`)}</tr>
        ${points.map((p) => html`<tr>
          <td><a href=${`#/run/${encodeURIComponent(p.run.id)}`}>${p.run.label?.version ?? p.run.model.name}</a></td>
          <td>${new Date(p.run.createdAt).toLocaleDateString('en')}</td>
          <td><strong>${p.overall}</strong></td>
          ${p.pillars.map((q) => html`<td>${q.outcome}</td>`)}
        </tr>`)}
      </table>
      <div class="charts">${TRENDS.map((t) => this.renderTrend(t))}</div>`;
  }

  private renderTrend(trend: (typeof TRENDS)[number]) {
    const values = this.points.map((p) => estimateOf(p.run, trend.probeId, trend.metric));
    if (values.every((v) => v?.value == null)) return nothing;
    const x = (i: number) => PAD + (this.points.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (this.points.length - 1));
    const y = (v: number) => H - 22 - v * (H - 40);
    const label = values.map((v, i) => `${this.points[i].run.label?.version ?? i + 1}: ${v ? formatEstimate(v) : 'not measured'}`).join('; ');
    const known = values.map((v, i) => (v?.value == null ? null : `${x(i)},${y(v.value)}`)).filter(Boolean);
    return html`<figure>
      <svg width=${W} height=${H} role="img" aria-label=${`${trend.title} over versions: ${label}`}>
        <line class="axis" x1=${PAD} x2=${W - PAD} y1=${y(0)} y2=${y(0)}></line>
        <line class="axis" x1=${PAD} x2=${W - PAD} y1=${y(1)} y2=${y(1)}></line>
        ${svg`<text x="4" y=${y(1) + 4}>1</text><text x="4" y=${y(0) + 4}>0</text>`}
        ${known.length > 1 ? svg`<polyline class="line" points=${known.join(' ')}></polyline>` : nothing}
        ${values.map((v, i) => (v?.value == null ? nothing : svg`
          ${v.interval ? svg`<line class="whisker" x1=${x(i)} x2=${x(i)} y1=${y(v.interval.low)} y2=${y(v.interval.high)}></line>` : nothing}
          <circle class="point" cx=${x(i)} cy=${y(v.value)} r="4"></circle>`))}
        ${this.points.map((p, i) => svg`<text x=${x(i) - 8} y=${H - 6}>${p.run.label?.version ?? i + 1}</text>`)}
      </svg>
      <figcaption>${trend.title}, with 95 % intervals</figcaption>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-family-trend': TgFamilyTrend;
  }
}
