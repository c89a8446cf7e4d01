import { LitElement, html, css, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatNumber } from '../format';
import { gridRange, HEAT_LEVELS, heatLevel, type HeatGrid } from './fairness-chart-math';

/** Shade classes from constants (never from data), so the table needs no inline styles. */
function shadeRules(): string {
  const rules: string[] = [];
  for (let level = 1; level <= HEAT_LEVELS; level++) {
    const alpha = (0.1 + (0.75 * (level - 1)) / (HEAT_LEVELS - 1)).toFixed(3);
    rules.push(`td.heat-${level} { background: rgba(11, 92, 173, ${alpha}); ${level > HEAT_LEVELS / 2 ? 'color: #ffffff;' : ''} }`);
  }
  return rules.join('\n');
}

const f3 = (v: number) => formatNumber(v, { fixed: true, digits: 3 });

/**
 * An intersection of two sensitive attributes as a heat-shaded table: one cell per combination
 * with the metric's value and the group's size, shaded from the lowest to the highest judged
 * value. Groups below the minimum size are hatched and not shaded (not judged); combinations
 * that do not occur are marked as absent.
 */
@customElement('tg-fairness-heatmap')
export class TgFairnessHeatmap extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      table { border-collapse: collapse; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
      th, td { padding: 0.3rem 0.5rem; border: 1px solid var(--tg-border); text-align: center; min-width: 4.5rem; }
      th { background: var(--tg-surface-alt); font-weight: 600; max-width: 9rem; overflow-wrap: anywhere; }
      th.corner { color: var(--tg-muted); font-weight: 400; text-align: left; }
      td .n { display: block; font-size: 0.7rem; opacity: 0.85; }
      td.small { background: repeating-linear-gradient(45deg, #f6f8fa, #f6f8fa 4px, #e4e8ec 4px, #e4e8ec 8px); color: var(--tg-warn); }
      td.absent { color: var(--tg-muted); }
      h5 { margin: 0 0 0.2rem; font-size: 0.85rem; }
      .legend { font-size: 0.78rem; color: var(--tg-muted); margin: 0.3rem 0 0; max-width: 40rem; }
    `,
    unsafeCSS(shadeRules()),
  ];

  @property({ attribute: false }) grid: HeatGrid | null = null;
  @property() heading = '';
  @property({ type: Number }) minGroupSize = 30;

  override render() {
    const grid = this.grid;
    if (!grid) return null;
    const range = gridRange(grid);
    return html`
      ${this.heading ? html`<h5>${this.heading}</h5>` : null}
      <div class="scroll-x">
        <table data-testid="fairness-heatmap" aria-label=${`${this.heading}: rows ${grid.rowAttribute}, columns ${grid.columnAttribute}`}>
          <thead><tr>
            <th class="corner" scope="col">${grid.rowAttribute} ↓ / ${grid.columnAttribute} →</th>
            ${grid.columns.map((c) => html`<th scope="col">${c}</th>`)}
          </tr></thead>
          <tbody>
            ${grid.rows.map((r, i) => html`<tr>
              <th scope="row">${r}</th>
              ${grid.cells[i].map((cell, j) => {
                if (!cell) return html`<td class="absent" title=${`No ${r} × ${grid.columns[j]} rows`}>absent</td>`;
                if (cell.status === 'insufficient-data') {
                  return html`<td class="small" data-status="insufficient-data" title=${`${r} × ${grid.columns[j]}: only ${cell.n} rows, fewer than ${this.minGroupSize}: not judged`}>
                    ${cell.value === null ? '—' : f3(cell.value)}<span class="n">n = ${formatCount(cell.n)}, too few</span></td>`;
                }
                const level = range ? heatLevel(cell.value, range[0], range[1]) : 0;
                const tip = `${r} × ${grid.columns[j]}: ${cell.value === null ? 'undefined' : f3(cell.value)}${cell.low !== null && cell.high !== null ? ` (interval ${f3(cell.low)}–${f3(cell.high)})` : ''}, n = ${formatCount(cell.n)}`;
                return html`<td class=${level ? `heat-${level}` : ''} data-status="ok" title=${tip}>${cell.value === null ? 'undefined' : f3(cell.value)}<span class="n">n = ${formatCount(cell.n)}</span></td>`;
              })}
            </tr>`)}
          </tbody>
        </table>
      </div>
      <p class="legend">Darker = higher${range ? ` (${f3(range[0])} to ${f3(range[1])} over judged groups)` : ''}. Hatched cells have fewer than ${this.minGroupSize} rows: shown, not judged.</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-fairness-heatmap': TgFairnessHeatmap;
  }
}
