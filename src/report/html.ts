/**
 * The report as one self-contained HTML file: no script, every chart inline SVG, one inline
 * stylesheet allowed by its hash in a Content-Security-Policy that forbids scripts and every remote
 * origin, and print rules for "Save as PDF". Built as a string so the app and the CLI write the
 * same bytes; every value from the run passes through `esc`.
 */
import type { Finding, MetricGrade, Outcome, PillarGrade, ProbeGrade, Report, Verdict } from '../core/report-types';
import type { Measurement, ProbeResult, Run } from '../core/types';
import { isGrade, outcomeWords, riskClassWords } from '../core/grade-words';
import { REPORT_PILLARS } from '../core/grade';
import { sha256Base64 } from './digest';
import { REPORT_CSS } from './html-style';
import { confusionSvg, gradeScaleSvg, groupBarsSvg, reliabilitySvg } from './svg/charts';
import { esc } from './svg/escape';
import { detailView } from './svg/views';
import type { SignatureCheck } from './signing';
import { probeFacts } from './probe-facts';
import { readConfusion, readReliabilityBins, readText } from '../ui/elements/details-shapes';
import {
  describeIntervalMethod, formatCount, formatDate, formatDuration, formatEstimate, formatParam, pillarTitle, probeStatusText,
} from '../ui/format';

export interface HtmlOptions {
  /** The result of checking the signature, shown in the signature section (an imported report). */
  signatureCheck?: SignatureCheck;
}

