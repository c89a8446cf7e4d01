/**
 * Completeness of Integrated Gradients (Sundararajan, Taly & Yan 2017, axiom "completeness",
 * prop. 1): the attributions add up to f(x) − f(x′). The gap left by the numerical integral is
 * |Σᵢ IGᵢ − (f(x) − f(x′))| / |f(x) − f(x′)|; the paper suggests enough steps to bring it within 5 %.
 */
import { sum } from '../stats';

export interface CompletenessGap {
  /** Relative gap, or null when f(x) and f(x′) are too close to divide by. */
  relative: number | null;
  absolute: number;
  attributionSum: number;
  outputDifference: number;
}

/** Below this output difference the relative gap is not defined (the path does not change the output). */
export const MIN_OUTPUT_DIFFERENCE = 1e-4;

export function completenessGap(attribution: ArrayLike<number>, fx: number, fBaseline: number): CompletenessGap {
  const attributionSum = sum(attribution);
  const outputDifference = fx - fBaseline;
  const absolute = Math.abs(attributionSum - outputDifference);
  return {
    relative: Math.abs(outputDifference) >= MIN_OUTPUT_DIFFERENCE ? absolute / Math.abs(outputDifference) : null,
    absolute,
    attributionSum,
    outputDifference,
  };
}
