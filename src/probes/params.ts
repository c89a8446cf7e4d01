import type { Json } from '../core/types';

/** Thrown when a suite gives a probe a parameter value it cannot use. */
export class ProbeParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeParameterError';
  }
}

/** A whole number in [min, max], or a ProbeParameterError that names the probe and the parameter. */
export function wholeNumberParam(probeId: string, params: Record<string, Json>, name: string, min: number, max: number): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ProbeParameterError(
      `Probe ${probeId}: parameter "${name}" must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}. ` +
        `Fix it in the suite.`,
    );
  }
  return value;
}

/** A number strictly between low and high, or a ProbeParameterError. */
export function numberBetweenParam(probeId: string, params: Record<string, Json>, name: string, low: number, high: number): number {
  const value = params[name];
  if (typeof value !== 'number' || !(value > low && value < high)) {
    throw new ProbeParameterError(
      `Probe ${probeId}: parameter "${name}" must be a number strictly between ${low} and ${high}; got ${JSON.stringify(value)}. ` +
        `Fix it in the suite.`,
    );
  }
  return value;
}

/** The bootstrap settings shared by probes that report intervals. */
export interface BootstrapParams {
  /** Resamples; 0 turns intervals off. */
  bootstrap: number;
  /** Confidence level of the intervals. */
  level: number;
}

export function readBootstrapParams(probeId: string, params: Record<string, Json>): BootstrapParams {
  return {
    bootstrap: wholeNumberParam(probeId, params, 'bootstrap', 0, 100_000),
    level: numberBetweenParam(probeId, params, 'level', 0, 1),
  };
}
