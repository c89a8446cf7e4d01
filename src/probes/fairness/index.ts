import type { ProbeDefinition } from '../../core/probe';
import accuracyParity from './accuracy-parity';
import consistency from './consistency';
import counterfactual from './counterfactual';
import demographicParity from './demographic-parity';
import equalizedOdds from './equalized-odds';
import inequality from './inequality';
import predictiveParity from './predictive-parity';
import proxies from './proxies';

/** The fairness pillar's probes, in the order suites usually list them. */
export const fairnessProbes: ProbeDefinition[] = [
  demographicParity,
  equalizedOdds,
  predictiveParity,
  accuracyParity,
  inequality,
  counterfactual,
  consistency,
  proxies,
] as ProbeDefinition[];
