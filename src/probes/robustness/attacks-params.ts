/**
 * Parameters of the attack probes, checked with messages that say what is wrong and what to do.
 * ε is a fraction of the binding's input range (L∞), or an L2 radius in units of that range.
 */
import type { Json } from '../../core/types';
import { ProbeParameterError, wholeNumberParam } from '../params';

/** The ε grid: a non-empty ascending list inside (0, max]. */
export function epsilonGrid(probeId: string, params: Record<string, Json>, name: string, max: number, unit: string, allowEmpty = false): number[] {
  const value = params[name];
  if (!Array.isArray(value) || (!allowEmpty && value.length === 0) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new ProbeParameterError(
      `Probe ${probeId}: parameter "${name}" must be a list of numbers (${unit}); got ${JSON.stringify(value)}. Fix it in the suite.`,
    );
  }
  const grid = value as number[];
  const outside = grid.filter((e) => !(e > 0 && e <= max));
  if (outside.length > 0) {
    throw new ProbeParameterError(
      `Probe ${probeId}: ε = ${outside.join(', ')} in "${name}" is outside the input range: ε is ${unit}, so it must be greater than 0 and at most ${+max.toFixed(4)}. ` +
        'Use for example 0.1 for a tenth of the range (25.5 grey levels on a 0–255 model).',
    );
  }
  for (let i = 1; i < grid.length; i++) {
    if (!(grid[i] > grid[i - 1])) {
      throw new ProbeParameterError(`Probe ${probeId}: "${name}" must list each ε once, in ascending order; got ${JSON.stringify(grid)}.`);
    }
  }
  return grid;
}

/** The ε the headline reports, which must be one of the grid's. */
export function headlineEpsilon(probeId: string, params: Record<string, Json>, grid: number[]): number {
  const value = params.headlineEpsilon;
  if (typeof value !== 'number' || !grid.includes(value)) {
    throw new ProbeParameterError(
      `Probe ${probeId}: parameter "headlineEpsilon" must be one of the ε values in "epsilons" (${grid.join(', ')}); got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export function positiveNumber(probeId: string, params: Record<string, Json>, name: string, max: number): number {
  const value = params[name];
  if (typeof value !== 'number' || !(value > 0 && value <= max)) {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "${name}" must be a number greater than 0 and at most ${max}; got ${JSON.stringify(value)}. Fix it in the suite.`);
  }
  return value;
}

export function booleanParam(probeId: string, params: Record<string, Json>, name: string): boolean {
  const value = params[name];
  if (typeof value !== 'boolean') {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "${name}" must be true or false; got ${JSON.stringify(value)}. Fix it in the suite.`);
  }
  return value;
}

/** The attacks a probe runs: a non-empty subset of the names it knows. */
export function attackList<T extends string>(probeId: string, params: Record<string, Json>, known: readonly T[]): T[] {
  const value = params.attacks;
  const unknown = Array.isArray(value) ? value.filter((v) => typeof v !== 'string' || !known.includes(v as T)) : [];
  if (!Array.isArray(value) || value.length === 0 || unknown.length > 0) {
    throw new ProbeParameterError(
      `Probe ${probeId}: parameter "attacks" must list one or more of ${known.map((k) => `"${k}"`).join(', ')}; got ${JSON.stringify(value)}.`,
    );
  }
  return known.filter((k) => (value as Json[]).includes(k));
}

export { wholeNumberParam };
