import { describe, expect, it } from 'vitest';
import { compareReproduction } from '../../src/report/reproduce';
import type { Run } from '../../src/core/types';
import { adultRunWithFairness } from './report-fixtures';

function twin(edit: (run: Run) => void = () => {}): Run {
  const run = adultRunWithFairness();
  edit(run);
  return run;
}

describe('deciding whether a re-run reproduced a report', () => {
  it('same backend: identical numbers are reproduced exactly', () => {
    const r = compareReproduction(twin(), twin(), 1e-4);
    expect(r.sameBackend).toBe(true);
    expect(r.reproduced).toBe(true);
    expect(r.probes.every((p) => p.verdict === 'exact')).toBe(true);
    expect(r.summary).toBe('Reproduced: all 4 measurements match on the same backend (wasm, @tensorflow/tfjs 4.22.0), where every number must be identical.');
  });

  it('same backend: the smallest difference is not reproduced', () => {
    const r = compareReproduction(twin(), twin((run) => { run.results[0].measurement!.interval!.low += 1e-12; }), 1e-4);
    expect(r.reproduced).toBe(false);
    expect(r.probes[0]).toMatchObject({ probeId: 'validity/accuracy', verdict: 'differs' });
    expect(r.probes[0].note).toMatch(/^interval\.low: 0\.854229 in the report, 0\.85422900000\d* now \(\|Δ\| = 1\.00e-12, same backend\)$/);
  });

  it('another backend: differences within the tolerance are reproduced, beyond it not', () => {
    const node = (delta: number) => twin((run) => {
      run.environment.backend = 'node';
      run.environment.engine = 'onnxruntime-node 1.30.0';
      run.results[1].measurement!.value! += delta;
    });
    const close = compareReproduction(twin(), node(3e-5), 1e-4);
    expect(close.sameBackend).toBe(false);
    expect(close.reproduced).toBe(true);
    expect(close.probes[1]).toMatchObject({ probeId: 'validity/calibration', verdict: 'within-tolerance' });
    const far = compareReproduction(twin(), node(3e-3), 1e-4);
    expect(far.reproduced).toBe(false);
    expect(far.summary).toContain('within an absolute tolerance of 0.0001');
  });

  it('never tolerates a different sample count, status or probe version', () => {
    const other = (edit: (run: Run) => void) => twin((run) => { run.environment.backend = 'node'; edit(run); });
    expect(compareReproduction(twin(), other((run) => { run.results[0].measurement!.n -= 1; }), 1).probes[0].verdict).toBe('differs');
    expect(compareReproduction(twin(), other((run) => { run.results[0].status = 'failed'; }), 1).probes[0].verdict).toBe('differs');
    const versions = compareReproduction(twin(), other((run) => { run.results[0].probeVersion = 2; }), 1);
    expect(versions.probes[0]).toMatchObject({ verdict: 'incomparable', note: 'probe version 1 in the report, 2 here: a different probe cannot reproduce it' });
  });
});
