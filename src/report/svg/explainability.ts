/**
 * The explainability pillar's detail views in the exported report, as strings: heat maps laid
 * over the explained images with their colour scale, attribution bars for each explained table
 * row, the global-importance chart with partial dependence, deletion and insertion curves, and the
 * randomisation check. The same readers, colours and axes as the app's elements
 * (src/ui/elements/explain-*.ts); pictures and maps are PNG data URLs.
 */
import type { Json, Measurement } from '../../core/types';
import { formatNumber } from '../../ui/format';
import {
  readFaithfulness, readImageAttributions, readImportance, readRandomisation, readSampleRows, readTabularAttributions,
  type AttributionRow, type CurveSet, type DependenceCurve, type ExplainedImage, type ImageMethodInfo,
} from '../../ui/elements/explain-details';
import { ticks } from '../../ui/elements/explain-chart-math';
import {
  ATTRIBUTION_BARS, attributionLayout, DEPENDENCE_CHART, dependenceLayout, FAITHFULNESS_CHART, faithfulnessLayout, IMPORTANCE_CHART, importanceLayout,
} from '../../ui/elements/explain-geometry';
import { heatMapUrl, pictureUrl, rgbaText, scaleStops } from '../../ui/elements/explain-colours';
import { trapezoidArea } from '../../explain/stats';
import type { EncodedImage, EncodedMap } from '../../explain/encode-map';
import { esc, px } from './escape';
import { block, figure, isPngDataUrl, none, svgChart, table, td, th } from './parts';

/** Explained table rows drawn in the report (the app picks one at a time). */
export const MAX_ROWS = 8;

const METHOD_TITLES: Record<string, string> = { 'kernel-shap': 'KernelSHAP', lime: 'LIME', 'integrated-gradients': 'Integrated Gradients' };
const n3 = (v: number) => formatNumber(v, { digits: 3 });

/** The colour bar of the heat maps with what each end means. */
export function colourScaleHtml(signed: boolean): string {
  const W = 180, H = 12;
  const stops = scaleStops(signed);
  const w = W / stops.length;
  const [low, high] = signed ? ['against the class (−max)', 'for the class (+max)'] : ['0', 'largest magnitude'];
  const bar = svgChart('colour-scale spark', `Colour scale from ${low} to ${high}`, W, H, stops.map((c, i) => `<rect x="${px(i * w)}" y="0" width="${px(w + 0.5)}" height="${H}" fill="${rgbaText(c)}"/>`).join(''));
  return `<div class="scale-row small muted"><span>${esc(low)}</span>${bar}<span>${esc(high)}</span></div>`;
}

/** A picture with a heat map laid over it (or the picture alone), as an SVG of two PNG images. */
export function heatmapSvg(image: EncodedImage | null, map: EncodedMap | null, signed: boolean, label: string, size = 112): string {
  const picture = image ? pictureUrl(image) : null;
  const heat = map ? heatMapUrl(map, signed) : null;
  const layer = (url: string | null, cls: string) => (url && isPngDataUrl(url) ? `<image class="${cls}" href="${url}" x="0" y="0" width="${size}" height="${size}" preserveAspectRatio="none"/>` : '');
  const svg = svgChart('heatmap', map ? `Heat map (${label})` : `Image (${label})`, size, size, `${layer(picture, heat ? 'under' : '')}${layer(heat, 'over')}`);
  return figure(svg, map ? `${label} · max |a| ${n3(map.scale)}` : label, 'heat-figure');
}

