import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ModelInfo, OnnxFacts, TensorInfo, TfjsFacts } from '../../core/types';
import { theme } from '../styles/theme';
import { formatBytes, formatCount, formatShape } from '../format';
import { countNames, domainName } from './result-text';
import './hash-value';

/**
 * What TrustGrade learned about a model without judging it: file, hash, size, inputs and outputs,
 * the format's own facts (ONNX: IR version, producer, opsets, operators, metadata; TF.js: model type,
 * converter, layers), the backend actually in use and whether gradients can be taken.
 * Every string from the file is shown as text.
 */
@customElement('tg-model-card')
export class TgModelCard extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .card { display: flex; flex-direction: column; gap: 0.9rem; }
      header { display: flex; align-items: baseline; gap: 0.6rem; flex-wrap: wrap; }
      header h3 { margin: 0; overflow-wrap: anywhere; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0.9rem 2rem; }
      h4 { margin-bottom: 0.3rem; }
      .note { font-size: 0.85rem; color: var(--tg-warn); }
      .warning { font-size: 0.85rem; color: var(--tg-danger); }
      td.value { overflow-wrap: anywhere; max-width: 32rem; }
    `,
  ];

  @property({ attribute: false }) info: ModelInfo | null = null;

  override render() {
    const m = this.info;
    if (!m) return nothing;
    return html`
      <div class="card" data-testid="model-card">
        <header>
          <h3 data-testid="model-name">${m.name}</h3>
          <span class="badge info" data-testid="model-format">${m.format === 'onnx' ? 'ONNX' : 'TensorFlow.js'}</span>
        </header>
        <dl class="facts">
          <dt>SHA-256</dt><dd><tg-hash data-testid="model-sha256" .value=${m.sha256}></tg-hash></dd>
          <dt>Size</dt><dd>${formatBytes(m.sizeBytes)}${m.sizeBytes >= 1024 ? html` <span class="muted">(${formatCount(m.sizeBytes)} bytes)</span>` : nothing}</dd>
          <dt>Backend</dt>
          <dd>
            <code data-testid="model-backend">${m.backend}</code>
            ${m.backendNote ? html`<div class="note" data-testid="backend-note">${m.backendNote}</div>` : nothing}
          </dd>
          <dt>Differentiable</dt>
          <dd data-testid="model-differentiable">${m.differentiable
            ? 'yes — gradients with respect to the input can be taken (white-box attacks, gradient attributions)'
            : 'no — only black-box (query-based) methods apply to this model'}</dd>
        </dl>
        <div class="grid">
          ${this.renderTensors('Inputs', m.inputs, 'model-inputs')}
          ${this.renderTensors('Outputs', m.outputs, 'model-outputs')}
        </div>
        ${m.onnx ? this.renderOnnx(m.onnx) : nothing}
        ${m.tfjs ? this.renderTfjs(m.tfjs) : nothing}
      </div>
    `;
  }

  private renderTensors(title: string, tensors: TensorInfo[], testId: string) {
    return html`
      <section>
        <h4>${title}</h4>
        ${tensors.length === 0 ? html`<p class="muted">None declared.</p>` : html`
          <div class="scroll-x">
            <table class="data" data-testid=${testId}>
              <thead><tr><th>name</th><th>shape</th><th>dtype</th></tr></thead>
              <tbody>
                ${tensors.map((t) => html`<tr>
                  <td class="value"><code>${t.name}</code></td>
                  <td><code>${formatShape(t.shape)}</code>${t.shape.length === 0 && /^(map|sequence)/.test(t.dtype) ? html` <span class="muted small">(not a tensor)</span>` : nothing}</td>
                  <td><code>${t.dtype}</code></td>
                </tr>`)}
              </tbody>
            </table>
          </div>`}
      </section>`;
  }

  private renderOnnx(f: OnnxFacts) {
    const opCount = f.operators.reduce((a, o) => a + o.count, 0);
    const operators = [...f.operators].sort((a, b) => b.count - a.count || a.opType.localeCompare(b.opType));
    const metadata = Object.entries(f.metadata);
    return html`
      <section data-testid="onnx-facts">
        <h4>ONNX</h4>
        <dl class="facts">
          <dt>IR version</dt><dd data-testid="onnx-ir-version">${f.irVersion}</dd>
          <dt>Producer</dt><dd>${f.producer || html`<span class="muted">not recorded</span>`}</dd>
          <dt>Opsets</dt>
          <dd data-testid="onnx-opsets">${f.opsets.length === 0 ? html`<span class="muted">none declared</span>`
            : f.opsets.map((o, i) => html`${i > 0 ? ', ' : ''}<code>${domainName(o.domain)} ${o.version}</code>`)}</dd>
          ${f.externalData.length > 0 ? html`
            <dt>External data</dt>
            <dd class="warning">${f.externalData.length} initializer(s) point to data outside the file; TrustGrade never follows them:
              ${f.externalData.map((p, i) => html`${i > 0 ? ', ' : ''}<code>${p}</code>`)}</dd>` : nothing}
        </dl>
        <details>
          <summary>Operators: ${formatCount(operators.length)} kinds, ${formatCount(opCount)} nodes</summary>
          <div class="scroll-x">
            <table class="data" data-testid="onnx-operators">
              <thead><tr><th>operator</th><th>domain</th><th class="num">count</th></tr></thead>
              <tbody>${operators.map((o) => html`<tr><td><code>${o.opType}</code></td><td>${domainName(o.domain)}</td><td class="num">${formatCount(o.count)}</td></tr>`)}</tbody>
            </table>
          </div>
        </details>
        ${metadata.length === 0 ? html`<p class="muted small">No metadata properties.</p>` : html`
          <details>
            <summary>Metadata properties (${metadata.length})</summary>
            <div class="scroll-x">
              <table class="data" data-testid="onnx-metadata">
                <thead><tr><th>key</th><th>value</th></tr></thead>
                <tbody>${metadata.map(([k, v]) => html`<tr><td><code>${k}</code></td><td class="value">${v}</td></tr>`)}</tbody>
              </table>
            </div>
          </details>`}
      </section>`;
  }

  private renderTfjs(f: TfjsFacts) {
    const layers = countNames(f.layers);
    const shardBytes = f.shards.reduce((a, s) => a + s.bytes, 0);
    return html`
      <section data-testid="tfjs-facts">
        <h4>TensorFlow.js</h4>
        <dl class="facts">
          <dt>Model type</dt><dd><code>${f.modelType}</code></dd>
          <dt>Generated by</dt><dd>${f.generatedBy ?? html`<span class="muted">not recorded</span>`}</dd>
          <dt>Converted by</dt><dd>${f.convertedBy ?? html`<span class="muted">not recorded</span>`}</dd>
          <dt>Weights</dt><dd>${formatCount(f.weightCount)} tensors in ${f.shards.length} shard(s), ${formatBytes(shardBytes)}</dd>
        </dl>
        <details>
          <summary>${f.modelType === 'graph-model' ? 'Operations' : 'Layers'}: ${formatCount(layers.length)} kinds, ${formatCount(f.layers.length)} in all</summary>
          <div class="scroll-x">
            <table class="data" data-testid="tfjs-layers">
              <thead><tr><th>${f.modelType === 'graph-model' ? 'operation' : 'layer class'}</th><th class="num">count</th></tr></thead>
              <tbody>${layers.map(([name, count]) => html`<tr><td><code>${name}</code></td><td class="num">${formatCount(count)}</td></tr>`)}</tbody>
            </table>
          </div>
        </details>
        <details>
          <summary>Weight shards (${f.shards.length})</summary>
          <table class="data">
            <thead><tr><th>path</th><th class="num">bytes</th></tr></thead>
            <tbody>${f.shards.map((s) => html`<tr><td class="value"><code>${s.path}</code></td><td class="num">${formatCount(s.bytes)}</td></tr>`)}</tbody>
          </table>
        </details>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-model-card': TgModelCard;
  }
}
