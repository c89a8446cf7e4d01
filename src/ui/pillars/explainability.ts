/**
 * How the explainability pillar's results are drawn inside their probe cards: attribution bars for
 * table rows and heat maps over images, the global-importance chart with partial dependence, the
 * deletion and insertion curves, and the randomisation check's trained-versus-random pictures.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Json, Measurement } from '../../core/types';
import type { DetailView } from './index';
import { formatNumber } from '../format';
import {
  readFaithfulness, readImageAttributions, readImportance, readRandomisation, readSampleRows, readTabularAttributions,
} from '../elements/explain-details';
import { heatMapUrl, pictureUrl } from '../elements/explain-colours';
import '../elements/explain-attribution-bars';
import '../elements/explain-colour-scale';
import '../elements/explain-curves';
import '../elements/explain-dependence';
import '../elements/explain-heatmap';
import '../elements/explain-image-grid';
import '../elements/explain-importance-chart';

/**
 * Reads details once per stored measurement, so that the pictures encoded before the card is drawn
 * (the colour module caches them by object) are the very objects the card draws.
 */
function once<T>(read: (details: Measurement['details']) => T): (details: Measurement['details']) => T {
  const cache = new WeakMap<object, T>();
  return (details) => {
    if (!details) return read(details);
    if (!cache.has(details)) cache.set(details, read(details));
    return cache.get(details)!;
  };
}

const readImages = once(readImageAttributions);
const readRandomised = once(readRandomisation);

const unreadable = html`<p class="muted">The details of this result could not be read (recorded by another version?).</p>`;

const cell = (v: Json | undefined): string => (typeof v === 'number' ? formatNumber(v, { digits: 4 }) : v === null || v === undefined ? '—' : String(v));

