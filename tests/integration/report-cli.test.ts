import { describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/core/report-types';
import type { Run } from '../../src/core/types';
import { verifyReport } from '../../src/report/signing';
import { main } from '../../src/cli/main';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIX = join(ROOT, 'tests/fixtures');
const MODEL = join(FIX, 'models/onnx/linear-softmax.onnx');
const PEOPLE = join(FIX, 'data/people.csv');
const BINDING = join(FIX, 'data/people.binding.json');

interface CliResult { code: number; stdout: string; stderr: string }

/** The built CLI as a user runs it (a child process). */
function binary(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile('node', [join(ROOT, 'bin/trustgrade.mjs'), ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The same CLI in this process (the engines stay loaded between calls, which keeps the test fast). */
async function cli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  try {
    return { code: await main(['node', 'trustgrade', ...args]), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tg-report-cli-'));
const at = (name: string) => join(dir, name);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(at(name), 'utf8')) as T;
const evaluateArgs = ['evaluate', '--model', MODEL, '--dataset', PEOPLE, '--binding', BINDING, '--suite', 'quick'];

describe('trustgrade evaluate with a report, and the report commands', () => {
  it('--out writes the signed report (with the run in it), --html its HTML, --model-card a card; the risk class is recorded in the run', async () => {
    expect((await cli(['keygen', '--out', at('key.pem')])).code).toBe(0);
    const result = await binary([...evaluateArgs, '--out', at('report.json'), '--html', at('report.html'),
      '--model-card', at('card.md'), '--risk-class', 'high', '--key', at('key.pem')]);
    expect(result.code, result.stderr).toBe(0);
    const report = readJson<Report>('report.json');
    expect(report.schema).toBe('trustgrade.report/1');
    expect(report.run.riskClass).toBe('high');
    expect(report.grading.riskClass).toBe('high');
    expect((await verifyReport(report)).status).toBe('valid');
    expect(result.stderr).toContain(`verdict: this model ${report.grading.summary}`);
    expect(result.stderr).not.toContain('deprecated');
    const html = readFileSync(at('report.html'), 'utf8');
    expect(html).toContain(`data-testid="overall-grade">${report.grading.overall.outcome.replace('-', ' ')}</div>`);
    expect(readFileSync(at('card.md'), 'utf8')).toMatch(/^---\nmodel-index:\n/);
    // The bare run, for the commands below that read a run rather than a report.
    writeFileSync(at('run.json'), JSON.stringify(report.run, null, 2));
  });

  it('--report still writes the same report JSON, saying it is deprecated', async () => {
    const result = await cli([...evaluateArgs, '--out', at('new.json'), '--report', at('old.json')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('--report is deprecated');
    const a = readJson<Report>('new.json');
    expect(readJson<Report>('old.json')).toEqual(a);
    expect(a.run.model.sha256).toBe(readJson<Run>('run.json').model.sha256);
  });

  it('verify: exit 0 for a valid report, 3 for one edited by one digit, 3 for unsigned with --require-signature', async () => {
    const valid = await cli(['verify', at('report.json')]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('signature: valid');
    const text = readFileSync(at('report.json'), 'utf8');
    const seedAt = text.lastIndexOf('"seed": 1');
    writeFileSync(at('edited.json'), `${text.slice(0, seedAt)}"seed": 2${text.slice(seedAt + 9)}`);
    const edited = await cli(['verify', at('edited.json')]);
    expect(edited.code).toBe(3);
    expect(edited.stdout).toContain('signature: invalid');
    const unsigned = readJson<Report>('report.json');
    delete unsigned.signature;
    writeFileSync(at('unsigned.json'), JSON.stringify(unsigned));
    expect((await cli(['verify', at('unsigned.json')])).code).toBe(0);
    expect((await cli(['verify', at('unsigned.json'), '--require-signature'])).code).toBe(3);
  });

  it('report: re-grades a stored run under a pinned policy without the model, giving the same grades', async () => {
    const first = readJson<Report>('report.json');
    // Pinned to the policy version the first report was graded under (the newest shipped one then).
    const pinned = `${first.grading.policy.id}@${first.grading.policy.version}`;
    const result = await cli(['report', at('run.json'), '--policy', pinned, '--out', at('regraded.json')]);
    expect(result.code, result.stderr).toBe(0);
    const again = readJson<Report>('regraded.json');
    expect(again.signature).toBeUndefined();
    expect(again.grading).toEqual(first.grading);
    const unknown = await cli(['report', at('run.json'), '--policy', 'trustgrade-default@9']);
    expect(unknown.stderr).toContain('There is no version 9 of the shipped policy "trustgrade-default"');
  });

  it('rerun: reproduces every measurement exactly on the same backend', async () => {
    const result = await cli(['rerun', at('report.json'), '--model', MODEL, '--dataset', PEOPLE]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^validity\/accuracy\s+reproduced exactly/m);
    expect(result.stdout).toContain('Reproduced: all');
    expect(result.stderr).toContain('SHA-256 matches the report');
  });

  it('rerun: refuses other files, naming both hashes, and says when a number was not reproduced', async () => {
    const wrong = await cli(['rerun', at('report.json'), '--model', MODEL, '--dataset', join(FIX, 'data/people-semicolon.csv')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/The dataset's SHA-256 is [0-9a-f]{64}, but the report was made with [0-9a-f]{64}/);
    const run = readJson<Run>('run.json');
    run.results[0].measurement!.value = 0.123;
    writeFileSync(at('changed-run.json'), JSON.stringify(run));
    const changed = await cli(['rerun', at('changed-run.json'), '--model', MODEL, '--dataset', PEOPLE]);
    expect(changed.code).toBe(3);
    expect(changed.stdout).toMatch(/^validity\/accuracy\s+NOT reproduced\s+value: 0.123 in the report/m);
  });

  it('refuses a key that is not EC P-256, and never overwrites a key file', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(at('rsa.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const rsa = await cli(['report', at('run.json'), '--key', at('rsa.pem'), '--out', at('x.json')]);
    expect(rsa.code).toBe(1);
    expect(rsa.stderr).toContain('is not an EC P-256 private key (it is RSA)');
    const again = await cli(['keygen', '--out', at('key.pem')]);
    expect(again.stderr).toContain('already exists; keygen never overwrites a key');
  });
});
