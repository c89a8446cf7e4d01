/**
 * The robustness pillar's detail views in the exported report, as strings: accuracy against
 * severity and the corruption contact sheet, flip rate against perturbation level, OOD score
 * histograms, the stability repeats, and for the attack probes robust accuracy against ε, the
 * gradient-masking checks and adversarial examples beside their originals. The same readers and
 * geometry as the app's elements (src/ui/elements/robustness-*.ts).
 */
import type { Measurement } from '../../core/types';
import { formatCount, formatNumber, formatPercent } from '../../ui/format';
import {
  readCorruptionDetails, readOodDetails, readPerturbationDetails, readStabilityDetails, type ContactSheet, type CurveSeries, type ScoreHistogram,
} from '../../ui/elements/robustness-perturbation-shapes';
import { CURVE_CHART, curvePath, curveScales, fittedTop, HISTOGRAM_CHART, histogramGeometry } from '../../ui/elements/robustness-chart-math';
import { readAttackDetails, type AttackExample, type ThreatModel } from '../../ui/elements/robustness-attack-shapes';
import { ATTACK_CHART, attackCurveGeometry } from '../../ui/elements/robustness-attack-geometry';
import { esc, px } from './escape';
import { block, clip, figure, img, none, pngDataUrl, svgChart, table, td, th } from './parts';
import { thumbnailUrl } from './pictures';

type Reference = { value: number; low: number | null; high: number | null } | null;

/** Small multiples: one chart per series of a value against severity (or level), whiskers for intervals. */
export function curvesHtml(series: CurveSeries[], opts: { reference: Reference; referenceLabel?: string; valueLabel: string; xLabel: string; yMax: number | null }): string {
  if (series.length === 0) return none('Nothing to draw.');
  const top = opts.yMax ?? fittedTop(series);
  const scales = curveScales(series, top);
  const { width: W, height: H, pad: PAD } = CURVE_CHART;
  const { xs, px: X, py: Y } = scales;
  const ref = opts.reference;
  const charts = series.map((s) => {
    const mean = s.points.length > 0 ? s.points.reduce((a, p) => a + p.y, 0) / s.points.length : null;
    const label = `${s.title}: ${s.points.map((p) => `${opts.xLabel} ${p.x}: ${formatNumber(p.y)}`).join('; ')}`;
    const body = [
      ...[0, top / 2, top].map((t) => `<line class="gridline" x1="${PAD.left}" x2="${W - PAD.right}" y1="${px(Y(t))}" y2="${px(Y(t))}"/><text class="tick" x="${PAD.left - 4}" y="${px(Y(t) + 3)}" text-anchor="end">${esc(formatNumber(t, { digits: t === 0 || t === 1 ? 0 : 2 }))}</text>`),
      ...xs.map((x) => `<text class="tick" x="${px(X(x))}" y="${H - 8}" text-anchor="middle">${esc(x)}</text>`),
      ref && ref.low !== null && ref.high !== null ? `<rect class="ref-band" x="${PAD.left}" width="${W - PAD.left - PAD.right}" y="${px(Y(ref.high))}" height="${px(Math.max(0.5, Y(ref.low) - Y(ref.high)))}"/>` : '',
      ref ? `<line class="ref" x1="${PAD.left}" x2="${W - PAD.right}" y1="${px(Y(ref.value))}" y2="${px(Y(ref.value))}"/>` : '',
      `<rect class="frame" x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}"/>`,
      ...s.points.map((p) => (p.low !== null && p.high !== null ? `<line class="whisker-soft" x1="${px(X(p.x))}" x2="${px(X(p.x))}" y1="${px(Y(p.low))}" y2="${px(Y(p.high))}"/>` : '')),
      `<path class="line" d="${curvePath(s, scales)}"/>`,
      ...s.points.map((p) => `<circle class="dot" cx="${px(X(p.x))}" cy="${px(Y(p.y))}" r="3"/>`),
    ].join('');
    return `<figure class="multiple" data-series="${esc(s.id)}"><figcaption class="small"><strong>${esc(clip(s.title, 28))}</strong> <span class="muted">${mean !== null ? esc(`mean ${formatNumber(mean, { digits: 3 })}`) : ''}</span></figcaption>${svgChart('curve', label, W, H, body)}</figure>`;
  });
  const legend = `<p class="small muted"><span class="key key-line"></span>${esc(opts.valueLabel)} with 95 % interval, by ${esc(opts.xLabel)}${ref ? ` <span class="key key-ref"></span>${esc(opts.referenceLabel ?? 'reference')} (${esc(formatNumber(ref.value))})` : ''}</p>`;
  return `${legend}<div class="multiples">${charts.join('')}</div>`;
}

