import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { shortHash } from '../format';

/**
 * A SHA-256 (or any long hash) shown short, with the full value in its tooltip, a button that
 * shows it in full, and a copy button. `full` shows it in full from the start.
 */
@customElement('tg-hash')
export class TgHash extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: inline-flex; align-items: baseline; gap: 0.25rem; flex-wrap: wrap; max-width: 100%; }
      code { overflow-wrap: anywhere; }
      button.quiet { font-size: 0.78rem; color: var(--tg-accent); }
      .copied { font-size: 0.78rem; color: var(--tg-ok); }
    `,
  ];

  @property() value = '';
  /** Show the whole hash rather than its first 12 digits. */
  @property({ type: Boolean }) full = false;
  @state() private expanded = false;
  @state() private copied: 'yes' | 'failed' | null = null;

  override render() {
    if (!this.value) return html`<span class="muted">not recorded</span>`;
    const whole = this.full || this.expanded;
    return html`
      <code title=${this.value} data-testid="hash">${whole ? this.value : `${shortHash(this.value)}…`}</code>
      ${this.full ? null : html`<button class="quiet" type="button" aria-expanded=${String(this.expanded)}
          @click=${() => { this.expanded = !this.expanded; }}>${this.expanded ? 'shorten' : 'show all'}</button>`}
      <button class="quiet" type="button" @click=${this.copy} aria-label="Copy the full hash">copy</button>
      ${this.copied === 'yes' ? html`<span class="copied" role="status">copied</span>` : null}
      ${this.copied === 'failed' ? html`<span class="muted small" role="status">copy not allowed here; select the text instead</span>` : null}
    `;
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.value);
      this.copied = 'yes';
    } catch {
      // Clipboard access needs a secure context and permission; show the hash to select instead.
      this.expanded = true;
      this.copied = 'failed';
    }
    window.setTimeout(() => { this.copied = null; }, 2000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-hash': TgHash;
  }
}
