/**
 * The fairness pillar's detail views in the exported report, as strings: per-group bars with
 * interval whiskers for every metric and single-attribute partition, a heat map for each
 * intersection of two attributes, the disparity table with the four-fifths reading, the
 * counterfactual flip test, mean benefit per group and the proxy list. The same readers, rows and
 * geometry as the app's elements (src/ui/elements/fairness-*.ts).
 */
import type { Measurement } from '../../core/types';
import { formatCount, formatNumber } from '../../ui/format';
import {
  readCounterfactualDetails, readGroupDetails, readInequalityDetails, readProxyDetails, type GroupDetails, type PartitionSummary, type ProxyColumnRow,
} from '../../ui/elements/fairness-details';
import { FOUR_FIFTHS_TEXT, fourFifths, gridRange, heatGrid, heatLevel, type BarRow, type HeatGrid } from '../../ui/elements/fairness-chart-math';
import { barRows, benefitRows, disparityRows, flipRows, fourFifthsLine, type DisparityRow } from '../../ui/elements/fairness-rows';
import { BARS, barsLayout, shorten } from '../../ui/elements/fairness-bars-geometry';
import { esc, px } from './escape';
import { block, figure, none, svgChart, table, td, th } from './parts';

const f3 = (v: number) => formatNumber(v, { fixed: true, digits: 3 });

/** A metric per group as horizontal bars with interval whiskers; small groups faint and never judged. */
export function fairnessBarsSvg(rows: BarRow[], heading: string, opts: { limit?: number; reference?: { value: number; label: string } | null } = {}): string {
  if (rows.length === 0) return none('No groups to show.');
  const L = barsLayout(rows, opts.limit ?? 1);
  const { x } = L;
  const parts = L.ticks.map((t) => `<line class="gridline" x1="${px(t.at)}" x2="${px(t.at)}" y1="${BARS.top}" y2="${L.plotBottom}"/><text class="tick" x="${px(t.at)}" y="${L.plotBottom + 14}" text-anchor="middle">${esc(t.text)}</text>`);
  rows.forEach((r, i) => {
    const top = L.rowTop(i);
    const mid = top + BARS.rowH / 2;
    parts.push(`<text class="label" x="${BARS.labelW - 8}" y="${mid + 4}" text-anchor="end">${esc(shorten(r.label))}<title>${esc(r.label)}</title></text>`);
    if (r.status === 'untestable' || r.value === null) {
      parts.push(`<text class="why" x="${BARS.labelW + 4}" y="${mid + 4}">${esc(shorten(`${r.status === 'untestable' ? 'not tested' : 'undefined'} — ${r.reason ?? 'no reason recorded'}`, 70))}</text>`);
      return;
    }
    const small = r.status === 'insufficient-data';
    parts.push(`<rect class="${small ? 'bar small' : 'bar'}" x="${px(x(0))}" y="${top + 5}" width="${px(Math.max(1, x(r.value) - x(0)))}" height="${BARS.rowH - 10}"/>`);
    if (!small && r.low !== null && r.high !== null) {
      parts.push(`<line class="whisker" x1="${px(x(r.low))}" x2="${px(x(r.high))}" y1="${mid}" y2="${mid}"/><line class="whisker" x1="${px(x(r.low))}" x2="${px(x(r.low))}" y1="${mid - 5}" y2="${mid + 5}"/><line class="whisker" x1="${px(x(r.high))}" x2="${px(x(r.high))}" y1="${mid - 5}" y2="${mid + 5}"/>`);
    }
    if (!small) parts.push(`<circle class="point" cx="${px(x(r.value))}" cy="${mid}" r="2.5"/>`);
    parts.push(`<text class="${small ? 'why' : 'count'}" x="${BARS.labelW + BARS.plotW + 10}" y="${mid + 4}">${esc(small ? `insufficient data, n = ${formatCount(r.n)}` : `${f3(r.value)} · n = ${formatCount(r.n)}`)}</text>`);
  });
  const ref = opts.reference;
  if (ref && ref.value >= 0 && ref.value <= L.top) {
    parts.push(`<line class="reference" x1="${px(x(ref.value))}" x2="${px(x(ref.value))}" y1="${BARS.top - 4}" y2="${L.plotBottom}"/><text class="reference-label" x="${px(x(ref.value) + 3)}" y="${L.plotBottom + 24}">${esc(ref.label)}</text>`);
  }
  const label = `${heading}: ${rows.map((r) => `${r.label} ${r.value === null ? 'undefined' : f3(r.value)}${r.status === 'insufficient-data' ? ' (insufficient data)' : ''}`).join('; ')}`;
  return figure(`<div class="small"><strong>${esc(heading)}</strong></div>${svgChart('fairness-bars', label, L.width, L.height, parts.join(''))}`);
}

