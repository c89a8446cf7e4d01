import type { ProbeDefinition } from '../core/probe';
import type { Json, ProbeConfig } from '../core/types';

/** Thrown when a suite gives a probe a parameter it does not have, or one of the wrong type. */
export class SuiteParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuiteParameterError';
  }
}

/**
 * The parameters a probe runs with: its defaults overridden by the suite's values. Every suite
 * parameter must be one the probe declares in `defaults`, with the same JSON type.
 */
export function resolveProbeParams(probe: ProbeDefinition, config: ProbeConfig): Record<string, Json> {
  const params: Record<string, Json> = { ...probe.defaults };
  for (const [name, value] of Object.entries(config.params ?? {})) {
    if (!(name in probe.defaults)) {
      const known = Object.keys(probe.defaults);
      throw new SuiteParameterError(
        `Probe ${probe.id} has no parameter "${name}". ` +
          (known.length ? `Its parameters are: ${known.join(', ')}.` : 'It takes no parameters.'),
      );
    }
    if (jsonType(value) !== jsonType(probe.defaults[name])) {
      throw new SuiteParameterError(
        `Probe ${probe.id}: parameter "${name}" must be a ${jsonType(probe.defaults[name])}, like its default ` +
          `${JSON.stringify(probe.defaults[name])}; the suite gives ${JSON.stringify(value)}.`,
      );
    }
    params[name] = value;
  }
  return params;
}

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
