import type { ProbeDefinition } from '../../core/probe';
import accuracy from './accuracy';
import calibration from './calibration';

/** The validity pillar's probes, in the order suites usually list them. */
export const validityProbes: ProbeDefinition[] = [accuracy, calibration];
