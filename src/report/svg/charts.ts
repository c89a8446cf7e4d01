/**
 * The report's charts as inline SVG strings, for the self-contained HTML export: no script, no
 * external resource, colours through classes the export's stylesheet defines (svg/.. html-style.ts).
 * Every text goes through `esc`.
 */
import type { GradeBands, MetricGrade } from '../../core/report-types';
import type { GroupEstimate } from '../../core/types';
import { num } from '../../core/grade-words';
import { binEdges, shadeClass, type ReliabilityBin } from '../../ui/elements/chart-math';
import { esc, px } from './escape';
import { scaleGeometry, xOf } from './scale-geometry';

/** The metric's axis split into the policy's A–E bands, with the value, its interval and the graded end. */
export function gradeScaleSvg(metric: MetricGrade, bands: GradeBands, magnitude = false): string {
  const g = scaleGeometry(metric, bands, magnitude);
  if (!g) return '';
  const W = 560, left = 12, width = W - 24, top = 22, bandH = 18;
  const x = (v: number) => xOf(v, g.domain, left, width);
  const parts: string[] = [];
  for (const b of g.bands) {
    const x0 = x(b.from), x1 = x(b.to);
    parts.push(`<rect class="band g-${b.grade}" x="${px(x0)}" y="${top}" width="${px(x1 - x0)}" height="${bandH}"/>`);
    if (x1 - x0 >= 14) parts.push(`<text class="band-label" x="${px((x0 + x1) / 2)}" y="${top + 13}" text-anchor="middle">${b.grade}</text>`);
  }
  for (const l of g.limits) {
    if (l.at <= g.domain[0] || l.at >= g.domain[1]) continue;
    parts.push(`<text class="tick" x="${px(x(l.at))}" y="${top + bandH + 12}" text-anchor="middle">${esc(num(l.at))}</text>`);
  }
  parts.push(`<text class="tick" x="${left}" y="${top + bandH + 24}">${esc(num(g.domain[0]))}</text>`);
  parts.push(`<text class="tick" x="${left + width}" y="${top + bandH + 24}" text-anchor="end">${esc(num(g.domain[1]))}</text>`);
  const midY = top - 8;
  if (g.low !== null && g.high !== null) {
    parts.push(`<line class="whisker" x1="${px(x(g.low))}" x2="${px(x(g.high))}" y1="${midY}" y2="${midY}"/>`);
    parts.push(`<line class="whisker" x1="${px(x(g.low))}" x2="${px(x(g.low))}" y1="${midY - 4}" y2="${midY + 4}"/>`);
    parts.push(`<line class="whisker" x1="${px(x(g.high))}" x2="${px(x(g.high))}" y1="${midY - 4}" y2="${midY + 4}"/>`);
  }
  if (g.value !== null) parts.push(`<circle class="point" cx="${px(x(g.value))}" cy="${midY}" r="4"/>`);
  if (g.graded !== null) parts.push(`<line class="graded" x1="${px(x(magnitude ? Math.abs(g.graded) : g.graded))}" x2="${px(x(magnitude ? Math.abs(g.graded) : g.graded))}" y1="${midY - 8}" y2="${top + bandH}"/>`);
  const label = `${metric.title}: value ${num(metric.value ?? Number.NaN)}${metric.interval ? `, interval ${num(metric.interval.low)} to ${num(metric.interval.high)}` : ''}; graded ${metric.outcome} on ${metric.graded === null ? 'nothing' : num(metric.graded)}`;
  return `<svg class="chart scale" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${top + bandH + 30}" width="${W}" height="${top + bandH + 30}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${parts.join('')}</svg>`;
}

