/**
 * The privacy pillar's detail views in the exported report, as strings: the membership-inference
 * ROC curves on linear and log–log axes with the attack table, what the outputs expose, the
 * hostile-input fault table, the model-file hygiene findings and the provenance checks. The same
 * readers and axes as the app's elements (src/ui/elements/privacy-*.ts).
 */
import type { HygieneFinding, Measurement } from '../../core/types';
import { formatCount, formatNumber, formatPercent } from '../../ui/format';
import { readChecks, readExposure, readFaultTable, readFindings, readMembership, type AttackCurve, type ExposureDetails, type FaultRow } from '../../ui/elements/privacy-details';
import { formatTick, ROC_CHART, ROC_HEIGHT, ROC_WIDTH, rocAxes, type RocAxis } from '../../ui/elements/privacy-roc-geometry';
import { esc, px } from './escape';
import { block, figure, none, svgChart, table, td, th } from './parts';

function rocPlot(axis: RocAxis, attacks: AttackCurve[], lowFpr: number): string {
  const { size: S, pad: P } = ROC_CHART;
  const { domain, x, y } = axis;
  const marker = lowFpr >= domain[0] ? x(lowFpr) : null;
  const body = [
    ...axis.ticks.map(([t, text]) => `<line class="gridline" x1="${px(x(domain[0]))}" x2="${px(x(1))}" y1="${px(y(t))}" y2="${px(y(t))}"/><line class="gridline" x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(y(domain[0]))}" y2="${px(y(1))}"/><text class="tick" x="${P.left - 5}" y="${px(y(t) + 3.5)}" text-anchor="end">${esc(text)}</text><text class="tick" x="${px(x(t))}" y="${P.top + S + 14}" text-anchor="middle">${esc(text)}</text>`),
    `<line class="diagonal" x1="${px(x(domain[0]))}" y1="${px(y(domain[0]))}" x2="${px(x(1))}" y2="${px(y(1))}"/>`,
    marker === null ? '' : `<line class="headline" x1="${px(marker)}" x2="${px(marker)}" y1="${px(y(domain[0]))}" y2="${px(y(1))}"/><text class="tick" x="${px(marker + 3)}" y="${P.top + 10}">${esc(formatPercent(lowFpr, 1))} FPR</text>`,
    ...attacks.map((a, i) => `<polyline class="roc s${i % 4}" points="${a.points.map(([f, t]) => `${x(f).toFixed(1)},${y(t).toFixed(1)}`).join(' ')}"><title>${esc(`${a.title}: AUC ${formatNumber(a.auc)}`)}</title></polyline>`),
    `<rect class="frame" x="${P.left}" y="${P.top}" width="${S}" height="${S}"/>`,
    `<text class="label" x="${P.left + S / 2}" y="${ROC_HEIGHT - 6}" text-anchor="middle">False-positive rate (non-members flagged)</text>`,
    `<text class="label" transform="translate(11 ${P.top + S / 2}) rotate(-90)" text-anchor="middle">True-positive rate (members found)</text>`,
  ].join('');
  const label = axis.scale === 'linear' ? 'ROC curves of the membership attacks' : 'ROC curves on log–log axes';
  return svgChart(`roc roc-${axis.scale}`, `${label}: ${attacks.map((a) => `${a.title} AUC ${formatNumber(a.auc)}`).join(', ')}`, ROC_WIDTH, ROC_HEIGHT, body);
}

/** ROC curves of the membership attacks on linear and on log–log axes, and the attack table. */
export function rocHtml(attacks: AttackCurve[], lowFpr: number, members: number, nonMembers: number): string {
  if (attacks.length === 0) return none('No ROC curve: the attacks were not run.');
  const axes = rocAxes(nonMembers);
  const legend = `<div class="legend small muted">${attacks.map((a, i) => `<span><span class="key key-s${i % 4}"></span>${esc(a.title)} (AUC ${esc(formatNumber(a.auc))})</span>`).join('')}<span>dashed: guessing; dotted: ${esc(formatPercent(lowFpr, 1))} FPR</span></div>`;
  const plots = `<div class="charts">${figure(rocPlot(axes.linear, attacks, lowFpr), 'Linear axes: the area under a curve is its AUC; a curve on the diagonal means the attacker is guessing.')}${figure(rocPlot(axes.log, attacks, lowFpr), `Log–log axes: the low false-positive region. Rates below ${formatTick(axes.floor)} sit on the axis; with ${formatCount(nonMembers)} non-members the smallest non-zero FPR is ${formatNumber(nonMembers > 0 ? 1 / nonMembers : null)}.`)}</div>`;
  const rows = attacks.map((a) => [th(a.title), td(formatNumber(a.auc), 'num'), td(formatNumber(a.advantage), 'num'), td(formatNumber(a.tprAtLowFpr), 'num'), td(formatCount(a.points.length), 'num')]);
  return legend + plots + table('roc-table', ['attack', 'ROC AUC', 'max TPR − FPR', `TPR at ${formatPercent(lowFpr, 1)} FPR`, 'points'], rows)
    + `<p class="small muted">${esc(formatCount(members))} members (positives) and ${esc(formatCount(nonMembers))} non-members.</p>`;
}

