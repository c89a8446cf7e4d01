import type {
  AuxiliaryRole, BackendChoice, Binding, Dataset, DatasetManifest, ModelFile, ModelInfo, Progress, ProbeResult, Run, RunEnvironment, Suite,
} from '../core/types';
import type { ModelAdapter, OpenModel } from '../runtime/adapter';
import { APP_VERSION } from '../core/version';
import { loadDataset, type DataFile } from '../datasets/load';
import { previewDataset, type DatasetPreview } from './preview';
import { runSuite } from './run-suite';
import { followCancelFlag } from './cancel-flag';

export type DatasetProvenance = Required<Pick<DatasetManifest, 'source' | 'license'>>;

/** What the host (browser worker or Node) provides to the engine. */
export interface EvalHost {
  openModel: OpenModel;
  /** Host kind and agent string (user agent or Node version). */
  environment(): Pick<RunEnvironment, 'host' | 'agent'>;
}

/** Everything a run needs; plain data, so it can cross the worker boundary. */
export interface RunRequest {
  runId: string;
  /** A model opened earlier with `openModel`. */
  modelSha256: string;
  /** A dataset opened earlier with `openDataset`. */
  datasetSha256: string;
  /** Second datasets opened earlier, by role (an out-of-distribution set, known non-members). */
  auxiliary?: { role: AuxiliaryRole; datasetSha256: string }[];
  binding: Binding;
  suite: Suite;
  seed: number;
  limit: number | null;
  label?: { family: string; version: string };
  /** The risk class declared for the application, recorded in the run. */
  riskClass?: 'minimal' | 'limited' | 'high';
  /**
   * A flag in shared memory (cancel-flag.ts) that the caller raises to cancel: seen by every
   * abort check at once, inside synchronous loops too, where the `cancel` message cannot arrive.
   */
  cancelFlag?: Int32Array;
}

export interface RunListeners {
  onProgress?: (progress: Progress) => void;
  /** Each finished probe, as soon as it finishes, so a crashed worker loses nothing already measured. */
  onProbeResult?: (result: ProbeResult) => void;
}

export interface EvalService {
  openModel(files: ModelFile[], choice: BackendChoice): Promise<ModelInfo>;
  /** Parses a dataset where it will be used (off the page's main thread) and keeps it by SHA-256. */
  /** `provenance`: where the data comes from and its licence, when the caller knows (the bundled demo data). */
  openDataset(files: DataFile[], name?: string, provenance?: DatasetProvenance): Promise<DatasetPreview>;
  closeModel(sha256: string): Promise<void>;
  run(request: RunRequest, onProgress?: (p: Progress) => void, onProbeResult?: (r: ProbeResult) => void): Promise<Run>;
  cancel(runId: string): void;
}

/**
 * The engine behind the worker and the CLI. Opened models are cached by SHA-256 (and backend);
 * runs are cancelled through `cancel(runId)`.
 */
export function createEvalService(host: EvalHost): EvalService {
  const models = new Map<string, ModelAdapter>();
  const datasets = new Map<string, Dataset>();
  const running = new Map<string, AbortController>();

  return {
    async openModel(files, choice) {
      const adapter = await host.openModel(files, choice);
      const previous = models.get(adapter.info.sha256);
      if (previous && previous !== adapter) await previous.dispose();
      models.set(adapter.info.sha256, adapter);
      return adapter.info;
    },

    async openDataset(files, name, provenance) {
      const loaded = await loadDataset(files, name ? { name } : undefined);
      const dataset = provenance ? { ...loaded, manifest: { ...loaded.manifest, ...provenance } } : loaded;
      datasets.set(dataset.manifest.sha256, dataset);
      return previewDataset(dataset);
    },

    async closeModel(sha256) {
      await models.get(sha256)?.dispose();
      models.delete(sha256);
    },

    async run(request, onProgress, onProbeResult) {
      const adapter = models.get(request.modelSha256);
      if (!adapter) throw new Error('The model is no longer open in the evaluation worker. Open it again, then run.');
      const opened = (sha256: string): Dataset => {
        const found = datasets.get(sha256);
        if (!found) throw new Error('A dataset of this run is no longer open in the evaluation worker. Open it again, then run.');
        return found;
      };
      const dataset = opened(request.datasetSha256);
      const auxiliary = (request.auxiliary ?? []).map((a) => ({ role: a.role, dataset: opened(a.datasetSha256) }));
      const controller = new AbortController();
      if (request.cancelFlag) followCancelFlag(controller, request.cancelFlag);
      running.set(request.runId, controller);
      try {
        return await runSuite({
          request,
          adapter,
          dataset,
          auxiliary,
          environment: {
            app: APP_VERSION,
            ...host.environment(),
            engine: adapter.engine,
            backend: adapter.info.backend,
            threads: adapter.threads,
          },
          signal: controller.signal,
          listeners: { onProgress, onProbeResult },
        });
      } finally {
        running.delete(request.runId);
      }
    },

    cancel(runId) {
      running.get(runId)?.abort();
    },
  };
}
