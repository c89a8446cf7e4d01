/**
 * `trustgrade rerun report.json --model … --dataset …`: reproduce a report as a third party.
 * Checks that the model and dataset are the very files the report names (SHA-256), runs the same
 * probes with the same versions, parameters, binding, seed and limit, and states for every
 * measurement whether it was reproduced — exactly on the same backend, within a stated tolerance
 * on another.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import type { AuxiliaryRole, BackendChoice, Run, Suite } from '../core/types';
import { createEvalService } from '../engine/service';
import { nodeHost } from '../engine/node-host';
import { getProbe } from '../probes/registry';
import { compareReproduction, type Reproduction } from '../report/reproduce';
import { auxiliaryMismatch, datasetMismatch, missingAuxiliary, modelMismatch } from '../report/reproduce-inputs';
import { auxiliaryOption, parseAuxiliarySpec } from './auxiliary';
import { readDatasetFiles, readModelFiles } from './files';
import { readRunOrReport } from './report';

/** Exit code when a measurement was not reproduced; 1 stays for errors. */
export const NOT_REPRODUCED_EXIT_CODE = 3;

/** Default tolerance across backends: far above float32 rounding, far below any difference worth a grade. */
export const DEFAULT_TOLERANCE = 1e-4;

export interface RerunOptions {
  model: string;
  dataset: string[];
  auxiliary?: string[];
  backend?: BackendChoice;
  tolerance: number;
  out?: string;
}

/** Thrown when the files given are not the ones the report was made with. */
export class ReproductionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReproductionInputError';
  }
}

export async function rerun(path: string, options: RerunOptions, log: (line: string) => void): Promise<Reproduction> {
  const { run: original } = await readRunOrReport(path);
  const service = createEvalService(nodeHost);
  const info = await service.openModel(await readModelFiles(options.model), options.backend ?? 'auto');
  const wrongModel = modelMismatch(original, info.sha256);
  if (wrongModel) throw new ReproductionInputError(wrongModel);
  log(`model ${info.name}: SHA-256 matches the report`);
  const dataset = await service.openDataset(await readDatasetFiles(options.dataset));
  const wrongDataset = datasetMismatch(original, dataset.manifest.sha256);
  if (wrongDataset) throw new ReproductionInputError(wrongDataset);
  log(`dataset ${dataset.manifest.name}: SHA-256 matches the report`);
  const auxiliary = await openAuxiliary(service, original, options.auxiliary ?? [], log);
  for (const r of original.results) {
    const here = safeVersion(r.probeId);
    if (here !== r.probeVersion) log(`note: ${r.probeId} is version ${here ?? 'missing'} here, ${r.probeVersion} in the report; it cannot be reproduced by this version of TrustGrade`);
  }
  const suite: Suite = {
    id: original.suite.id,
    version: original.suite.version,
    title: `${original.suite.id} as recorded in the report`,
    description: 'The probes, versions and parameters the report records.',
    modality: original.suite.modality,
    task: original.suite.task,
    // Only probes this build has; the others are reported as not reproduced.
    probes: original.results.filter((r) => safeVersion(r.probeId) !== null).map((r) => ({ id: r.probeId, params: r.params })),
  };
  const again: Run = await service.run({
    runId: randomUUID(),
    modelSha256: info.sha256,
    datasetSha256: dataset.manifest.sha256,
    ...(auxiliary.length ? { auxiliary } : {}),
    binding: original.binding,
    suite,
    seed: original.seed,
    limit: original.limit,
    ...(original.label ? { label: original.label } : {}),
    ...(original.riskClass ? { riskClass: original.riskClass } : {}),
  });
  await service.closeModel(info.sha256);
  if (options.out) {
    await writeFile(options.out, `${JSON.stringify(again, null, 2)}\n`);
    log(`wrote ${options.out}`);
  }
  const result = compareReproduction(original, again, options.tolerance);
  for (const p of result.probes) process.stdout.write(`${p.probeId.padEnd(34)} ${VERDICT_WORDS[p.verdict].padEnd(26)} ${p.note}\n`);
  process.stdout.write(`${result.summary}\n`);
  return result;
}

const VERDICT_WORDS = {
  exact: 'reproduced exactly',
  'within-tolerance': 'reproduced within tolerance',
  differs: 'NOT reproduced',
  incomparable: 'NOT reproducible here',
} as const;

async function openAuxiliary(service: ReturnType<typeof createEvalService>, original: Run, specs: string[], log: (line: string) => void) {
  const out: { role: AuxiliaryRole; datasetSha256: string }[] = [];
  for (const spec of specs) {
    const { role, path: file } = parseAuxiliarySpec(spec);
    // Under the recorded name: the OOD probe reports its set by name, and the re-run must read the same.
    const recorded = original.auxiliary?.find((a) => a.role === role);
    if (!recorded) throw new ReproductionInputError(`${auxiliaryMismatch(original, role, '')} Leave out --auxiliary ${spec}.`);
    const data = await service.openDataset(await readDatasetFiles([file]), recorded.dataset.name);
    const wrong = auxiliaryMismatch(original, role, data.manifest.sha256);
    if (wrong) throw new ReproductionInputError(wrong);
    log(`${role} dataset ${data.manifest.name}: SHA-256 matches the report`);
    out.push({ role, datasetSha256: data.manifest.sha256 });
  }
  const missing = missingAuxiliary(original, out.map((o) => o.role));
  for (const text of missing) log(`note: ${text} (--auxiliary <role>=<path>)`);
  return out;
}

function safeVersion(probeId: string): number | null {
  try {
    return getProbe(probeId).version;
  } catch {
    return null;
  }
}

function backendOption(text: string): BackendChoice {
  const valid: BackendChoice[] = ['auto', 'node', 'wasm', 'cpu'];
  if (!valid.includes(text as BackendChoice)) throw new InvalidArgumentError(`should be one of: ${valid.join(', ')}.`);
  return text as BackendChoice;
}

function toleranceOption(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError('must be a number ≥ 0, e.g. 1e-4.');
  return value;
}

export function registerRerunCommand(program: Command, log: (line: string) => void, setExit: (code: number) => void): void {
  program
    .command('rerun')
    .description(`Reproduce a report: check the model and dataset hashes, run the same probes again, and say whether every measurement was reproduced (exit ${NOT_REPRODUCED_EXIT_CODE} when not).`)
    .argument('<report>', 'a report (or run) JSON')
    .requiredOption('--model <path>', 'the model file the report names')
    .requiredOption('--dataset <paths...>', 'the dataset the report names')
    .option('--auxiliary <role=path>', 'a second dataset the report used (ood or non-members); repeatable', auxiliaryOption)
    .option('--backend <name>', 'inference backend: auto, node, wasm or cpu (default auto)', backendOption)
    .option('--tolerance <x>', `largest absolute difference accepted on another backend (default ${DEFAULT_TOLERANCE})`, toleranceOption, DEFAULT_TOLERANCE)
    .option('--out <path>', 'also write the new run JSON')
    .action(async (path: string, options: RerunOptions) => {
      const result = await rerun(path, options, log);
      setExit(result.reproduced ? 0 : NOT_REPRODUCED_EXIT_CODE);
    });
}
