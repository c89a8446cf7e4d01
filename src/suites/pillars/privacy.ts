import type { ProbeConfig } from '../../core/types';
import type { PillarSuites } from './types';

/**
 * Privacy and security apply to every classifier. The quick suite promises accuracy and
 * calibration only, so the pillar adds nothing there. Fault tolerance comes last: should an
 * engine ever be left broken by hostile inputs, no other measurement of the pillar is affected.
 */
export const privacySuites: PillarSuites = {
  quick: (): ProbeConfig[] => [],
  standard: (): ProbeConfig[] => [
    { id: 'privacy/membership-inference', params: { bootstrap: 1000, lowFpr: 0.01 } },
    { id: 'privacy/output-exposure' },
    { id: 'privacy/model-file-hygiene' },
    { id: 'privacy/provenance' },
    { id: 'privacy/fault-tolerance', params: { perKind: 8 } },
  ],
};
