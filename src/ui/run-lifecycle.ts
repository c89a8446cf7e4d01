import type { ModelInfo, Progress, ProbeResult, Run } from '../core/types';
import type { EvalClient } from '../client/eval-client';
import type { RunRequest } from '../engine/service';
import type { RunStore } from '../storage/runs';
import type { DatasetPreview } from '../engine/preview';
import { APP_VERSION } from '../core/version';
import { completeResults } from '../engine/unfinished';

export interface RunOutcomeForPage {
  run: Run;
  /** Set when the run could not be stored; the page keeps it in memory and offers export. */
  saveError?: string;
}

/** The run as it is stored while it goes, so a reload finds it as interrupted rather than losing it. */
export function startedRun(request: RunRequest, model: ModelInfo, dataset: DatasetPreview): Run {
  return {
    schema: 'trustgrade.run/1',
    id: request.runId,
    status: 'running',
    createdAt: new Date().toISOString(),
    finishedAt: null,
    model,
    ...(request.label ? { label: request.label } : {}),
    ...(request.riskClass ? { riskClass: request.riskClass } : {}),
    dataset: dataset.manifest,
    binding: request.binding,
    suite: { id: request.suite.id, version: request.suite.version, modality: request.suite.modality, task: request.suite.task },
    seed: request.seed,
    samples: Math.min(dataset.manifest.rows, request.limit ?? Infinity),
    limit: request.limit,
    results: [],
    environment: { app: APP_VERSION, host: 'browser', agent: navigator.userAgent, engine: '', backend: model.backend, threads: 0 },
  };
}

/**
 * Runs a suite in the worker and stores the outcome. A crashed worker or a forced cancel still
 * stores the run, with the probes that had finished; an input problem stores nothing and throws.
 */
export async function executeRun(
  client: EvalClient,
  store: RunStore | null,
  request: RunRequest,
  started: Run,
  onProgress: (p: Progress) => void,
): Promise<RunOutcomeForPage> {
  const save = async (run: Run): Promise<string | undefined> => {
    if (!store) return 'Stored runs are not available in this browser session.';
    try {
      await store.saveRun(run);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  // Saves in order, so a late save of the run so far never overwrites the finished run.
  let queue: Promise<string | undefined> = Promise.resolve(undefined);
  const saveInTurn = (run: Run) => (queue = queue.then(() => save(run)));
  await saveInTurn(started);
  // Each finished probe is stored at once: if the page itself dies (the browser kills a tab that
  // runs out of memory), a reload finds the run interrupted with the probes that had finished.
  // Their numbers only: storing every probe's pictures again after each probe made main-thread
  // tasks of 35–150 ms; the finished run is stored whole.
  // A probe's result comes over its own message channel and may arrive after the run's outcome:
  // from then on the outcome is what is stored, never a late copy of the run so far.
  let settled = false;
  const finished: ProbeResult[] = [];
  const onProbeResult = (result: ProbeResult) => {
    if (settled) return;
    finished.push(result);
    void saveInTurn({ ...started, results: finished.map(withoutDetails) });
  };
  let run: Run;
  try {
    const outcome = await client.run(request, onProgress, onProbeResult);
    settled = true;
    if (outcome.kind === 'finished') {
      run = outcome.run;
    } else {
      const status = outcome.kind === 'crashed' ? 'failed' : 'cancelled';
      run = {
        ...started,
        status,
        results: completeResults(request.suite, outcome.results, status, outcome.error),
        error: outcome.error,
        finishedAt: new Date().toISOString(),
      };
    }
  } catch (error) {
    settled = true;
    await queue;
    await store?.deleteRun(started.id).catch(() => undefined);
    throw error;
  }
  const saveError = await saveInTurn(run);
  return saveError ? { run, saveError } : { run };
}

/** A result without its measurement's details (charts, pictures, per-sample data): the numbers stay. */
function withoutDetails(result: ProbeResult): ProbeResult {
  if (!result.measurement?.details) return result;
  const { details: _details, ...measurement } = result.measurement;
  return { ...result, measurement };
}