/** One image under every corruption (rows) and severity (columns), the clean image first. */
export function contactSheetHtml(sheet: ContactSheet | null, corruptions: { id: string; title: string }[], severities: number[]): string {
  if (!sheet) return none('No contact sheet was kept for this run.');
  const at = new Map(sheet.cells.map((c) => [`${c.corruption}/${c.severity}`, c.png]));
  const columns = severities.filter((s) => corruptions.some((c) => at.has(`${c.id}/${s}`)));
  const picture = (png: string | undefined, alt: string) => img(png ? pngDataUrl(png) : null, alt, 'thumb', 48);
  const clean = picture(sheet.clean, `${sheet.name}, clean`);
  const rows = corruptions.map((c) => `<tr data-corruption="${esc(c.id)}"><th scope="row">${esc(c.title)}</th><td class="clean">${clean}</td>${columns
    .map((s) => `<td>${picture(at.get(`${c.id}/${s}`), `${c.title}, severity ${s}`)}</td>`)
    .join('')}</tr>`);
  const caption = `Image '${sheet.name}'${sheet.label !== null ? ` (label ${sheet.label})` : ''} under every corruption and severity, as the pixels were before the binding encoded them; the clean image is outlined.`;
  return figure(`<table class="sheet" data-view="contact-sheet"><thead><tr><th></th><th>clean</th>${columns.map((s) => `<th>severity ${esc(s)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`, caption, 'sheet-figure');
}

/** How a detection score is spread over bins for in-distribution inputs and each OOD source. */
export function scoreHistogramSvg(h: ScoreHistogram, heading: string, inName: string, outNames: string[]): string {
  const { width: W, height: H, pad: PAD } = HISTOGRAM_CHART;
  const g = histogramGeometry(h);
  const cls = (i: number) => (i === 0 ? 'in' : `out${(i - 1) % 3}`);
  const body = [
    `<rect class="frame" x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}"/>`,
    ...g.paths.map((d, i) => `<path class="step ${cls(i)}" d="${d}"/>`),
    `<text class="tick" x="${PAD.left}" y="${H - 10}">${esc(formatNumber(h.low, { digits: 2 }))}</text>`,
    `<text class="tick" x="${W - PAD.right}" y="${H - 10}" text-anchor="end">${esc(formatNumber(h.high, { digits: 2 }))}</text>`,
    `<text class="tick" x="${PAD.left - 4}" y="${px(g.py(g.top) + 3)}" text-anchor="end">${esc(formatNumber(g.top, { digits: 2 }))}</text>`,
    `<text class="tick" x="${PAD.left - 4}" y="${px(g.py(0) + 3)}" text-anchor="end">0</text>`,
  ].join('');
  const legend = `<div class="legend small muted"><span><span class="key k-in"></span>${esc(inName)}</span>${outNames.map((n, i) => `<span><span class="key k-out${i % 3}"></span>${esc(n)}</span>`).join('')}</div>`;
  return figure(`<div class="small"><strong>${esc(heading)}</strong></div>${legend}${svgChart('histogram', `${heading}: share of inputs per score bin`, W, H, body)}`);
}

