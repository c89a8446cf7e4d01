import { describe, expect, it } from 'vitest';
import { expose } from 'comlink';
import { createEvalClient } from '../../src/client/eval-client';
import { holdLivenessLock, type Locks } from '../../src/engine/liveness';
import type { EvalService, RunRequest } from '../../src/engine/service';
import type { DatasetPreview } from '../../src/engine/preview';
import type { ModelInfo, ProbeResult, Run } from '../../src/core/types';

const info = { sha256: 'a'.repeat(64), name: 'm.onnx' } as ModelInfo;
const finished: ProbeResult = { probeId: 'validity/accuracy', probeVersion: 1, pillar: 'validity', params: {}, status: 'ok', durationMs: 1 };
const request = { runId: 'r1', modelSha256: info.sha256, datasetSha256: 'none', suite: { probes: [] } } as unknown as RunRequest;

/**
 * A stand-in for the browser's Web Locks: a lock is granted to one holder at a time, in order,
 * and an agent (a worker) that ends releases every lock it holds, as browsers do.
 */
function fakeLockManager() {
  const holders = new Map<string, unknown>();
  const queues = new Map<string, (() => void)[]>();
  const release = (name: string) => {
    holders.delete(name);
    queues.get(name)?.shift()?.();
  };
  const agent = (id: unknown) => {
    const locks: Locks = {
      request(name: string, ...rest: unknown[]) {
        const callback = rest[rest.length - 1] as () => unknown;
        const signal = rest.length > 1 ? (rest[0] as { signal?: AbortSignal }).signal : undefined;
        return new Promise((resolve, reject) => {
          const grant = () => {
            holders.set(name, id);
            Promise.resolve(callback()).then((value) => { if (holders.get(name) === id) release(name); resolve(value); });
          };
          if (!holders.has(name)) { grant(); return; }
          const queue = queues.get(name) ?? [];
          queues.set(name, queue);
          queue.push(grant);
          signal?.addEventListener('abort', () => {
            queue.splice(queue.indexOf(grant), 1);
            reject(new DOMException('aborted', 'AbortError'));
          });
        });
      },
    };
    return {
      locks,
      /** The agent ended: its locks go. */
      end() { for (const [name, holder] of [...holders]) if (holder === id) release(name); },
    };
  };
  return { agent };
}

/** A stand-in worker: a MessageChannel whose far end serves `service`, and which records terminate(). */
function fakeWorkers(service: (index: number) => Partial<EvalService>, lockManager?: ReturnType<typeof fakeLockManager>) {
  const made: { port: MessagePort; far: MessagePort; terminated: boolean; closeItself: () => void }[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    const agent = lockManager?.agent(made.length);
    if (agent) holdLivenessLock(port2 as unknown as Parameters<typeof holdLivenessLock>[0], agent.locks);
    // A worker that closes itself: it stops answering and (in a browser) its locks are released; no event.
    const closeItself = () => { port2.close(); agent?.end(); };
    const entry = { port: port1, far: port2, terminated: false, closeItself };
    expose(service(made.length), port2);
    made.push(entry);
    const worker = Object.assign(port1, { terminate: () => { entry.terminated = true; port1.close(); port2.close(); agent?.end(); } });
    port1.start();
    return worker as unknown as Worker;
  };
  return { made, create };
}

