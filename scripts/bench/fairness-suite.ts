/**
 * What the fairness benchmark runs, shared by its Node and browser halves: the standard suite's
 * fairness probes with their standard parameters (1,000 bootstrap resamples; 200 for the ungraded
 * proxy search) on the reference Adult income MLP, analysing sex and race (so sex × race is the
 * intersection). `resamples` overrides every probe's count.
 */
import { getProbe } from '../../src/probes/registry';
import { fairnessSuites } from '../../src/suites/pillars/fairness';
import type { Suite } from '../../src/core/types';

export const ADULT_MODEL_FILES = ['model.json', 'group1-shard1of1', 'group2-shard1of1', 'group3-shard1of1'];
export const ADULT_MODEL_DIR = 'models/adult-income-mlp-tfjs/';
export const ADULT_CSV = 'datasets/adult/adult.csv';

export function benchSuite(resamples: number | null = null): Suite {
  return {
    id: 'bench-fairness',
    version: 1,
    title: 'Fairness benchmark',
    description: 'The standard fairness probes on sex and race (intersection sex × race).',
    modality: 'tabular',
    task: 'binary-classification',
    probes: fairnessSuites.standard('tabular', 'binary-classification').map((p) => ({
      id: p.id,
      params: { ...p.params, ...(resamples === null ? {} : { bootstrap: resamples }), ...('attributes' in getProbe(p.id).defaults ? { attributes: ['sex', 'race'] } : {}) },
    })),
  };
}

/** One line per probe and the total, from a run's results. */
export function timingTable(results: { probeId: string; status: string; durationMs: number; reason?: string; bootstrap?: unknown }[]): string[] {
  const lines = results.map((r) => `  ${r.probeId.padEnd(30)} ${String(r.durationMs).padStart(7)} ms  ${r.status}${r.bootstrap !== undefined ? `, ${String(r.bootstrap)} resamples` : ''}${r.reason ? ` (${r.reason})` : ''}`);
  const total = results.reduce((sum, r) => sum + r.durationMs, 0);
  lines.push(`  ${'total'.padEnd(30)} ${String(total).padStart(7)} ms`);
  return lines;
}
