import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatNumber } from '../format';
import type { ExposureDetails } from './privacy-details';

const KIND_TEXT: Record<string, string> = {
  'labels-only': 'labels only',
  rounded: 'rounded probabilities',
  coarse: 'coarse scores',
  'full-precision': 'full-precision probabilities',
};

/** What the model's outputs expose, as a few facts. */
@customElement('tg-privacy-exposure-summary')
export class TgPrivacyExposureSummary extends LitElement {
  static override styles = [theme, css`:host { display: block; }`];

  @property({ attribute: false }) exposure: ExposureDetails | null = null;

  override render() {
    const e = this.exposure;
    if (!e) return html``;
    return html`
      <dl class="facts" data-testid="exposure-facts">
        <dt>Outputs read as</dt><dd><strong>${KIND_TEXT[e.exposure] ?? e.exposure}</strong>${e.decimals !== null ? ` (${e.decimals} decimal${e.decimals === 1 ? '' : 's'})` : ''}</dd>
        <dt>Distinct confidences</dt><dd>${formatCount(e.distinctConfidences)} for ${formatCount(e.distinctInputs)} distinct inputs</dd>
        <dt>Examples</dt><dd>${e.exampleConfidences.length ? e.exampleConfidences.map((v) => formatNumber(v, { digits: 7 })).join(', ') : '—'}</dd>
      </dl>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-privacy-exposure-summary': TgPrivacyExposureSummary;
  }
}