/** Per-sample numbers as a table inside a disclosure. */
function sampleTable(rows: { [key: string]: Json }[], columns: [string, string][], summary: string): TemplateResult | typeof nothing {
  if (rows.length === 0) return nothing;
  return html`<details data-testid="explain-sample-table">
    <summary>${summary}</summary>
    <div class="scroll-x"><table class="data">
      <thead><tr>${columns.map(([, title]) => html`<th>${title}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>${columns.map(([key]) => html`<td class="num">${key === 'index' && typeof r.index === 'number' ? `#${r.index + 1}` : cell(r[key])}</td>`)}</tr>`)}</tbody>
    </table></div>
  </details>`;
}

const attributions: DetailView = {
  keys: ['scale', 'features', 'explainedClass', 'methods', 'rows', 'globalShap', 'images'],
  *prepare(m) {
    const images = readImages(m.details);
    for (const im of images?.images ?? []) {
      if (im.image) pictureUrl(im.image);
      yield;
      for (const method of images!.methods) {
        const map = im.maps[method.id];
        if (map) heatMapUrl(map, method.signed);
        yield;
      }
    }
  },
  render: (m) => {
    const images = readImages(m.details);
    if (images) {
      return html`<section><h4>Heat maps over the explained images</h4>
        <tg-explain-image-grid .methods=${images.methods} .images=${images.images}></tg-explain-image-grid></section>`;
    }
    const rows = readTabularAttributions(m.details);
    if (!rows) return unreadable;
    const global = rows.features.map((name, f) => ({ name, value: rows.globalShap[f] ?? 0 }));
    return html`
      <section>
        <h4>Attributions of one row, on its raw columns</h4>
        <tg-explain-attribution-bars .features=${rows.features} .rows=${rows.rows} .methods=${rows.methods} .explainedClass=${rows.explainedClass} scale=${rows.scale}></tg-explain-attribution-bars>
      </section>
      ${rows.globalShap.length ? html`<section>
        <h4>Mean |KernelSHAP| over the ${rows.rows.length} explained rows</h4>
        <tg-explain-importance-chart .items=${global} axisLabel=${`mean |φ| (${rows.scale === 'margin' ? 'logit margin' : 'probability'})`}></tg-explain-importance-chart>
      </section>` : nothing}`;
  },
};

const globalImportance: DetailView = {
  keys: ['score', 'baselineScore', 'rows', 'features', 'dependence'],
  render: (m) => {
    const d = readImportance(m.details);
    if (!d) return unreadable;
    const items = d.features.map((f) => ({ name: f.column, value: f.importance, low: f.low, high: f.high, highlight: f.sensitive }));
    return html`
      <section>
        <h4>Permutation importance: drop in ${d.score} when a column is shuffled</h4>
        <p class="definition">${d.score[0].toUpperCase()}${d.score.slice(1)} on ${d.rows ?? '?'} rows with nothing shuffled: ${formatNumber(d.baselineScore, { digits: 4 })}. Whiskers are 95 % bootstrap intervals over rows; sensitive columns are in red.</p>
        <tg-explain-importance-chart .items=${items} axisLabel=${`drop in ${d.score}`}></tg-explain-importance-chart>
      </section>
      ${d.dependence.length ? html`<section>
        <h4>Partial dependence on the numeric columns</h4>
        <tg-explain-dependence .curves=${d.dependence}></tg-explain-dependence>
      </section>` : nothing}`;
  },
};

const faithfulness: DetailView = {
  keys: ['method', 'methodTitle', 'scale', 'unit', 'fractions', 'curves', 'samples'],
  render: (m) => {
    const d = readFaithfulness(m.details);
    if (!d) return unreadable;
    return html`
      <section>
        <h4>Deletion and insertion curves</h4>
        <tg-explain-curves .fractions=${d.fractions} .curves=${d.curves} methodTitle=${d.methodTitle} unit=${d.unit}></tg-explain-curves>
      </section>
      ${sampleTable(readSampleRows(m.details), [['index', 'sample'], ['class', 'class explained'], ['deletionAuc', 'deletion AUC'], ['insertionAuc', 'insertion AUC'], ['gain', 'gain over random']], 'Per-sample areas')}`;
  },
};

const stability: DetailView = {
  keys: ['method', 'methodTitle', 'samples'],
  render: (m) => sampleTable(readSampleRows(m.details), [['index', 'sample'], ['class', 'class explained'], ['maxSensitivity', 'max-sensitivity']], `Per-sample max-sensitivity (${String(m.details?.methodTitle ?? '')})`) as TemplateResult,
};

const completeness: DetailView = {
  keys: ['scale', 'samples'],
  render: (m) => sampleTable(readSampleRows(m.details), [['index', 'sample'], ['class', 'class'], ['fx', 'f(x)'], ['fBaseline', 'f(baseline)'], ['attributionSum', 'Σ IG'], ['gap', 'relative gap']], 'Per-sample completeness') as TemplateResult,
};

const randomisation: DetailView = {
  keys: ['method', 'methodTitle', 'samples', 'methods', 'pictures', 'features', 'meanAbsTrained', 'meanAbsRandomised'],
  *prepare(m) {
    for (const p of readRandomised(m.details)?.pictures ?? []) {
      if (p.image) pictureUrl(p.image);
      heatMapUrl(p.trained, true);
      yield;
      heatMapUrl(p.randomised, true);
      yield;
    }
  },
  render: (m) => {
    const d = readRandomised(m.details);
    if (!d) return unreadable;
    const table = html`${d.methods.length > 1 ? html`<section>
        <h4>Every method, same samples and randomised copy</h4>
        <table class="data" data-testid="explain-randomisation-methods">
          <thead><tr><th>method</th><th class="num">rank correlation (|attribution|), trained vs randomised</th></tr></thead>
          <tbody>${d.methods.map((r) => html`<tr><th scope="row">${r.title}${r.main ? ' (headline)' : ''}</th><td class="num">${formatNumber(r.rankCorrelation, { digits: 3 })}</td></tr>`)}</tbody>
        </table>
        <p class="definition">Near 0: the explanation depends on what the model learned. Near 1: it mostly shows the input and would look the same for a model that learned nothing (Adebayo et al. 2018).</p>
      </section>` : nothing}
      ${sampleTable(d.samples, [['index', 'sample'], ['class', 'class explained'], ['rankCorrelation', 'rank correlation']], 'Per-sample rank correlations')}`;
    if (d.pictures.length > 0) {
      return html`<section>
        <h4>${d.methodTitle}: trained model (left) and randomised copy (right)</h4>
        <tg-explain-colour-scale signed></tg-explain-colour-scale>
        <div class="charts">${d.pictures.map((p) => html`<div>
          <tg-explain-heatmap .image=${p.image} .map=${p.trained} label=${`#${p.index + 1} trained (${p.class})`}></tg-explain-heatmap>
          <tg-explain-heatmap .image=${p.image} .map=${p.randomised} label="randomised"></tg-explain-heatmap>
        </div>`)}</div>
      </section>${table}`;
    }
    if (d.features && d.meanAbsTrained && d.meanAbsRandomised) {
      const items = d.features.map((name, f) => ({ name, value: d.meanAbsTrained![f], compare: d.meanAbsRandomised![f] }));
      return html`<section>
        <h4>Mean |${d.methodTitle}| per column: trained model and randomised copy</h4>
        <tg-explain-importance-chart .items=${items} axisLabel="mean |attribution|" valueLabel="trained model" compareLabel="randomised copy"></tg-explain-importance-chart>
      </section>${table}`;
    }
    return table as TemplateResult;
  },
};

export const explainabilityViews: Record<string, DetailView> = {
  'explainability/attributions': attributions,
  'explainability/global-importance': globalImportance,
  'explainability/faithfulness': faithfulness,
  'explainability/stability': stability,
  'explainability/randomisation': randomisation,
  'explainability/ig-completeness': completeness,
};
