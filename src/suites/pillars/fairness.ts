import type { PillarSuites } from './types';

/**
 * Fairness needs sensitive attributes, which only tabular bindings declare; the probes skip with
 * a reason when a binding has none. The standard suite runs every fairness probe, the graded ones
 * with 1,000 bootstrap resamples; the quick one only the group metrics, with 200 resamples and
 * single attributes (no intersections).
 */
export const fairnessSuites: PillarSuites = {
  quick: (modality) => (modality !== 'tabular' ? [] : [
    { id: 'fairness/group-metrics', params: { bootstrap: 200, intersections: 1 } },
  ]),
  standard: (modality) => (modality !== 'tabular' ? [] : [
    { id: 'fairness/group-metrics', params: { bootstrap: 1000 } },
    { id: 'fairness/inequality', params: { bootstrap: 1000 } },
    { id: 'fairness/counterfactual', params: { bootstrap: 1000 } },
    { id: 'fairness/consistency', params: { bootstrap: 1000 } },
    // The proxy search describes the data and is not graded; its intervals (every column × attribute
    // on every resample) are the suite's costliest, so 200 resamples keep large tables in budget.
    { id: 'fairness/proxies', params: { bootstrap: 200 } },
  ]),
};
