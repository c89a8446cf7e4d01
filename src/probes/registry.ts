import type { ProbeDefinition } from '../core/probe';
import type { AuxiliaryRole, Suite } from '../core/types';
import { validityProbes } from './validity';
import { explainabilityProbes } from './explainability';
import { privacyProbes } from './privacy';
import { fairnessProbes } from './fairness';
import { robustnessProbes } from './robustness';

/** Every probe TrustGrade knows, by id. Each pillar folder exports its list from its index.ts. */
export const probes: ReadonlyMap<string, ProbeDefinition> = indexById([...validityProbes, ...robustnessProbes, ...fairnessProbes, ...explainabilityProbes, ...privacyProbes]);

/** Thrown when a suite names a probe that does not exist. */
export class UnknownProbeError extends Error {
  constructor(id: string, valid: string[]) {
    super(`There is no probe "${id}". Valid probe ids are: ${valid.join(', ')}. Check the suite's probe list.`);
    this.name = 'UnknownProbeError';
  }
}

export function getProbe(id: string): ProbeDefinition {
  const probe = probes.get(id);
  if (!probe) throw new UnknownProbeError(id, [...probes.keys()]);
  return probe;
}

/** The second-dataset roles given to a run that no probe of its suite reads (a likely mistake, worth saying). */
export function unreadAuxiliary(suite: Suite, roles: readonly AuxiliaryRole[]): AuxiliaryRole[] {
  const read = new Set(suite.probes.flatMap((p) => probes.get(p.id)?.reads ?? []));
  return roles.filter((role) => !read.has(role));
}

function indexById(list: ProbeDefinition[]): ReadonlyMap<string, ProbeDefinition> {
  const byId = new Map<string, ProbeDefinition>();
  for (const probe of list) {
    // A registry mistake is a programming error: fail at load time, not in the middle of a run.
    if (byId.has(probe.id)) throw new Error(`Two probes share the id "${probe.id}"; probe ids must be unique.`);
    if (!probe.id.startsWith(`${probe.pillar}/`)) throw new Error(`Probe "${probe.id}" must start with its pillar, "${probe.pillar}/".`);
    byId.set(probe.id, probe);
  }
  return byId;
}
