import type {
  AuxiliaryRole, Binding, Dataset, Json, Measurement, MetricSpec, Modality, ModelInfo, Pillar, TaskKind,
} from './types';
import type { Rng } from './rng';

/**
 * A loss whose gradient with respect to the encoded input a differentiable model computes.
 * Class indices refer to the binding's output labels; probabilities are the binding's (after
 * softmax / sigmoid handling), so every loss means the same for every output kind.
 * - `cross-entropy`: −log p_y;
 * - `margin`: max_{j≠y} log p_j − log p_y, the logit-margin loss of Carlini & Wagner (2017), which
 *   does not saturate when the model is confident (for softmax models it equals the logit margin);
 * - `class-probability`: p_c, for attributions (saliency, Integrated Gradients).
 */
export type GradientLoss =
  | { kind: 'cross-entropy'; labels: Int32Array }
  | { kind: 'margin'; labels: Int32Array }
  | { kind: 'class-probability'; classes: Int32Array };

export interface GradientResult {
  /** d loss / d x, n × sampleSize, in the encoded input space. */
  gradient: Float32Array;
  /** The loss per sample. */
  loss: Float32Array;
}

/**
 * A model as probes see it: a batch of encoded inputs in, class probabilities out.
 * Batching, backends and output conversion are already handled (runtime/ + core/binding).
 */
export interface Classifier {
  info: ModelInfo;
  /** Class labels in probability order (the binding's output labels). */
  labels: string[];
  /** Shape of one encoded sample, e.g. [104] or [1, 28, 28]. */
  sampleShape: number[];
  /** `x` holds n samples back to back; returns n × labels.length probabilities. */
  predict(x: Float32Array, n: number, signal?: AbortSignal): Promise<Float32Array>;
  /** Input gradients, or null when the model has no differentiable path. */
  gradient: ((x: Float32Array, n: number, loss: GradientLoss, signal?: AbortSignal) => Promise<GradientResult>) | null;
  /**
   * Logits in label order (n × labels.length), for scores that need them (the energy score of OOD
   * detection): the model's outputs for a 'logits' binding, log(s / (1 − s)) per unit for 'sigmoid'
   * ([0, logit] for one unit). Absent for 'probabilities' outputs, whose logits are known only up
   * to a constant per sample.
   */
  logits?: (x: Float32Array, n: number, signal?: AbortSignal) => Promise<Float32Array>;
  /**
   * The model's output before the binding turns it into probabilities (n × width values, e.g.
   * logits), for explanations of a saturated model's logit margin; absent for fakes and older hosts.
   */
  raw?: (x: Float32Array, n: number, signal?: AbortSignal) => Promise<{ values: Float32Array; width: number }>;
  /**
   * A copy of the model whose learned weights are replaced by seeded random ones, for the
   * model-parameter randomisation test (runtime/randomize.ts); absent when the model cannot be
   * copied that way. Dispose the copy when done.
   */
  randomized?: (seed: number) => Promise<Classifier & { dispose(): Promise<void> }>;
}

/** A dataset encoded through a binding: what probes read. */
export interface PreparedData {
  dataset: Dataset;
  binding: Binding;
  /** Number of samples (after the run's limit). */
  n: number;
  /** Encoded inputs, n × sampleSize. */
  x: Float32Array;
  sampleSize: number;
  /** Class index per sample in `binding.output.labels`, −1 when the label is missing or unknown. */
  y: Int32Array;
  /** Raw sensitive-attribute values per sample (tabular only), by column name. */
  sensitive: Record<string, string[]>;
  /** Member flag per sample when the binding declares a split. */
  member: boolean[] | null;
}

export interface ProbeContext<P> {
  model: Classifier;
  data: PreparedData;
  /**
   * A second dataset given for a role, encoded through the same binding, or null when the run
   * has none. Encoding happens on first use and throws a BindingError when the set does not fit.
   */
  auxiliary(role: AuxiliaryRole): PreparedData | null;
  params: P;
  rng: Rng;
  signal: AbortSignal;
  /** Report this probe's own progress, 0–1. */
  progress(fraction: number, message?: string): void;
}

export interface ProbeRequirements {
  modality?: Modality[];
  task?: TaskKind[];
  /** Needs at least one sensitive attribute in the binding. */
  sensitive?: boolean;
  /** Needs labelled samples. */
  labels?: boolean;
  /** Needs a member/non-member split. */
  split?: boolean;
  differentiable?: boolean;
}

export interface ProbeDefinition<P extends Record<string, Json> = Record<string, Json>> {
  /** Path-like id, pillar first: 'validity/accuracy'. */
  id: string;
  /** Bump whenever the numbers it produces could change. */
  version: number;
  pillar: Pillar;
  title: string;
  /** One paragraph: what it measures and how, for the suite catalogue and the report. */
  description: string;
  /** The headline metric. */
  metric: MetricSpec;
  /** Further metrics the measurement carries in `secondary`. */
  secondary?: MetricSpec[];
  requires: ProbeRequirements;
  /** The second datasets the probe reads when the run gives them (it runs without them too). */
  reads?: AuxiliaryRole[];
  defaults: P;
  run(ctx: ProbeContext<P>): Promise<Measurement>;
}

/** Identity helper that keeps the parameter type of a probe. */
export function defineProbe<P extends Record<string, Json>>(probe: ProbeDefinition<P>): ProbeDefinition<P> {
  return probe;
}

/** Why a probe cannot run on this model and data, or null when it can. */
export function unmetRequirement(
  req: ProbeRequirements,
  facts: { modality: Modality; task: TaskKind; sensitive: number; labelled: number; split: boolean; differentiable: boolean },
): string | null {
  if (req.modality && !req.modality.includes(facts.modality)) {
    return `needs ${req.modality.join(' or ')} data; this dataset is ${facts.modality}`;
  }
  if (req.task && !req.task.includes(facts.task)) {
    return `needs a ${req.task.join(' or ')} model; this one is ${facts.task}`;
  }
  if (req.sensitive && facts.sensitive === 0) return 'needs at least one sensitive column in the binding';
  if (req.labels && facts.labelled === 0) return 'needs labelled samples; none of the samples has a known label';
  if (req.split && !facts.split) return 'needs a member/non-member split in the binding';
  if (req.differentiable && !facts.differentiable) return 'needs a differentiable model';
  return null;
}

/** Thrown by probes and the engine when a run is cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}
