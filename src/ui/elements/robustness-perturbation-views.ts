/**
 * Detail views of the corruption, tabular-perturbation, OOD and stability probes, spread into
 * src/ui/pillars/robustness.ts: the contact sheet and accuracy-versus-severity curves, flip rate
 * against perturbation level, score histograms, and the stability repeats.
 */
import { html, nothing } from 'lit';
import type { DetailView } from '../pillars/index';
import { formatCount, formatNumber } from '../format';
import {
  CORRUPTION_DETAIL_KEYS, OOD_DETAIL_KEYS, PERTURBATION_DETAIL_KEYS, STABILITY_DETAIL_KEYS,
  readCorruptionDetails, readOodDetails, readPerturbationDetails, readStabilityDetails,
} from './robustness-perturbation-shapes';
import './robustness-contact-sheet';
import './robustness-curves';
import './robustness-score-histogram';

const corruptionView: DetailView = {
  keys: CORRUPTION_DETAIL_KEYS,
  render(m) {
    const d = readCorruptionDetails(m.details);
    if (!d) return html`${nothing}`;
    const rows = d.series.map((s) => ({ id: s.id, title: s.title }));
    return html`
      <section data-testid="corruption-curves">
        <h4>Accuracy against severity</h4>
        <tg-robustness-curves .series=${d.series} .reference=${d.clean ? { value: d.clean.accuracy, low: d.clean.low, high: d.clean.high } : null}
          .referenceLabel=${'clean accuracy, same images'} .valueLabel=${'accuracy'} .xLabel=${'severity'}></tg-robustness-curves>
      </section>
      <details open>
        <summary>Contact sheet: one image at every corruption and severity</summary>
        <tg-robustness-contact-sheet .sheet=${d.sheet} .corruptions=${rows} .severities=${d.severities}></tg-robustness-contact-sheet>
      </details>`;
  },
};

const perturbationView: DetailView = {
  keys: PERTURBATION_DETAIL_KEYS,
  render(m) {
    const d = readPerturbationDetails(m.details);
    if (!d) return html`${nothing}`;
    return html`<section data-testid="perturbation-curves">
      <h4>Prediction flip rate against perturbation level</h4>
      <tg-robustness-curves .series=${d.series} .reference=${null} .valueLabel=${'flip rate'} .xLabel=${'level'} .yMax=${null}></tg-robustness-curves>
      ${d.cleanAccuracy !== null ? html`<p class="muted small">Clean accuracy on the same rows: ${formatNumber(d.cleanAccuracy)}.</p>` : nothing}
    </section>`;
  },
};

const oodView: DetailView = {
  keys: OOD_DETAIL_KEYS,
  render(m) {
    const d = readOodDetails(m.details);
    if (!d) return html`${nothing}`;
    const names = d.sources.map((s) => `${s.name} (${formatCount(s.n)}${s.kind === 'synthetic' ? ', synthetic' : ''})`);
    return html`<section data-testid="ood-histograms">
      <h4>Scores of in-distribution and out-of-distribution inputs</h4>
      <div class="charts">
        <tg-robustness-score-histogram .histogram=${d.msp} .heading=${'Maximum softmax probability'} .inName=${d.inName} .outNames=${names}></tg-robustness-score-histogram>
        ${d.energy
          ? html`<tg-robustness-score-histogram .histogram=${d.energy} .heading=${`Energy score (−E, from ${d.energyFrom ?? 'logits'})`} .inName=${d.inName} .outNames=${names}></tg-robustness-score-histogram>`
          : html`<p class="muted small">No energy histogram: the energy score is undefined for this model (see the notes).</p>`}
      </div>
    </section>`;
  },
};

const stabilityView: DetailView = {
  keys: STABILITY_DETAIL_KEYS,
  render(m) {
    const d = readStabilityDetails(m.details);
    if (!d) return html`${nothing}`;
    return html`<section data-testid="stability-repeats">
      <h4>Repeats on ${d.backend}</h4>
      <table class="data">
        <thead><tr><th>repeat</th><th class="num">bit-identical samples</th><th class="num">largest difference</th></tr></thead>
        <tbody>${d.repeats.map((r) => html`<tr><th scope="row">${r.name}</th><td class="num">${formatCount(r.identical)} of ${formatCount(r.n)}</td><td class="num">${formatNumber(r.maxAbsDifference)}</td></tr>`)}</tbody>
      </table>
      <p class="muted small">Tolerance ${formatNumber(d.tolerance)} per probability.
        ${d.digest ? html`Output digest <code>${d.digest}</code>: a run on another backend with the same digest gave bit-identical outputs.` : nothing}
        ${d.crossBackendTolerance !== null ? html` Backends are expected to agree within ${formatNumber(d.crossBackendTolerance)}.` : nothing}</p>
    </section>`;
  },
};

export const perturbationViews: Record<string, DetailView> = {
  'robustness/corruptions': corruptionView,
  'robustness/mnist-c': corruptionView,
  'robustness/tabular-perturbation': perturbationView,
  'robustness/ood': oodView,
  'robustness/stability': stabilityView,
};
