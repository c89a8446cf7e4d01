import type { ProbeDefinition } from '../../core/probe';
import faultTolerance from './fault-tolerance';
import membershipInference from './membership-inference';
import modelFileHygiene from './model-file-hygiene';
import outputExposure from './output-exposure';
import provenance from './provenance';

/**
 * The privacy and security pillar's probes. Fault tolerance comes last: it feeds the model
 * hostile inputs, and nothing else should run on a session that has just seen them.
 */
export const privacyProbes: ProbeDefinition[] = [
  membershipInference, outputExposure, modelFileHygiene, provenance, faultTolerance,
];
