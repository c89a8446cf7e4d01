import type { ProbeDefinition } from '../../core/probe';
import faultTolerance from './fault-tolerance';
import membershipInference from './membership-inference';
import modelFileHygiene from './model-file-hygiene';
import outputExposure from './output-exposure';
import provenance from './provenance';

/**
 * The privacy and security pillar's probes. Fault tolerance comes last: should an engine ever be
 * left broken by hostile inputs, no other measurement of the pillar is affected.
 */
export const privacyProbes: ProbeDefinition[] = [
  membershipInference, outputExposure, modelFileHygiene, provenance, faultTolerance,
];
