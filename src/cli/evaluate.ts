import { unreadAuxiliary } from '../probes/registry';
import { randomUUID } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { AuxiliaryRole, BackendChoice, Binding, Progress, Run } from '../core/types';
import { parseBinding } from '../core/binding-schema';
import { modalityOf, taskOf } from '../core/binding';
import { findBinding } from '../bindings';
import { findSuite } from '../suites/catalogue';
import { createEvalService } from '../engine/service';
import { nodeHost } from '../engine/node-host';
import { auxiliaryName, parseAuxiliarySpec } from './auxiliary';
import { readDatasetFiles, readModelFiles } from './files';
import { formatDuration } from './format';

export interface EvaluateOptions {
  model: string;
  dataset: string[];
  binding?: string;
  suite: string;
  limit?: number;
  seed: number;
  backend: BackendChoice;
  /** Second datasets as `role=path` (`ood`, `non-members`); see auxiliary.ts. */
  auxiliary?: string[];
  /** The application's risk class, recorded in the run (and judged in the report). */
  riskClass?: 'minimal' | 'limited' | 'high';
  family?: string;
  modelVersion?: string;
}

/** `trustgrade evaluate`: the app's engine, in Node. Returns the run; the caller writes the report. */
export async function evaluate(options: EvaluateOptions, log: (line: string) => void): Promise<Run> {
  const service = createEvalService(nodeHost);
  const modelFiles = await readModelFiles(options.model);
  const info = await service.openModel(modelFiles, options.backend);
  log(`model ${info.name} (${info.format}, sha256 ${info.sha256.slice(0, 12)}…) on ${info.backend}`);

  const binding = await chooseBinding(options.binding, info.sha256);
  const dataset = await service.openDataset(await readDatasetFiles(options.dataset));
  const suite = findSuite(options.suite, modalityOf(binding), taskOf(binding));
  log(`dataset ${dataset.manifest.name} (${dataset.manifest.rows} rows), suite ${suite.id} v${suite.version}`);
  const auxiliary: { role: AuxiliaryRole; datasetSha256: string }[] = [];
  for (const spec of options.auxiliary ?? []) {
    const { role, path } = parseAuxiliarySpec(spec);
    const opened = await service.openDataset(await readDatasetFiles([path]), auxiliaryName(path));
    log(`${role} dataset ${opened.manifest.name} (${opened.manifest.rows} rows)`);
    auxiliary.push({ role, datasetSha256: opened.manifest.sha256 });
  }
  for (const role of unreadAuxiliary(suite, auxiliary.map((a) => a.role))) {
    log(`note: no probe of suite ${suite.id} reads the ${role} dataset, so it is recorded but not used; the standard suite reads it`);
  }

  const run = await service.run(
    {
      runId: randomUUID(), modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256, binding, suite,
      ...(auxiliary.length ? { auxiliary } : {}),
      seed: options.seed, limit: options.limit ?? null, label: labelFor(options),
      ...(options.riskClass ? { riskClass: options.riskClass } : {}),
    },
    progressPrinter(log),
  );
  for (const result of run.results) {
    const value = result.measurement?.value;
    const shown = result.status === 'ok' ? (value === null || value === undefined ? 'undefined' : value.toFixed(4)) : `${result.status}: ${result.reason}`;
    log(`${result.probeId.padEnd(28)} ${shown}`);
  }
  await service.closeModel(info.sha256);
  return run;
}

/** Family and version: as given, or the model's folder (for model.json) or file stem, and its file name. */
function labelFor(options: EvaluateOptions): { family: string; version: string } {
  const file = basename(options.model);
  const stem = file === 'model.json' ? basename(dirname(resolve(options.model))) : file.replace(/\.[^.]+$/, '');
  return { family: options.family ?? stem, version: options.modelVersion ?? file };
}

async function chooseBinding(path: string | undefined, sha256: string): Promise<Binding> {
  if (path) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new Error(`The binding file '${path}' could not be read as JSON (${(error as Error).message}).`);
    }
    const known = json as { binding?: unknown };
    return parseBinding(known && typeof known === 'object' && 'binding' in known ? known.binding : json);
  }
  const known = findBinding(sha256);
  if (!known) {
    throw new Error(`No shipped binding matches this model (sha256 ${sha256}). Write one and pass it with --binding <file.json>.`);
  }
  return known.binding;
}

/** One stderr line per probe start, then at most one a second. */
function progressPrinter(log: (line: string) => void): (p: Progress) => void {
  let lastProbe = -1;
  let lastTime = 0;
  return (p) => {
    const now = Date.now();
    if (p.probeIndex === lastProbe && now - lastTime < 1000) return;
    lastProbe = p.probeIndex;
    lastTime = now;
    const eta = p.etaMs !== null && p.fraction < 1 ? ` (about ${formatDuration(p.etaMs)} left)` : '';
    log(`[${String(Math.floor(p.fraction * 100)).padStart(3)}%] ${p.message}${eta}`);
  };
}
