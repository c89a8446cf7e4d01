import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { BackendChoice, ModelFile, ModelInfo, Progress, ProbeResult, Run } from '../core/types';
import type { EvalService, RunRequest } from '../engine/service';
import type { DatasetPreview } from '../engine/preview';
import { isFatalMessage } from '../engine/fatal';
import type { DataFile } from '../datasets/load';

/** How long a cancelled run may take to stop by itself before the worker is terminated. */
const CANCEL_GRACE_MS = 800;

/** What a run ended as, from the main thread's point of view. */
export type RunOutcome =
  | { kind: 'finished'; run: Run }
  /** The worker died or was stopped; `results` are the probes that finished before. */
  | { kind: 'crashed' | 'cancelled'; results: ProbeResult[]; error: string };

export interface EvalClient {
  openModel(files: ModelFile[], choice: BackendChoice): Promise<ModelInfo>;
  openDataset(files: DataFile[], name?: string): Promise<DatasetPreview>;
  run(request: RunRequest, onProgress: (p: Progress) => void): Promise<RunOutcome>;
  cancel(runId: string): void;
  dispose(): void;
}

/**
 * The only main-thread code that knows about Comlink. Owns the evaluation worker: starts it,
 * notices when it crashes (the pending run ends as `crashed` with what had finished), and
 * replaces it, re-opening the last model, so the next run works.
 */
export function createEvalClient(createWorker: () => Worker): EvalClient {
  let worker: Worker;
  let service: Remote<EvalService>;
  let lastModel: { files: ModelFile[]; choice: BackendChoice } | null = null;
  let lastDataset: { files: DataFile[]; name?: string } | null = null;
  let needsReopen = false;
  /** Ends the pending run early (crash or hard cancel). */
  let abortPending: ((outcome: RunOutcome) => void) | null = null;
  let pendingResults: ProbeResult[] = [];

  const start = () => {
    worker = createWorker();
    service = wrap<EvalService>(worker);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      crash(`The evaluation worker crashed: ${event.message || 'unknown error'}.`);
    });
    worker.addEventListener('message', (event: MessageEvent) => {
      if (isFatalMessage(event.data)) crash(`The evaluation worker crashed: ${event.data.trustgradeFatal}.`);
    });
  };

  const crash = (error: string, kind: 'crashed' | 'cancelled' = 'crashed') => {
    worker.terminate();
    start();
    needsReopen = true;
    abortPending?.({ kind, results: pendingResults, error });
    abortPending = null;
  };

  const reopenIfNeeded = async () => {
    if (!needsReopen) return;
    needsReopen = false;
    if (lastModel) await service.openModel(lastModel.files.map(copyFile), lastModel.choice);
    if (lastDataset) await service.openDataset(lastDataset.files.map(copyFile), lastDataset.name);
  };

  start();

  return {
    async openModel(files, choice) {
      lastModel = { files, choice };
      needsReopen = false;
      const copies = files.map(copyFile);
      return service.openModel(transfer(copies, buffersOf(copies)), choice);
    },

    async openDataset(files, name) {
      lastDataset = { files, name };
      const copies = files.map(copyFile);
      return service.openDataset(transfer(copies, buffersOf(copies)), name);
    },

    async run(request, onProgress) {
      await reopenIfNeeded();
      pendingResults = [];
      const early = new Promise<RunOutcome>((resolve) => { abortPending = resolve; });
      const normal = service
        .run(request, proxy(onProgress), proxy((r: ProbeResult) => { pendingResults.push(r); }))
        .then((run): RunOutcome => ({ kind: 'finished', run }));
      try {
        return await Promise.race([normal, early]);
      } finally {
        abortPending = null;
      }
    },

    cancel(runId) {
      void service.cancel(runId);
      const pending = abortPending;
      setTimeout(() => {
        if (pending && abortPending === pending) {
          crash('The run did not stop by itself, so its worker was stopped.', 'cancelled');
        }
      }, CANCEL_GRACE_MS);
    },

    dispose() {
      worker.terminate();
    },
  };
}

/** Copies a file so the caller's bytes survive being transferred to the worker. */
function copyFile<F extends { path: string; bytes: Uint8Array }>(file: F): F {
  return { ...file, bytes: file.bytes.slice() };
}

function buffersOf(files: { bytes: Uint8Array }[]): ArrayBuffer[] {
  return files.map((f) => f.bytes.buffer as ArrayBuffer);
}
