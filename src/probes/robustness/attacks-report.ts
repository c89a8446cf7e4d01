/**
 * The measurement both attack probes return, assembled from their records: headline = robust
 * accuracy under the strongest attack at the headline ε, groups = the same at every ε, secondary
 * = robust accuracy of the originally correct samples, success rate, clean accuracy, median
 * minimal ε (and what each probe adds), details = curves, masking checks, examples.
 */
import type { Estimate, Json, Measurement, MetricSpec } from '../../core/types';
import type { AttackSetup } from './attacks-oracle';
import { checksJson, maskingNote, type MaskingCheck } from './attacks-masking';
import {
  attackCurve, cleanAccuracy, countsOf, curveJson, epsilonGroups, robustAccuracy, robustAccuracyCorrect, strongestJson, successRate,
  type AttackRecord, type StrongestPoint,
} from './attacks-summary';

/** Metrics both probes declare, in this order, before their own. */
export const SHARED_SECONDARY: MetricSpec[] = [
  {
    name: 'robust_accuracy_correct',
    title: 'Robust accuracy of correct samples',
    direction: 'higher',
    range: [0, 1],
    definition: 'Among the attacked samples classified correctly without an attack, the share no attack fooled at the headline ε (the strongest attack per sample).',
  },
  {
    name: 'attack_success_rate',
    title: 'Attack success rate',
    direction: 'lower',
    range: [0, 1],
    definition: 'Share of the originally correct samples that some attack made misclassified within the headline ε.',
  },
  {
    name: 'clean_accuracy',
    title: 'Clean accuracy of the attacked samples',
    direction: 'higher',
    range: [0, 1],
    definition: 'Accuracy on the attacked samples without any perturbation: the ceiling of robust accuracy.',
  },
  {
    name: 'median_min_epsilon',
    title: 'Median minimal ε',
    direction: 'higher',
    range: [0, 1],
    definition: 'Median over the originally correct samples of the smallest L∞ ε (fraction of the input range) at which an attack fooled the sample; an upper bound on the true minimal adversarial ε.',
  },
];

export const HEADLINE_DEFINITION =
  'Share of the attacked labelled samples still classified correctly when each is attacked at the headline ε (L∞, a fraction of the input range) by the strongest attack found for it ' +
  '(all attacks of this probe and those recorded earlier in the run on the same samples); misclassified samples count as not robust (Carlini et al. 2019, §5.1).';

export interface ReportParts {
  setup: AttackSetup;
  grid: number[];
  headline: number;
  records: AttackRecord[];
  strongest: StrongestPoint[];
  level: number;
  minimal: { estimate: Estimate; details: { [key: string]: Json } };
  checks: MaskingCheck[];
  examples: Json[];
  notes: string[];
  /** Probe-specific secondary estimates and details. */
  secondary: Record<string, Estimate>;
  details: { [key: string]: Json };
}

export function sampleNotes(setup: AttackSetup, maxSamples: number): string[] {
  const notes: string[] = [];
  if (setup.leftOut > 0) {
    notes.push(`The first ${setup.indices.length} labelled samples were attacked (maxSamples = ${maxSamples}); ${setup.leftOut} more were left out to bound the time attacks take. Intervals reflect the smaller sample.`);
  }
  if (setup.unlabelled > 0) notes.push(`${setup.unlabelled} samples without a known label were not attacked.`);
  return notes;
}

export function buildMeasurement(parts: ReportParts): Measurement {
  const { setup, grid, headline, records, strongest, level } = parts;
  const counts = countsOf(setup.correct);
  const h = grid.indexOf(headline);
  const point = strongest[h];
  const masking = maskingNote(parts.checks);
  return {
    ...robustAccuracy(point, counts, level),
    groups: epsilonGroups(strongest, counts, level),
    secondary: {
      robust_accuracy_correct: robustAccuracyCorrect(point, counts, level),
      attack_success_rate: successRate(point, counts, level),
      clean_accuracy: cleanAccuracy(counts, level),
      median_min_epsilon: parts.minimal.estimate,
      ...parts.secondary,
    },
    notes: [
      ...(masking ? [masking] : []),
      `ε is a fraction of each channel's input range (ε = 0.1 is 25.5 grey levels of 0–255); perturbed inputs are clipped to the valid range. Headline ε = ${headline}.`,
      ...parts.notes,
      'Robust accuracy at every ε is listed by group; the per-attack curves, the minimal-ε distribution and the gradient-masking checks are in the details.',
    ],
    details: {
      groupMetric: 'Robust accuracy at each ε (strongest attack)',
      norm: 'linf',
      unit: 'fraction of the input range',
      epsilons: grid,
      headlineEpsilon: headline,
      samples: { attacked: counts.n, correct: counts.correct, leftOut: setup.leftOut, unlabelled: setup.unlabelled },
      strongest: strongestJson(strongest, counts, level),
      curves: records.map((r) => curveJson(r.name, r.family, r.norm, attackCurve(r, grid, setup.correct), counts, level)),
      minimalEpsilon: parts.minimal.details,
      maskingChecks: checksJson(parts.checks),
      examples: parts.examples,
      ...parts.details,
    },
  };
}