/** A preview that names the dataset by its first file's first byte. */
function previewOf(files: { bytes: Uint8Array }[]): DatasetPreview {
  return { manifest: { sha256: `d${files[0].bytes[0]}` } } as unknown as DatasetPreview;
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

  it('after a crash, re-opens on the new worker the model, the dataset and every second dataset the run names', async () => {
    const opened: Record<number, string[]> = {};
    const workers = fakeWorkers((index) => {
      const here = (opened[index] = [] as string[]);
      return {
        async openModel() { here.push('model'); return info; },
        async openDataset(files) { const p = previewOf(files); here.push(p.manifest.sha256); return p; },
        async run(req, _progress, onProbeResult) {
          const missing = [req.datasetSha256, ...(req.auxiliary ?? []).map((a) => a.datasetSha256)].filter((d) => !here.includes(d));
          if (!here.includes('model') || missing.length) throw new Error(`not open here: ${missing.join(', ') || 'the model'}`);
          if (index === 0) { await onProbeResult?.(finished); return new Promise<Run>(() => {}); }
          return { status: 'complete' } as Run;
        },
      };
    });
    const client = createEvalClient(workers.create, { locks: null });
    await client.openModel([{ path: 'm.onnx', bytes: new Uint8Array([9]) }], 'wasm');
    await client.openDataset([{ path: 'train.csv', bytes: new Uint8Array([1]) }], 'train');
    await client.openDataset([{ path: 'ood.csv', bytes: new Uint8Array([2]) }], 'ood');
    await client.openDataset([{ path: 'non-members.csv', bytes: new Uint8Array([3]) }], 'non-members');
    const withSecond = {
      ...request,
      datasetSha256: 'd1',
      auxiliary: [{ role: 'ood', datasetSha256: 'd2' }, { role: 'non-members', datasetSha256: 'd3' }],
    } as RunRequest;
    const outcome = client.run(withSecond, () => {});
    await new Promise((r) => setTimeout(r, 50));
    workers.made[0].far.postMessage({ trustgradeFatal: 'out of memory' });
    expect((await outcome).kind).toBe('crashed');

    const next = await client.run(withSecond, () => {});
    expect(next).toEqual({ kind: 'finished', run: { status: 'complete' } });
    expect(opened[1]).toEqual(['model', 'd1', 'd2', 'd3']);
    // A run that names only the first dataset opens nothing more on a worker that has it.
    expect((await client.run({ ...request, datasetSha256: 'd1' }, () => {})).kind).toBe('finished');
    expect(opened[1]).toEqual(['model', 'd1', 'd2', 'd3']);
    client.dispose();
  });

  it('notices a worker that ends without any error event (it closed itself) through its liveness lock, and ends the run as crashed', async () => {
    const locks = fakeLockManager();
    const workers = fakeWorkers((index) => ({
      async openModel() { return info; },
      async run(_req, _progress, onProbeResult) {
        if (index > 0) return { status: 'complete' } as Run;
        await onProbeResult?.(finished);
        return new Promise<Run>(() => {});
      },
    }), locks);
    const client = createEvalClient(workers.create, { locks: locks.agent('page').locks });
    await client.openModel([{ path: 'm.onnx', bytes: new Uint8Array([1]) }], 'wasm');
    const outcome = client.run(request, () => {});
    await new Promise((r) => setTimeout(r, 50));
    workers.made[0].closeItself();
    const result = await outcome;
    expect(result.kind).toBe('crashed');
    expect(result.kind !== 'finished' && result.results).toEqual([finished]);
    expect(result.kind !== 'finished' && result.error).toMatch(/stopped without reporting an error/);
    expect(workers.made).toHaveLength(2);
    // The new worker got the model again, and a worker that is merely ended by the client is no crash.
    expect((await client.run(request, () => {})).kind).toBe('finished');
    client.dispose();
    await new Promise((r) => setTimeout(r, 20));
    expect(workers.made).toHaveLength(2);
  });

  it('raises the run\'s shared cancel flag on Cancel, so the worker sees it even inside a synchronous loop', async () => {
    let seen: Int32Array | undefined;
    let release!: (run: Run) => void;
    const workers = fakeWorkers(() => ({
      async openModel() { return info; },
      async run(req) { seen = req.cancelFlag; return new Promise<Run>((resolve) => { release = resolve; }); },
      cancel() { release({ status: 'cancelled' } as Run); },
    }));
    const client = createEvalClient(workers.create, { locks: null });
    await client.openModel([{ path: 'm.onnx', bytes: new Uint8Array([1]) }], 'wasm');
    const outcome = client.run(request, () => {});
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toBeInstanceOf(Int32Array);
    expect(seen!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Atomics.load(seen!, 0)).toBe(0);
    client.cancel('r1');
    expect(Atomics.load(seen!, 0)).toBe(1);
    expect(await outcome).toEqual({ kind: 'finished', run: { status: 'cancelled' } });
    client.dispose();
  });

  it('rejects a call still waiting on a worker that crashes, instead of waiting forever', async () => {
    const workers = fakeWorkers(() => ({ openModel: () => new Promise<ModelInfo>(() => {}) }));
    const client = createEvalClient(workers.create, { locks: null });
    const opening = client.openModel([{ path: 'm.onnx', bytes: new Uint8Array([1]) }], 'wasm');
    await new Promise((r) => setTimeout(r, 20));
    workers.made[0].far.postMessage({ trustgradeFatal: 'a hostile model' });
    await expect(opening).rejects.toThrow(/crashed: a hostile model/);
    client.dispose();
  });
});