/** Robust accuracy against ε: a dashed line per attack, the strongest per ε solid with whiskers. */
export function attackCurveSvg(t: ThreatModel, norm: 'linf' | 'l2'): string {
  const points = t.strongest;
  if (points.length === 0) return none('No robust-accuracy curve: no ε was attacked.');
  const headline = norm === 'linf' ? t.headlineEpsilon : null;
  const { width: W, height: H, plot: P, ticksY } = ATTACK_CHART;
  const { plotW, plotH, x, y, line } = attackCurveGeometry(points, headline);
  const name = norm === 'l2' ? 'L2' : 'L∞';
  const summary = `Robust accuracy against ${name} ε for ${t.curves.length} attacks and the strongest per ε; ${points.map((p) => `ε ${formatNumber(p.epsilon, { digits: 3 })}: ${formatPercent(p.robustAccuracy)}`).join(', ')}.`;
  const body = [
    ...ticksY.map((v) => `<line class="gridline" x1="${P.left}" x2="${W - P.right}" y1="${px(y(v))}" y2="${px(y(v))}"/><text class="tick" x="${P.left - 6}" y="${px(y(v) + 3.5)}" text-anchor="end">${esc(formatPercent(v, 0))}</text>`),
    ...points.map((p) => `<line class="gridline" x1="${px(x(p.epsilon))}" x2="${px(x(p.epsilon))}" y1="${px(y(0))}" y2="${px(y(1))}"/><text class="tick" x="${px(x(p.epsilon))}" y="${px(y(0) + 14)}" text-anchor="middle">${esc(formatNumber(p.epsilon, { digits: 3 }))}</text>`),
    headline !== null ? `<line class="headline" x1="${px(x(headline))}" x2="${px(x(headline))}" y1="${px(y(0))}" y2="${px(y(1))}"/>` : '',
    ...t.curves.map((c, i) => `<path class="attack s${i % 6}" d="${line(c.points)}"><title>${esc(c.attack)}</title></path>`),
    `<path class="strongest" d="${line(points)}"/>`,
    ...points.map((p) => (p.robustAccuracy === null ? '' : `${p.low !== null && p.high !== null ? `<line class="whisker" x1="${px(x(p.epsilon))}" x2="${px(x(p.epsilon))}" y1="${px(y(p.low))}" y2="${px(y(p.high))}"/>` : ''}<circle class="point" cx="${px(x(p.epsilon))}" cy="${px(y(p.robustAccuracy))}" r="3"/>`)),
    `<rect class="frame" x="${P.left}" y="${P.top}" width="${plotW}" height="${plotH}"/>`,
    `<text class="label" x="${px(P.left + plotW / 2)}" y="${H - 8}" text-anchor="middle">${esc(`${name} ε (${t.unit || 'fraction of the input range'})`)}</text>`,
    `<text class="label" transform="translate(13 ${px(P.top + plotH / 2)}) rotate(-90)" text-anchor="middle">Robust accuracy</text>`,
  ].join('');
  const legend = `<div class="legend small muted"><span><span class="key key-strong"></span>Strongest attack (with 95 % interval)</span>${t.curves.map((c, i) => `<span><span class="key key-s${i % 6}"></span>${esc(c.attack)}</span>`).join('')}</div>`;
  return figure(`${legend}${svgChart('attack-curve', summary, W, H, body)}`, `${summary}${headline !== null ? ` The dotted line marks the headline ε = ${headline}.` : ''}`);
}

/** Adversarial examples beside their originals, with the perturbation, as PNG pictures. */
export function attackExamplesHtml(examples: AttackExample[]): string {
  if (examples.length === 0) return none('No adversarial example to show: no watched sample was fooled.');
  return `<div class="examples">${examples.map((ex) => {
    const cell = (url: string, alt: string, word: string) => `<div class="cell">${img(url, alt, 'pixels', 84)}<span class="small muted">${word}</span></div>`;
    return `<figure class="example" data-view="attack-example"><div class="row">${cell(thumbnailUrl(ex.original.image), `Original image ${ex.sample}, labelled ${ex.label}`, 'original')}<span class="arrow">→</span>${cell(thumbnailUrl(ex.adversarial.image), `Adversarial image, now predicted ${ex.adversarial.predicted}`, 'adversarial')}${ex.perturbation ? cell(thumbnailUrl(ex.perturbation), 'Perturbation, scaled to ±ε', 'perturbation') : ''}</div>
<figcaption class="small">Label <strong>${esc(ex.label)}</strong>: predicted ${esc(ex.original.predicted)} (${esc(formatPercent(ex.original.confidence))}) → <span class="flip">${esc(ex.adversarial.predicted)}</span> (${esc(formatPercent(ex.adversarial.confidence))}) by ${esc(ex.attack)} at ε = ${esc(ex.epsilon)}.</figcaption></figure>`;
  }).join('')}</div>`;
}

function corruptionView(m: Measurement): string {
  const d = readCorruptionDetails(m.details);
  if (!d) return '';
  return block('corruption-curves', 'Accuracy against severity', curvesHtml(d.series, {
    reference: d.clean ? { value: d.clean.accuracy, low: d.clean.low, high: d.clean.high } : null, referenceLabel: 'clean accuracy, same images', valueLabel: 'accuracy', xLabel: 'severity', yMax: 1,
  })) + block('contact-sheet', 'Contact sheet: one image at every corruption and severity', contactSheetHtml(d.sheet, d.series.map((s) => ({ id: s.id, title: s.title })), d.severities));
}

function perturbationView(m: Measurement): string {
  const d = readPerturbationDetails(m.details);
  if (!d) return '';
  return block('perturbation-curves', 'Prediction flip rate against perturbation level',
    curvesHtml(d.series, { reference: null, valueLabel: 'flip rate', xLabel: 'level', yMax: null })
    + (d.cleanAccuracy !== null ? `<p class="small muted">Clean accuracy on the same rows: ${esc(formatNumber(d.cleanAccuracy))}.</p>` : ''));
}

