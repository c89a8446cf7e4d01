import type { ProbeConfig } from '../../core/types';
import type { PillarSuites } from './types';

/**
 * Privacy and security apply to every classifier. The quick suite keeps what costs no extra
 * predictions; fault tolerance runs last because it feeds the model hostile inputs.
 */
export const privacySuites: PillarSuites = {
  quick: (): ProbeConfig[] => [
    { id: 'privacy/output-exposure' },
    { id: 'privacy/model-file-hygiene' },
    { id: 'privacy/provenance' },
  ],
  standard: (): ProbeConfig[] => [
    { id: 'privacy/membership-inference', params: { bootstrap: 1000, lowFpr: 0.01 } },
    { id: 'privacy/output-exposure' },
    { id: 'privacy/model-file-hygiene' },
    { id: 'privacy/provenance' },
    { id: 'privacy/fault-tolerance', params: { perKind: 8 } },
  ],
};
