/**
 * A comparison of two runs as one self-contained HTML file, built like the trust report
 * (html.ts): no script, one stylesheet allowed by its hash, every value escaped.
 */
import type { MetricChange, RunComparison } from '../core/compare';
import type { GradeChange, VerdictChange } from '../core/compare-grades';
import { sha256Base64 } from './digest';
import { REPORT_CSS } from './html-style';
import { esc } from './svg/escape';
import { formatEstimate, formatNumber } from '../ui/format';

export interface ComparisonDocument {
  comparison: RunComparison;
  grades: GradeChange[];
  verdicts: VerdictChange[];
  policy: { id: string; version: number };
}

function name(ref: RunComparison['base']): string {
  return ref.label ? `${ref.label.family} ${ref.label.version}` : ref.model;
}

function change(c: MetricChange): string {
  const delta = c.delta === null ? 'undefined' : formatNumber(c.delta, { digits: 4 });
  return `<strong>${esc(c.title)}</strong> <span class="muted">(${esc(c.probeId)})</span>: ${esc(formatEstimate(c.base))} → ${esc(formatEstimate(c.next))}; change ${esc(delta)} (${esc(c.change)}, ${esc(c.significance)}${c.method === 'paired-bootstrap' ? ', paired bootstrap' : ''})`;
}

/** The comparison as HTML text: regressions first, then grades and verdicts, improvements, and what was not compared. */
export async function renderComparisonHtml(doc: ComparisonDocument): Promise<string> {
  const { comparison: c } = doc;
  const styleHash = await sha256Base64(REPORT_CSS);
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const list = (items: MetricChange[], empty: string) =>
    items.length ? `<ul>${items.map((i) => `<li>${change(i)}</li>`).join('')}</ul>` : `<p>${esc(empty)}</p>`;
  const notCompared = c.probes.filter((p) => p.status !== 'compared');
  const unchanged = c.probes.flatMap((p) => p.changes).filter((ch) => ch.significance !== 'significant');
  return [
    '<!doctype html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    `<title>${esc(`TrustGrade comparison: ${name(c.base)} → ${name(c.next)}`)}</title>`,
    `<style>${REPORT_CSS}</style>`, '</head>', '<body>', '<main>',
    `<section><p class="muted small">TrustGrade comparison</p><h1>${esc(name(c.base))} → ${esc(name(c.next))}</h1>`,
    `<p class="muted">${esc(c.base.model)} (${esc(c.base.createdAt)}) → ${esc(c.next.model)} (${esc(c.next.createdAt)}); graded under <code>${esc(doc.policy.id)}</code> v${doc.policy.version}. A change is significant when the two 95 % intervals do not overlap or, for accuracy on the same rows, when a paired bootstrap of the difference excludes zero.</p></section>`,
    `<section><h2>Regressions (${c.regressions.length})</h2>${list(c.regressions, 'None: no measurement got significantly worse.')}</section>`,
    '<section><h2>Grades and risk classes</h2><table><tr><th></th><th>' + esc(name(c.base)) + '</th><th>' + esc(name(c.next)) + '</th><th></th></tr>',
    ...doc.grades.map((g) => `<tr><td>${esc(g.scope)}</td><td>${esc(g.base)}</td><td>${esc(g.next)}</td><td>${g.change === 'same' ? '' : esc(g.change)}</td></tr>`),
    ...doc.verdicts.map((v) => `<tr><td>${esc(v.riskClass)} risk</td><td>${v.base ? 'meets' : 'does not meet'}</td><td>${v.next ? 'meets' : 'does not meet'}</td><td>${v.change === 'same' ? '' : esc(v.change.replace(/-/g, ' '))}</td></tr>`),
    '</table></section>',
    `<section><h2>Improvements (${c.improvements.length})</h2>${list(c.improvements, 'None.')}</section>`,
    notCompared.length ? `<section><h2>Not compared (${notCompared.length})</h2><ul>${notCompared.map((p) => `<li><code>${esc(p.probeId)}</code>: ${esc(p.reason ?? '')}</li>`).join('')}</ul></section>` : '',
    `<section><h2>No significant change (${unchanged.length})</h2>${list(unchanged, 'None.')}</section>`,
    '<footer>This file needs no script and no network to be read.</footer>',
    '</main>', '</body>', '</html>', '',
  ].join('\n');
}
