import type { ProbeRequirements } from '../core/probe';
import type { Json, MetricSpec, Modality, Pillar, Suite, TaskKind } from '../core/types';
import { getProbe } from '../probes/registry';
import { resolveProbeParams } from './params';

/** What the suite catalogue page shows for one probe of a suite. */
export interface ProbeDescription {
  id: string;
  version: number;
  title: string;
  pillar: Pillar;
  description: string;
  metric: Pick<MetricSpec, 'name' | 'title' | 'direction' | 'range' | 'definition'>;
  /** Defaults merged with the suite's parameters: exactly what will run. */
  params: Record<string, Json>;
  /** What the model and data must offer, in words; empty when it runs on anything. */
  needs: string[];
}

/** A suite as plain data for the catalogue page. */
export interface SuiteDescription {
  id: string;
  version: number;
  title: string;
  description: string;
  modality: Modality;
  task: TaskKind;
  /** Pillars at least one probe measures, in the order they first appear. */
  pillars: Pillar[];
  probes: ProbeDescription[];
}

const NEEDS: { [K in keyof Required<ProbeRequirements>]: (value: NonNullable<ProbeRequirements[K]>) => string | null } = {
  modality: (list) => `${list.join(' or ')} data`,
  task: (list) => `a ${list.join(' or ')} model`,
  sensitive: (on) => (on ? 'at least one sensitive column in the binding' : null),
  labels: (on) => (on ? 'labelled samples' : null),
  split: (on) => (on ? 'a member/non-member split in the binding' : null),
  differentiable: (on) => (on ? 'a differentiable model' : null),
};

/** A probe's requirements in words, in a fixed order. */
export function describeRequirements(requires: ProbeRequirements): string[] {
  const needs: string[] = [];
  for (const key of Object.keys(NEEDS) as (keyof ProbeRequirements)[]) {
    const value = requires[key];
    if (value === undefined) continue;
    const text = (NEEDS[key] as (v: unknown) => string | null)(value);
    if (text) needs.push(text);
  }
  return needs;
}

export function describeSuite(suite: Suite): SuiteDescription {
  const probes = suite.probes.map((config): ProbeDescription => {
    const probe = getProbe(config.id);
    const { name, title, direction, range, definition } = probe.metric;
    return {
      id: probe.id,
      version: probe.version,
      title: probe.title,
      pillar: probe.pillar,
      description: probe.description,
      metric: { name, title, direction, range: [range[0], range[1]], definition },
      params: resolveProbeParams(probe, config),
      needs: describeRequirements(probe.requires),
    };
  });
  return {
    id: suite.id,
    version: suite.version,
    title: suite.title,
    description: suite.description,
    modality: suite.modality,
    task: suite.task,
    pillars: [...new Set(probes.map((p) => p.pillar))],
    probes,
  };
}
