import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Progress } from '../../core/types';
import { theme } from '../styles/theme';
import { formatTimeLeft } from '../format';

/**
 * Progress of a running evaluation: a real <progress> bar with its percentage, the probe running,
 * and the time left. `progress` null means the run is starting and nothing is known yet.
 * The Cancel button emits `tg-cancel` (bubbles, composed) and then shows "Cancelling…".
 */
@customElement('tg-progress')
export class TgProgress extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .top { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; margin-bottom: 0.35rem; }
      .what { min-width: 0; overflow-wrap: anywhere; }
      .percent { font-weight: 600; font-variant-numeric: tabular-nums; }
      progress {
        display: block;
        width: 100%;
        height: 0.75rem;
        appearance: none;
        border: 1px solid var(--tg-border);
        border-radius: 999px;
        overflow: hidden;
        background: var(--tg-surface-alt);
      }
      progress::-webkit-progress-bar { background: var(--tg-surface-alt); }
      progress::-webkit-progress-value { background: var(--tg-accent); transition: width 0.2s; }
      progress::-moz-progress-bar { background: var(--tg-accent); }
      .bottom { display: flex; align-items: center; justify-content: space-between; gap: 1rem; margin-top: 0.35rem; }
    `,
  ];

  @property({ attribute: false }) progress: Progress | null = null;
  @property({ type: Boolean }) cancellable = false;
  @state() private cancelling = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    // A new run (or a run that starts over) clears the "Cancelling…" state of the previous one.
    const previous = changed.get('progress') as Progress | null | undefined;
    const newRun = changed.has('progress') && (this.progress === null || (previous && previous.runId !== this.progress.runId));
    const reEnabled = changed.has('cancellable') && this.cancellable && changed.get('cancellable') === false;
    if (newRun || reEnabled) this.cancelling = false;
  }

  override render() {
    const p = this.progress;
    const fraction = p ? Math.max(0, Math.min(1, p.fraction)) : null;
    const percent = fraction === null ? null : Math.floor(fraction * 100);
    const step = p && p.probeCount > 0
      ? `Probe ${Math.min(p.probeIndex + 1, p.probeCount)} of ${p.probeCount}`
      : 'Starting';
    return html`
      <div class="top">
        <div class="what">
          <strong data-testid="progress-step">${step}</strong>
          ${p?.message ? html`<span class="muted"> — </span><span data-testid="progress-message">${p.message}</span>` : null}
          ${p?.probeId ? html` <code class="muted small" data-testid="progress-probe">${p.probeId}</code>` : null}
        </div>
        <span class="percent" data-testid="progress-percent">${percent === null ? '…' : `${percent} %`}</span>
      </div>
      ${fraction === null
        ? html`<progress data-testid="progress-bar" aria-label="Evaluation progress"></progress>`
        : html`<progress data-testid="progress-bar" aria-label="Evaluation progress" max="1" .value=${fraction}
            aria-valuetext=${`${percent} %`}></progress>`}
      <div class="bottom">
        <span class="muted small" data-testid="progress-eta" aria-live="polite">${p ? formatTimeLeft(p.etaMs) : 'preparing the model and data…'}</span>
        ${this.cancellable
          ? html`<button type="button" class="danger" data-testid="cancel-button" ?disabled=${this.cancelling}
              @click=${this.cancel}>${this.cancelling ? 'Cancelling…' : 'Cancel'}</button>`
          : null}
      </div>
    `;
  }

  private cancel() {
    this.cancelling = true;
    this.dispatchEvent(new CustomEvent('tg-cancel', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-progress': TgProgress;
  }
  interface HTMLElementEventMap {
    'tg-cancel': CustomEvent<void>;
  }
}
