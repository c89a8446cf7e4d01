import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/core/report-types';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO = join(ROOT, 'public/demo');
const dir = mkdtempSync(join(tmpdir(), 'tg-compare-'));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [join(ROOT, 'bin/trustgrade.mjs'), ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const evaluate = (version: string, out: string) => cli([
  'evaluate', '--model', join(DEMO, `models/wages-${version}/model.json`), '--dataset', join(DEMO, 'cps-wages-1985.csv'),
  '--suite', 'quick', '--family', 'wages', '--model-version', version, '--out', out,
]);

const v1 = join(dir, 'v1.json');
const v2 = join(dir, 'v2.json');

beforeAll(async () => {
  const results = await Promise.all([evaluate('v1', v1), evaluate('v2', v2)]);
  for (const r of results) expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('trustgrade compare: the pipeline gate, on the report JSON evaluate --out writes', () => {
  it('records the family and version given on the command line (in the run inside the report --out writes)', () => {
    expect((JSON.parse(readFileSync(v2, 'utf8')) as Report).run.label).toEqual({ family: 'wages', version: 'v2' });
  });

  it('exits 0 on identical runs', async () => {
    const result = await cli(['compare', v2, v2]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/regressions \(0\)/);
    expect(result.stdout).toMatch(/gate \(regression\): passed/);
  });

  it('exits 2 on a regression, naming it, and lists it first', async () => {
    const result = await cli(['compare', v2, v1]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/trustgrade: gate: regression: validity\/accuracy Accuracy: 0\.77\d+ .* → 0\.60\d+/);
    const lines = result.stdout.split('\n');
    expect(lines[3]).toMatch(/✗/);
  });

  it('gates on grade drops with --fail-on grade-drop, prints JSON with --json, and passes with --fail-on none', async () => {
    const drop = await cli(['compare', v2, v1, '--fail-on', 'grade-drop']);
    expect(drop.code).toBe(2);
    expect(drop.stderr).toMatch(/grade drop: validity/);
    const json = await cli(['compare', v2, v1, '--json', '--fail-on', 'none']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.comparison.regressions.length).toBeGreaterThan(0);
    expect(parsed.gate).toEqual({ rule: 'none', tripped: false, reasons: [] });
  });

  it('writes the comparison as one self-contained HTML file, regressions first, without script', async () => {
    const html = join(dir, 'comparison.html');
    const result = await cli(['compare', v2, v1, '--fail-on', 'none', '--html', html]);
    expect(result.code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(text).not.toMatch(/<script/i);
    expect(text.indexOf('Regressions (')).toBeLessThan(text.indexOf('Improvements ('));
    expect(text).toMatch(/Accuracy<\/strong>/);
  });

  it('evaluates and compares in one step with --baseline', async () => {
    const out = join(dir, 'v1-again.json');
    const result = await cli([
      'evaluate', '--model', join(DEMO, 'models/wages-v1/model.json'), '--dataset', join(DEMO, 'cps-wages-1985.csv'),
      '--suite', 'quick', '--out', out, '--baseline', v2,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/gate: regression/);
  });

  it('refuses a file that is not a run, with a one-line reason', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ hello: 'world' }));
    const result = await cli(['compare', v2, bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^trustgrade: error: /m);
  });
});
