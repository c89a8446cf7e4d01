import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/core/report-types';
import type { Run } from '../../src/core/types';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIX = join(ROOT, 'tests/fixtures');
const MODEL = join(FIX, 'models/onnx/linear-softmax.onnx');
const PEOPLE = join(FIX, 'data/people.csv');
const BINDING = join(FIX, 'data/people.binding.json');

interface CliResult { code: number; stderr: string }

function cli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile('node', [join(ROOT, 'bin/trustgrade.mjs'), ...args], { cwd: ROOT }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

const out = () => join(mkdtempSync(join(tmpdir(), 'tg-cli-')), 'report.json');

/** The run inside the report JSON that `--out` writes. */
const runIn = (path: string): Run => (JSON.parse(readFileSync(path, 'utf8')) as Report).run;

/** The error line the CLI prints on failure. */
function reason(result: CliResult): string {
  return result.stderr.split('\n').find((line) => line.startsWith('trustgrade: error:')) ?? result.stderr;
}

describe('trustgrade evaluate', () => {
  it('runs the engine in Node, writes the graded report (with the run in it) and reports progress on stderr', async () => {
    const path = out();
    const result = await cli(['evaluate', '--model', MODEL, '--dataset', PEOPLE, '--binding', BINDING, '--suite', 'quick', '--out', path]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\[100%\] Done/);
    expect(result.stderr).toContain(`wrote ${path}`);
    const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
    expect(report.schema).toBe('trustgrade.report/1');
    expect(report.grading.overall.outcome).toBeTruthy();
    const run = report.run;
    expect(run.status).toBe('complete');
    expect(run.environment.host).toBe('node');
    expect(run.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.suite.id).toBe('quick');
    const validity = run.results.filter((r) => r.pillar === 'validity');
    expect(validity.map((r) => r.probeId)).toEqual(['validity/accuracy', 'validity/calibration']);
    expect(validity.every((r) => r.status === 'ok')).toBe(true);
    expect(run.results.every((r) => r.status === 'ok' || r.status === 'skipped')).toBe(true);
  });

  it('writes identical measurements for the same seed, and honours --limit', async () => {
    const [a, b] = [out(), out()];
    const args = ['evaluate', '--model', MODEL, '--dataset', PEOPLE, '--binding', BINDING, '--seed', '7', '--limit', '3'];
    expect((await cli([...args, '--out', a])).code).toBe(0);
    expect((await cli([...args, '--out', b])).code).toBe(0);
    const runA = runIn(a);
    const runB = runIn(b);
    expect(runA.samples).toBe(3);
    expect(runA.seed).toBe(7);
    expect(runA.results.map((r) => r.measurement)).toEqual(runB.results.map((r) => r.measurement));
  });

  const bad: [string, string[], RegExp][] = [
    ['an empty model file', ['--model', join(FIX, 'models/hostile/empty.onnx')], /empty/i],
    ['random bytes named .onnx', ['--model', join(FIX, 'models/hostile/random-bytes.onnx')], /onnx/i],
    ['a truncated ONNX file', ['--model', join(FIX, 'models/hostile/truncated.onnx')], /truncated|incomplete|cut off|could not be read/i],
    ['a model.json whose shard is missing', ['--model', join(FIX, 'models/hostile/missing-shard/model.json')], /shard|missing/i],
    ['a shard with the wrong byte length', ['--model', join(FIX, 'models/hostile/wrong-length/model.json')], /bytes/i],
    ['a model.json that is not JSON', ['--model', join(FIX, 'models/hostile/invalid-json/model.json')], /JSON/],
    ['an ONNX model whose only probability output is a ZipMap', ['--model', join(FIX, 'models/onnx/zipmap.onnx')], /ZipMap/],
    ['a ragged CSV', ['--dataset', join(FIX, 'data/ragged.csv')], /line 3 has 2/],
    ['a numeric column with text in it', ['--dataset', join(FIX, 'data/numeric-text.csv')], /abc/],
    ['a header-only CSV', ['--dataset', join(FIX, 'data/header-only.csv')], /no rows|header/i],
    ['invalid JSON rows', ['--dataset', join(FIX, 'data/invalid.json')], /JSON/],
    ['a model path that does not exist', ['--model', join(FIX, 'nope.onnx')], /does not exist/],
  ];
  it.each(bad)('refuses %s with a one-line reason and exit code 1', async (_name, override, message) => {
    const options = new Map<string, string>([['--model', MODEL], ['--dataset', PEOPLE], ['--binding', BINDING], ['--out', out()]]);
    for (let i = 0; i < override.length; i += 2) options.set(override[i], override[i + 1]);
    const result = await cli(['evaluate', ...[...options].flat()]);
    expect(result.code).toBe(1);
    expect(reason(result)).toMatch(/^trustgrade: error: /);
    expect(reason(result)).toMatch(message);
  });

  it('says when no probe of the suite reads the second dataset given, and still records it', async () => {
    const path = out();
    const result = await cli(['evaluate', '--model', MODEL, '--dataset', PEOPLE, '--binding', BINDING, '--suite', 'quick', '--out', path, '--auxiliary', `ood=${PEOPLE}`]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/note: no probe of suite quick reads the ood dataset, so it is recorded but not used/);
    expect(runIn(path).auxiliary?.map((a) => a.role)).toEqual(['ood']);
  });

  it('refuses a dataset whose encoded width does not match the model input, naming both widths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-cli-'));
    const binding = JSON.parse(readFileSync(BINDING, 'utf8'));
    binding.features[1].vocabulary.push('Other');
    writeFileSync(join(dir, 'wide.json'), JSON.stringify(binding));
    const result = await cli(['evaluate', '--model', MODEL, '--dataset', PEOPLE, '--binding', join(dir, 'wide.json'), '--out', join(dir, 'run.json')]);
    expect(result.code).toBe(1);
    expect(reason(result)).toMatch(/4/);
    expect(reason(result)).toMatch(/3/);
  });

  it.each([
    ['a role that does not exist', 'members=x.csv', /--auxiliary.*role=path with role ood or non-members/],
    ['a spec without a path', 'ood', /--auxiliary.*role=path/],
    ['the same role twice', 'ood=a.csv --auxiliary ood=b.csv', /second ood dataset/],
  ])('refuses --auxiliary with %s, saying what it should be', async (_name, spec, message) => {
    const extra = spec.split(' ');
    const result = await cli(['evaluate', '--model', MODEL, '--dataset', PEOPLE, '--binding', BINDING, '--out', out(), '--auxiliary', ...extra]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('explains that a model with no shipped binding needs --binding', async () => {
    const result = await cli(['evaluate', '--model', MODEL, '--dataset', PEOPLE, '--out', out()]);
    expect(result.code).toBe(1);
    expect(reason(result)).toMatch(/--binding/);
  });
});
