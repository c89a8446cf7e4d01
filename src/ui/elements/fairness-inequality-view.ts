import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import type { InequalityPartition } from './fairness-details';
import { benefitRows } from './fairness-rows';
import './fairness-group-bars';

export { benefitRows } from './fairness-rows';

const f4 = (v: number | null) => (v === null ? 'undefined' : formatNumber(v, { fixed: true, digits: 4 }));


/**
 * The inequality indices, drawn: mean benefit (b = ŷ − y + 1; 1 = errors balance out) per group
 * for each partition, and the between-group indices of every partition.
 */
@customElement('tg-fairness-inequality-view')
export class TgFairnessInequalityView extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
      h4 { margin: 0.6rem 0 0.3rem; }
    `,
  ];

  @property({ attribute: false }) partitions: InequalityPartition[] = [];
  @property({ attribute: false }) minGroupSize: number | null = null;

  override render() {
    return html`
      <div class="charts">
        ${this.partitions.filter((p) => p.groups.length <= 12).map((p) => html`<tg-fairness-group-bars .rows=${benefitRows(p, this.minGroupSize)} .limit=${2} heading=${`Mean benefit by ${p.name}`}></tg-fairness-group-bars>`)}
      </div>
      <h4>Between-group inequality by partition</h4>
      <div class="scroll-x">
        <table class="data">
          <thead><tr><th>groups</th><th class="num">generalized entropy (α = 2)</th><th class="num">Theil</th></tr></thead>
          <tbody>${this.partitions.map((p) => html`<tr><th scope="row">${p.name}</th><td class="num">${f4(p.betweenGe)}</td><td class="num">${f4(p.betweenTheil)}</td></tr>`)}</tbody>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-fairness-inequality-view': TgFairnessInequalityView;
  }
}
