import type { ProbeDefinition } from '../../core/probe';
import blackBoxAttacks from './attacks-black-box';
import whiteBoxAttacks from './attacks-white-box';
import corruptions from './corruptions';
import mnistC from './mnist-c';
import ood from './ood';
import stability from './stability';
import tabularPerturbation from './tabular-perturbation';

/**
 * The robustness pillar's probes. The white-box attacks run before the black-box ones, so the
 * black-box probe can report the strongest attack over both on the same samples.
 */
export const robustnessProbes: ProbeDefinition[] = [
  corruptions, mnistC, tabularPerturbation, ood, stability, whiteBoxAttacks, blackBoxAttacks,
];
