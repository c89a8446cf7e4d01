import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EvalClient } from '../../client/eval-client';
import { importReport, type ImportedReport } from '../../report/import';
import { downloadJson } from './evaluate-view';
import { panel } from './view-styles';
import './run-view';
import './report-rerun';
import '../elements/error-banner';

/**
 * Opens a report file exported by TrustGrade (here or elsewhere): validates it, checks its
 * signature ("valid", "invalid", "unsigned") and whether its grades follow from its measurements,
 * then shows it like a stored run. A bare run file is graded under the newest policy.
 */
@customElement('tg-report-import-view')
export class TgReportImportView extends LitElement {
  static override styles = [
    panel,
    css`
      .drop { border: 2px dashed #b7c2d6; border-radius: 10px; padding: 1rem; text-align: center; color: #4a5568; }
      .drop.over { border-color: #3867d6; background: #eef3ff; }
    `,
  ];

  /** The app's worker client, to reproduce the report here; without one the page only reads reports. */
  @property({ attribute: false }) client: EvalClient | null = null;
  @state() private imported: ImportedReport | null = null;
  @state() private error = '';
  @state() private over = false;
  @state() private busy = false;

  override render() {
    return html`
      <section class="panel">
        <h2>Import a report</h2>
        <p>Open a trust report (JSON) exported by TrustGrade. It is checked against the report schema, its signature is verified,
          and its grades are re-derived from its measurements. Nothing leaves this browser.</p>
        <div class=${`drop ${this.over ? 'over' : ''}`}
          @dragover=${(e: DragEvent) => { e.preventDefault(); this.over = true; }}
          @dragleave=${() => { this.over = false; }}
          @drop=${async (e: DragEvent) => { e.preventDefault(); this.over = false; const file = e.dataTransfer?.files[0]; if (file) await this.open(file); }}>
          Drop a report here, or
          <input type="file" accept=".json,application/json" data-testid="report-input"
            @change=${async (e: Event) => { const input = e.target as HTMLInputElement; const file = input.files?.[0]; if (file) await this.open(file); input.value = ''; }} />
        </div>
        ${this.busy ? html`<p aria-live="polite">Checking the report…</p>` : nothing}
      </section>
      ${this.error ? html`<tg-error-banner data-testid="report-import-error" .message=${this.error} @tg-dismiss=${() => { this.error = ''; }}></tg-error-banner>` : nothing}
      ${this.imported ? html`<tg-run-view .run=${this.imported.report.run} .imported=${this.imported}
          @tg-export-json=${() => this.imported && downloadJson(this.imported.report.run)}
          @tg-delete=${() => { this.imported = null; }}></tg-run-view>
        <tg-report-rerun .client=${this.client} .run=${this.imported.report.run}></tg-report-rerun>` : nothing}`;
  }

  private async open(file: File) {
    this.busy = true;
    this.error = '';
    this.imported = null;
    try {
      this.imported = await importReport(await file.text());
    } catch (error) {
      this.error = `${file.name}: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-report-import-view': TgReportImportView;
  }
}
