import type { Json } from '../../core/types';
import { numberBetweenParam, ProbeParameterError, wholeNumberParam } from '../params';

/** How a decision is read from the model's probabilities. */
export interface DecisionParams {
  /** Binary models: positive decision when P(positive) ≥ threshold. */
  threshold: number;
  /** The favourable class; '' takes the binding's `output.positive`. Multiclass models need one. */
  favourable: string;
}

/** Which groups are compared. */
export interface GroupingParams {
  /** Sensitive attributes to analyse; empty = every one the binding declares. */
  attributes: string[];
  /** Largest intersection analysed (1 = single attributes only, at most 3). */
  intersections: number;
  /** Groups with fewer samples are reported as insufficient data and never judged. */
  minGroupSize: number;
}

export function readDecisionParams(probeId: string, params: Record<string, Json>): DecisionParams {
  const favourable = params.favourable;
  if (typeof favourable !== 'string') {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "favourable" must be a class label (text), or "" to use the binding's positive label; got ${JSON.stringify(favourable)}. Fix it in the suite.`);
  }
  return { threshold: numberBetweenParam(probeId, params, 'threshold', 0, 1), favourable };
}

/** A list of text values, or a ProbeParameterError. */
export function stringListParam(probeId: string, params: Record<string, Json>, name: string): string[] {
  const value = params[name];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "${name}" must be a list of column names, e.g. ["sex", "race"], or [] for all; got ${JSON.stringify(value)}. Fix it in the suite.`);
  }
  return value;
}

export function readGroupingParams(probeId: string, params: Record<string, Json>): GroupingParams {
  return {
    attributes: stringListParam(probeId, params, 'attributes'),
    intersections: wholeNumberParam(probeId, params, 'intersections', 1, 3),
    minGroupSize: wholeNumberParam(probeId, params, 'minGroupSize', 1, 1_000_000),
  };
}

/**
 * The sensitive attributes to analyse: the requested ones (each must be one the binding declares)
 * or all of them. Throws a ProbeParameterError naming the attributes there are.
 */
export function chooseAttributes(probeId: string, requested: string[], available: string[]): string[] {
  if (requested.length === 0) return [...available];
  const missing = requested.filter((a) => !available.includes(a));
  if (missing.length > 0) {
    const there = available.length === 0 ? 'The binding declares no sensitive attributes.' : `The binding's sensitive attributes are: ${available.map((a) => `'${a}'`).join(', ')}.`;
    throw new ProbeParameterError(
      `Probe ${probeId}: the sensitive attribute${missing.length === 1 ? '' : 's'} ${missing.map((a) => `'${a}'`).join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} not in the binding. ${there} Add the column to the binding's "sensitive" list, or fix the suite's "attributes".`,
    );
  }
  return [...new Set(requested)];
}
