import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AuxiliaryRole, BackendChoice, Run, Suite } from '../../core/types';
import type { EvalClient } from '../../client/eval-client';
import { getProbe } from '../../probes/registry';
import { compareReproduction, type Reproduction } from '../../report/reproduce';
import { AUXILIARY_WORDS, auxiliaryMismatch, datasetMismatch, missingAuxiliary, modelMismatch } from '../../report/reproduce-inputs';
import { capitalize } from '../../core/text';
import { readPickedFiles } from '../files';
import { theme } from '../styles/theme';

/** Across backends numbers may differ in their last digits; this much is accepted (the CLI's default too). */
const TOLERANCE = 1e-4;

const VERDICT_WORDS: Record<Reproduction['probes'][number]['verdict'], string> = {
  exact: 'reproduced exactly',
  'within-tolerance': 'reproduced within tolerance',
  differs: 'not reproduced',
  incomparable: 'not reproducible here',
};

/**
 * Reproduces an imported report in this browser, as `trustgrade rerun` does on the command line:
 * the model and dataset given must have the SHA-256 the report names; the same probes then run
 * with the same versions, parameters, binding, seed and limit, and every measurement is compared.
 */
@customElement('tg-report-rerun')
export class TgReportRerun extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .row { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: end; margin: 0.5rem 0; font-size: 0.875rem; }
      label { display: flex; flex-direction: column; gap: 0.2rem; color: var(--tg-muted); }
      .ok { color: var(--tg-ok); } .bad { color: var(--tg-danger); }
    `,
  ];

  @property({ attribute: false }) client: EvalClient | null = null;
  @property({ attribute: false }) run: Run | null = null;
  @state() private modelOk: string | null = null;
  @state() private datasetOk: string | null = null;
  @state() private error = '';
  @state() private busy = '';
  @state() private result: Reproduction | null = null;
  /** The report's second datasets (OOD set, non-members) given so far, by role, with what was said about each. */
  @state() private auxiliaryOk: Partial<Record<AuxiliaryRole, string>> = {};
  private modelSha = '';
  private datasetSha = '';
  private auxiliarySha: Partial<Record<AuxiliaryRole, string>> = {};

  override render() {
    const run = this.run;
    if (!run || !this.client) return nothing;
    const backend = this.backend(run);
    return html`
      <section class="card" data-testid="report-rerun">
        <h3>Reproduce this report</h3>
        <p class="small">Give the model, the dataset${(run.auxiliary ?? []).map((a) => ` and the ${AUXILIARY_WORDS[a.role]}`).join('')} the report names. Their SHA-256 must match; then the same
          ${run.results.length} probes run again with the same versions, parameters, binding, seed ${run.seed} and limit, on ${backend}.
          ${backend === run.environment.backend ? 'On the same backend every number must be identical.' : `The report was made on ${run.environment.backend}; on another backend each number must lie within ${TOLERANCE}.`}</p>
        <div class="row">
          <label>Model (SHA-256 ${run.model.sha256.slice(0, 12)}…)
            <input type="file" multiple data-testid="rerun-model-input" @change=${(e: Event) => this.openModel(e.target as HTMLInputElement)} /></label>
          <label>Dataset (SHA-256 ${run.dataset.sha256.slice(0, 12)}…)
            <input type="file" multiple data-testid="rerun-dataset-input" @change=${(e: Event) => this.openDataset(e.target as HTMLInputElement)} /></label>
          ${(run.auxiliary ?? []).map((a) => html`<label>${capitalize(AUXILIARY_WORDS[a.role])} (SHA-256 ${a.dataset.sha256.slice(0, 12)}…)
            <input type="file" multiple data-testid=${`rerun-${a.role}-input`} @change=${(e: Event) => this.openAuxiliary(a.role, e.target as HTMLInputElement)} /></label>`)}
          <button type="button" data-testid="rerun-start" ?disabled=${!this.modelOk || !this.datasetOk || Boolean(this.busy)} @click=${() => this.start(run)}>Run it again</button>
        </div>
        ${this.modelOk ? html`<p class="small ok">${this.modelOk}</p>` : nothing}
        ${this.datasetOk ? html`<p class="small ok">${this.datasetOk}</p>` : nothing}
        ${Object.values(this.auxiliaryOk).map((text) => html`<p class="small ok">${text}</p>`)}
        ${missingAuxiliary(run, Object.keys(this.auxiliaryOk) as AuxiliaryRole[]).map((text) => html`<p class="small" data-testid="rerun-missing">${text}</p>`)}
        ${this.busy ? html`<p class="small" aria-live="polite">${this.busy}</p>` : nothing}
        ${this.error ? html`<p class="small bad" role="alert" data-testid="rerun-error">${this.error}</p>` : nothing}
        ${this.result ? this.renderResult(this.result) : nothing}
      </section>`;
  }

  private renderResult(r: Reproduction) {
    return html`
      <p data-testid="rerun-summary" data-reproduced=${String(r.reproduced)} class=${r.reproduced ? 'ok' : 'bad'}>${r.summary}</p>
      <table class="data"><thead><tr><th>probe</th><th>verdict</th><th>detail</th></tr></thead>
        <tbody>${r.probes.map((p) => html`<tr data-probe-id=${p.probeId} data-verdict=${p.verdict}><td><code>${p.probeId}</code></td><td>${VERDICT_WORDS[p.verdict]}</td><td class="small">${p.note}</td></tr>`)}</tbody>
      </table>`;
  }

  /** The report's backend when the browser has it, else WebAssembly. */
  private backend(run: Run): BackendChoice {
    return (['wasm', 'webgpu', 'webgl', 'cpu'] as const).find((b) => b === run.environment.backend) ?? 'wasm';
  }

  private async openModel(input: HTMLInputElement) {
    if (!input.files?.length || !this.run || !this.client) return;
    await this.step('Opening the model…', async () => {
      this.modelOk = null;
      const info = await this.client!.openModel(await readPickedFiles(input.files!), this.backend(this.run!));
      const mismatch = modelMismatch(this.run!, info.sha256);
      if (mismatch) throw new Error(mismatch);
      this.modelSha = info.sha256;
      this.modelOk = `Model ${info.name}: SHA-256 matches the report.`;
    });
  }

  private async openDataset(input: HTMLInputElement) {
    if (!input.files?.length || !this.run || !this.client) return;
    await this.step('Reading the dataset…', async () => {
      this.datasetOk = null;
      const preview = await this.client!.openDataset(await readPickedFiles(input.files!));
      const mismatch = datasetMismatch(this.run!, preview.manifest.sha256);
      if (mismatch) throw new Error(mismatch);
      this.datasetSha = preview.manifest.sha256;
      this.datasetOk = `Dataset ${preview.manifest.name}: SHA-256 matches the report.`;
    });
  }

  private async openAuxiliary(role: AuxiliaryRole, input: HTMLInputElement) {
    if (!input.files?.length || !this.run || !this.client) return;
    await this.step(`Reading the ${AUXILIARY_WORDS[role]}…`, async () => {
      const { [role]: _dropped, ...others } = this.auxiliaryOk;
      this.auxiliaryOk = others;
      delete this.auxiliarySha[role];
      // The recorded name: the OOD probe reports its set by name, and the re-run must read the same.
      const recordedName = this.run!.auxiliary?.find((a) => a.role === role)?.dataset.name;
      const preview = await this.client!.openDataset(await readPickedFiles(input.files!), recordedName);
      const mismatch = auxiliaryMismatch(this.run!, role, preview.manifest.sha256);
      if (mismatch) throw new Error(mismatch);
      this.auxiliarySha[role] = preview.manifest.sha256;
      this.auxiliaryOk = { ...this.auxiliaryOk, [role]: `${capitalize(AUXILIARY_WORDS[role])} ${preview.manifest.name}: SHA-256 matches the report.` };
    });
  }

  private async start(original: Run) {
    await this.step('Running the probes again…', async () => {
      this.result = null;
      const known = original.results.filter((r) => { try { return getProbe(r.probeId).version > 0; } catch { return false; } });
      const suite: Suite = {
        id: original.suite.id, version: original.suite.version, title: `${original.suite.id} as recorded`, description: 'The probes the report records.',
        modality: original.suite.modality, task: original.suite.task, probes: known.map((r) => ({ id: r.probeId, params: r.params })),
      };
      const auxiliary = (Object.entries(this.auxiliarySha) as [AuxiliaryRole, string][]).map(([role, datasetSha256]) => ({ role, datasetSha256 }));
      const outcome = await this.client!.run({
        runId: crypto.randomUUID(), modelSha256: this.modelSha, datasetSha256: this.datasetSha,
        ...(auxiliary.length ? { auxiliary } : {}),
        binding: original.binding, suite, seed: original.seed, limit: original.limit,
        ...(original.label ? { label: original.label } : {}),
        ...(original.riskClass ? { riskClass: original.riskClass } : {}),
      }, (p) => { this.busy = `Running the probes again… ${Math.round(p.fraction * 100)} %`; });
      if (outcome.kind !== 'finished') throw new Error(`The re-run ${outcome.kind === 'cancelled' ? 'was cancelled' : `stopped: ${outcome.error}`}.`);
      this.result = compareReproduction(original, outcome.run, TOLERANCE);
    });
  }

  private async step(message: string, work: () => Promise<void>) {
    this.busy = message;
    this.error = '';
    try {
      await work();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-report-rerun': TgReportRerun;
  }
}
