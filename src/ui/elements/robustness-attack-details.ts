import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../styles/theme';
import { formatCount, formatNumber, formatPercent } from '../format';
import type { AttackDetails, ThreatModel } from './robustness-attack-shapes';
import './robustness-attack-curve';
import './robustness-attack-examples';

const STATUS_CLASS = { passed: 'ok', failed: 'danger', 'not-run': '' } as const;
const STATUS_TEXT = { passed: 'passed', failed: 'failed', 'not-run': 'not run' } as const;

/**
 * What the white-box and black-box attack probes found: robust accuracy against ε (per attack and
 * for the strongest), the table behind the curve, the gradient path used, the gradient-masking
 * checks, the minimal ε, queries for black-box attacks, and a few adversarial examples.
 */
@customElement('tg-robustness-attack-details')
export class TgRobustnessAttackDetails extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      section { margin-top: 0.9rem; }
      .charts { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
      .note { font-size: 0.8rem; color: var(--tg-muted); max-width: 46rem; margin: 0.25rem 0 0; }
      td.detail { max-width: 36rem; font-size: 0.8rem; }
    `,
  ];

  @property({ attribute: false }) details: AttackDetails | null = null;

  override render() {
    const d = this.details;
    if (!d) return nothing;
    return html`
      ${this.renderPath(d)}
      <section data-testid="attack-curves">
        <h4>Robust accuracy against ε</h4>
        <div class="charts">
          <tg-robustness-attack-curve .curves=${d.linf.curves} .strongest=${d.linf.strongest} .headlineEpsilon=${d.linf.headlineEpsilon}
            .unit=${d.linf.unit} norm="linf"></tg-robustness-attack-curve>
          ${d.l2 ? html`<tg-robustness-attack-curve .curves=${d.l2.curves} .strongest=${d.l2.strongest} .headlineEpsilon=${null}
            .unit=${d.l2.unit} norm="l2"></tg-robustness-attack-curve>` : nothing}
        </div>
        ${this.renderTable(d.linf)}
      </section>
      ${this.renderChecks(d)}
      ${this.renderMinimal(d)}
      ${this.renderQueries(d)}
      <section>
        <h4>Adversarial examples</h4>
        <tg-robustness-attack-examples .examples=${d.examples}></tg-robustness-attack-examples>
      </section>
    `;
  }

  private renderPath(d: AttackDetails) {
    const g = d.gradientPath;
    if (!g) return nothing;
    const text = g.kind === 'tfjs'
      ? 'Gradients come from the TF.js model itself.'
      : g.kind === 'onnx-translated'
        ? `Gradients come from a TF.js translation of the ONNX graph, checked against onnxruntime when the model was opened (largest difference ${formatNumber(g.maxAbsDiff, { digits: 6 })}).`
        : `This model has no differentiable path${g.reason ? `: ${g.reason}` : ''}.`;
    return html`<p class="note" data-testid="gradient-path" data-kind=${g.kind}>${text}</p>`;
  }

  private renderTable(t: ThreatModel) {
    return html`
      <details>
        <summary>Show the strongest attack per ε as a table</summary>
        <div class="scroll-x">
          <table class="data" data-testid="attack-table">
            <thead><tr><th class="num">ε</th><th class="num">robust accuracy</th><th class="num">95 % interval</th>
              <th class="num">of correct samples</th><th class="num">success rate</th><th>strongest attack</th></tr></thead>
            <tbody>
              ${t.strongest.map((r) => html`<tr data-epsilon=${r.epsilon}>
                <td class="num">${r.epsilon}</td>
                <td class="num">${formatPercent(r.robustAccuracy)}</td>
                <td class="num">${r.low !== null && r.high !== null ? `${formatPercent(r.low)}–${formatPercent(r.high)}` : '—'}</td>
                <td class="num">${formatPercent(r.robustAccuracyCorrect)}</td>
                <td class="num">${formatPercent(r.successRate)}</td>
                <td>${r.strongestAttack ?? '—'}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>
      </details>`;
  }

  private renderChecks(d: AttackDetails) {
    if (d.checks.length === 0) return nothing;
    return html`
      <section>
        <h4>Gradient-masking checks (Carlini et al. 2019)</h4>
        <table class="data" data-testid="masking-checks">
          <thead><tr><th>check</th><th>result</th><th>what was seen</th></tr></thead>
          <tbody>
            ${d.checks.map((c) => html`<tr data-check=${c.id} data-status=${c.status}>
              <th scope="row">${c.title}</th>
              <td><span class="badge ${STATUS_CLASS[c.status]}">${STATUS_TEXT[c.status]}</span></td>
              <td class="detail">${c.detail}</td>
            </tr>`)}
          </tbody>
        </table>
      </section>`;
  }

  private renderMinimal(d: AttackDetails) {
    const m = d.minimal;
    if (!m) return nothing;
    const max = m.maxEpsilon ?? Number.POSITIVE_INFINITY;
    const within = m.values.filter((v) => v <= max + 1e-9).length;
    const beyond = m.values.length - within;
    return html`
      <section>
        <h4>Minimal ε</h4>
        <p class="note" data-testid="minimal-epsilon">
          ${m.median !== null ? html`Median minimal ε <strong>${formatNumber(m.median, { digits: 4 })}</strong> over ${formatCount(m.n)} correctly classified samples. `
            : html`The median minimal ε lies above the largest ε tried. `}
          ${formatCount(within)} fell within the grid (ε ≤ ${m.maxEpsilon ?? '—'})${beyond > 0 ? html`, ${formatCount(beyond)} only at a larger ε` : nothing};
          ${formatCount(m.censored)} were never fooled. Found by ${m.method}.
        </p>
      </section>`;
  }

  private renderQueries(d: AttackDetails) {
    const q = d.queries;
    if (!q || q.perSample.length === 0) return nothing;
    const sorted = [...q.perSample].sort((a, b) => a - b);
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const budgets = Object.entries(q.budgets).filter(([, v]) => v !== null)
      .map(([k, v]) => (k === 'hopSkipJump' ? `HopSkipJump ${formatCount(v!)} per sample` : `Square Attack ${formatCount(v!)} per sample and ε`));
    return html`
      <section>
        <h4>Queries</h4>
        <p class="note" data-testid="attack-queries">
          ${formatCount(sorted.length)} samples attacked; queries per sample: mean ${formatNumber(mean, { digits: 1 })}, median ${formatCount(median)}, most ${formatCount(sorted[sorted.length - 1])}.
          Budgets: ${budgets.join('; ')}.
        </p>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-robustness-attack-details': TgRobustnessAttackDetails;
  }
}
