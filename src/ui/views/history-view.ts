import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Run, RunSummary } from '../../core/types';
import type { RunStore } from '../../storage/runs';
import { panel } from './view-styles';
import '../elements/error-banner';
import '../elements/family-trend';
import type { FamilyPoint } from '../elements/family-trend';
import { grade } from '../../core/grade';
import { latestPolicy } from '../../policies';

/** How long a deleted run can be brought back. */
const UNDO_MS = 8000;

/** Every stored run, newest first, with export, import and delete (undoable for a moment). */
@customElement('tg-history-view')
export class TgHistoryView extends LitElement {
  static override styles = [panel, css`
    table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
    th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid #e8ebf2; }
    .status { font-size: 0.8rem; padding: 0.1rem 0.5rem; border-radius: 999px; background: #e8ebf2; }
    .status.complete { background: #dcf3e5; color: #17603a; }
    .status.failed, .status.interrupted { background: #fde8e8; color: #9b1c1c; }
    .status.cancelled { background: #fff4d6; color: #7a5200; }
    .actions { display: flex; gap: 0.75rem; align-items: center; margin-bottom: 1rem; }
    .undo { background: #16213a; color: #fff; padding: 0.6rem 1rem; border-radius: 8px; display: flex; gap: 1rem; align-items: center; }
    .undo button { background: transparent; color: #8fb8ff; border: 0; font-weight: 600; }
  `];

