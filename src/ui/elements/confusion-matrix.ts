import { LitElement, html, css, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatPercent } from '../format';
import { SHADE_LEVELS, shadeClass } from './chart-math';

/** CSS for the shade classes: alpha grows with the level; text turns white on the darkest half. */
function shadeRules(): string {
  const rules: string[] = [];
  for (let level = 1; level <= SHADE_LEVELS; level++) {
    const alpha = (0.08 + (0.82 * level) / SHADE_LEVELS).toFixed(3);
    const text = level > 5 ? 'color: #ffffff;' : '';
    rules.push(`td.hit-${level} { background: rgba(11, 92, 173, ${alpha}); ${text} }`);
    rules.push(`td.miss-${level} { background: rgba(180, 35, 24, ${alpha}); ${text} }`);
  }
  return rules.join('\n');
}

/**
 * A confusion matrix as a heat-shaded table: row = true label, column = predicted label, with
 * row and column totals. Each cell is shaded by its share of the row (so the diagonal reads as
 * per-class recall); hovering a cell says what it counts.
 */
@customElement('tg-confusion-matrix')
export class TgConfusionMatrix extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      table { border-collapse: collapse; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
      th, td { padding: 0.25rem 0.45rem; text-align: right; border: 1px solid var(--tg-border); min-width: 2.2rem; }
      th { background: var(--tg-surface-alt); font-weight: 600; max-width: 9rem; overflow-wrap: anywhere; }
      th.corner { text-align: left; color: var(--tg-muted); font-weight: 400; }
      th[scope='row'] { text-align: left; }
      td.total, th.total { background: var(--tg-surface-alt); font-weight: 600; }
      .title { margin: 0 0 0.15rem; }
      .axis { color: var(--tg-muted); font-size: 0.8rem; margin: 0 0 0.4rem; }
    `,
    // Generated from constants, never from data.
    unsafeCSS(shadeRules()),
  ];

  /** Class labels, in the order of the matrix rows and columns. */
  @property({ attribute: false }) labels: string[] = [];
  /** matrix[true][predicted] = count. */
  @property({ attribute: false }) matrix: number[][] = [];
  @property() caption = 'Confusion matrix';

  override render() {
    const k = this.matrix.length;
    if (k === 0) return html`<p class="muted">No confusion matrix: no labelled samples were evaluated.</p>`;
    const label = (i: number) => this.labels[i] ?? `class ${i}`;
    const rowTotals = this.matrix.map((row) => row.reduce((a, b) => a + b, 0));
    const colTotals = Array.from({ length: k }, (_, j) => this.matrix.reduce((a, row) => a + (row[j] ?? 0), 0));
    const total = rowTotals.reduce((a, b) => a + b, 0);
    const correct = this.matrix.reduce((a, row, i) => a + (row[i] ?? 0), 0);
    return html`
      <h4 class="title">${this.caption}</h4>
      <p class="axis">Rows: true label; columns: predicted label. ${formatCount(correct)} of ${formatCount(total)} on the diagonal.</p>
      <div class="scroll-x">
        <table data-testid="confusion-matrix" aria-label=${`${this.caption}: rows are true labels, columns predicted labels`}>
          <thead>
            <tr>
              <th class="corner" scope="col">true ↓ / predicted →</th>
              ${this.matrix.map((_, j) => html`<th scope="col">${label(j)}</th>`)}
              <th class="total" scope="col">total</th>
            </tr>
          </thead>
          <tbody>
            ${this.matrix.map((row, i) => html`
              <tr>
                <th scope="row">${label(i)}</th>
                ${row.map((count, j) => {
                  const share = rowTotals[i] > 0 ? count / rowTotals[i] : 0;
                  const tip = `true ${label(i)}, predicted ${label(j)}: ${formatCount(count)}`
                    + (rowTotals[i] > 0 ? ` (${formatPercent(share)} of true ${label(i)})` : '');
                  return html`<td class=${shadeClass(share, i === j)} title=${tip}>${formatCount(count)}</td>`;
                })}
                <td class="total">${formatCount(rowTotals[i])}</td>
              </tr>`)}
          </tbody>
          <tfoot>
            <tr>
              <th class="total" scope="row">total</th>
              ${colTotals.map((c) => html`<td class="total">${formatCount(c)}</td>`)}
              <td class="total">${formatCount(total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-confusion-matrix': TgConfusionMatrix;
  }
}
