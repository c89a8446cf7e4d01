import type { PillarSuites } from './types';

/**
 * Fairness needs sensitive attributes, which only tabular bindings declare; the probes skip with
 * a reason when a binding has none. The standard suite runs every fairness probe with 1,000
 * bootstrap resamples; the quick one only demographic parity and equalized odds, with 200 and
 * single attributes (no intersections).
 */
export const fairnessSuites: PillarSuites = {
  quick: (modality) => (modality !== 'tabular' ? [] : [
    { id: 'fairness/demographic-parity', params: { bootstrap: 200, intersections: 1 } },
    { id: 'fairness/equalized-odds', params: { bootstrap: 200, intersections: 1 } },
  ]),
  standard: (modality) => (modality !== 'tabular' ? [] : [
    { id: 'fairness/demographic-parity', params: { bootstrap: 1000 } },
    { id: 'fairness/equalized-odds', params: { bootstrap: 1000 } },
    { id: 'fairness/predictive-parity', params: { bootstrap: 1000 } },
    { id: 'fairness/accuracy-parity', params: { bootstrap: 1000 } },
    { id: 'fairness/inequality', params: { bootstrap: 1000 } },
    { id: 'fairness/counterfactual', params: { bootstrap: 1000 } },
    { id: 'fairness/consistency', params: { bootstrap: 1000 } },
    { id: 'fairness/proxies', params: { bootstrap: 1000 } },
  ]),
};
