/**
 * What the KernelSHAP benchmark runs, shared by its Node and browser halves: the attributions
 * probe on 50 rows of the reference Adult income MLP, KernelSHAP only (LIME and Integrated
 * Gradients off) with the standard suite's settings: 256 coalitions, 20 background rows.
 */
import type { ProbeResult, Suite } from '../../src/core/types';

export const ADULT_MODEL_FILES = ['model.json', 'group1-shard1of1', 'group2-shard1of1', 'group3-shard1of1'];
export const ADULT_MODEL_DIR = 'models/adult-income-mlp-tfjs/';
export const ADULT_CSV = 'datasets/adult/adult.csv';
export const ROWS = 50;

export function benchSuite(): Suite {
  return {
    id: 'bench-kernelshap',
    version: 1,
    title: 'KernelSHAP benchmark',
    description: 'KernelSHAP on 50 rows, 256 coalitions, 20 background rows.',
    modality: 'tabular',
    task: 'binary-classification',
    probes: [{
      id: 'explainability/attributions',
      params: { samples: ROWS, background: 20, shapSamples: 256, limeSamples: 0, igSteps: 0, bootstrap: 0 },
    }],
  };
}

/** Lines describing the probe's time, per row and against the 20 s target. */
export function timing(result: ProbeResult | undefined): string[] {
  if (!result) return ['  the probe did not run'];
  if (result.status !== 'ok') return [`  ${result.probeId}: ${result.status} ${result.reason ?? ''}`];
  const perRow = result.durationMs / ROWS;
  // 256 coalitions × 20 background rows, plus the two ends (× 20) and one prediction per row.
  const evaluations = ROWS * (258 * 20 + 1);
  return [
    `  KernelSHAP on ${ROWS} rows: ${(result.durationMs / 1000).toFixed(2)} s (${perRow.toFixed(0)} ms per row; target ≤ 20 s in the worker)`,
    `  ${evaluations.toLocaleString('en-US')} model evaluations: ${Math.round(evaluations / (result.durationMs / 1000)).toLocaleString('en-US')} per second`,
  ];
}
