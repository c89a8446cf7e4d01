import type { PillarSuites } from './types';

/** Accuracy and calibration apply to every classifier. */
export const validitySuites: PillarSuites = {
  quick: () => [
    { id: 'validity/accuracy', params: { bootstrap: 200 } },
    { id: 'validity/calibration', params: { bootstrap: 200 } },
  ],
  standard: () => [
    { id: 'validity/accuracy', params: { bootstrap: 1000 } },
    { id: 'validity/calibration', params: { bootstrap: 1000 } },
  ],
};