/** Explained images as a table: the picture, then one heat map per method. */
export function imageGridHtml(methods: ImageMethodInfo[], images: ExplainedImage[]): string {
  const scales = `${methods.some((m) => m.signed) ? colourScaleHtml(true) : ''}${methods.some((m) => !m.signed) ? `<span class="small muted">Saliency and SmoothGrad (magnitude only):</span>${colourScaleHtml(false)}` : ''}`;
  const head = `<tr><th>image</th>${methods.map((m) => `<th>${esc(m.title)}<span class="small muted block">${esc(m.description)}</span></th>`).join('')}</tr>`;
  const rows = images.map((im) => `<tr data-index="${esc(im.index)}"><th class="sample">${heatmapSvg(im.image, null, true, im.name, 96)}<div class="small">explained: <b>${esc(im.class)}</b> (p = ${esc(n3(im.probability))})${im.label !== null ? `<br>label: ${esc(im.label)}` : ''}</div></th>${methods
    .map((m) => `<td>${im.maps[m.id] ? heatmapSvg(im.image, im.maps[m.id], m.signed, m.title, 96) : '<span class="small muted">not computed</span>'}</td>`)
    .join('')}</tr>`);
  return `${scales}<table class="image-grid" data-view="explain-image-grid"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One table row's attributions per column, bars either side of zero, one bar per method. */
export function attributionBarsSvg(features: string[], row: AttributionRow, methodIds: string[], explainedClass: string | null, scale: string): string {
  const { labelW: LABEL_W, barH: BAR_H, top } = ATTRIBUTION_BARS;
  const { methods, order, domain, x, band, width: W, height } = attributionLayout(row, methodIds);
  const cls = explainedClass ?? row.class;
  const what = scale === 'margin' ? 'logit margin' : 'probability';
  const body = [
    ...ticks(domain, 4).map((t) => `<line class="${t === 0 ? 'zero' : 'gridline'}" x1="${px(x(t))}" x2="${px(x(t))}" y1="${top - 4}" y2="${height - 4}"/><text class="tick" x="${px(x(t))}" y="10" text-anchor="middle">${esc(n3(t))}</text>`),
    ...order.map((f, k) => {
      const y0 = top + k * band;
      return `<text class="label" x="${LABEL_W - 8}" y="${px(y0 + band / 2 - 1)}" text-anchor="end">${esc(features[f])}</text><text class="tick" x="${LABEL_W - 8}" y="${px(y0 + band / 2 + 9)}" text-anchor="end">${esc(row.values[f] ?? '')}</text>${methods
        .map((m, i) => {
          const v = row.methods[m][f];
          return `<rect class="m${i}" x="${px(Math.min(x(0), x(v)))}" y="${y0 + i * BAR_H}" width="${px(Math.max(0.5, Math.abs(x(v) - x(0))))}" height="${BAR_H - 1}"><title>${esc(`${METHOD_TITLES[m] ?? m}: ${features[f]} = ${row.values[f]} → ${formatNumber(v, { digits: 4 })}`)}</title></rect>`;
        }).join('')}`;
    }),
  ].join('');
  const legend = `<div class="legend small muted">${methods.map((m, i) => `<span><span class="key key-m${i}"></span>${esc(METHOD_TITLES[m] ?? m)}</span>`).join('')}</div>`;
  const caption = `Row #${row.index + 1}: bars to the right push the ${what} of ${cls} up, to the left down. This row: ${what} ${formatNumber(row.explained, { digits: 4 })} (probability ${formatNumber(row.probability, { digits: 4 })}); the average over the background rows is ${formatNumber(row.base, { digits: 4 })}. Model's prediction: ${row.predicted}${row.label !== null ? `; label: ${row.label}` : ''}.`;
  return figure(legend + svgChart('attribution-bars', `Attributions of row ${row.index + 1} for the ${what} of ${cls}`, W, height, body), caption);
}

export interface ImportanceItem { name: string; value: number; low?: number | null; high?: number | null; highlight?: boolean; compare?: number | null }

