import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import type { ExplainedImage, ImageMethodInfo } from './explain-details';
import './explain-heatmap';
import './explain-colour-scale';

/**
 * Explained images as a table: one row per image (the picture, then one heat map per method), one
 * column per method with its settings and colour scale in the header.
 */
@customElement('tg-explain-image-grid')
export class TgExplainImageGrid extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      table { border-collapse: collapse; }
      th, td { padding: 0.3rem 0.4rem; vertical-align: top; text-align: center; }
      thead th { font-size: 0.8rem; font-weight: 600; max-width: 9.5rem; }
      thead th .what { display: block; font-weight: 400; color: var(--tg-muted); font-size: 0.7rem; line-height: 1.2; margin-top: 0.15rem; }
      tbody tr + tr td, tbody tr + tr th { border-top: 1px solid var(--tg-border); }
      th.sample { text-align: left; font-size: 0.78rem; font-weight: 400; color: var(--tg-muted); }
      th.sample b { color: var(--tg-text); }
      .scales { display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; margin: 0.3rem 0 0.5rem; align-items: center; }
      .unsigned { display: inline-flex; align-items: center; gap: 0.4rem; }
    `,
  ];

  @property({ attribute: false }) methods: ImageMethodInfo[] = [];
  @property({ attribute: false }) images: ExplainedImage[] = [];

  override render() {
    const hasSigned = this.methods.some((m) => m.signed);
    const hasUnsigned = this.methods.some((m) => !m.signed);
    return html`
      <div class="scales">
        ${hasSigned ? html`<tg-explain-colour-scale signed></tg-explain-colour-scale>` : nothing}
        ${hasUnsigned ? html`<span class="unsigned"><span class="small muted">Saliency and SmoothGrad (magnitude only):</span><tg-explain-colour-scale .signed=${false}></tg-explain-colour-scale></span>` : nothing}
      </div>
      <div class="scroll-x">
        <table data-testid="explain-image-grid">
          <thead><tr>
            <th>image</th>
            ${this.methods.map((m) => html`<th title=${m.description}>${m.title}<span class="what">${m.description}</span></th>`)}
          </tr></thead>
          <tbody>
            ${this.images.map((im) => html`<tr data-index=${im.index}>
              <th class="sample">
                <tg-explain-heatmap picture-only .image=${im.image} .size=${96}></tg-explain-heatmap>
                <div><b>${im.name}</b></div>
                <div>explained: <b>${im.class}</b> (p = ${formatNumber(im.probability, { digits: 3 })})</div>
                ${im.label !== null ? html`<div>label: ${im.label}</div>` : nothing}
              </th>
              ${this.methods.map((m) => html`<td>${im.maps[m.id]
                ? html`<tg-explain-heatmap .image=${im.image} .map=${im.maps[m.id]} .signed=${m.signed}></tg-explain-heatmap>`
                : html`<span class="muted small">not computed</span>`}</td>`)}
            </tr>`)}
          </tbody>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-explain-image-grid': TgExplainImageGrid;
  }
}
