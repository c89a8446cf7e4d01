import { LitElement, html, svg, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import type { ProxyColumnRow } from './fairness-details';

const BAR_W = 120;
const f2 = (v: number) => formatNumber(v, { fixed: true, digits: 2 });
const MEASURE: Record<'cramers_v' | 'correlation_ratio', string> = { cramers_v: "Cramér's V", correlation_ratio: 'correlation ratio η' };

/**
 * Columns that may stand in for a sensitive attribute, strongest first: each column's
 * association with each sensitive attribute, as a value with its interval and a bar with the flag
 * threshold marked, flagged ones first and badged. Left-out columns are listed with the reason.
 */
@customElement('tg-fairness-proxy-list')
export class TgFairnessProxyList extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .track { fill: #eef1f4; }
      .fill { fill: #7aa7d9; }
      .fill.flagged { fill: #d9827a; }
      .whisker { stroke: #0b3d73; stroke-width: 1.25; }
      .flag-line { stroke: var(--tg-danger); stroke-width: 1; stroke-dasharray: 3 2; }
      .why { color: var(--tg-warn); }
      tr.flagged th { color: var(--tg-danger); }
      .skipped { font-size: 0.82rem; color: var(--tg-muted); margin: 0.4rem 0 0; padding-left: 1.1rem; }
    `,
  ];

  @property({ attribute: false }) columns: ProxyColumnRow[] = [];
  @property({ type: Number }) flagAt = 0.3;

  override render() {
    const measured = this.columns.filter((c) => c.kind !== 'skipped');
    const skipped = this.columns.filter((c) => c.kind === 'skipped');
    const rows = measured.flatMap((c) => c.associations.map((a) => ({ c, a })))
      .sort((p, q) => Number(q.a.flagged) - Number(p.a.flagged) || (q.a.value ?? -1) - (p.a.value ?? -1));
    return html`
      <div class="scroll-x">
        <table class="data" data-testid="fairness-proxies">
          <thead><tr><th>column</th><th>sensitive attribute</th><th>measure</th><th class="num">association</th><th>0 – 1 (dashed: flag at ${f2(this.flagAt)})</th><th>separates best</th><th></th></tr></thead>
          <tbody>
            ${rows.map(({ c, a }) => html`<tr class=${a.flagged ? 'flagged' : ''} data-column=${c.column} data-attribute=${a.attribute}>
              <th scope="row">${c.column}</th>
              <td>${a.attribute}</td>
              <td class="muted">${MEASURE[a.measure]}</td>
              ${a.value === null
                ? html`<td class="num why" colspan="2">undefined — ${a.reason ?? 'no reason recorded'}</td>`
                : html`<td class="num nowrap">${f2(a.value)}${a.low !== null && a.high !== null ? html` <span class="muted">(${f2(a.low)}–${f2(a.high)})</span>` : null}</td>
                    <td>${this.bar(a.value, a.low, a.high, a.flagged)}</td>`}
              <td class="muted">${a.auc !== null ? `AUC ${f2(a.auc)}${a.aucGroup ? ` for ${a.aucGroup}` : ''}` : '—'}</td>
              <td>${a.flagged ? html`<span class="badge danger">possible proxy</span>` : null}</td>
            </tr>`)}
          </tbody>
        </table>
      </div>
      ${skipped.length > 0 ? html`<ul class="skipped">${skipped.map((s) => html`<li>${s.column} left out: ${s.reason ?? 'no reason recorded'}</li>`)}</ul>` : null}
    `;
  }

  private bar(value: number, low: number | null, high: number | null, flagged: boolean) {
    const x = (v: number) => 2 + Math.min(1, Math.max(0, v)) * (BAR_W - 4);
    return html`<svg width=${BAR_W} height="14" viewBox="0 0 ${BAR_W} 14" role="img" aria-label=${`${f2(value)} on 0 to 1`}>
      ${svg`
        <rect class="track" x="2" y="3" width=${BAR_W - 4} height="8"></rect>
        <rect class=${flagged ? 'fill flagged' : 'fill'} x="2" y="3" width=${Math.max(1, x(value) - 2)} height="8"></rect>
        ${low !== null && high !== null ? svg`<line class="whisker" x1=${x(low)} x2=${x(high)} y1="7" y2="7"></line>` : null}
        <line class="flag-line" x1=${x(this.flagAt)} x2=${x(this.flagAt)} y1="0" y2="14"></line>
      `}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-fairness-proxy-list': TgFairnessProxyList;
  }
}