  @property({ attribute: false }) store: RunStore | null = null;
  @state() private runs: RunSummary[] | null = null;
  @state() private error = '';
  @state() private message = '';
  @state() private deleted: Run | null = null;
  /** Up to two runs picked for comparison, in the order picked. */
  @state() private picked: string[] = [];
  /** The family whose history is open, with its versions graded. */
  @state() private family: { name: string; points: FamilyPoint[] } | null = null;
  private undoTimer: ReturnType<typeof setTimeout> | undefined;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('store') && this.store) void this.refresh();
  }

  private async refresh() {
    try {
      this.runs = await this.store!.listRuns();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async removeRun(summary: RunSummary) {
    if (!this.store) return;
    if (!confirm(`Delete the run of ${summary.modelName} on ${summary.datasetName}?`)) return;
    const run = await this.store.getRun(summary.id);
    await this.store.deleteRun(summary.id);
    this.deleted = run ?? null;
    clearTimeout(this.undoTimer);
    this.undoTimer = setTimeout(() => { this.deleted = null; }, UNDO_MS);
    await this.refresh();
  }

  /** Loads and grades every run of a family, oldest first, one run per task so the page never stalls. */
  private async openFamily(name: string) {
    if (!this.store || !this.runs) return;
    const policy = latestPolicy();
    const points: FamilyPoint[] = [];
    for (const summary of [...this.runs].filter((r) => r.label?.family === name).reverse()) {
      const run = await this.store.getRun(summary.id);
      if (!run || run.status !== 'complete') continue;
      const { grading } = grade(run, policy);
      points.push({ run, overall: grading.overall.outcome, pillars: grading.pillars.map((p) => ({ pillar: p.pillar, outcome: p.outcome })) });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.family = { name, points };
  }

  private pick(id: string, on: boolean) {
    this.picked = on ? [...this.picked.filter((p) => p !== id), id].slice(-2) : this.picked.filter((p) => p !== id);
  }

  /** The earlier run is the base, whatever order they were picked in. */
  private compare() {
    const order = (id: string) => this.runs?.find((r) => r.id === id)?.createdAt ?? '';
    const [base, next] = [...this.picked].sort((a, b) => order(a).localeCompare(order(b)));
    location.hash = `#/compare/${encodeURIComponent(base)}/${encodeURIComponent(next)}`;
  }

  private async undo() {
    if (!this.store || !this.deleted) return;
    await this.store.restoreRun(this.deleted);
    this.deleted = null;
    await this.refresh();
  }

  private async exportAll() {
    if (!this.store) return;
    const text = await this.store.exportRuns();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'trustgrade-runs.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private async importFile(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file || !this.store) return;
    this.error = '';
    try {
      const { imported, skipped } = await this.store.importRuns(await file.text());
      this.message = `Imported ${imported} run${imported === 1 ? '' : 's'}${skipped ? `; ${skipped} already here were skipped` : ''}.`;
      await this.refresh();
    } catch (error) {
      this.error = `The file was not imported: ${(error as Error).message}`;
    }
  }

  override render() {
    return html`
      ${this.error ? html`<tg-error-banner data-testid="error" .message=${this.error} @tg-dismiss=${() => { this.error = ''; }}></tg-error-banner>` : nothing}
      <section class="panel">
        <h2>Stored runs</h2>
        <div class="actions">
          <button @click=${() => this.exportAll()} ?disabled=${!this.runs?.length}>Export all as JSON</button>
          <label>Import runs <input type="file" accept=".json,application/json" data-testid="import" @change=${this.importFile} /></label>
          <button data-testid="compare" ?disabled=${this.picked.length !== 2} @click=${() => this.compare()}>Compare the two picked runs</button>
          ${this.message ? html`<span role="status">${this.message}</span>` : nothing}
        </div>
        ${this.renderTable()}
      </section>
      ${this.renderFamilies()}
      ${this.deleted ? html`<div class="undo" role="status">Run deleted. <button data-testid="undo" @click=${() => this.undo()}>Undo</button></div>` : nothing}
    `;
  }

  private renderFamilies() {
    const families = [...new Set((this.runs ?? []).map((r) => r.label?.family).filter((f): f is string => Boolean(f)))];
    if (families.length === 0) return nothing;
    return html`<section class="panel" data-testid="families">
      <h2>Model families</h2>
      <p>Versions of one model over time: grades under the current policy, and key metrics with their intervals.</p>
      <div class="actions">${families.map((f) => html`<button data-testid="family" @click=${() => this.openFamily(f)}>${f}</button>`)}</div>
      ${this.family ? html`<h3>${this.family.name}</h3><tg-family-trend .points=${this.family.points}></tg-family-trend>` : nothing}
    </section>`;
  }

  private renderTable() {
    if (!this.store) return html`<p>Opening stored runs…</p>`;
    if (!this.runs) return html`<p>Loading…</p>`;
    if (this.runs.length === 0) return html`<p>No runs yet. Evaluate a model and it appears here.</p>`;
    return html`<table data-testid="runs">
      <tr><th>Compare</th><th>When</th><th>Model</th><th>Dataset</th><th>Suite</th><th>Samples</th><th>Accuracy</th><th>Status</th><th></th></tr>
      ${this.runs.map((r) => html`<tr data-testid="run-row">
        <td><input type="checkbox" data-testid="pick" aria-label=${`Pick run ${r.id} for comparison`} .checked=${this.picked.includes(r.id)}
          @change=${(e: Event) => this.pick(r.id, (e.target as HTMLInputElement).checked)} /></td>
        <td><a href=${`#/run/${encodeURIComponent(r.id)}`}>${new Date(r.createdAt).toLocaleString('en')}</a></td>
        <td>${r.modelName}${r.label ? html` <small>${r.label.family} ${r.label.version}</small>` : nothing}</td>
        <td>${r.datasetName}</td>
        <td>${r.suiteId}</td>
        <td>${r.samples.toLocaleString('en')}</td>
        <td>${formatHeadline(r.headline['validity/accuracy'])}</td>
        <td><span class=${`status ${r.status}`}>${r.status}</span></td>
        <td><button @click=${() => this.removeRun(r)} aria-label=${`Delete run ${r.id}`}>Delete</button></td>
      </tr>`)}
    </table>`;
  }
}

function formatHeadline(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(2)} %`;
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-history-view': TgHistoryView;
  }
}
