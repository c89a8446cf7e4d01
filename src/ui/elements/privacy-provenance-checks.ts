import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import type { ProvenanceCheck } from './privacy-details';
import './hash-value';

/** The provenance checks with what the run recorded for each; hashes shown short with a copy button. */
@customElement('tg-privacy-provenance-checks')
export class TgPrivacyProvenanceChecks extends LitElement {
  static override styles = [theme, css`:host { display: block; }`];

  @property({ attribute: false }) checks: ProvenanceCheck[] = [];

  override render() {
    return html`
      <table class="data" data-testid="provenance-checks">
        <thead><tr><th>check</th><th>needed for “complete”</th><th>result</th><th>recorded</th></tr></thead>
        <tbody>${this.checks.map((c) => html`<tr>
          <th scope="row">${c.name}</th>
          <td>${c.required ? 'yes' : html`<span class="muted">advice</span>`}</td>
          <td><span class="badge ${c.passed ? 'ok' : c.required ? 'danger' : 'warn'}">${c.passed ? 'present' : 'missing'}</span></td>
          <td>${/^[0-9a-f]{64}$/.test(c.recorded) ? html`<tg-hash .value=${c.recorded}></tg-hash>`
            : c.recorded ? html`<span class="small">${c.recorded}</span>` : html`<span class="muted">not recorded</span>`}</td>
        </tr>`)}</tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-privacy-provenance-checks': TgPrivacyProvenanceChecks;
  }
}
