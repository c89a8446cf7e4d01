/** The exported report draws every pillar's detail views from the run's details, escaped, with pictures only as PNG data URLs. */
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../../src/core/types';
import { latestPolicy } from '../../src/policies';
import { buildReport } from '../../src/report/export';
import { renderReportHtml } from '../../src/report/html';
import { detailView } from '../../src/report/svg/views';
import { attackDetails, corruptionDetails, CORRUPTIONS, everyPillarRun, groupDetails, HOSTILE, imageAttributionDetails, SEVERITIES } from './report-pillar-fixtures';

const count = (text: string, pattern: RegExp) => (text.match(new RegExp(pattern.source, 'g')) ?? []).length;
const view = (probeId: string, details: Measurement['details']) => detailView(probeId, { value: 0, interval: null, n: 1, groups: [], secondary: {}, notes: [], details });
const result = (run: ReturnType<typeof everyPillarRun>, id: string) => run.results.find((r) => r.probeId === id)!.measurement!;

/** The HTML between the opening of a pillar's section and the next one. */
function pillarSection(page: string, pillar: string): string {
  const start = page.indexOf(`<section class="pillar" id="pillar-${pillar}"`);
  const end = page.indexOf('<section class="pillar"', start + 1);
  return page.slice(start, end === -1 ? page.indexOf('<h2 id="standards"') : end);
}

function noLiveHostileText(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
}

