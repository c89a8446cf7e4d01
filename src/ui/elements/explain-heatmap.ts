import { LitElement, html, svg, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatNumber } from '../format';
import type { EncodedImage, EncodedMap } from '../../explain/encode-map';
import { heatMapUrl, pictureUrl } from './explain-colours';

/**
 * One heat map laid over the image it explains: the picture in gray or colour, the map on top
 * (red = for the class, blue = against it; yellow to red for magnitude-only maps), opacity growing
 * with magnitude. Each map is scaled to its own largest magnitude, which the caption states.
 */
@customElement('tg-explain-heatmap')
export class TgExplainHeatmap extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: inline-block; }
      figure { margin: 0; display: flex; flex-direction: column; align-items: center; gap: 0.15rem; }
      svg { display: block; border: 1px solid var(--tg-border); border-radius: 4px; background: #fff; }
      image { image-rendering: pixelated; }
      .under { opacity: 0.4; }
      figcaption { font-size: 0.72rem; color: var(--tg-muted); text-align: center; max-width: 9rem; line-height: 1.25; }
    `,
  ];

  @property({ attribute: false }) image: EncodedImage | null = null;
  @property({ attribute: false }) map: EncodedMap | null = null;
  @property({ type: Boolean }) signed = true;
  /** Drawn size in CSS pixels. */
  @property({ type: Number }) size = 112;
  @property() label = '';
  /** Hide the map and show only the picture. */
  @property({ type: Boolean, attribute: 'picture-only' }) pictureOnly = false;

  override render() {
    const s = this.size;
    const map = this.map;
    const picture = this.image ? pictureUrl(this.image) : null;
    const heat = map && !this.pictureOnly ? heatMapUrl(map, this.signed) : null;
    const what = this.pictureOnly ? 'Image' : `Heat map${this.label ? ` (${this.label})` : ''}`;
    return html`
      <figure>
        <svg width=${s} height=${s} viewBox="0 0 ${s} ${s}" role="img" aria-label=${what} data-testid="explain-heatmap">
          ${svg`
            ${picture ? svg`<image class=${heat ? 'under' : ''} href=${picture} x="0" y="0" width=${s} height=${s} preserveAspectRatio="none"></image>` : nothing}
            ${heat ? svg`<image href=${heat} x="0" y="0" width=${s} height=${s} preserveAspectRatio="none"></image>` : nothing}
          `}
        </svg>
        ${this.label || (map && !this.pictureOnly) ? html`<figcaption>${this.label}${map && !this.pictureOnly ? html`<br /><span class="num">max |a| ${formatNumber(map.scale, { digits: 3 })}</span>` : nothing}</figcaption>` : nothing}
      </figure>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-explain-heatmap': TgExplainHeatmap;
  }
}
