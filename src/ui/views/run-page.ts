import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Run } from '../../core/types';
import type { RunStore } from '../../storage/runs';
import { downloadJson } from './evaluate-view';
import { panel } from './view-styles';
import './run-view';
import '../elements/error-banner';

/** Loads one stored run and shows it; export and delete act on the store. */
@customElement('tg-run-page')
export class TgRunPage extends LitElement {
  static override styles = panel;

  @property({ attribute: false }) store: RunStore | null = null;
  @property() runId = '';
  @state() private run: Run | null = null;
  @state() private error = '';

  override updated(changed: Map<string, unknown>): void {
    if ((changed.has('store') || changed.has('runId')) && this.store && this.runId) void this.load();
  }

  private async load() {
    try {
      const run = await this.store!.getRun(this.runId);
      this.run = run ?? null;
      this.error = run ? '' : 'This run is not stored in this browser. It may have been deleted.';
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async removeRun() {
    if (!this.run || !this.store) return;
    if (!confirm(`Delete the run of ${this.run.model.name} on ${this.run.dataset.name}? You can undo this on the Runs page for a moment.`)) return;
    await this.store.deleteRun(this.run.id);
    location.hash = '#/history';
  }

  override render() {
    if (this.error) return html`<tg-error-banner .message=${this.error}></tg-error-banner>`;
    if (!this.run) return html`<p>Loading the run…</p>`;
    return html`<tg-run-view .run=${this.run}
      @tg-export-json=${() => this.run && downloadJson(this.run)}
      @tg-delete=${() => this.removeRun()}></tg-run-view>${nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-run-page': TgRunPage;
  }
}
