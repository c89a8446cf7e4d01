import type { Run, RunSummary } from '../core/types';

/**
 * The list entry for a run: identity, status and the headline value of every probe (null when the
 * probe did not finish or its value is undefined). Pure; no field of the run is shared by reference.
 */
export function summarize(run: Run): RunSummary {
  const headline: Record<string, number | null> = {};
  for (const result of run.results) {
    headline[result.probeId] = result.status === 'ok' ? (result.measurement?.value ?? null) : null;
  }
  const summary: RunSummary = {
    id: run.id,
    status: run.status,
    createdAt: run.createdAt,
    modelName: run.model.name,
    modelSha256: run.model.sha256,
    datasetName: run.dataset.name,
    suiteId: run.suite.id,
    samples: run.samples,
    headline,
  };
  if (run.label) summary.label = { family: run.label.family, version: run.label.version };
  return summary;
}
