import type { ProbeResult, ProbeStatus, Suite } from '../core/types';
import type { ProbeDefinition } from '../core/probe';
import { getProbe } from '../probes/registry';
import { resolveProbeParams } from '../suites/params';

/**
 * The suite's results when a run ended early (the worker crashed or was stopped): the probes that
 * finished, then every other probe marked with how and why it did not finish.
 */
export function completeResults(suite: Suite, finished: ProbeResult[], status: Extract<ProbeStatus, 'failed' | 'cancelled'>, reason: string): ProbeResult[] {
  const done = new Set(finished.map((r) => r.probeId));
  const rest = suite.probes
    .filter((config) => !done.has(config.id))
    .map((config): ProbeResult => {
      const probe = getProbe(config.id) as ProbeDefinition;
      return {
        probeId: probe.id,
        probeVersion: probe.version,
        pillar: probe.pillar,
        params: resolveProbeParams(probe, config),
        status,
        reason,
        durationMs: 0,
      };
    });
  return [...finished, ...rest];
}
