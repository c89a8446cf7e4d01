import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { BackendChoice, ModelFile, ModelInfo, Progress, ProbeResult, Run } from '../core/types';
import type { DatasetProvenance, EvalService, RunRequest } from '../engine/service';
import type { DatasetPreview } from '../engine/preview';
import { isFatalMessage } from '../engine/fatal';
import { createCancelFlag, raiseCancelFlag } from '../engine/cancel-flag';
import { defaultLocks, isLivenessHeld, type LivenessRequest, type Locks } from '../engine/liveness';
import type { DataFile } from '../datasets/load';

/** How long a cancelled run may take to stop by itself before the worker is terminated. */
const CANCEL_GRACE_MS = 800;
/** Opened files kept on the page, so a fresh worker can open them again after a crash. */
const KEEP_MODELS = 2;
/** A run reads a dataset and at most one second dataset; one more covers the one just replaced. */
const KEEP_DATASETS = 3;

/** What a run ended as, from the main thread's point of view. */
export type RunOutcome =
  | { kind: 'finished'; run: Run }
  /** The worker died or was stopped; `results` are the probes that finished before. */
  | { kind: 'crashed' | 'cancelled'; results: ProbeResult[]; error: string };

export interface EvalClient {
  openModel(files: ModelFile[], choice: BackendChoice): Promise<ModelInfo>;
  openDataset(files: DataFile[], name?: string, provenance?: DatasetProvenance): Promise<DatasetPreview>;
  /** `onProbeResult` hears each probe as it finishes (the page stores the run so far). */
  run(request: RunRequest, onProgress: (p: Progress) => void, onProbeResult?: (result: ProbeResult) => void): Promise<RunOutcome>;
  cancel(runId: string): void;
  dispose(): void;
}

export interface EvalClientOptions {
  /**
   * Web Locks, to notice a worker that ends without an error event (it closed itself, or the
   * browser stopped it). Default: `navigator.locks`; null (or none, as in Node) turns this off.
   */
  locks?: Locks | null;
}

/** One worker and what is open in it. */
interface Generation {
  worker: Worker;
  service: Remote<EvalService>;
  /** `model:<sha256>` and `dataset:<sha256>` for what this worker has opened. */
  open: Set<string>;
  dead: boolean;
  /** Rejects, when the worker dies, every call still waiting on it. */
  died: Promise<never>;
  kill: (error: Error) => void;
  /** Withdraws the page's request for the worker's liveness lock. */
  liveness: AbortController;
}

/**
 * The only main-thread code that knows about Comlink. Owns the evaluation worker: starts it,
 * notices when it crashes or silently ends (the pending run ends as `crashed` with what had
 * finished, and pending opens reject), and replaces it; the next run first re-opens, on the new
 * worker, the model and every dataset it names (its dataset and its second datasets).
 */
