import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AuxiliaryRole, BackendChoice, Binding, ModelInfo, Progress, Run } from '../../core/types';
import type { EvalClient } from '../../client/eval-client';
import type { RunStore } from '../../storage/runs';
import type { DatasetPreview } from '../../engine/preview';
import type { DatasetProvenance } from '../../engine/service';
import type { DemoManifest } from '../../bindings/demo-manifest';
import { parseBinding } from '../../core/binding-schema';
import { modalityOf, taskOf } from '../../core/binding';
import { guessBinding } from '../../core/binding-guess';
import { findBinding } from '../../bindings';
import { findSuite } from '../../suites/catalogue';
import { unreadAuxiliary } from '../../probes/registry';
import { readDroppedFiles, readPickedFiles, type PickedFile } from '../files';
import { fetchDemoFiles, fetchDemoManifest } from '../demo';
import { executeRun, startedRun } from '../run-lifecycle';
import { panel } from './view-styles';
import '../elements/model-card';
import '../elements/progress-bar';
import '../elements/error-banner';

const BACKENDS: { value: BackendChoice; label: string }[] = [
  { value: 'wasm', label: 'WebAssembly (default)' },
  { value: 'auto', label: 'Automatic: fastest available' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL (TF.js models)' },
  { value: 'cpu', label: 'Plain JavaScript (TF.js models)' },
];

/** The page where a person picks a model, a dataset and a binding, and runs a suite. */
@customElement('tg-evaluate-view')
export class TgEvaluateView extends LitElement {
  static override styles = [panel, css`
    .demo { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
    .demo p { margin: 0; color: #4a5568; }
    .aux-unread { color: var(--tg-warn); }
    .drop { border: 2px dashed #b7c2d6; border-radius: 10px; padding: 1rem; text-align: center; color: #4a5568; }
    .drop.over { border-color: #3867d6; background: #eef3ff; }
    .row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: 0.5rem 0; }
    label { display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.9rem; color: #4a5568; }
    textarea { width: 100%; min-height: 14rem; font-family: ui-monospace, monospace; font-size: 0.85rem; box-sizing: border-box; }
    .ok { color: #1e7b44; } .bad { color: #b42318; white-space: pre-wrap; }
    button.primary { background: #2450b5; color: #fff; border: 0; padding: 0.6rem 1.4rem; border-radius: 8px; font-size: 1rem; cursor: pointer; }
    button.primary[disabled] { background: #9aa7c2; cursor: not-allowed; }
    .preview { font-size: 0.85rem; overflow-x: auto; }
    .preview table { border-collapse: collapse; } .preview td, .preview th { border: 1px solid #e2e6ee; padding: 0.2rem 0.4rem; }
  `];

  @property({ attribute: false }) client!: EvalClient;
  @property({ attribute: false }) store: RunStore | null = null;

  @state() private demo: DemoManifest | null = null;
  @state() private backend: BackendChoice = 'wasm';
  @state() private modelFiles: PickedFile[] = [];
  @state() private model: ModelInfo | null = null;
  @state() private data: DatasetPreview | null = null;
  /** An optional second dataset and what it is for (an OOD set, known non-members); sent as the run's `auxiliary`. */
  @state() private auxiliary: { role: AuxiliaryRole; data: DatasetPreview } | null = null;
  @state() private auxiliaryRole: AuxiliaryRole = 'ood';
  @state() private bindingText = '';
  @state() private bindingError = '';
  @state() private bindingNote = '';
  @state() private suiteId = 'standard';
  @state() private seed = 1;
  @state() private family = '';
  @state() private version = '';
  @state() private limit = '';
  /** The application's risk class, recorded in the run; the report judges against it. */
  @state() private riskClass: '' | 'minimal' | 'limited' | 'high' = '';
  @state() private busy = '';
  @state() private error = '';
  @state() private progress: Progress | null = null;
  @state() private runningId: string | null = null;
  @state() private unsaved: Run | null = null;
  @state() private failed: { run: Run; label?: { family: string; version: string } } | null = null;
  @state() private dragOver = '';

  override connectedCallback(): void {
    super.connectedCallback();
    fetchDemoManifest().then((m) => { this.demo = m; }).catch((e: Error) => { this.error = e.message; });
  }

  override render() {
    return html`
      ${this.error ? html`<tg-error-banner data-testid="error" .message=${this.error} @tg-dismiss=${() => { this.error = ''; }}></tg-error-banner>` : nothing}
      ${this.unsaved ? this.renderUnsaved(this.unsaved) : nothing}
      ${this.failed ? this.renderFailed(this.failed.run) : nothing}
      <section class="panel demo">
        <p>New here? Grade a bundled model on a bundled dataset in one click.</p>
        <button class="primary" data-testid="try-demo" ?disabled=${!this.demo || Boolean(this.busy) || Boolean(this.runningId)} @click=${this.tryDemo}>Try the demo</button>
        <button data-testid="try-comparison" ?disabled=${!this.demo || Boolean(this.busy) || Boolean(this.runningId)} @click=${this.tryDemoFamily}
          title="Grades three versions of the demo model and compares the last two">Try a comparison</button>
      </section>
      ${this.renderModel()}
      ${this.renderDataset()}
      ${this.model && this.data ? this.renderBinding() : nothing}
      ${this.renderRun()}
    `;
  }

  private renderModel() {
    return html`<section class="panel">
      <h2>1. Model</h2>
      <div class=${`drop ${this.dragOver === 'model' ? 'over' : ''}`} data-testid="model-drop"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragOver = 'model'; }}
        @dragleave=${() => { this.dragOver = ''; }}
        @drop=${async (e: DragEvent) => { e.preventDefault(); this.dragOver = ''; if (e.dataTransfer) await this.openModel(await readDroppedFiles(e.dataTransfer)); }}>
        Drop an ONNX file, a TF.js model.json with its weight shards, a folder or a zip here, or
        <label style="display:inline"><input type="file" multiple data-testid="model-input"
          @change=${async (e: Event) => { const input = e.target as HTMLInputElement; if (input.files?.length) await this.openModel(await readPickedFiles(input.files)); input.value = ''; }} /></label>
      </div>
      <div class="row">
        <label>Backend
          <select data-testid="backend" @change=${(e: Event) => this.changeBackend((e.target as HTMLSelectElement).value as BackendChoice)}>
            ${BACKENDS.map((b) => html`<option value=${b.value} ?selected=${b.value === this.backend}>${b.label}</option>`)}
          </select>
        </label>
        ${this.demo ? html`<label>Bundled models
          <select data-testid="demo-model" @change=${(e: Event) => this.openDemoModel((e.target as HTMLSelectElement).value)}>
            <option value="">Choose…</option>
            ${this.demo.models.map((m) => html`<option value=${m.id}>${m.title}</option>`)}
          </select></label>` : nothing}
      </div>
      ${this.busy ? html`<p aria-live="polite">${this.busy}</p>` : nothing}
      ${this.model ? html`<tg-model-card .info=${this.model}></tg-model-card>` : nothing}
    </section>`;
  }

  private renderDataset() {
    const d = this.data;
    return html`<section class="panel">
      <h2>2. Dataset</h2>
      <div class=${`drop ${this.dragOver === 'data' ? 'over' : ''}`} data-testid="dataset-drop"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragOver = 'data'; }}
        @dragleave=${() => { this.dragOver = ''; }}
        @drop=${async (e: DragEvent) => { e.preventDefault(); this.dragOver = ''; if (e.dataTransfer) await this.openDataset(await readDroppedFiles(e.dataTransfer)); }}>
        Drop a CSV, JSON rows, MNIST IDX files (gzipped or not), or PNG/JPEG images (labels from file names or a labels CSV), or
        <input type="file" multiple data-testid="dataset-input"
          @change=${async (e: Event) => { const input = e.target as HTMLInputElement; if (input.files?.length) await this.openDataset(await readPickedFiles(input.files)); input.value = ''; }} />
      </div>
      ${this.demo ? html`<div class="row"><label>Bundled datasets
        <select data-testid="demo-dataset" @change=${(e: Event) => this.openDemoDataset((e.target as HTMLSelectElement).value)}>
          <option value="">Choose…</option>
          ${this.demo.datasets.map((ds) => html`<option value=${ds.id}>${ds.title}</option>`)}
        </select></label></div>` : nothing}
      ${d ? html`<div class="preview" data-testid="dataset-summary">
        <p><strong>${d.manifest.name}</strong>: ${d.manifest.rows.toLocaleString('en')} ${d.kind === 'image' ? `images ${d.image?.width}×${d.image?.height}×${d.image?.channels}` : `rows, ${d.columns.length} columns`}
          · SHA-256 <code title=${d.manifest.sha256}>${d.manifest.sha256.slice(0, 12)}…</code></p>
        ${d.kind === 'tabular' ? html`<table><tr>${d.columns.map((c) => html`<th>${c}</th>`)}</tr>
          ${d.head.map((row) => html`<tr>${row.map((cell) => html`<td>${cell ?? ''}</td>`)}</tr>`)}</table>`
          : html`<p>Labels: ${d.labels.map((l) => `${l.value} (${l.count})`).join(', ')}</p>`}
      </div>` : nothing}
      ${this.renderAuxiliary()}
    </section>`;
  }

  /** The optional second dataset: what it is for, the files, and what was read. */
  private renderAuxiliary() {
    const a = this.auxiliary;
    const roles: { value: AuxiliaryRole; label: string }[] = [
      { value: 'ood', label: 'out-of-distribution set (OOD detection)' },
      { value: 'non-members', label: 'known non-members (membership inference)' },
    ];
    return html`<details class="auxiliary" ?open=${Boolean(a)} data-testid="auxiliary">
      <summary>Second dataset (optional)</summary>
      <div class="row">
        <label>Used as
          <select data-testid="aux-role" @change=${(e: Event) => this.setAuxiliaryRole((e.target as HTMLSelectElement).value as AuxiliaryRole)}>
            ${roles.map((r) => html`<option value=${r.value} ?selected=${r.value === (a?.role ?? this.auxiliaryRole)}>${r.label}</option>`)}
          </select></label>
        <label>Files <input type="file" multiple data-testid="aux-input"
          @change=${async (e: Event) => { const input = e.target as HTMLInputElement; if (input.files?.length) await this.openAuxiliary(await readPickedFiles(input.files)); input.value = ''; }} /></label>
        ${a ? html`<button data-testid="aux-clear" @click=${() => { this.auxiliary = null; }}>Remove</button>` : nothing}
      </div>
      ${a ? html`<p data-testid="aux-summary"><strong>${a.data.manifest.name}</strong>: ${a.data.manifest.rows.toLocaleString('en')} ${a.data.kind === 'image' ? `images ${a.data.image?.width}×${a.data.image?.height}×${a.data.image?.channels}` : `rows, ${a.data.columns.length} columns`}
        · SHA-256 <code title=${a.data.manifest.sha256}>${a.data.manifest.sha256.slice(0, 12)}…</code></p>
        ${this.auxiliaryUnread(a.role) ? html`<p class="aux-unread" data-testid="aux-unread">No probe of the ${this.suiteId} suite reads this dataset: it will be recorded but not used. The standard suite reads it.</p>` : nothing}`
        : html`<p>Without one, OOD detection uses synthetic inputs, and membership inference uses the binding's split.</p>`}
    </details>`;
  }

  /** True when the suite this run would use has no probe that reads a second dataset of this role. */
  private auxiliaryUnread(role: AuxiliaryRole): boolean {
    try {
      const binding = parseBinding(JSON.parse(this.bindingText));
      return unreadAuxiliary(findSuite(this.suiteId, modalityOf(binding), taskOf(binding)), [role]).length > 0;
    } catch {
      return false;
    }
  }

  private setAuxiliaryRole(role: AuxiliaryRole) {
    this.auxiliaryRole = role;
    if (this.auxiliary) this.auxiliary = { ...this.auxiliary, role };
  }

  private async openAuxiliary(files: PickedFile[]) {
    await this.guard('Reading the second dataset…', async () => {
      this.auxiliary = null;
      const name = files.length === 1 ? files[0].path : `${files[0].path} and ${files.length - 1} more`;
      this.auxiliary = { role: this.auxiliaryRole, data: await this.client.openDataset(files, name) };
    });
  }

  private renderBinding() {
    return html`<section class="panel">
      <h2>3. Binding</h2>
      <p>How the dataset becomes model input and how the output becomes class probabilities. ${this.bindingNote}</p>
      <textarea data-testid="binding" spellcheck="false" .value=${this.bindingText}
        @input=${(e: Event) => this.setBindingText((e.target as HTMLTextAreaElement).value)}></textarea>
      ${this.bindingError
        ? html`<p class="bad" data-testid="binding-error">${this.bindingError}</p>`
        : html`<p class="ok">The binding is valid.</p>`}
    </section>`;
  }

  private renderRun() {
    const ready = Boolean(this.model && this.data && !this.bindingError && this.bindingText);
    return html`<section class="panel">
      <h2>4. Run</h2>
      <div class="row">
        <label>Suite
          <select data-testid="suite" @change=${(e: Event) => { this.suiteId = (e.target as HTMLSelectElement).value; }}>
            <option value="standard" ?selected=${this.suiteId === 'standard'}>standard — the complete evaluation</option>
            <option value="quick" ?selected=${this.suiteId === 'quick'}>quick — a first look in seconds</option>
          </select>
        </label>
        <label>Model family <input type="text" .value=${this.family} data-testid="family-name" placeholder="e.g. credit-scorer"
          @change=${(e: Event) => { this.family = (e.target as HTMLInputElement).value.trim(); }} /></label>
        <label>Version <input type="text" .value=${this.version} data-testid="version-label" placeholder="e.g. 2026-11 retrain"
          @change=${(e: Event) => { this.version = (e.target as HTMLInputElement).value.trim(); }} /></label>
        <label>Seed <input type="number" min="0" .value=${String(this.seed)} data-testid="seed"
          @change=${(e: Event) => { this.seed = Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)); }} /></label>
        <label>Limit (first n samples) <input type="number" min="1" placeholder="all" .value=${this.limit} data-testid="limit"
          @change=${(e: Event) => { this.limit = (e.target as HTMLInputElement).value; }} /></label>
        <label>Risk class of the application
          <select data-testid="risk-class" @change=${(e: Event) => { this.riskClass = (e.target as HTMLSelectElement).value as typeof this.riskClass; }}>
            <option value="" ?selected=${this.riskClass === ''}>not declared (see every class)</option>
            <option value="minimal" ?selected=${this.riskClass === 'minimal'}>minimal risk</option>
            <option value="limited" ?selected=${this.riskClass === 'limited'}>limited risk</option>
            <option value="high" ?selected=${this.riskClass === 'high'}>high risk (decisions about people)</option>
          </select></label>
        <button class="primary" data-testid="run" ?disabled=${!ready || Boolean(this.runningId)} @click=${() => this.run()}>Run</button>
      </div>
      ${this.runningId ? html`<tg-progress data-testid="progress" .progress=${this.progress} .cancellable=${true}
        @tg-cancel=${() => this.runningId && this.client.cancel(this.runningId)}></tg-progress>` : nothing}
    </section>`;
  }

  private renderFailed(run: Run) {
    const finished = run.results.filter((r) => r.status === 'ok').length;
    return html`<section class="panel" role="alert" data-testid="run-failed">
      <p><strong>The run failed.</strong> ${run.error ?? ''} ${finished} of ${run.results.length} probes had finished; they are stored with the run.
        A new evaluation worker has been started.</p>
      <button class="primary" data-testid="retry" @click=${() => this.run(this.failed?.label)}>Retry</button>
      <a href=${`#/run/${encodeURIComponent(run.id)}`}>See the stored run</a>
    </section>`;
  }

  private renderUnsaved(run: Run) {
    return html`<section class="panel" role="alert" data-testid="unsaved">
      <p>The last run could not be stored. It is kept on this page until you leave it.</p>
      <button @click=${() => downloadJson(run)}>Export it as JSON</button>
    </section>`;
  }

  private async guard(message: string, action: () => Promise<void>) {
    this.error = '';
    this.busy = message;
    try {
      await action();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = '';
    }
  }

  private async openModel(files: PickedFile[]) {
    await this.guard('Opening the model…', async () => {
      this.model = null;
      this.model = await this.client.openModel(files, this.backend);
      this.modelFiles = files;
      // Runs are grouped by family and version for comparisons: a guess from the file, editable.
      this.family = this.model.name === 'model.json' ? 'model' : this.model.name.replace(/\.[^.]+$/, '');
      this.version = this.model.sha256.slice(0, 8);
      this.suggestBinding();
    });
  }

  private async changeBackend(choice: BackendChoice) {
    this.backend = choice;
    if (this.modelFiles.length) await this.openModel(this.modelFiles);
  }

  private async openDataset(files: PickedFile[], name?: string, provenance?: DatasetProvenance) {
    await this.guard('Reading the dataset…', async () => {
      this.data = null;
      this.data = await this.client.openDataset(files, name, provenance);
      this.suggestBinding();
    });
  }

  private async openDemoModel(id: string) {
    const entry = this.demo?.models.find((m) => m.id === id);
    if (entry) await this.openModel(await fetchDemoFiles(entry.files));
  }

  private async openDemoDataset(id: string) {
    const entry = this.demo?.datasets.find((d) => d.id === id);
    if (entry) await this.openDemoDatasetEntry(entry);
  }

  /** A bundled dataset, with the source and licence its manifest records (kept in the run). */
  private async openDemoDatasetEntry(entry: DemoManifest['datasets'][number]) {
    await this.openDataset(await fetchDemoFiles(entry.files), entry.title, { source: entry.source, license: entry.license });
  }

  /** A shipped binding when the model is known, otherwise a guess to be checked. */
  private suggestBinding() {
    if (!this.model || !this.data) return;
    const known = findBinding(this.model.sha256);
    const binding = known?.binding ?? guessBinding(this.model, this.data);
    this.bindingNote = known
      ? `This model is known: the shipped binding "${known.title}" is filled in.`
      : 'No shipped binding matches this model: this is a guess from the data. Check every field before running.';
    this.setBindingText(JSON.stringify(binding, null, 2));
  }

  private setBindingText(text: string) {
    this.bindingText = text;
    try {
      parseBinding(JSON.parse(text));
      this.bindingError = '';
    } catch (error) {
      this.bindingError = error instanceof SyntaxError ? `The binding is not valid JSON: ${error.message}` : (error as Error).message;
    }
  }

  private async tryDemo() {
    const demo = this.demo;
    if (!demo) return;
    const model = demo.models.find((m) => m.id === demo.default.model);
    const dataset = demo.datasets.find((d) => d.id === demo.default.dataset);
    if (!model || !dataset) {
      this.error = 'The demo manifest names a default model or dataset that it does not list.';
      return;
    }
    await this.openModel(await fetchDemoFiles(model.files));
    await this.openDemoDatasetEntry(dataset);
    if (this.model && this.data && !this.bindingError) {
      await this.run({ family: model.family, version: model.version });
    }
  }

  /** Grades v1, v2 and v3 of the demo family one after another, then opens the comparison of the last two. */
  private async tryDemoFamily() {
    const demo = this.demo;
    if (!demo) return;
    const versions = demo.models.filter((m) => m.family === 'wages' && m.format === 'tfjs');
    const dataset = demo.datasets.find((d) => d.id === demo.default.dataset);
    if (versions.length < 2 || !dataset) return;
    await this.openDemoDatasetEntry(dataset);
    const runs: Run[] = [];
    for (const model of versions) {
      await this.openModel(await fetchDemoFiles(model.files));
      if (!this.model || !this.data || this.bindingError) return;
      const run = await this.run({ family: model.family, version: model.version }, false);
      if (!run) return;
      runs.push(run);
    }
    const [base, next] = runs.slice(-2);
    location.hash = `#/compare/${encodeURIComponent(base.id)}/${encodeURIComponent(next.id)}`;
  }

  /** Runs the suite; shows the stored run when `show`, and returns it when it completed and was stored. */
  private async run(label?: { family: string; version: string }, show = true): Promise<Run | null> {
    if (!this.model || !this.data) return null;
    let binding: Binding;
    try {
      binding = parseBinding(JSON.parse(this.bindingText));
    } catch (error) {
      this.error = `The binding is not valid: ${(error as Error).message}`;
      return null;
    }
    this.error = '';
    const limit = this.limit ? Math.max(1, Math.floor(Number(this.limit))) : null;
    let suite;
    try {
      suite = findSuite(this.suiteId, modalityOf(binding), taskOf(binding));
    } catch (error) {
      this.error = (error as Error).message;
      return null;
    }
    const request = {
      runId: crypto.randomUUID(),
      modelSha256: this.model.sha256,
      datasetSha256: this.data.manifest.sha256,
      ...(this.auxiliary ? { auxiliary: [{ role: this.auxiliary.role, datasetSha256: this.auxiliary.data.manifest.sha256 }] } : {}),
      binding, suite, seed: this.seed, limit,
      label: label ?? { family: this.family || 'model', version: this.version || this.model.sha256.slice(0, 8) },
      ...(this.riskClass ? { riskClass: this.riskClass } : {}),
    };
    this.runningId = request.runId;
    this.progress = null;
    this.failed = null;
    try {
      const outcome = await executeRun(this.client, this.store, request, startedRun(request, this.model, this.data),
        (p) => { this.progress = p; });
      if (outcome.saveError) {
        this.unsaved = outcome.run;
        this.error = `The run finished but could not be stored: ${outcome.saveError}`;
      } else if (outcome.run.status === 'failed') {
        // Stay here so the same model, data and settings can be run again on a fresh worker.
        this.failed = { run: outcome.run, label };
      } else {
        if (show) location.hash = `#/run/${encodeURIComponent(outcome.run.id)}`;
        return outcome.run;
      }
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.runningId = null;
      this.progress = null;
    }
    return null;
  }
}

export function downloadJson(run: Run) {
  const blob = new Blob([`${JSON.stringify(run, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `trustgrade-run-${run.id}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-evaluate-view': TgEvaluateView;
  }
}