/** Horizontal bars, largest first, with optional whiskers and a comparison bar. */
export function importanceChartSvg(input: ImportanceItem[], axisLabel: string, labels: { value?: string; compare?: string } = {}): string {
  if (input.length === 0) return '';
  const { labelW: LABEL_W, plotW: PLOT_W, row: ROW, top } = IMPORTANCE_CHART;
  const { items, domain, x, width: W, height, hasCompare } = importanceLayout(input);
  const body = [
    ...ticks(domain, 4).map((t) => `<line class="${t === 0 ? 'zero' : 'gridline'}" x1="${px(x(t))}" x2="${px(x(t))}" y1="${top - 4}" y2="${top + items.length * ROW}"/><text class="tick" x="${px(x(t))}" y="10" text-anchor="middle">${esc(n3(t))}</text>`),
    ...items.map((item, k) => {
      const y = top + k * ROW;
      const h = hasCompare ? 8 : 12;
      return `<text class="label${item.highlight ? ' highlight' : ''}" x="${LABEL_W - 8}" y="${y + 11}" text-anchor="end">${esc(item.name)}${item.highlight ? ' (sensitive)' : ''}</text><rect class="bar${item.highlight ? ' highlight' : ''}" x="${px(Math.min(x(0), x(item.value)))}" y="${y + 2}" width="${px(Math.max(0.5, Math.abs(x(item.value) - x(0))))}" height="${h}"/>${item.low != null && item.high != null ? `<line class="whisker" x1="${px(x(item.low))}" x2="${px(x(item.high))}" y1="${y + 2 + h / 2}" y2="${y + 2 + h / 2}"/>` : ''}${hasCompare && item.compare != null ? `<rect class="compare" x="${px(Math.min(x(0), x(item.compare)))}" y="${y + 11}" width="${px(Math.max(0.5, Math.abs(x(item.compare) - x(0))))}" height="6"/>` : ''}`;
    }),
    `<text class="label" x="${LABEL_W + PLOT_W / 2}" y="${height - 6}" text-anchor="middle">${esc(axisLabel)}</text>`,
  ].join('');
  return figure(svgChart('importance', `${axisLabel}: ${items.map((i) => `${i.name} ${n3(i.value)}`).join(', ')}`, W, height, body), hasCompare ? `Dark bars: ${labels.value ?? ''}; light bars: ${labels.compare ?? ''}.` : '');
}

/** Partial dependence: one small chart per numeric column. */
export function dependenceSvg(c: DependenceCurve): string {
  const { width: W, height: H, pad: P } = DEPENDENCE_CHART;
  const { lo, hi, yLow, yHigh, y, paths } = dependenceLayout(c);
  const summary = `Partial dependence on ${c.column}: ${c.classes.map((cls, k) => `p(${cls}) from ${n3(c.values[k][0])} to ${n3(c.values[k][c.values[k].length - 1])}`).join('; ')}`;
  const body = [
    `<rect class="frame" x="${P.left}" y="${P.top}" width="${W - P.left - P.right}" height="${H - P.top - P.bottom}"/>`,
    ...[yLow, (yLow + yHigh) / 2, yHigh].map((t) => `<text class="tick" x="${P.left - 4}" y="${px(y(t) + 3)}" text-anchor="end">${esc(formatNumber(t, { digits: 2 }))}</text>`),
    `<text class="tick" x="${P.left}" y="${H - P.bottom + 11}">${esc(formatNumber(lo, { digits: 2 }))}</text><text class="tick" x="${W - P.right}" y="${H - P.bottom + 11}" text-anchor="end">${esc(formatNumber(hi, { digits: 2 }))}</text>`,
    `<text class="label" x="${P.left}" y="${P.top - 4}">${esc(c.classes.length === 1 ? `p(${c.classes[0]}) by ${c.column}` : `probabilities by ${c.column}`)}</text>`,
    `<text class="tick" x="${(P.left + W - P.right) / 2}" y="${H - 4}" text-anchor="middle">${esc(`${c.column} (raw value)`)}</text>`,
    ...c.classes.map((cls, k) => `<path class="c${k % 6}" d="${paths[k]}"><title>${esc(`p(${cls})`)}</title></path>`),
  ].join('');
  return svgChart('dependence', summary, W, H, body);
}

