/**
 * The page's side of a run (src/ui/run-lifecycle.ts) against a real store (fake IndexedDB) and a
 * stand-in client: every finished probe is stored at once, so a page that dies mid-run (the browser
 * kills a tab that runs out of memory) leaves, after a reload, an interrupted run with the probes
 * that had finished; and the finished run is never overwritten by a late save of the run so far.
 */
import { describe, expect, it } from 'vitest';
import type { EvalClient, RunOutcome } from '../../src/client/eval-client';
import type { ProbeResult, Run } from '../../src/core/types';
import type { RunRequest } from '../../src/engine/service';
import { executeRun } from '../../src/ui/run-lifecycle';
import { fixtureRuns, freshStore } from '../fixtures/storage/helpers';

function setUp() {
  const finishedRun = fixtureRuns().tabular;
  const started: Run = { ...finishedRun, status: 'running', finishedAt: null, results: [] };
  const request = { runId: started.id, suite: { id: 'x', version: 1, title: '', description: '', modality: 'tabular', task: 'binary-classification', probes: [] } } as unknown as RunRequest;
  return { finishedRun, started, request, results: finishedRun.results };
}

/**
 * A client whose run reports the given probes one by one, then ends as `end` says; `late` probes
 * are reported after the run has ended, as a result sent over its own channel can be.
 */
function clientReporting(results: ProbeResult[], end: () => Promise<RunOutcome>, late: ProbeResult[] = []): EvalClient {
  return {
    async run(_request, _onProgress, onProbeResult) {
      for (const r of results) {
        onProbeResult?.(r);
        await Promise.resolve();
      }
      setTimeout(() => late.forEach((r) => onProbeResult?.(r)), 0);
      return end();
    },
  } as EvalClient;
}

describe('storing a run while it goes', () => {
  it('stores each finished probe at once: a page that dies mid-run leaves them, marked interrupted after a reload', async () => {
    const { store } = await freshStore();
    const { started, request, results } = setUp();
    expect(results.length).toBeGreaterThanOrEqual(2);
    let seen: () => void = () => {};
    const stored = new Promise<void>((resolve) => { seen = resolve; });
    // The page "dies" after the probes are reported: the run never returns.
    const dying = clientReporting(results.slice(0, 2), () => { seen(); return new Promise<RunOutcome>(() => {}); });
    void executeRun(dying, store, request, started, () => {});
    await stored;
    await expect.poll(async () => (await store.getRun(started.id))?.results.length).toBe(2);
    expect(await store.markInterrupted()).toEqual([started.id]);
    const after = (await store.getRun(started.id))!;
    expect(after.status).toBe('interrupted');
    // The numbers of each finished probe; their details (pictures, charts) only come with the finished run.
    expect(after.results.map((r) => r.probeId)).toEqual(results.slice(0, 2).map((r) => r.probeId));
    after.results.forEach((r, i) => {
      const { details: _details, ...numbers } = results[i].measurement!;
      expect(r.measurement).toEqual(numbers);
    });
  });

  it('ends with the finished run stored, even when the last probe’s result arrives after the run', async () => {
    const { store } = await freshStore();
    const { finishedRun, started, request, results } = setUp();
    const client = clientReporting(results.slice(0, -1), async () => ({ kind: 'finished', run: finishedRun }), results.slice(-1));
    const outcome = await executeRun(client, store, request, started, () => {});
    expect(outcome.saveError).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.getRun(started.id)).toEqual(finishedRun);
  });
});
