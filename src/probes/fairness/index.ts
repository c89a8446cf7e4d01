import type { ProbeDefinition } from '../../core/probe';
import consistency from './consistency';
import counterfactual from './counterfactual';
import groupMetrics from './group-metrics';
import inequality from './inequality';
import proxies from './proxies';

/** The fairness pillar's probes, in the order suites usually list them. */
export const fairnessProbes: ProbeDefinition[] = [
  groupMetrics,
  inequality,
  counterfactual,
  consistency,
  proxies,
] as ProbeDefinition[];