/** Deletion and insertion curves against random orders. */
export function faithfulnessCurvesHtml(fractions: number[], c: CurveSet, methodTitle: string, unit: string): string {
  if (fractions.length < 2) return '';
  const { width: W, height: H, pad: P, ticks: T } = FAITHFULNESS_CHART;
  const { x, y, path, area } = faithfulnessLayout(fractions);
  const chart = (title: string, own: number[], random: number[], verb: string) => {
    const body = [
      ...T.map((t) => `<line class="gridline" x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(y(0))}" y2="${px(y(1))}"/><line class="gridline" x1="${px(x(0))}" x2="${px(x(1))}" y1="${px(y(t))}" y2="${px(y(t))}"/><text class="tick" x="${px(x(t))}" y="${H - P.bottom + 12}" text-anchor="middle">${t}</text><text class="tick" x="${px(x(0) - 5)}" y="${px(y(t) + 3)}" text-anchor="end">${t}</text>`),
      `<path class="area" d="${area(own)}"/>`,
      `<path class="random" d="${path(random)}"/><path class="method" d="${path(own)}"/>`,
      `<rect class="frame" x="${px(x(0))}" y="${px(y(1))}" width="${px(x(1) - x(0))}" height="${px(y(0) - y(1))}"/>`,
      `<text class="label" x="${px(x(0))}" y="${P.top - 2}">${esc(title)}</text>`,
      `<text class="tick" x="${px((x(0) + x(1)) / 2)}" y="${H - 6}" text-anchor="middle">${esc(`fraction of ${unit} ${verb}`)}</text>`,
    ].join('');
    return svgChart('faithfulness', `${title}: area ${n3(trapezoidArea(own, fractions))} for ${methodTitle}, ${n3(trapezoidArea(random, fractions))} for random orders`, W, H, body);
  };
  return `<div class="charts">${chart('Deletion (lower is better)', c.deletion, c.randomDeletion, 'removed')}${chart('Insertion (higher is better)', c.insertion, c.randomInsertion, 'inserted')}</div><div class="legend small muted"><span><span class="key key-method"></span>${esc(methodTitle)} order (mean over samples)</span><span><span class="key key-random"></span>random orders</span></div>`;
}

const cell = (v: Json | undefined): string => (typeof v === 'number' ? formatNumber(v, { digits: 4 }) : v === null || v === undefined ? '—' : String(v));

function sampleTable(view: string, rows: { [key: string]: Json }[], columns: [string, string][]): string {
  return table(view, columns.map(([, t]) => t), rows.map((r) => columns.map(([k]) => td(k === 'index' && typeof r.index === 'number' ? `#${r.index + 1}` : cell(r[k]), 'num'))));
}

function attributionsView(m: Measurement): string {
  const images = readImageAttributions(m.details);
  if (images) return block('explain-image-grid', 'Heat maps over the explained images', imageGridHtml(images.methods, images.images));
  const d = readTabularAttributions(m.details);
  if (!d) return '';
  const shown = d.rows.slice(0, MAX_ROWS);
  const bars = shown.map((row) => attributionBarsSvg(d.features, row, d.methods, d.explainedClass, d.scale));
  const more = d.rows.length > shown.length ? none(`The first ${shown.length} of ${d.rows.length} explained rows; the run keeps them all.`) : '';
  const global = d.globalShap.length ? block('explain-global-shap', `Mean |KernelSHAP| over the ${d.rows.length} explained rows`,
    importanceChartSvg(d.features.map((name, f) => ({ name, value: d.globalShap[f] ?? 0 })), `mean |φ| (${d.scale === 'margin' ? 'logit margin' : 'probability'})`)) : '';
  return block('explain-attribution-bars', 'Attributions of each explained row, on its raw columns', (bars.join('') || none('No row was explained.')) + more) + global;
}

