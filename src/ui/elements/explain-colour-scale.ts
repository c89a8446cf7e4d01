import { LitElement, html, svg, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { rgbaText, scaleStops } from './explain-colours';

const W = 180;
const H = 12;

/** The colour bar of the explanation heat maps, with what each end means. */
@customElement('tg-explain-colour-scale')
export class TgExplainColourScale extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: inline-block; font-size: 0.75rem; color: var(--tg-muted); }
      .row { display: flex; align-items: center; gap: 0.4rem; }
      svg { display: block; border: 1px solid var(--tg-border); }
    `,
  ];

  @property({ type: Boolean }) signed = true;

  override render() {
    const stops = scaleStops(this.signed);
    const w = W / stops.length;
    const [low, high] = this.signed ? ['against the class (−max)', 'for the class (+max)'] : ['0', 'largest magnitude'];
    return html`
      <div class="row" data-testid="explain-colour-scale">
        <span>${low}</span>
        <svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-label=${`Colour scale from ${low} to ${high}`}>
          ${svg`${stops.map((c, i) => svg`<rect x=${i * w} y="0" width=${w + 0.5} height=${H} fill=${rgbaText(c)}></rect>`)}`}
        </svg>
        <span>${high}</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-explain-colour-scale': TgExplainColourScale;
  }
}
