import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatCount, formatNumber } from '../format';
import { theme } from '../styles/theme';
import { heatGrid } from './fairness-chart-math';
import { barRows, disparityRows, fourFifthsLine } from './fairness-rows';
import type { GroupDetails } from './fairness-details';
export { barRows, disparityRows } from './fairness-rows';
import './fairness-group-bars';
import './fairness-disparity-table';
import './fairness-heatmap';

/**
 * What the group-metrics probe found, drawn: for a metric the reader picks (selection rate
 * first), per-group bars with interval whiskers for each single attribute (and intersections of
 * three) and a heat map for each intersection of two; every metric of every group as a table; and
 * the disparity table. Rendered inside the probe card by the fairness pillar's detail view.
 */
@customElement('tg-fairness-group-view')
export class TgFairnessGroupView extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      section { display: flex; flex-direction: column; gap: 0.6rem; margin-bottom: 0.8rem; }
      .charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
      .decision { font-size: 0.85rem; color: var(--tg-muted); margin: 0; }
      h4 { margin: 0.2rem 0 0; }
      .pick { display: flex; align-items: baseline; gap: 1.5rem; flex-wrap: wrap; }
      .pick label { font-size: 0.85rem; color: var(--tg-muted); display: flex; gap: 0.4rem; align-items: baseline; }
      select { font: inherit; font-size: 0.85rem; padding: 0.15rem 0.3rem; }
      .ci { display: block; font-size: 0.72rem; color: var(--tg-muted); }
      table.data td, table.data th { padding: 0.2rem 0.45rem; }
    `,
  ];

  @property({ attribute: false }) details: GroupDetails | null = null;
  /** The per-group metric drawn in the bars and heat maps. */
  @state() private metric = '';

  override render() {
    const d = this.details;
    if (!d) return html`<p class="muted">The per-group details of this result could not be read.</p>`;
    const metric = d.metrics.find((m) => m.name === this.metric) ?? d.metrics[0];
    if (!metric) return html`<p class="muted">No per-group metrics were recorded.</p>`;
    const bars = d.partitions.filter((p) => p.attributes.length !== 2);
    const maps = d.partitions.filter((p) => p.attributes.length === 2);
    return html`
      <p class="decision">
        Decision: ${d.rule ? html`favourable ('${d.favourable}') when ${d.rule}` : 'as recorded'}.
        ${d.minGroupSize !== null ? html`Groups with fewer than ${d.minGroupSize} rows are shown faintly and never judged.` : null}
      </p>
      <section>
        <div class="pick">
          <h4>Per group</h4>
          <label>Metric
            <select data-testid="fairness-metric" @change=${(e: Event) => { this.metric = (e.target as HTMLSelectElement).value; }}>
              ${d.metrics.map((m) => html`<option value=${m.name} ?selected=${m.name === metric.name}>${m.title}</option>`)}
            </select>
          </label>
        </div>
        <div class="charts" data-testid="fairness-group-charts">
          ${bars.map((p) => {
            const rows = barRows(p, metric.name);
            return html`<tg-fairness-group-bars .rows=${rows} heading=${`${metric.title} by ${p.name}`}
              .reference=${metric.name === 'selection_rate' ? fourFifthsLine(rows) : null}
              caption=${metric.name === 'selection_rate' ? 'Bars left of the dashed line are below four-fifths of the highest rate.' : ''}></tg-fairness-group-bars>`;
          })}
        </div>
        ${maps.length > 0 ? html`
          <div class="charts">
            ${maps.map((p) => html`<tg-fairness-heatmap .grid=${heatGrid(p, metric.name)} heading=${`${metric.title} by ${p.name}`} .minGroupSize=${d.minGroupSize ?? 0}></tg-fairness-heatmap>`)}
          </div>` : null}
        <details>
          <summary>Every metric for every group, as a table</summary>
          ${this.renderAllMetrics(d)}
        </details>
      </section>
      <section>
        <h4>Disparities between groups</h4>
        <tg-fairness-disparity-table .rows=${disparityRows(d)} .level=${d.level}></tg-fairness-disparity-table>
      </section>
    `;
  }

  private renderAllMetrics(d: GroupDetails) {
    const f = (v: number) => formatNumber(v, { fixed: true, digits: 3 });
    return html`<div class="scroll-x">
      <table class="data" data-testid="fairness-all-metrics">
        <thead><tr><th>group</th><th class="num">n</th>${d.metrics.map((m) => html`<th class="num">${m.title}</th>`)}</tr></thead>
        <tbody>
          ${d.partitions.flatMap((p) => p.groups.map((g) => html`<tr data-status=${g.status}>
            <th scope="row">${p.attributes.length > 1 ? g.label : `${p.name}: ${g.label}`}${g.status === 'insufficient-data' ? html` <span class="badge warn">too few</span>` : null}</th>
            <td class="num">${formatCount(g.n)}</td>
            ${d.metrics.map((m) => {
              const v = g.metrics[m.name];
              if (!v || v.value === null) return html`<td class="num muted" title=${v?.reason ?? ''}>undefined</td>`;
              return html`<td class="num nowrap">${f(v.value)}${v.low !== null && v.high !== null ? html`<span class="ci">${f(v.low)}–${f(v.high)}</span>` : null}</td>`;
            })}
          </tr>`))}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-fairness-group-view': TgFairnessGroupView;
  }
}