const KIND_TEXT: Record<string, string> = { 'labels-only': 'labels only', rounded: 'rounded probabilities', coarse: 'coarse scores', 'full-precision': 'full-precision probabilities' };

export function exposureHtml(e: ExposureDetails): string {
  return `<dl class="facts small" data-view="exposure-facts"><dt>Outputs read as</dt><dd><strong>${esc(KIND_TEXT[e.exposure] ?? e.exposure)}</strong>${e.decimals !== null ? esc(` (${e.decimals} decimal${e.decimals === 1 ? '' : 's'})`) : ''}</dd>
<dt>Distinct confidences</dt><dd>${esc(`${formatCount(e.distinctConfidences)} for ${formatCount(e.distinctInputs)} distinct inputs`)}</dd>
<dt>Examples</dt><dd>${esc(e.exampleConfidences.length ? e.exampleConfidences.map((v) => formatNumber(v, { digits: 7 })).join(', ') : '—')}</dd></dl>`;
}

export function faultTableHtml(rows: FaultRow[]): string {
  if (rows.length === 0) return none('No hostile inputs were fed.');
  return table('fault-table', ['kind', 'inputs', 'handled', 'non-finite output', 'error', 'contained by the harness', 'first error'], rows.map((r) => {
    const failed = r.inputs - r.handled;
    return [
      `<th scope="row">${esc(r.title)}<br><span class="muted small">${esc(r.description)}</span></th>`, td(formatCount(r.inputs), 'num'),
      td(`${formatCount(r.handled)} (${formatPercent(r.inputs > 0 ? r.handled / r.inputs : null, 0)})`, `num nowrap ${r.handled === r.inputs ? 'good' : 'bad'}`),
      td(formatCount(r.nonFinite), 'num'), td(formatCount(r.errors), 'num'),
      failed === 0 ? '<td class="muted">nothing to contain</td>' : `<td><span class="badge b-passed">all ${esc(formatCount(failed))}</span></td>`,
      r.example ? `<td><code class="small">${esc(r.example)}</code></td>` : '<td class="muted">—</td>',
    ];
  }));
}

const SEVERITY_ORDER = ['high', 'medium', 'low', 'info'] as const;

export function hygieneHtml(findings: HygieneFinding[]): string {
  if (findings.length === 0) return none('The audit found nothing to report.');
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return `<p class="small">${SEVERITY_ORDER.map((s) => `${count(s)} ${s === 'info' ? 'information' : s}`).join(' · ')}</p><ol class="hygiene small" data-view="hygiene-findings">${findings
    .map((f) => `<li data-severity="${esc(f.severity)}"><span class="badge h-${esc(f.severity)}">${esc(f.severity)}</span> <code>${esc(f.code)}</code>${f.file ? ` · ${esc(f.file)}` : ''} — ${esc(f.message)}</li>`)
    .join('')}</ol>`;
}

/** Detail views of the privacy probes, by probe id. */
export const privacyReportViews: Record<string, (m: Measurement) => string> = {
  'privacy/membership-inference': (m) => {
    const d = readMembership(m.details);
    return d ? block('membership-roc', 'Membership attacks: ROC curves', rocHtml(d.attacks, d.lowFpr, d.members, d.nonMembers)) : '';
  },
  'privacy/output-exposure': (m) => {
    const e = readExposure(m.details);
    return e ? block('exposure', 'What the outputs expose', exposureHtml(e)) : '';
  },
  'privacy/fault-tolerance': (m) => {
    const rows = readFaultTable(m.details);
    return rows ? block('fault-table', 'Hostile inputs by kind', faultTableHtml(rows)) : '';
  },
  'privacy/model-file-hygiene': (m) => {
    const f = readFindings(m.details);
    return f ? block('hygiene', 'Findings of the model-file audit', hygieneHtml(f)) : '';
  },
  'privacy/provenance': (m) => {
    const checks = readChecks(m.details);
    return checks ? block('provenance-checks', 'What the run records', table('provenance-checks', ['check', 'needed for “complete”', 'result', 'recorded'], checks.map((c) => [
      th(c.name), td(c.required ? 'yes' : 'advice'), `<td><span class="badge ${c.passed ? 'b-passed' : c.required ? 'b-failed' : 'b-not-run'}">${c.passed ? 'present' : 'missing'}</span></td>`,
      c.recorded ? `<td><code class="small">${esc(c.recorded)}</code></td>` : '<td class="muted">not recorded</td>',
    ]))) : '';
  },
};
