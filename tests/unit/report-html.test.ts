import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { latestPolicy } from '../../src/policies';
import { buildReport } from '../../src/report/export';
import { renderReportHtml } from '../../src/report/html';
import { REPORT_CSS } from '../../src/report/html-style';
import { generateSigningKeyPair, signerFromKeyPair } from '../../src/report/signing';
import { adultRunWithFairness } from './report-fixtures';

async function html(edit: (run: ReturnType<typeof adultRunWithFairness>) => void = () => {}) {
  const run = adultRunWithFairness();
  edit(run);
  const signer = await signerFromKeyPair(await generateSigningKeyPair());
  return renderReportHtml(await buildReport(run, latestPolicy(), { riskClass: 'high', signer }));
}

describe('the self-contained HTML report', () => {
  it('forbids scripts and every remote origin, allowing only its own stylesheet by hash', async () => {
    const page = await html();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1];
    const hash = createHash('sha256').update(REPORT_CSS).digest('base64');
    expect(csp).toBe(`default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    // No resource from anywhere: src and href only ever hold PNG data URLs, no @import or url() in the style.
    for (const [, url] of page.matchAll(/\s(?:src|href)=["']?([^"' >]*)/gi)) expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(REPORT_CSS).not.toMatch(/@import|url\(/);
  });

  it('shows the overall grade, the verdict sentence, every pillar and the conservative reading in words', async () => {
    const page = await html();
    expect(page).toContain('data-testid="overall-grade">E</div>');
    expect(page).toContain('does not meet high-risk: validity C (needs B) because the balanced accuracy is 0.76 (95 % interval 0.754–0.766); fairness E (needs B) because the selection-rate ratio for Female vs Male (sex) is 0.317 (95 % interval 0.3–0.335)');
    for (const pillar of ['validity', 'robustness', 'fairness', 'explainability', 'privacy']) expect(page).toContain(`data-testid="pillar-grade-${pillar}"`);
    expect(page).toContain('so a grade means we are confident the model does at least this well');
    expect(page).toContain('evidence for</strong> the clauses below');
    expect(page).not.toMatch(/compliant with (the|NIST|ISO|EU)/);
  });

  it('draws every chart as inline SVG: grade scales, group bars, confusion matrix, reliability diagram', async () => {
    const page = await html();
    expect(page.match(/<svg class="chart scale"/g)).toHaveLength(4);
    expect(page.match(/<svg class="chart groups"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(page.match(/<svg class="chart confusion"/g)).toHaveLength(1);
    expect(page.match(/<svg class="chart reliability"/g)).toHaveLength(1);
    expect(page).toContain('insufficient data (n = 12)');
  });

  it('has a print stylesheet', async () => {
    expect(await html()).toMatch(/@media print \{[^]*@page/);
  });

  it('shows hostile names as text', async () => {
    const page = await html((run) => {
      run.model.name = '<img src=x onerror=alert(1)>.onnx';
      run.dataset.name = '"><script>alert(2)</script>';
    });
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;.onnx');
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).not.toMatch(/<script/i);
  });

  it('gives the same bytes for the same report', async () => {
    const report = await buildReport(adultRunWithFairness(), latestPolicy());
    expect(await renderReportHtml(report)).toBe(await renderReportHtml(report));
  });
});