function importanceView(m: Measurement): string {
  const d = readImportance(m.details);
  if (!d) return '';
  const items = d.features.map((f) => ({ name: f.column, value: f.importance, low: f.low, high: f.high, highlight: f.sensitive }));
  return block('explain-importance', `Permutation importance: drop in ${d.score} when a column is shuffled`,
    `<p class="small muted">${esc(`${d.score[0].toUpperCase()}${d.score.slice(1)} on ${d.rows ?? '?'} rows with nothing shuffled: ${formatNumber(d.baselineScore, { digits: 4 })}. Whiskers are 95 % bootstrap intervals over rows; sensitive columns are in red.`)}</p>${importanceChartSvg(items, `drop in ${d.score}`)}`)
    + (d.dependence.length ? block('explain-dependence', 'Partial dependence on the numeric columns', `<div class="multiples">${d.dependence.map(dependenceSvg).join('')}</div>`) : '');
}

function faithfulnessView(m: Measurement): string {
  const d = readFaithfulness(m.details);
  if (!d) return '';
  return block('explain-curves', 'Deletion and insertion curves', faithfulnessCurvesHtml(d.fractions, d.curves, d.methodTitle, d.unit)
    + sampleTable('explain-samples', readSampleRows(m.details), [['index', 'sample'], ['class', 'class explained'], ['deletionAuc', 'deletion AUC'], ['insertionAuc', 'insertion AUC'], ['gain', 'gain over random']]));
}

function randomisationView(m: Measurement): string {
  const d = readRandomisation(m.details);
  if (!d) return '';
  const methods = d.methods.length > 1 ? block('explain-randomisation-methods', 'Every method, same samples and randomised copy',
    table('explain-randomisation-methods', ['method', 'rank correlation (|attribution|), trained vs randomised'], d.methods.map((r) => [th(`${r.title}${r.main ? ' (headline)' : ''}`), td(formatNumber(r.rankCorrelation, { digits: 3 }), 'num')]))) : '';
  const samples = sampleTable('explain-samples', d.samples, [['index', 'sample'], ['class', 'class explained'], ['rankCorrelation', 'rank correlation']]);
  if (d.pictures.length > 0) {
    return block('explain-randomisation', `${d.methodTitle}: trained model (left) and randomised copy (right)`, colourScaleHtml(true)
      + `<div class="charts">${d.pictures.map((p) => `<div class="pair">${heatmapSvg(p.image, p.trained, true, `#${p.index + 1} trained (${p.class})`)}${heatmapSvg(p.image, p.randomised, true, 'randomised')}</div>`).join('')}</div>`) + methods + samples;
  }
  if (d.features && d.meanAbsTrained && d.meanAbsRandomised) {
    const items = d.features.map((name, f) => ({ name, value: d.meanAbsTrained![f], compare: d.meanAbsRandomised![f] }));
    return block('explain-randomisation', `Mean |${d.methodTitle}| per column: trained model and randomised copy`,
      importanceChartSvg(items, 'mean |attribution|', { value: 'trained model', compare: 'randomised copy' })) + methods + samples;
  }
  return methods + samples;
}

/** Detail views of the explainability probes, by probe id. */
export const explainabilityReportViews: Record<string, (m: Measurement) => string> = {
  'explainability/attributions': attributionsView,
  'explainability/global-importance': importanceView,
  'explainability/faithfulness': faithfulnessView,
  'explainability/stability': (m) => sampleTable('explain-samples', readSampleRows(m.details), [['index', 'sample'], ['class', 'class explained'], ['maxSensitivity', 'max-sensitivity']]),
  'explainability/randomisation': randomisationView,
  'explainability/ig-completeness': (m) => sampleTable('explain-samples', readSampleRows(m.details), [['index', 'sample'], ['class', 'class'], ['fx', 'f(x)'], ['fBaseline', 'f(baseline)'], ['attributionSum', 'Σ IG'], ['gap', 'relative gap']]),
};