export function createEvalClient(createWorker: () => Worker, options: EvalClientOptions = {}): EvalClient {
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const models = new Map<string, { files: ModelFile[]; choice: BackendChoice }>();
  const datasets = new Map<string, { files: DataFile[]; name?: string; provenance?: DatasetProvenance }>();
  let current!: Generation;
  let disposed = false;
  /** Ends the pending run early (crash or hard cancel), and the worker it runs on. */
  let pending: { gen: Generation; end: (outcome: RunOutcome) => void } | null = null;
  let pendingResults: ProbeResult[] = [];
  /** The shared cancel flag of each pending run (none where memory cannot be shared). */
  const cancelFlags = new Map<string, Int32Array>();

  const start = () => {
    const worker = createWorker();
    let kill!: (error: Error) => void;
    const died = new Promise<never>((_, reject) => { kill = reject; });
    died.catch(() => undefined);
    const gen: Generation = { worker, service: wrap<EvalService>(worker), open: new Set(), dead: false, died, kill, liveness: new AbortController() };
    current = gen;
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      crash(gen, `The evaluation worker crashed: ${event.message || 'unknown error'}.`);
    });
    worker.addEventListener('message', (event: MessageEvent) => {
      if (isFatalMessage(event.data)) crash(gen, `The evaluation worker crashed: ${event.data.trustgradeFatal}.`);
      else if (isLivenessHeld(event.data)) watch(gen, event.data.trustgradeAlive);
    });
    if (locks) {
      const name = `trustgrade-eval-worker-${crypto.randomUUID()}`;
      worker.postMessage({ trustgradeLiveness: name } satisfies LivenessRequest);
    }
  };

  /** Granted the worker's lock only once the worker has ended: then it died unless we ended it. */
  const watch = (gen: Generation, name: string) => {
    if (!locks || gen.dead) return;
    locks.request(name, { signal: gen.liveness.signal }, () => {
      crash(gen, 'The evaluation worker stopped without reporting an error (it closed, or the browser stopped it).');
    }).catch(() => undefined);
  };

  const crash = (gen: Generation, error: string, kind: 'crashed' | 'cancelled' = 'crashed') => {
    if (gen.dead) return;
    gen.dead = true;
    gen.liveness.abort();
    gen.worker.terminate();
    gen.kill(new Error(error));
    if (disposed) return;
    if (gen === current) start();
    if (pending?.gen === gen) {
      pending.end({ kind, results: pendingResults, error });
      pending = null;
    }
  };

  /** A call to the worker that rejects, rather than waiting forever, if the worker dies. */
  const call = <T>(gen: Generation, fn: (service: Remote<EvalService>) => Promise<T>): Promise<T> =>
    Promise.race([fn(gen.service), gen.died]);

  const openModelOn = async (gen: Generation, files: ModelFile[], choice: BackendChoice) => {
    const copies = files.map(copyFile);
    const info = await call(gen, (s) => s.openModel(transfer(copies, buffersOf(copies)), choice));
    remember(models, info.sha256, { files, choice }, KEEP_MODELS);
    gen.open.add(`model:${info.sha256}`);
    return info;
  };

  const openDatasetOn = async (gen: Generation, files: DataFile[], name?: string, provenance?: DatasetProvenance) => {
    const copies = files.map(copyFile);
    const preview = await call(gen, (s) => s.openDataset(transfer(copies, buffersOf(copies)), name, provenance));
    remember(datasets, preview.manifest.sha256, { files, name, provenance }, KEEP_DATASETS);
    gen.open.add(`dataset:${preview.manifest.sha256}`);
    return preview;
  };

  /** Opens on this worker what the run needs and it has not opened (after a crash: everything). */
  const ensureOpen = async (gen: Generation, request: RunRequest) => {
    const model = models.get(request.modelSha256);
    if (model && !gen.open.has(`model:${request.modelSha256}`)) await openModelOn(gen, model.files, model.choice);
    const needed = [request.datasetSha256, ...(request.auxiliary ?? []).map((a) => a.datasetSha256)];
    for (const sha256 of needed) {
      const dataset = datasets.get(sha256);
      if (dataset && !gen.open.has(`dataset:${sha256}`)) await openDatasetOn(gen, dataset.files, dataset.name, dataset.provenance);
    }
  };

  start();

  return {
    openModel: (files, choice) => openModelOn(current, files, choice),

    openDataset: (files, name, provenance) => openDatasetOn(current, files, name, provenance),

    async run(request, onProgress, onProbeResult) {
      const gen = current;
      await ensureOpen(gen, request);
      pendingResults = [];
      const early = new Promise<RunOutcome>((resolve) => { pending = { gen, end: resolve }; });
      if (gen.dead) return { kind: 'crashed', results: [], error: 'The evaluation worker stopped before the run started.' };
      const flag = createCancelFlag();
      if (flag) cancelFlags.set(request.runId, flag);
      const normal = gen.service
        .run(flag ? { ...request, cancelFlag: flag } : request, proxy(onProgress), proxy((r: ProbeResult) => { pendingResults.push(r); onProbeResult?.(r); }))
        .then((run): RunOutcome => ({ kind: 'finished', run }));
      try {
        return await Promise.race([normal, early]);
      } finally {
        pending = null;
        cancelFlags.delete(request.runId);
      }
    },

    cancel(runId) {
      const gen = current;
      const flag = cancelFlags.get(runId);
      if (flag) raiseCancelFlag(flag);
      gen.service.cancel(runId).catch(() => undefined);
      const waiting = pending;
      setTimeout(() => {
        if (waiting && pending === waiting) {
          crash(gen, 'The run did not stop by itself, so its worker was stopped.', 'cancelled');
        }
      }, CANCEL_GRACE_MS);
    },

    dispose() {
      disposed = true;
      current.dead = true;
      current.liveness.abort();
      current.worker.terminate();
    },
  };
}

/** Keeps `value` under `key` as the newest entry, dropping the oldest beyond `keep`. */
function remember<V>(map: Map<string, V>, key: string, value: V, keep: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > keep) map.delete(map.keys().next().value as string);
}

/** Copies a file so the caller's bytes survive being transferred to the worker. */
function copyFile<F extends { path: string; bytes: Uint8Array }>(file: F): F {
  return { ...file, bytes: file.bytes.slice() };
}

function buffersOf(files: { bytes: Uint8Array }[]): ArrayBuffer[] {
  return files.map((f) => f.bytes.buffer as ArrayBuffer);
}