/** An intersection of two attributes as a shaded table: one cell per combination, hatched when too small to judge. */
export function heatGridHtml(grid: HeatGrid, heading: string, minGroupSize: number): string {
  const range = gridRange(grid);
  const rows = grid.rows.map((r, i) => `<tr><th scope="row">${esc(r)}</th>${grid.cells[i].map((cell, j) => {
    if (!cell) return `<td class="absent" title="${esc(`No ${r} × ${grid.columns[j]} rows`)}">absent</td>`;
    if (cell.status === 'insufficient-data') return `<td class="too-few" data-status="insufficient-data">${cell.value === null ? '—' : esc(f3(cell.value))}<span class="n">n = ${esc(formatCount(cell.n))}, too few</span></td>`;
    const level = range ? heatLevel(cell.value, range[0], range[1]) : 0;
    return `<td class="${level ? `heat-${level}` : ''}" data-status="ok">${cell.value === null ? 'undefined' : esc(f3(cell.value))}<span class="n">n = ${esc(formatCount(cell.n))}</span></td>`;
  }).join('')}</tr>`);
  const head = `<tr><th class="corner">${esc(`${grid.rowAttribute} ↓ / ${grid.columnAttribute} →`)}</th>${grid.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const caption = `Darker = higher${range ? ` (${f3(range[0])} to ${f3(range[1])} over judged groups)` : ''}. Hatched cells have fewer than ${minGroupSize} rows: shown, not judged.`;
  return figure(`<div class="small"><strong>${esc(heading)}</strong></div><table class="heat" data-view="fairness-heatmap"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`, caption);
}

function summaryCell(v: PartitionSummary | null, worst: boolean): string {
  if (!v) return '<td class="muted">—</td>';
  if (v.value === null) return `<td class="${worst ? 'worst' : ''}"><span class="muted">undefined — ${esc(v.reason ?? 'no reason recorded')}</span></td>`;
  return `<td class="nowrap${worst ? ' worst' : ''}">${esc(f3(v.value))} <span class="muted small">${esc(v.low !== null && v.high !== null ? `(${f3(v.low)}–${f3(v.high)})` : '(no interval)')}</span></td>`;
}

/** Differences and ratios between groups per criterion and partition; the worst partition shaded. */
export function disparityTableHtml(rows: DisparityRow[], level: number): string {
  if (rows.length === 0) return none('No disparities to show.');
  const pct = Number((level * 100).toFixed(1));
  return table('fairness-disparities', ['criterion', 'groups compared', `difference (${pct} % CI)`, `ratio (${pct} % CI)`, 'between (lowest → highest)', 'four-fifths'], rows.map((r, i) => {
    const s = r.difference ?? r.ratio;
    const reading = r.fourFifths && r.ratio ? fourFifths(r.ratio) : null;
    return [
      th(i === 0 || rows[i - 1].criterion !== r.criterion ? r.criterion : ''), td(r.partition), summaryCell(r.difference, r.worstDifference), summaryCell(r.ratio, r.worstRatio),
      td(s?.lowGroup && s.highGroup ? `${s.lowGroup} → ${s.highGroup}` : '—'),
      reading ? `<td><span class="badge ff-${reading}" title="${esc(FOUR_FIFTHS_TEXT[reading].long)}">${esc(FOUR_FIFTHS_TEXT[reading].short)}</span></td>` : '<td class="muted">—</td>',
    ];
  })) + '<p class="small muted">Shaded cells are the worst partition: they give the values reported above. Four-fifths: the selection-rate ratio read against 0.8 (29 CFR 1607.4(D)), interval included.</p>';
}

const MEASURE = { cramers_v: "Cramér's V", correlation_ratio: 'correlation ratio η' } as const;

/** Columns that may stand in for a sensitive attribute, with a 0–1 bar and the flag threshold marked. */
export function proxyListHtml(columns: ProxyColumnRow[], flagAt: number): string {
  const W = 120;
  const x = (v: number) => 2 + Math.min(1, Math.max(0, v)) * (W - 4);
  const bar = (v: number, low: number | null, high: number | null, flagged: boolean) => svgChart('proxy-bar spark', `${f3(v)} on 0 to 1`, W, 14,
    `<rect class="track" x="2" y="3" width="${W - 4}" height="8"/><rect class="${flagged ? 'fill flagged' : 'fill'}" x="2" y="3" width="${px(Math.max(1, x(v) - 2))}" height="8"/>${low !== null && high !== null ? `<line class="whisker" x1="${px(x(low))}" x2="${px(x(high))}" y1="7" y2="7"/>` : ''}<line class="reference" x1="${px(x(flagAt))}" x2="${px(x(flagAt))}" y1="0" y2="14"/>`);
  const rows = columns.filter((c) => c.kind !== 'skipped').flatMap((c) => c.associations.map((a) => [
    th(c.column), td(a.attribute), td(MEASURE[a.measure], 'muted'),
    ...(a.value === null ? [`<td colspan="2" class="muted">undefined — ${esc(a.reason ?? 'no reason recorded')}</td>`]
      : [td(`${f3(a.value)}${a.low !== null && a.high !== null ? ` (${f3(a.low)}–${f3(a.high)})` : ''}`, 'num nowrap'), `<td>${bar(a.value, a.low, a.high, a.flagged)}</td>`]),
    td(a.auc !== null ? `AUC ${formatNumber(a.auc, { fixed: true, digits: 2 })}${a.aucGroup ? ` for ${a.aucGroup}` : ''}` : '—', 'muted'),
    a.flagged ? '<td><span class="badge b-failed">possible proxy</span></td>' : '<td></td>',
  ]));
  const skipped = columns.filter((c) => c.kind === 'skipped');
  return (rows.length ? table('fairness-proxies', ['column', 'sensitive attribute', 'measure', 'association', `0 – 1 (dashed: flag at ${formatNumber(flagAt, { fixed: true, digits: 2 })})`, 'separates best', ''], rows) : none('No column was measured.'))
    + (skipped.length ? `<ul class="small muted">${skipped.map((s) => `<li>${esc(s.column)} left out: ${esc(s.reason ?? 'no reason recorded')}</li>`).join('')}</ul>` : '');
}

/** Every metric of the group probe: bars per single-attribute partition, heat maps per pair, then the disparities. */
export function groupViewHtml(d: GroupDetails): string {
  const decision = `<p class="small muted">Decision: ${d.rule ? `favourable ('${esc(d.favourable ?? '')}') when ${esc(d.rule)}` : 'as recorded'}.${d.minGroupSize !== null ? ` Groups with fewer than ${esc(d.minGroupSize)} rows are shown faintly and never judged.` : ''}</p>`;
  const bars = d.partitions.filter((p) => p.attributes.length !== 2);
  const maps = d.partitions.filter((p) => p.attributes.length === 2);
  const perMetric = d.metrics.map((metric) => {
    const charts = [
      ...bars.map((p) => {
        const rows = barRows(p, metric.name);
        return fairnessBarsSvg(rows, `${metric.title} by ${p.name}`, { reference: metric.name === 'selection_rate' ? fourFifthsLine(rows) : null });
      }),
      ...maps.map((p) => {
        const grid = heatGrid(p, metric.name);
        return grid ? heatGridHtml(grid, `${metric.title} by ${p.name}`, d.minGroupSize ?? 0) : '';
      }),
    ].filter(Boolean);
    return charts.length ? block('fairness-groups', `${metric.title} per group`, `<div class="charts">${charts.join('')}</div>`) : '';
  });
  return decision + perMetric.join('') + block('fairness-disparities', 'Disparities between groups', disparityTableHtml(disparityRows(d), d.level));
}

function groupView(m: Measurement): string {
  const d = readGroupDetails(m.details);
  return d ? groupViewHtml(d) : '';
}

function inequalityView(m: Measurement): string {
  const d = readInequalityDetails(m.details);
  if (!d) return '';
  const charts = d.partitions.filter((p) => p.groups.length <= 12).map((p) => fairnessBarsSvg(benefitRows(p, d.minGroupSize), `Mean benefit by ${p.name}`, { limit: 2 }));
  const f4 = (v: number | null) => (v === null ? 'undefined' : formatNumber(v, { fixed: true, digits: 4 }));
  return block('fairness-inequality', 'Mean benefit per group (b = ŷ − y + 1)', `<div class="charts">${charts.join('')}</div>`)
    + block('fairness-inequality-table', 'Between-group inequality by partition', table('fairness-inequality', ['groups', 'generalized entropy (α = 2)', 'Theil'], d.partitions.map((p) => [th(p.name), td(f4(p.betweenGe), 'num'), td(f4(p.betweenTheil), 'num')])));
}

function counterfactualView(m: Measurement): string {
  const d = readCounterfactualDetails(m.details);
  if (!d) return '';
  const testable = d.attributes.filter((a) => a.testable);
  const f = (v: number | null) => (v === null ? 'undefined' : f3(v));
  const untestable = d.attributes.filter((a) => !a.testable).map((a) => `<p class="small">Not tested — <strong>${esc(a.attribute)}</strong>: ${esc(a.reason ?? 'no reason recorded')}.</p>`).join('');
  const how = testable.length ? `<ul class="small">${testable.map((a) => `<li>${esc(a.how ?? a.attribute)}; mean |Δ P(favourable)| ${esc(f(a.meanAbsChange))}, ${esc(f(a.pairFlipRate))} of single swaps flip.</li>`).join('')}</ul>` : '';
  const byValue = table('fairness-flips', ['attribute', "row's value", 'rows', 'share whose decision changes'], testable.flatMap((a) => a.fromValues.map((v) => [th(a.attribute), td(v.value), td(formatCount(v.rows), 'num'), td(f(v.flipRate), 'num')])));
  return block('fairness-counterfactual', 'Counterfactual flip test', fairnessBarsSvg(flipRows(d.attributes), `Share of ${formatCount(d.rowsTested)} rows whose decision changes`) + untestable + how + byValue);
}

function consistencyView(m: Measurement): string {
  const d = m.details ?? {};
  return `<p class="small">Each of ${esc(String(d.queried ?? '?'))} rows was compared with its ${esc(String(d.neighbours ?? '?'))} nearest rows in the model's input space.</p>`;
}

function proxyView(m: Measurement): string {
  const d = readProxyDetails(m.details);
  return d ? block('fairness-proxies', 'Columns that may stand in for a sensitive attribute', proxyListHtml(d.columns, d.flagAt)) : '';
}

/** Detail views of the fairness probes, by probe id. */
export const fairnessReportViews: Record<string, (m: Measurement) => string> = {
  'fairness/group-metrics': groupView,
  'fairness/inequality': inequalityView,
  'fairness/counterfactual': counterfactualView,
  'fairness/consistency': consistencyView,
  'fairness/proxies': proxyView,
};
