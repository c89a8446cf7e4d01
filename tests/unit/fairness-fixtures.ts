/**
 * Shared cases for the fairness tests: Fairlearn's documented example arrays and a builder for
 * prepared data whose model gives fixed probabilities per row.
 */
import type { Classifier, PreparedData } from '../../src/core/probe';
import { lookupClassifier, lookupData } from './probes-fixtures';

// Fairlearn user guide, "Performing a Fairness Assessment" and "Common fairness metrics".
export const Y_TRUE = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
export const Y_PRED = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
export const SF = ['b', 'b', 'a', 'b', 'b', 'c', 'c', 'c', 'a', 'a', 'c', 'a', 'b', 'c', 'c', 'b', 'c', 'c'];
// "Intersecting groups": a second sensitive feature.
export const G2 = ['8', '6', '8', '8', '8', '8', '6', '6', '6', '8', '6', '6', '6', '6', '8', '6', '6', '6'];

/**
 * A two-class model ['0', '1'] (positive '1') whose P('1') for row i is `pPositive[i]`, labels
 * `y` (−1 unknown) and the given sensitive columns.
 */
export function fixedModel(pPositive: number[], y: number[], sensitive: Record<string, string[]>): { model: Classifier; data: PreparedData } {
  const labels = ['0', '1'];
  const model = lookupClassifier(labels, pPositive.map((p) => [1 - p, p]));
  const data = lookupData(labels, y, '1');
  if (data.binding.kind === 'tabular') data.binding.sensitive = Object.keys(sensitive);
  data.sensitive = sensitive;
  return { model, data };
}

/** The Fairlearn example as a model: P('1') = 0.9 where y_pred = 1, 0.1 otherwise. */
export function fairlearnExample(extra: Record<string, string[]> = {}): { model: Classifier; data: PreparedData } {
  return fixedModel(Y_PRED.map((p) => (p ? 0.9 : 0.1)), Y_TRUE, { sf: SF, ...extra });
}
