/**
 * A Hugging Face model-card snippet: YAML front matter in the `model-index` format with the key
 * metrics (each probe's headline and every graded metric), followed by a short Markdown section
 * with the grades. Strings are written as JSON strings, which YAML reads as double-quoted scalars.
 * Format: https://huggingface.co/docs/hub/model-cards#evaluation-results
 */
import { capitalize } from '../core/text';
import type { Report } from '../core/report-types';
import type { Estimate } from '../core/types';
import { num, outcomeWords } from '../core/grade-words';
import { pillarTitle } from '../ui/format';
import { probeFacts } from './probe-facts';

interface CardMetric {
  type: string;
  value: number;
  name: string;
}

export function modelCardSnippet(report: Report): string {
  const { run, grading } = report;
  const q = (s: string) => JSON.stringify(s);
  const metrics = keyMetrics(report);
  const taskType = run.suite.modality === 'image' ? 'image-classification' : 'tabular-classification';
  const lines = [
    '---',
    'model-index:',
    `- name: ${q(run.label?.family ?? run.model.name)}`,
    '  results:',
    '  - task:',
    `      type: ${q(taskType)}`,
    `      name: ${q(run.suite.task === 'binary-classification' ? 'Binary classification' : 'Multiclass classification')}`,
    '    dataset:',
    `      name: ${q(run.dataset.name)}`,
    `      type: ${q(run.dataset.id)}`,
    `      revision: ${q(run.dataset.sha256)}`,
    '    metrics:',
    ...metrics.flatMap((m) => [`    - type: ${q(m.type)}`, `      value: ${m.value}`, `      name: ${q(m.name)}`, '      verified: false']),
    '---',
    '',
    '## TrustGrade evaluation',
    '',
    `Overall grade **${outcomeWords(grading.overall.outcome)}** under policy \`${grading.policy.id}\` v${grading.policy.version}: this model ${grading.summary}.`,
    '',
    '| Pillar | Grade | Why |',
    '|---|---|---|',
    ...grading.pillars.map((p) => `| ${pillarTitle(p.pillar)} | ${outcomeWords(p.outcome)} | ${p.reason.replace(/\|/g, '\\|')} |`),
    '',
    `Grades are decided by the unfavourable end of each 95 % confidence interval. Model SHA-256 \`${run.model.sha256}\`, dataset SHA-256 \`${run.dataset.sha256}\`, suite \`${run.suite.id}\` v${run.suite.version}, seed ${run.seed}, backend ${run.environment.backend}.`,
    '',
  ];
  return lines.join('\n');
}

function keyMetrics(report: Report): CardMetric[] {
  const out: CardMetric[] = [];
  const seen = new Set<string>();
  const add = (probeId: string, metric: string, title: string, e: Estimate | undefined) => {
    if (!e || e.value === null || !Number.isFinite(e.value)) return;
    const short = probeId.split('/').slice(1).join('_').replace(/-/g, '_');
    const type = seen.has(metric) ? `${short}_${metric}` : metric;
    if (seen.has(type)) return;
    seen.add(type);
    const interval = e.interval ? ` (${Math.round(e.interval.level * 100)} % CI ${num(e.interval.low)}–${num(e.interval.high)}, n = ${e.n})` : ` (n = ${e.n})`;
    out.push({ type, value: Number(e.value.toPrecision(6)), name: `${title}${interval}` });
  };
  for (const r of report.run.results) {
    if (r.status !== 'ok' || !r.measurement) continue;
    const facts = probeFacts(r.probeId);
    add(r.probeId, facts?.metricName ?? r.probeId.split('/').pop()!.replace(/-/g, '_'), facts?.metricTitle ?? r.probeId, r.measurement);
    const graded = report.grading.probes.find((p) => p.probeId === r.probeId)?.metrics ?? [];
    for (const g of graded) {
      if (g.metric in (r.measurement.secondary ?? {})) add(r.probeId, g.metric, capitalize(g.title), r.measurement.secondary[g.metric]);
    }
  }
  return out;
}

