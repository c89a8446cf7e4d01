import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { theme } from '../styles/theme';

/**
 * An error the user must see: what went wrong, and (when known) what to do about it.
 * Dismissing emits `tg-dismiss` (bubbles, composed, cancelable); unless a listener cancels it,
 * the banner hides itself until it is given a different message.
 */
@customElement('tg-error-banner')
export class TgErrorBanner extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .banner {
        display: flex;
        gap: 0.75rem;
        align-items: flex-start;
        background: var(--tg-danger-soft);
        border: 1px solid #f2b8b1;
        border-left: 4px solid var(--tg-danger);
        border-radius: var(--tg-radius);
        padding: 0.6rem 0.75rem;
      }
      .body { flex: 1; min-width: 0; overflow-wrap: anywhere; }
      .heading { font-weight: 600; color: var(--tg-danger); margin-bottom: 0.15rem; }
      .hint { color: var(--tg-text); margin: 0.25rem 0 0; }
      button.quiet { font-size: 1.1rem; line-height: 1; color: var(--tg-muted); }
    `,
  ];

  @property() message = '';
  /** What the user can do about it. */
  @property() hint = '';
  /** Short heading above the message. */
  @property() heading = 'Something went wrong';
  @state() private dismissed = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('message')) this.dismissed = false;
  }

  override render() {
    if (!this.message || this.dismissed) return null;
    return html`
      <div class="banner" role="alert" data-testid="error-banner">
        <div class="body">
          <div class="heading">${this.heading}</div>
          <div data-testid="error-message">${this.message}</div>
          ${this.hint ? html`<p class="hint" data-testid="error-hint">${this.hint}</p>` : null}
        </div>
        <button class="quiet" type="button" aria-label="Dismiss this message" @click=${this.dismiss}>×</button>
      </div>
    `;
  }

  private dismiss() {
    const event = new CustomEvent('tg-dismiss', { bubbles: true, composed: true, cancelable: true });
    if (this.dispatchEvent(event)) this.dismissed = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-error-banner': TgErrorBanner;
  }
  interface HTMLElementEventMap {
    'tg-dismiss': CustomEvent<void>;
  }
}
