import { describe, expect, it } from 'vitest';
import { expose } from 'comlink';
import { createEvalClient } from '../../src/client/eval-client';
import type { EvalService, RunRequest } from '../../src/engine/service';
import type { ModelInfo, ProbeResult, Run } from '../../src/core/types';

const info = { sha256: 'a'.repeat(64), name: 'm.onnx' } as ModelInfo;
const finished: ProbeResult = { probeId: 'validity/accuracy', probeVersion: 1, pillar: 'validity', params: {}, status: 'ok', durationMs: 1 };
const request = { runId: 'r1', suite: { probes: [] } } as unknown as RunRequest;

/** A stand-in worker: a MessageChannel whose far end serves `service`, and which records terminate(). */
function fakeWorkers(service: (index: number) => Partial<EvalService>) {
  const made: { port: MessagePort; far: MessagePort; terminated: boolean }[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    const entry = { port: port1, far: port2, terminated: false };
    expose(service(made.length), port2);
    made.push(entry);
    const worker = Object.assign(port1, { terminate: () => { entry.terminated = true; port1.close(); port2.close(); } });
    port1.start();
    return worker as unknown as Worker;
  };
  return { made, create };
}

describe('the page-side client of the evaluation worker', () => {
  it('ends a run as crashed, with the probes that finished, when the worker reports a fatal error; then starts a new worker and reopens the model', async () => {
    const opened: number[] = [];
    const workers = fakeWorkers((index) => ({
      async openModel() { opened.push(index); return info; },
      async run(_req, _progress, onProbeResult) {
        if (index > 0) return { status: 'complete' } as Run;
        await onProbeResult?.(finished);
        return new Promise<Run>(() => {}); // never finishes by itself
      },
    }));
    const client = createEvalClient(workers.create);
    await client.openModel([{ path: 'm.onnx', bytes: new Uint8Array([1, 2, 3]) }], 'wasm');
    const outcome = client.run(request, () => {});
    await new Promise((r) => setTimeout(r, 50));
    workers.made[0].far.postMessage({ trustgradeFatal: 'wasm memory exhausted' });
    const result = await outcome;
    expect(result).toEqual({ kind: 'crashed', results: [finished], error: 'The evaluation worker crashed: wasm memory exhausted.' });
    expect(workers.made[0].terminated).toBe(true);
    expect(workers.made).toHaveLength(2);

    const next = await client.run(request, () => {});
    expect(next.kind).toBe('finished');
    expect(opened).toEqual([0, 1]);
    client.dispose();
  });

  it('stops a run that does not stop by itself soon after Cancel, keeping what finished', async () => {
    const workers = fakeWorkers(() => ({
      async openModel() { return info; },
      async run(_req, _progress, onProbeResult) {
        await onProbeResult?.(finished);
        return new Promise<Run>(() => {});
      },
      cancel() {},
    }));
    const client = createEvalClient(workers.create);
    await client.openModel([{ path: 'm.onnx', bytes: new Uint8Array([1]) }], 'wasm');
    const outcome = client.run(request, () => {});
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    client.cancel('r1');
    const result = await outcome;
    expect(result.kind).toBe('cancelled');
    expect(result.kind !== 'finished' && result.results).toEqual([finished]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(workers.made[0].terminated).toBe(true);
    client.dispose();
  });
});
