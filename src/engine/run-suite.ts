import type { AuxiliaryRole, Binding, Dataset, ProbeResult, Run, RunEnvironment } from '../core/types';
import { CancelledError, unmetRequirement, type PreparedData, type ProbeDefinition } from '../core/probe';
import { createRng } from '../core/rng';
import { BindingError, modalityOf, prepareData, taskOf } from '../core/binding';
import type { ModelAdapter } from '../runtime/adapter';
import { getProbe } from '../probes/registry';
import { resolveProbeParams } from '../suites/params';
import { createClassifier } from './classifier';
import { createProgressTracker } from './progress';
import type { RunListeners, RunRequest } from './service';

interface RunSuiteInput {
  request: RunRequest;
  adapter: ModelAdapter;
  dataset: Dataset;
  auxiliary: { role: AuxiliaryRole; dataset: Dataset }[];
  environment: RunEnvironment;
  signal: AbortSignal;
  listeners: RunListeners;
}

/**
 * Runs every probe of a suite on one model and dataset and returns the Run record.
 * Input problems (a binding that does not fit the data or the model) throw before anything runs;
 * a probe that fails is recorded as failed and the others still run; a cancel stops at the next
 * checkpoint and the remaining probes are recorded as cancelled.
 */
export async function runSuite({ request, adapter, dataset, auxiliary, environment, signal, listeners }: RunSuiteInput): Promise<Run> {
  const { binding, suite } = request;
  const data = prepareData(dataset, binding, {
    limit: request.limit,
    sampleSize: adapter.sampleSize(binding.input),
    inputName: binding.input ?? adapter.info.inputs[0]?.name,
  });
  const model = createClassifier(adapter, binding);
  const facts = {
    modality: modalityOf(binding),
    task: taskOf(binding),
    sensitive: binding.kind === 'tabular' ? binding.sensitive.length : 0,
    labelled: countLabelled(data),
    split: data.member !== null,
    differentiable: adapter.info.differentiable,
  };
  const run: Run = {
    schema: 'trustgrade.run/1',
    id: request.runId,
    status: 'running',
    createdAt: new Date().toISOString(),
    finishedAt: null,
    model: adapter.info,
    ...(request.label ? { label: request.label } : {}),
    dataset: dataset.manifest,
    binding,
    suite: { id: suite.id, version: suite.version, modality: suite.modality, task: suite.task },
    seed: request.seed,
    samples: data.n,
    limit: request.limit,
    results: [],
    environment,
    ...(auxiliary.length ? { auxiliary: auxiliary.map((a) => ({ role: a.role, dataset: a.dataset.manifest })) } : {}),
    ...(data.notes.length ? { dataNotes: data.notes } : {}),
    ...(request.riskClass ? { riskClass: request.riskClass } : {}),
  };
  const auxiliaryData = lazyAuxiliary(auxiliary, binding, request.limit, adapter);
  const tracker = createProgressTracker(request.runId, suite.probes.length, listeners.onProgress);
  const rng = createRng(request.seed);

  for (const [index, config] of suite.probes.entries()) {
    const probe = getProbe(config.id) as ProbeDefinition;
    const params = resolveProbeParams(probe, config);
    const base = { probeId: probe.id, probeVersion: probe.version, pillar: probe.pillar, params };
    const started = performance.now();
    let result: ProbeResult;
    if (signal.aborted) {
      result = { ...base, status: 'cancelled', reason: 'The run was cancelled before this probe started.', durationMs: 0 };
    } else {
      const unmet = unmetRequirement(probe.requires, facts);
      if (unmet) {
        result = { ...base, status: 'skipped', reason: withGradientReason(unmet, probe, facts, adapter), durationMs: 0 };
      } else {
        tracker.startProbe(index, probe.id, probe.title);
        try {
          const measurement = await probe.run({
            model, data, params, signal,
            auxiliary: auxiliaryData,
            rng: rng.fork(probe.id),
            progress: (fraction, message) => tracker.probeProgress(fraction, message),
          });
          result = { ...base, status: 'ok', measurement, durationMs: elapsed(started) };
        } catch (error) {
          const cancelled = error instanceof CancelledError || signal.aborted;
          result = {
            ...base,
            status: cancelled ? 'cancelled' : 'failed',
            reason: cancelled ? 'The run was cancelled while this probe ran.' : messageOf(error),
            durationMs: elapsed(started),
          };
        }
      }
    }
    run.results.push(result);
    listeners.onProbeResult?.(result);
  }
  tracker.finish();
  run.status = signal.aborted ? 'cancelled' : 'complete';
  run.finishedAt = new Date().toISOString();
  return run;
}