/** One bar per group with its interval whisker; groups with insufficient data say so instead of a bar. */
export function groupBarsSvg(groups: GroupEstimate[], title: string): string {
  if (groups.length === 0) return '';
  const numbers = groups.flatMap((g) => (g.value === null ? [] : [g.value, g.interval?.low ?? g.value, g.interval?.high ?? g.value]));
  const min = Math.min(0, ...numbers);
  const max = Math.max(numbers.every((v) => v <= 1) ? 1 : 0, ...numbers);
  const domain: [number, number] = [min, max > min ? max : min + 1];
  const W = 560, labelW = 170, valueW = 70, left = labelW, width = W - labelW - valueW - 10, rowH = 22;
  const x = (v: number) => xOf(v, domain, left, width);
  const rows = groups.map((g, i) => {
    const y = 8 + i * rowH;
    const name = `<text class="label" x="${labelW - 8}" y="${y + 14}" text-anchor="end">${esc(clip(g.group, 26))}</text>`;
    if (g.status === 'insufficient-data' || g.value === null) {
      const why = g.status === 'insufficient-data' ? `insufficient data (n = ${g.n})` : `undefined (n = ${g.n})`;
      return `${name}<text class="muted-text" x="${left}" y="${y + 14}">${esc(why)}</text>`;
    }
    const bar = `<rect class="bar" x="${px(x(Math.min(0, g.value)))}" y="${y + 4}" width="${px(Math.abs(x(g.value) - x(0)))}" height="12"/>`;
    const whisker = g.interval
      ? `<line class="whisker" x1="${px(x(g.interval.low))}" x2="${px(x(g.interval.high))}" y1="${y + 10}" y2="${y + 10}"/><line class="whisker" x1="${px(x(g.interval.low))}" x2="${px(x(g.interval.low))}" y1="${y + 5}" y2="${y + 15}"/><line class="whisker" x1="${px(x(g.interval.high))}" x2="${px(x(g.interval.high))}" y1="${y + 5}" y2="${y + 15}"/>`
      : '';
    return `${name}${bar}${whisker}<text class="value" x="${W - valueW + 4}" y="${y + 14}">${esc(num(g.value))}</text>`;
  });
  const H = 8 + groups.length * rowH + 18;
  const axis = `<line class="axis" x1="${left}" x2="${left + width}" y1="${H - 16}" y2="${H - 16}"/><text class="tick" x="${left}" y="${H - 4}">${esc(num(domain[0]))}</text><text class="tick" x="${left + width}" y="${H - 4}" text-anchor="end">${esc(num(domain[1]))}</text>`;
  const label = `${title}: ${groups.map((g) => `${g.group} ${g.value === null ? (g.status === 'insufficient-data' ? 'insufficient data' : 'undefined') : num(g.value)}`).join(', ')}`;
  return `<svg class="chart groups" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${rows.join('')}${axis}</svg>`;
}

/** A confusion matrix: rows are true classes, columns predicted, cells shaded by their share of the row. */
export function confusionSvg(labels: string[], matrix: number[][]): string {
  const k = labels.length;
  if (k === 0 || k > 30) return '';
  const cell = k <= 4 ? 64 : k <= 10 ? 40 : 22, head = 90;
  const W = head + k * cell + 4, H = head + k * cell + 4;
  const parts: string[] = [];
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    parts.push(`<text class="label" x="${head - 6}" y="${px(head + i * cell + cell / 2 + 4)}" text-anchor="end">${esc(clip(labels[i], 12))}</text>`);
    row.forEach((count, j) => {
      const shade = shadeClass(total > 0 ? count / total : 0, i === j) || 'empty';
      parts.push(`<rect class="cell ${shade}" x="${head + j * cell}" y="${head + i * cell}" width="${cell}" height="${cell}"/>`);
      if (cell >= 40) parts.push(`<text class="cell-text" x="${px(head + j * cell + cell / 2)}" y="${px(head + i * cell + cell / 2 + 4)}" text-anchor="middle">${esc(count)}</text>`);
    });
  });
  labels.forEach((l, j) => parts.push(`<text class="label" transform="translate(${px(head + j * cell + cell / 2 + 4)} ${head - 6}) rotate(-60)">${esc(clip(l, 12))}</text>`));
  const label = `Confusion matrix of ${k} classes: rows are true classes, columns predicted classes`;
  return `<svg class="chart confusion" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${parts.join('')}</svg>`;
}

/** A reliability diagram: accuracy against mean confidence per bin, with the diagonal of perfect calibration. */
export function reliabilitySvg(bins: ReliabilityBin[]): string {
  if (bins.length === 0) return '';
  const S = 240, pad = 34, W = S + pad + 10, H = S + pad + 10;
  const x = (v: number) => pad + v * S;
  const y = (v: number) => 6 + (1 - v) * S;
  const parts = [`<rect class="frame" x="${pad}" y="6" width="${S}" height="${S}"/>`, `<line class="diagonal" x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}"/>`];
  bins.forEach((b, i) => {
    if (b.count === 0 || b.accuracy === null) return;
    const [lo, hi] = binEdges(b, i, bins.length);
    parts.push(`<rect class="bar" x="${px(x(lo) + 1)}" y="${px(y(b.accuracy))}" width="${px(Math.max(1, x(hi) - x(lo) - 2))}" height="${px(y(0) - y(b.accuracy))}"/>`);
    if (b.confidence !== null) parts.push(`<circle class="point" cx="${px(x(b.confidence))}" cy="${px(y(b.accuracy))}" r="2.5"/>`);
  });
  parts.push(`<text class="tick" x="${x(0)}" y="${S + 22}">0</text><text class="tick" x="${x(1)}" y="${S + 22}" text-anchor="end">1</text>`);
  parts.push(`<text class="tick" x="${x(0.5)}" y="${S + 36}" text-anchor="middle">confidence</text><text class="tick" transform="translate(12 ${px(y(0.5))}) rotate(-90)" text-anchor="middle">accuracy</text>`);
  const label = `Reliability diagram over ${bins.length} confidence bins: bars are accuracy per bin, the diagonal is perfect calibration`;
  return `<svg class="chart reliability" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${parts.join('')}</svg>`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