function oodView(m: Measurement): string {
  const d = readOodDetails(m.details);
  if (!d) return '';
  const names = d.sources.map((s) => `${s.name} (${formatCount(s.n)}${s.kind === 'synthetic' ? ', synthetic' : ''})`);
  const charts = [
    d.msp ? scoreHistogramSvg(d.msp, 'Maximum softmax probability', d.inName, names) : '',
    d.energy ? scoreHistogramSvg(d.energy, `Energy score (−E, from ${d.energyFrom ?? 'logits'})`, d.inName, names) : none('No energy histogram: the energy score is undefined for this model (see the notes).'),
  ];
  return block('ood-histograms', 'Scores of in-distribution and out-of-distribution inputs', `<div class="charts">${charts.join('')}</div>`);
}

function stabilityView(m: Measurement): string {
  const d = readStabilityDetails(m.details);
  if (!d) return '';
  const rows = d.repeats.map((r) => [th(r.name), td(`${formatCount(r.identical)} of ${formatCount(r.n)}`, 'num'), td(formatNumber(r.maxAbsDifference), 'num')]);
  return block('stability-repeats', `Repeats on ${d.backend}`, table('stability-repeats', ['repeat', 'bit-identical samples', 'largest difference'], rows)
    + `<p class="small muted">Tolerance ${esc(formatNumber(d.tolerance))} per probability.${d.digest ? ` Output digest <code>${esc(d.digest)}</code>.` : ''}${d.crossBackendTolerance !== null ? ` Backends are expected to agree within ${esc(formatNumber(d.crossBackendTolerance))}.` : ''}</p>`);
}

const CHECK_WORDS = { passed: 'passed', failed: 'failed', 'not-run': 'not run' } as const;

function attackView(m: Measurement): string {
  const d = readAttackDetails(m.details);
  if (!d) return '';
  const g = d.gradientPath;
  const path = g ? `<p class="small muted">${esc(g.kind === 'tfjs' ? 'Gradients come from the TF.js model itself.'
    : g.kind === 'onnx-translated' ? `Gradients come from a TF.js translation of the ONNX graph, checked against onnxruntime (largest difference ${formatNumber(g.maxAbsDiff, { digits: 6 })}).`
      : `This model has no differentiable path${g.reason ? `: ${g.reason}` : ''}.`)}</p>` : '';
  const strongest = table('attack-table', ['ε', 'robust accuracy', '95 % interval', 'of correct samples', 'success rate', 'strongest attack'], d.linf.strongest.map((r) => [
    td(r.epsilon, 'num'), td(formatPercent(r.robustAccuracy), 'num'), td(r.low !== null && r.high !== null ? `${formatPercent(r.low)}–${formatPercent(r.high)}` : '—', 'num'),
    td(formatPercent(r.robustAccuracyCorrect), 'num'), td(formatPercent(r.successRate), 'num'), td(r.strongestAttack ?? '—'),
  ]));
  const checks = d.checks.length ? block('masking-checks', 'Gradient-masking checks (Carlini et al. 2019)', table('masking-checks', ['check', 'result', 'what was seen'],
    d.checks.map((c) => [th(c.title), `<td><span class="badge b-${c.status}">${CHECK_WORDS[c.status]}</span></td>`, td(c.detail, 'small')]))) : '';
  const mm = d.minimal;
  const minimal = mm ? `<p class="small">${mm.median !== null ? `Median minimal ε <strong>${esc(formatNumber(mm.median, { digits: 4 }))}</strong> over ${esc(formatCount(mm.n))} correctly classified samples` : 'The median minimal ε lies above the largest ε tried'}; ${esc(formatCount(mm.censored))} were never fooled. Found by ${esc(mm.method)}.</p>` : '';
  return path
    + block('attack-curves', 'Robust accuracy against ε', `<div class="charts">${attackCurveSvg(d.linf, 'linf')}${d.l2 ? attackCurveSvg(d.l2, 'l2') : ''}</div>${strongest}${minimal}`)
    + checks
    + block('attack-examples', 'Adversarial examples', attackExamplesHtml(d.examples));
}

/** Detail views of the robustness probes, by probe id. */
export const robustnessReportViews: Record<string, (m: Measurement) => string> = {
  'robustness/corruptions': corruptionView,
  'robustness/mnist-c': corruptionView,
  'robustness/tabular-perturbation': perturbationView,
  'robustness/ood': oodView,
  'robustness/stability': stabilityView,
  'robustness/white-box-attacks': attackView,
  'robustness/black-box-attacks': attackView,
};