/**
 * Second datasets are encoded on first use, so a set that does not fit fails only the probes that use it.
 * An `ood` set is another distribution: its labels (another label space, or none), sensitive columns
 * and split are not the model's, so only its shape and encoding must fit (see oodView).
 */
function lazyAuxiliary(
  auxiliary: { role: AuxiliaryRole; dataset: Dataset }[],
  binding: Binding,
  limit: number | null,
  adapter: ModelAdapter,
): (role: AuxiliaryRole) => PreparedData | null {
  const prepared = new Map<AuxiliaryRole, PreparedData>();
  return (role) => {
    const cached = prepared.get(role);
    if (cached) return cached;
    const entry = auxiliary.find((a) => a.role === role);
    if (!entry) return null;
    const view = role === 'ood' ? oodView(entry.dataset, binding) : { dataset: entry.dataset, binding };
    const data = prepareData(view.dataset, view.binding, {
      limit,
      sampleSize: adapter.sampleSize(binding.input),
      inputName: binding.input ?? adapter.info.inputs[0]?.name,
    });
    prepared.set(role, data);
    return data;
  };
}

/**
 * An out-of-distribution set as the binding sees it with its labels left out: images lose their
 * labels; a table's target column is emptied (added when it is missing) and the binding loses its
 * sensitive columns and split. A table without the binding's feature columns is a BindingError
 * naming the columns it has and the ones it lacks.
 */
export function oodView(dataset: Dataset, binding: Binding): { dataset: Dataset; binding: Binding } {
  const data = dataset.data;
  if (data.kind === 'image') {
    return { dataset: { ...dataset, data: { ...data, labels: data.labels.map(() => null) } }, binding };
  }
  if (binding.kind !== 'tabular') return { dataset, binding };
  // Raw columns the features read, directly or through the binding's derived columns.
  const derive = binding.derive ?? [];
  const made = new Set(derive.map((d) => d.name));
  const raw = [...binding.features.map((f) => f.column), ...derive.map((d) => d.from)].filter((c) => !made.has(c));
  const missing = [...new Set(raw)].filter((c) => !data.columns.includes(c));
  if (missing.length > 0) {
    const list = (names: string[]) => names.map((c) => `'${c}'`).join(', ');
    throw new BindingError(
      `The out-of-distribution set '${dataset.manifest.name}' has ${data.columns.length} column${data.columns.length === 1 ? '' : 's'} (${list(data.columns)}) ` +
        `but the binding's features need ${missing.length === 1 ? 'the column' : 'the columns'} ${list(missing)} as well. ` +
        'An OOD table must hold the same feature columns as the evaluated data (its labels are not used).',
    );
  }
  const target = data.columns.indexOf(binding.target);
  const columns = target >= 0 ? data.columns : [...data.columns, binding.target];
  const rows = data.rows.map((row) => {
    const copy = target >= 0 ? [...row] : [...row, null];
    copy[target >= 0 ? target : columns.length - 1] = null;
    return copy;
  });
  const { split: _split, ...rest } = binding;
  return { dataset: { ...dataset, data: { kind: 'tabular', columns, rows } }, binding: { ...rest, sensitive: [] } };
}

/** A skip for want of gradients says why the model has none (info.gradientPath.reason), when it is known. */
function withGradientReason(unmet: string, probe: ProbeDefinition, facts: Parameters<typeof unmetRequirement>[1], adapter: ModelAdapter): string {
  const reason = adapter.info.gradientPath?.kind === 'none' ? adapter.info.gradientPath.reason : undefined;
  // Only when gradients are what is missing: with them the probe could run.
  const onlyGradients = !facts.differentiable && unmetRequirement(probe.requires, { ...facts, differentiable: true }) === null;
  return onlyGradients && reason ? `${unmet}: ${reason}` : unmet;
}

function countLabelled(data: PreparedData): number {
  let count = 0;
  for (const label of data.y) if (label >= 0) count++;
  return count;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
