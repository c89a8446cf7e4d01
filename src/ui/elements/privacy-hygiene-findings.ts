import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HygieneFinding, HygieneSeverity } from '../../core/types';
import { theme } from '../styles/theme';

const BADGE: Record<HygieneSeverity, string> = { high: 'danger', medium: 'warn', low: 'info', info: '' };

/**
 * Findings of the model-file audit, most serious first: severity, the file, what was found and
 * what to do. Untrusted text from the model (metadata excerpts) is only ever bound as text.
 */
@customElement('tg-privacy-hygiene-findings')
export class TgPrivacyHygieneFindings extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
      li { display: grid; grid-template-columns: 5.5rem 1fr; gap: 0.2rem 0.75rem; align-items: baseline; }
      .badge { justify-self: start; text-transform: uppercase; font-size: 0.7rem; }
      .where { color: var(--tg-muted); font-size: 0.8rem; }
      .message { grid-column: 2; font-size: 0.875rem; overflow-wrap: anywhere; }
      .summary { font-size: 0.875rem; margin-bottom: 0.5rem; }
    `,
  ];

  @property({ attribute: false }) findings: HygieneFinding[] = [];

  override render() {
    const count = (s: HygieneSeverity) => this.findings.filter((f) => f.severity === s).length;
    if (this.findings.length === 0) return html`<p class="muted">The audit found nothing to report.</p>`;
    return html`
      <p class="summary" data-testid="hygiene-summary">
        ${count('high')} high · ${count('medium')} medium · ${count('low')} low · ${count('info')} information
      </p>
      <ol data-testid="hygiene-findings">
        ${this.findings.map((f) => html`<li data-severity=${f.severity} data-code=${f.code}>
          <span class="badge ${BADGE[f.severity]}">${f.severity === 'info' ? 'info' : f.severity}</span>
          <span class="where"><code>${f.code}</code>${f.file ? html` · ${f.file}` : ''}</span>
          <span class="message">${f.message}</span>
        </li>`)}
      </ol>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-privacy-hygiene-findings': TgPrivacyHygieneFindings;
  }
}
