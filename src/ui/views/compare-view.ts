import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Estimate, Run } from '../../core/types';
import type { RunStore } from '../../storage/runs';
import { compareRuns, type MetricChange, type RunComparison } from '../../core/compare';
import { gradeChanges, type GradeChange, type VerdictChange } from '../../core/compare-grades';
import { grade } from '../../core/grade';
import { latestPolicy } from '../../policies';
import { pairedAccuracyTest } from '../../metrics/paired';
import { getProbe } from '../../probes/registry';
import { formatEstimate, formatNumber } from '../format';
import { theme } from '../styles/theme';
import { panel } from './view-styles';
import '../elements/error-banner';
import { renderComparisonHtml } from '../../report/comparison-html';

export interface ComparisonView {
  base: Run;
  next: Run;
  comparison: RunComparison;
  grades: GradeChange[];
  verdicts: VerdictChange[];
  policy: { id: string; version: number };
}

function metricsOf(probeId: string) {
  try {
    const probe = getProbe(probeId);
    return [probe.metric, ...(probe.secondary ?? [])];
  } catch {
    return null;
  }
}

/** Everything the comparison page shows: per-probe changes, grade and verdict changes, under the latest policy. */
export function buildComparison(base: Run, next: Run): ComparisonView {
  const policy = latestPolicy();
  const comparison = compareRuns(base, next, metricsOf, pairedAccuracyTest);
  const { grades, verdicts } = gradeChanges(grade(base, policy).grading, grade(next, policy).grading);
  return { base, next, comparison, grades, verdicts, policy: { id: policy.id, version: policy.version } };
}

/** Two stored runs side by side: regressions first, then grade changes, improvements and what cannot be compared. */
@customElement('tg-compare-view')
export class TgCompareView extends LitElement {
  static override styles = [theme, panel, css`
    .regression { border-left: 4px solid var(--tg-danger); background: var(--tg-danger-soft); padding: 0.4rem 0.75rem; margin: 0.35rem 0; border-radius: 0 6px 6px 0; }
    .improvement { border-left: 4px solid var(--tg-ok); background: var(--tg-ok-soft); padding: 0.4rem 0.75rem; margin: 0.35rem 0; border-radius: 0 6px 6px 0; }
    .muted { color: var(--tg-muted); }
    table { border-collapse: collapse; }
    td, th { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--tg-border); text-align: left; }
    .worse { color: var(--tg-danger); font-weight: 600; } .better { color: var(--tg-ok); font-weight: 600; }
  `];

  @property({ attribute: false }) store: RunStore | null = null;
  @property() baseId = '';
  @property() nextId = '';
  @state() private view: ComparisonView | null = null;
  @state() private error = '';

  override updated(changed: Map<string, unknown>): void {
    if ((changed.has('store') || changed.has('baseId') || changed.has('nextId')) && this.store && this.baseId && this.nextId) void this.load();
  }

  private async load() {
    try {
      const [base, next] = await Promise.all([this.store!.getRun(this.baseId), this.store!.getRun(this.nextId)]);
      if (!base || !next) throw new Error('One of the two runs is not stored in this browser any more.');
      this.view = buildComparison(base, next);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    if (this.error) return html`<tg-error-banner .message=${this.error}></tg-error-banner>`;
    const v = this.view;
    if (!v) return html`<p>Comparing…</p>`;
    const c = v.comparison;
    const name = (run: Run) => `${run.label ? `${run.label.family} ${run.label.version}` : run.model.name}`;
    const notCompared = c.probes.filter((p) => p.status !== 'compared');
    const unchanged = c.probes.flatMap((p) => p.changes).filter((ch) => ch.significance !== 'significant');
    return html`
      <section class="panel" data-testid="comparison">
        <h2>${name(v.base)} → ${name(v.next)}</h2>
        <p class="muted">${v.base.model.name} (${new Date(v.base.createdAt).toLocaleString('en')}) → ${v.next.model.name}
          (${new Date(v.next.createdAt).toLocaleString('en')}) · graded under ${v.policy.id} v${v.policy.version}.
          A change is called significant when the two 95 % intervals do not overlap, or, for accuracy on the same rows,
          when a paired bootstrap of the difference excludes zero.</p>
        <h3>Regressions (${c.regressions.length})</h3>
        <div data-testid="regressions">${c.regressions.length
          ? c.regressions.map((r) => html`<div class="regression">${this.renderChange(r)}</div>`)
          : html`<p>None: no measurement got significantly worse.</p>`}</div>
      </section>
      <section class="panel">
        <h3>Grades and risk classes</h3>
        <table data-testid="grade-changes">
          <tr><th></th><th>${name(v.base)}</th><th>${name(v.next)}</th><th></th></tr>
          ${v.grades.map((g) => html`<tr><td>${g.scope}</td><td>${g.base}</td><td>${g.next}</td><td class=${g.change}>${g.change === 'same' ? '' : g.change}</td></tr>`)}
          ${v.verdicts.map((r) => html`<tr><td>${r.riskClass} risk</td><td>${r.base ? 'meets' : 'does not meet'}</td><td>${r.next ? 'meets' : 'does not meet'}</td>
            <td class=${r.change === 'no-longer-meets' ? 'worse' : r.change === 'now-meets' ? 'better' : ''}>${r.change === 'same' ? '' : r.change.replace(/-/g, ' ')}</td></tr>`)}
        </table>
      </section>
      <section class="panel">
        <h3>Improvements (${c.improvements.length})</h3>
        ${c.improvements.map((r) => html`<div class="improvement">${this.renderChange(r)}</div>`)}
        ${notCompared.length ? html`<h3>Not compared (${notCompared.length})</h3>
          <ul data-testid="incomparable">${notCompared.map((p) => html`<li><code>${p.probeId}</code>: ${p.reason}</li>`)}</ul>` : nothing}
        <h3>No significant change (${unchanged.length})</h3>
        <ul class="muted">${unchanged.map((ch) => html`<li>${this.renderChange(ch)}</li>`)}</ul>
        <button data-testid="export-comparison" @click=${() => this.exportJson(v)}>Export comparison as JSON</button>
        <button data-testid="export-comparison-html" @click=${() => this.exportHtml(v)}>Export comparison as HTML</button>
      </section>
    `;
  }

  private renderChange(c: MetricChange) {
    const e = (x: Estimate) => formatEstimate(x);
    return html`<strong>${c.title}</strong> <span class="muted">(${c.probeId})</span>:
      ${e(c.base)} → ${e(c.next)}; change ${c.delta === null ? 'undefined' : formatNumber(c.delta, { digits: 4 })}
      (${c.change}, ${c.significance}${c.method === 'paired-bootstrap' ? ', paired bootstrap' : ''})`;
  }

  private exportJson(v: ComparisonView) {
    const data = { format: 'trustgrade.comparison/1', policy: v.policy, comparison: v.comparison, grades: v.grades, verdicts: v.verdicts };
    download(`${JSON.stringify(data, null, 2)}\n`, 'application/json', `${fileStem(v)}.json`);
  }

  private async exportHtml(v: ComparisonView) {
    download(await renderComparisonHtml(v), 'text/html', `${fileStem(v)}.html`);
  }
}

function fileStem(v: ComparisonView): string {
  return `trustgrade-comparison-${v.base.id.slice(0, 8)}-${v.next.id.slice(0, 8)}`;
}

function download(text: string, type: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-compare-view': TgCompareView;
  }
}