describe('robustness in the exported report', () => {
  it('draws a contact sheet with a cell for every corruption and severity, and one accuracy curve per corruption', () => {
    const html = view('robustness/corruptions', corruptionDetails());
    expect(count(html, /<tr data-corruption=/)).toBe(CORRUPTIONS.length);
    // One clean picture per row, then one per corruption and severity.
    expect(count(html, /<img class="thumb"/)).toBe(CORRUPTIONS.length * (SEVERITIES.length + 1));
    expect(count(html, /<th>severity \d<\/th>/)).toBe(SEVERITIES.length);
    expect(count(html, /<svg class="chart curve"/)).toBe(CORRUPTIONS.length);
    expect(count(html, /<circle class="dot"/)).toBe(CORRUPTIONS.length * SEVERITIES.length);
    expect(count(html, /<line class="ref"/)).toBe(CORRUPTIONS.length);
    noLiveHostileText(html);
  });

  it('puts only decodable PNG data URLs in the contact sheet, and leaves out a cell whose picture is not base64', () => {
    const details = corruptionDetails();
    const sheet = details.contactSheet as { cells: { png: string }[] };
    sheet.cells[0].png = 'x" onerror="alert(1)';
    const html = view('robustness/corruptions', details);
    expect(count(html, /<img class="thumb"/)).toBe(CORRUPTIONS.length * (SEVERITIES.length + 1) - 1);
    expect(html).not.toContain('onerror');
    for (const [, b64] of html.matchAll(/src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)) {
      expect(decode(Buffer.from(b64, 'base64')).width).toBe(8);
    }
  });

  it('draws robust accuracy against ε with a line per attack and the strongest with whiskers, and the examples as pictures', () => {
    const html = view('robustness/white-box-attacks', attackDetails());
    expect(count(html, /<svg class="chart attack-curve"/)).toBe(1);
    expect(count(html, /<path class="attack s\d"/)).toBe(2);
    expect(count(html, /<path class="strongest"/)).toBe(1);
    expect(count(html, /<circle class="point"/)).toBe(3);
    expect(count(html, /<line class="whisker"/)).toBe(3);
    expect(count(html, /<line class="headline"/)).toBe(1);
    // Two examples, each original → adversarial and the perturbation, 4 × 4 pixels each.
    expect(count(html, /data-view="attack-example"/)).toBe(2);
    const pictures = [...html.matchAll(/<img class="pixels" src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)];
    expect(pictures).toHaveLength(6);
    const first = decode(Buffer.from(pictures[0][1], 'base64'));
    expect([first.width, first.height]).toEqual([4, 4]);
    expect(count(html, /<section class="detail" data-view="masking-checks"/)).toBe(1);
    expect(count(html, /<table class="data" data-view="masking-checks"/)).toBe(1);
    noLiveHostileText(html);
  });

  it('draws flip rate against level per family, OOD histograms per score and the stability repeats', () => {
    const run = everyPillarRun();
    const flips = view('robustness/tabular-perturbation', result(run, 'robustness/tabular-perturbation').details);
    expect(count(flips, /<svg class="chart curve"/)).toBe(2);
    expect(count(flips, /<circle class="dot"/)).toBe(6);
    const ood = view('robustness/ood', result(run, 'robustness/ood').details);
    expect(count(ood, /<svg class="chart histogram"/)).toBe(2);
    // In-distribution and two OOD sources, in each histogram.
    expect(count(ood, /<path class="step /)).toBe(6);
    noLiveHostileText(ood);
    const stability = view('robustness/stability', result(run, 'robustness/stability').details);
    expect(stability).toContain('100 of 100');
  });
});

describe('fairness in the exported report', () => {
  it('draws bars with whiskers per metric and single attribute, a heat map per intersection, and the disparity table', () => {
    const html = view('fairness/group-metrics', groupDetails());
    // Two metrics × one single-attribute partition.
    expect(count(html, /<svg class="chart fairness-bars"/)).toBe(2);
    // Whiskers (3 lines) only for the two judged groups, per chart; the small group is faint.
    expect(count(html, /<line class="whisker"/)).toBe(2 * 2 * 3);
    expect(count(html, /<rect class="bar small"/)).toBe(2);
    expect(html).toContain('insufficient data, n = 12');
    // Two metrics × one intersection of two attributes, 2 × 2 cells, one too small to judge.
    expect(count(html, /data-view="fairness-heatmap"/)).toBe(2);
    expect(count(html, /<td class="heat-\d" data-status="ok"/)).toBe(2 * 3);
    expect(count(html, /data-status="insufficient-data"/)).toBe(2);
    expect(count(html, /<line class="reference"/)).toBe(1);
    expect(html).toContain('data-view="fairness-disparities"');
    expect(html).toContain('below 0.8');
    noLiveHostileText(html);
  });

  it('draws the flip test, mean benefit per group and the proxy list', () => {
    const run = everyPillarRun();
    const flips = view('fairness/counterfactual', result(run, 'fairness/counterfactual').details);
    expect(count(flips, /<svg class="chart fairness-bars"/)).toBe(1);
    expect(flips).toContain('not tested — a column derived from it is in the input');
    expect(count(flips, /<tr><th scope="row">sex<\/th>/)).toBe(2);
    const benefit = view('fairness/inequality', result(run, 'fairness/inequality').details);
    expect(count(benefit, /<svg class="chart fairness-bars"/)).toBe(1);
    expect(benefit).toContain('0.0040');
    const proxies = view('fairness/proxies', result(run, 'fairness/proxies').details);
    expect(count(proxies, /<svg class="chart proxy-bar spark"/)).toBe(2);
    expect(count(proxies, /possible proxy/)).toBe(1);
    expect(proxies).toContain('fnlwgt left out: an identifier');
  });
});

describe('explainability in the exported report', () => {
  it('lays a heat map over every explained image for every method, with both colour scales', () => {
    const details = imageAttributionDetails();
    const html = view('explainability/attributions', details);
    const images = (details.images as unknown[]).length;
    expect(count(html, /<svg class="chart heatmap"/)).toBe(images * 2 + images);
    // Each overlay is the picture under the map; the picture-only cells have one image.
    expect(count(html, /<image class="over"/)).toBe(images * 2);
    expect(count(html, /<image class="under"/)).toBe(images * 2);
    expect(count(html, /<svg class="chart colour-scale spark"/)).toBe(2);
    for (const [, url] of html.matchAll(/href="([^"]+)"/g)) expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
  });

  it('draws attribution bars per explained row (a bar per column and method), global importance, dependence and the curves', () => {
    const run = everyPillarRun();
    const bars = view('explainability/attributions', result(run, 'explainability/attributions').details);
    expect(count(bars, /<svg class="chart attribution-bars"/)).toBe(2);
    expect(count(bars, /<rect class="m\d"/)).toBe(2 * 3 * 2);
    expect(count(bars, /<svg class="chart importance"/)).toBe(1);
    noLiveHostileText(bars);
    const importance = view('explainability/global-importance', result(run, 'explainability/global-importance').details);
    expect(count(importance, /<svg class="chart importance"/)).toBe(1);
    expect(count(importance, /<line class="whisker"/)).toBe(2);
    expect(count(importance, /<svg class="chart dependence"/)).toBe(1);
    const curves = view('explainability/faithfulness', result(run, 'explainability/faithfulness').details);
    expect(count(curves, /<svg class="chart faithfulness"/)).toBe(2);
    expect(count(curves, /<path class="random"/)).toBe(2);
    const randomised = view('explainability/randomisation', result(run, 'explainability/randomisation').details);
    expect(count(randomised, /<image class="over"/)).toBe(2);
    expect(randomised).toContain('data-view="explain-randomisation-methods"');
  });
});

describe('privacy in the exported report', () => {
  it('draws the membership ROC curves on both axes, the exposure, the fault table and the hygiene findings', () => {
    const run = everyPillarRun();
    const roc = view('privacy/membership-inference', result(run, 'privacy/membership-inference').details);
    expect(count(roc, /<svg class="chart roc roc-(linear|log)"/)).toBe(2);
    expect(count(roc, /<polyline class="roc s\d"/)).toBe(4);
    expect(count(roc, /<line class="diagonal"/)).toBe(2);
    noLiveHostileText(roc);
    expect(view('privacy/output-exposure', result(run, 'privacy/output-exposure').details)).toContain('full-precision probabilities');
    const faults = view('privacy/fault-tolerance', result(run, 'privacy/fault-tolerance').details);
    expect(faults).toContain('3 (75 %)');
    noLiveHostileText(faults);
    const hygiene = view('privacy/model-file-hygiene', result(run, 'privacy/model-file-hygiene').details);
    expect(hygiene).toContain('1 high · 0 medium · 0 low · 1 information');
    noLiveHostileText(hygiene);
    expect(view('privacy/provenance', result(run, 'privacy/provenance').details)).toContain('data-view="provenance-checks"');
  });

  it('shows nothing extra for details it cannot read', () => {
    expect(view('privacy/membership-inference', { attacks: 'no' })).toBe('');
    expect(view('robustness/corruptions', { corruptions: [3] })).toBe('');
    expect(view('unknown/probe', { x: 1 })).toBe('');
  });
});

describe('the whole report with every pillar measured', () => {
  it('puts each pillar\'s charts in its own section, loads nothing but its data URLs, and shows hostile text as text', async () => {
    const page = await renderReportHtml(await buildReport(everyPillarRun(), latestPolicy()));
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    for (const [, url] of page.matchAll(/\s(?:src|href)="([^"]*)"/g)) expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const charts = (pillar: string) => count(pillarSection(page, pillar), /<svg class="chart/);
    const pictures = (pillar: string) => count(pillarSection(page, pillar), /<img /);
    expect(charts('robustness')).toBeGreaterThanOrEqual(2 + 2 + 2 + 1);
    expect(pictures('robustness')).toBe(CORRUPTIONS.length * (SEVERITIES.length + 1) + 6);
    expect(charts('fairness')).toBeGreaterThanOrEqual(2 + 1 + 1 + 2);
    expect(count(pillarSection(page, 'fairness'), /data-view="fairness-heatmap"/)).toBe(2);
    expect(charts('explainability')).toBeGreaterThanOrEqual(2 + 1 + 1 + 1 + 2 + 2);
    expect(charts('privacy')).toBeGreaterThanOrEqual(2);
    expect(page).toContain('data-testid="probe-details"');
    expect(await renderReportHtml(await buildReport(everyPillarRun(), latestPolicy()))).toBe(page);
  });

  it('keeps charts whole when printed', async () => {
    const { REPORT_CSS } = await import('../../src/report/html-style');
    expect(REPORT_CSS).toMatch(/@media print \{[^]*(figure|section\.detail)[^}]*break-inside: avoid/);
    expect(REPORT_CSS).not.toMatch(/@import|url\(/);
  });
});

export { HOSTILE };