/** The whole report as HTML text. */
export async function renderReportHtml(report: Report, options: HtmlOptions = {}): Promise<string> {
  const { run, grading } = report;
  const styleHash = await sha256Base64(REPORT_CSS);
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `TrustGrade report: ${run.model.name} on ${run.dataset.name}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Our own constant text (no quotes to escape): written raw so the policy reads as it is.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="TrustGrade ${esc(report.gradedBy)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    header(report),
    verdicts(report),
    pillarCards(grading.pillars),
    findings(grading.findings),
    ...REPORT_PILLARS.map((p) => pillarSection(report, p)),
    crosswalk(report),
    provenance(report),
    signatureSection(report, options.signatureCheck),
    `<footer>Graded by TrustGrade ${esc(report.gradedBy)} under policy <code>${esc(grading.policy.id)}</code> v${grading.policy.version} from run <code>${esc(run.id)}</code>. This file needs no script and no network to be read.</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function gradeBadge(outcome: Outcome, testid?: string): string {
  const cls = isGrade(outcome) ? `g-${outcome}` : 'g-na';
  return `<span class="grade ${cls}"${testid ? ` data-testid="${testid}"` : ''}>${esc(outcomeWords(outcome))}</span>`;
}

function header(report: Report): string {
  const { run, grading } = report;
  const o = grading.overall.outcome;
  const declared = grading.riskClass ? grading.verdicts.find((v) => v.riskClass === grading.riskClass) : undefined;
  return `<section class="head" id="summary">
<div>
<p class="muted small">TrustGrade trust report</p>
<h1>${esc(run.model.name)}</h1>
<p class="muted">on <strong>${esc(run.dataset.name)}</strong> · suite <code>${esc(run.suite.id)}</code> v${run.suite.version} · policy <code>${esc(grading.policy.id)}</code> v${grading.policy.version} · ${esc(formatDate(run.finishedAt ?? run.createdAt))}</p>
${declared ? `<p>Declared risk class: <strong>${esc(declared.title)}</strong> — <span class="${declared.meets ? 'verdict-met' : 'verdict-unmet'}" data-testid="declared-verdict">${declared.meets ? 'meets' : 'does not meet'} its requirements</span></p>` : '<p class="muted">No risk class was declared for this run; the verdict for every class is below.</p>'}
</div>
<div class="overall"><div class="muted small">Overall grade</div><div class="letter ${isGrade(o) ? `g-${o}` : 'g-na'}" data-testid="overall-grade">${esc(outcomeWords(o))}</div></div>
</section>
<p class="summary" data-testid="summary-sentence">This model ${esc(grading.summary)}.</p>
<p class="small">${esc(grading.overall.reason)}</p>
<p class="method">${esc(grading.method)}</p>`;
}

function verdicts(report: Report): string {
  const rows = report.grading.verdicts.map((v: Verdict) => {
    const rc = report.policy.riskClasses.find((r) => r.id === v.riskClass);
    const need = REPORT_PILLARS.filter((p) => rc?.minimum[p]).map((p) => `${pillarTitle(p)} ≥ ${rc!.minimum[p]}`).join(', ');
    return `<tr class="${v.riskClass === report.grading.riskClass ? 'declared' : ''}" data-risk-class="${esc(v.riskClass)}">
<th scope="row">${esc(v.title)}${v.riskClass === report.grading.riskClass ? ' <span class="small muted">(declared)</span>' : ''}</th>
<td>${esc(need || 'nothing')}</td>
<td class="${v.meets ? 'verdict-met' : 'verdict-unmet'}">${v.meets ? 'meets' : 'does not meet'}</td>
<td>${v.shortfalls.length ? esc(v.shortfalls.map((s) => s.reason).join('; ')) : '—'}</td></tr>`;
  });
  return `<h2>Verdict by risk class</h2>
<table data-testid="verdicts"><thead><tr><th>risk class</th><th>requires</th><th>verdict</th><th>why not</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function pillarCards(pillars: PillarGrade[]): string {
  return `<h2>Pillars</h2><div class="pillars">${pillars
    .map((p) => `<div class="pillar-card" data-pillar="${p.pillar}"><div class="name">${esc(pillarTitle(p.pillar))} ${gradeBadge(p.outcome, `pillar-grade-${p.pillar}`)}</div><div class="small muted">${esc(p.reason)}</div></div>`)
    .join('')}</div>`;
}

function findings(list: Finding[]): string {
  return `<h2>Findings, worst first</h2><ol class="findings" data-testid="findings">${list
    .map((f) => `<li><span class="sev sev-${f.severity}">${esc(SEVERITY_WORDS[f.severity])}</span>${gradeBadge(f.outcome)} <span class="muted">${esc(pillarTitle(f.pillar))}</span> — ${esc(f.text)}</li>`)
    .join('')}</ol>`;
}

const SEVERITY_WORDS: Record<Finding['severity'], string> = { fail: 'fails', concern: 'concern', unknown: 'unknown', pass: 'passes', info: 'info' };

function pillarSection(report: Report, pillar: PillarGrade['pillar']): string {
  const p = report.grading.pillars.find((x) => x.pillar === pillar)!;
  const results = report.run.results.filter((r) => r.pillar === pillar);
  const body = results.length === 0
    ? `<p class="muted">Not assessed: ${esc(p.reason)}. Not assessed is not passed.</p>`
    : results.map((r) => probeSection(report, r, report.grading.probes.find((g) => g.probeId === r.probeId)!)).join('');
  return `<section class="pillar" id="pillar-${pillar}" data-pillar="${pillar}"><h2>${esc(pillarTitle(pillar))} ${gradeBadge(p.outcome)}</h2><p class="small">${esc(p.reason)}</p>${body}</section>`;
}

function probeSection(report: Report, r: ProbeResult, g: ProbeGrade): string {
  const facts = probeFacts(r.probeId);
  const m = r.measurement;
  return `<article class="probe" data-probe-id="${esc(r.probeId)}">
<header><div><h3>${esc(facts?.title ?? r.probeId)}</h3><span class="small muted"><code>${esc(r.probeId)}</code> v${r.probeVersion} · ${esc(probeStatusText(r.status))}</span></div>${gradeBadge(g.outcome)}</header>
${facts ? `<p class="small muted">${esc(facts.description)}</p>` : ''}
${r.status !== 'ok' ? `<p><strong>${esc(probeStatusText(r.status))}:</strong> ${esc(r.reason ?? 'no reason was recorded')}. Not assessed is not passed.</p>` : ''}
${g.metrics.length > 0 ? gradingTable(report, g) : r.status === 'ok' ? `<p class="small">${esc(g.reason)}</p>` : ''}
${m ? measurementBlock(m, r, facts?.metricTitle ?? 'Headline value') : ''}
<h4>Method</h4>
<dl class="facts small"><dt>Parameters</dt><dd>${Object.keys(r.params).length ? Object.entries(r.params).map(([k, v]) => `<code>${esc(k)}=${esc(formatParam(v))}</code>`).join(', ') : 'none'}</dd>
<dt>Seed</dt><dd><code>${report.run.seed}</code> (forked by probe id)</dd>
<dt>Interval</dt><dd>${m?.interval ? esc(describeIntervalMethod(m.interval)) : 'none'}</dd>
<dt>Time</dt><dd>${esc(formatDuration(r.durationMs))}</dd>
<dt>Evidence for</dt><dd>${g.clauses.length ? g.clauses.map((id) => esc(clauseName(report, id))).join('; ') : 'no clause in this policy’s crosswalk'}</dd></dl>
</article>`;
}

function gradingTable(report: Report, g: ProbeGrade): string {
  const rows = g.metrics.map((m) => {
    const rule = report.policy.rules.find((x) => x.probe === m.probeId && x.metric === m.metric);
    const t = m.threshold;
    const threshold = t ? `${t.met ? '' : 'missed '}${t.grade} ${t.comparison === '>=' ? '≥' : '≤'} ${t.limit}` : '—';
    const chart = rule && m.value !== null ? gradeScaleSvg(m, rule.bands, rule.magnitude) : '';
    return `<tr data-metric="${esc(m.metric)}"><th scope="row">${esc(m.title)}${m.group !== undefined ? ` <span class="muted">(${esc(m.group)})</span>` : ''}</th>
<td>${m.value === null ? 'undefined' : esc(formatEstimate({ value: m.value, interval: m.interval, n: m.n }))}</td>
<td>${m.graded === null ? '—' : `${esc(String(Number(m.graded.toPrecision(4))))} <span class="muted small">(${esc(BASIS_WORDS[m.basis])})</span>`}</td>
<td>${gradeBadge(m.outcome)}</td><td>${esc(threshold)}</td></tr>
<tr><td colspan="5">${chart}<p class="small">${esc(m.reason)}.</p><p class="small muted">Limits (${m.basisOfLimits === 'public-practice' ? 'public practice' : 'this policy’s reasoning'}): ${esc(m.rationale)} Source: ${esc(m.source)}</p></td></tr>`;
  });
  return `<h4>Grading</h4><table class="grading"><thead><tr><th>metric</th><th>measurement</th><th>graded number</th><th>grade</th><th>deciding threshold</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const BASIS_WORDS: Record<MetricGrade['basis'], string> = {
  'interval-low': 'lower end of the interval',
  'interval-high': 'upper end of the interval',
  'interval-magnitude': 'interval end furthest from 0',
  value: 'point value, no interval',
};

function measurementBlock(m: Measurement, r: ProbeResult, headlineTitle: string): string {
  const facts = probeFacts(r.probeId);
  const secondary = Object.entries(m.secondary ?? {});
  const confusion = readConfusion(m.details);
  const bins = readReliabilityBins(m.details);
  const groupTitle = readText(m.details, 'groupMetric') ?? `${headlineTitle} by group`;
  const charts = [
    m.groups.length > 0 ? `<figure>${groupBarsSvg(m.groups, groupTitle)}<figcaption class="small muted">${esc(groupTitle)}, with interval whiskers where the group was large enough to estimate.</figcaption></figure>` : '',
    confusion ? `<figure>${confusionSvg(confusion.labels, confusion.matrix)}<figcaption class="small muted">Confusion matrix (rows: true class).</figcaption></figure>` : '',
    bins ? `<figure>${reliabilitySvg(bins)}<figcaption class="small muted">Reliability diagram.</figcaption></figure>` : '',
  ].filter(Boolean);
  const details = detailView(r.probeId, m);
  return `<h4>Measurement</h4>
<p>${esc(headlineTitle)}: <strong>${esc(formatEstimate(m))}</strong></p>
${secondary.length ? `<table><thead><tr><th>further metric</th><th>estimate</th></tr></thead><tbody>${secondary
    .map(([k, e]) => `<tr><th scope="row">${esc(facts?.secondaryTitles[k] ?? k)}</th><td>${esc(formatEstimate(e))}</td></tr>`)
    .join('')}</tbody></table>` : ''}
${charts.length ? `<div class="charts">${charts.join('')}</div>` : ''}
${details ? `<div class="details" data-testid="probe-details">${details}</div>` : ''}
${m.notes.length ? `<ul class="small">${m.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`;
}

function clauseName(report: Report, id: string): string {
  const c = report.policy.clauses.find((x) => x.id === id);
  return c ? `${c.framework} ${c.reference}` : id;
}

function crosswalk(report: Report): string {
  const rows = report.policy.clauses
    .map((c) => ({ c, probes: report.grading.probes.filter((p) => p.clauses.includes(c.id) && p.status === 'ok') }))
    .filter((x) => x.probes.length > 0)
    .map(({ c, probes }) => `<tr><th scope="row">${esc(c.framework)}<br><span class="small">${esc(c.reference)}</span></th><td class="small">${esc(c.title)}</td><td class="small">${probes.map((p) => `<code>${esc(p.probeId)}</code> ${gradeBadge(p.outcome)}`).join('<br>')}</td></tr>`);
  return `<h2 id="standards">Standards crosswalk</h2>
<p class="small">The measurements in this report are <strong>evidence for</strong> the clauses below — inputs to an assessment against them. They are not a statement that the model or its use is compliant with any standard or regulation.</p>
${rows.length ? `<table data-testid="crosswalk"><thead><tr><th>clause</th><th>asks for</th><th>evidence in this report</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p class="muted">No probe of this run gives evidence for a clause in the policy’s crosswalk.</p>'}`;
}

function provenance(report: Report): string {
  const run: Run = report.run;
  const env = run.environment;
  return `<h2 id="provenance">Provenance</h2>
<dl class="facts small" data-testid="provenance">
<dt>Run</dt><dd><code>${esc(run.id)}</code>, ${esc(run.status)}</dd>
<dt>Started</dt><dd>${esc(formatDate(run.createdAt))}</dd>
<dt>Finished</dt><dd>${run.finishedAt ? esc(formatDate(run.finishedAt)) : 'not finished'}</dd>
<dt>Model</dt><dd>${esc(run.model.name)} (${esc(run.model.format)}, ${formatCount(run.model.sizeBytes)} bytes)</dd>
<dt>Model SHA-256</dt><dd><code>${esc(run.model.sha256)}</code></dd>
<dt>Dataset</dt><dd>${esc(run.dataset.name)} (${esc(run.dataset.format)}, ${formatCount(run.dataset.rows)} rows${run.dataset.license ? `, licence ${esc(run.dataset.license)}` : ''})</dd>
<dt>Dataset SHA-256</dt><dd><code>${esc(run.dataset.sha256)}</code></dd>
${(run.auxiliary ?? []).map((a) => `<dt>${esc(a.role)} dataset</dt><dd>${esc(a.dataset.name)} <code>${esc(a.dataset.sha256)}</code></dd>`).join('')}
<dt>Suite</dt><dd><code>${esc(run.suite.id)}</code> version ${run.suite.version} (${esc(run.suite.modality)}, ${esc(run.suite.task)})</dd>
<dt>Probes</dt><dd>${run.results.map((r) => `<code>${esc(r.probeId)}</code> v${r.probeVersion}`).join(', ') || 'none'}</dd>
<dt>Policy</dt><dd><code>${esc(report.policy.id)}</code> version ${report.policy.version} (${esc(report.policy.published)})</dd>
<dt>Risk class</dt><dd>${report.grading.riskClass ? esc(riskClassWords(report.grading.riskClass)) : 'not declared'}</dd>
<dt>Seed</dt><dd><code>${run.seed}</code></dd>
<dt>Samples</dt><dd>${formatCount(run.samples)}${run.limit === null ? ' (no limit)' : ` (limit ${formatCount(run.limit)})`}</dd>
<dt>Backend</dt><dd><code>${esc(env.backend)}</code>, ${esc(env.engine)}, ${env.threads} thread(s)</dd>
<dt>App</dt><dd>${esc(env.app)} in ${env.host === 'browser' ? 'the browser' : 'Node'}; graded by TrustGrade ${esc(report.gradedBy)}</dd>
<dt>Agent</dt><dd>${esc(env.agent)}</dd>
</dl>
<h4>Binding</h4><pre>${esc(JSON.stringify(run.binding, null, 2))}</pre>`;
}

function signatureSection(report: Report, check: SignatureCheck | undefined): string {
  const s = report.signature;
  const status = check
    ? `<p class="signature-${check.status}" data-testid="signature-status">${esc(check.message)}</p>`
    : '';
  if (!s) return `<h2 id="signature">Signature</h2>${status}<p class="muted">This report is not signed.</p>`;
  return `<h2 id="signature">Signature</h2>${status}
<dl class="facts small"><dt>Algorithm</dt><dd>${esc(s.algorithm)} over the canonical JSON of the report without its signature</dd>
<dt>SHA-256 signed</dt><dd><code>${esc(s.digest)}</code></dd>
<dt>Key id</dt><dd><code>${esc(s.keyId)}</code> (SHA-256 of the public key)</dd></dl>
<p class="small muted">To check it, import the JSON report into TrustGrade. A valid signature shows the report is unchanged since this key signed it; compare the key id with one you trust to know who signed it.</p>`;
}
