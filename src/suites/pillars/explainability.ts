import type { Modality, ProbeConfig } from '../../core/types';
import type { PillarSuites } from './types';

/**
 * Explanations cost many model calls per explained sample (KernelSHAP evaluates hundreds of
 * coalitions against every background row), so the standard suite explains a few samples spread
 * over the data: 20 rows or 8 images for the pictures, fewer for the quality checks. The quick
 * suite leaves explainability out (not assessed). Gradient-only probes skip with a reason when the
 * model gives no gradients; the others pick model-agnostic methods for such models.
 */
function standard(modality: Modality): ProbeConfig[] {
  if (modality === 'tabular') {
    return [
      { id: 'explainability/attributions', params: { samples: 20, background: 20, shapSamples: 256, limeSamples: 500 } },
      { id: 'explainability/global-importance', params: { rows: 500, repeats: 5 } },
      { id: 'explainability/faithfulness', params: { samples: 12, randomOrders: 4 } },
      { id: 'explainability/stability', params: { samples: 5, perturbations: 3 } },
      { id: 'explainability/randomisation', params: { samples: 8 } },
      { id: 'explainability/ig-completeness', params: { samples: 12 } },
    ];
  }
  return [
    { id: 'explainability/attributions', params: { samples: 8, shapSamples: 200 } },
    { id: 'explainability/faithfulness', params: { samples: 8, steps: 20, randomOrders: 3 } },
    { id: 'explainability/stability', params: { samples: 4, perturbations: 3 } },
    { id: 'explainability/randomisation', params: { samples: 6 } },
    { id: 'explainability/ig-completeness', params: { samples: 8 } },
  ];
}

export const explainabilitySuites: PillarSuites = {
  quick: () => [],
  standard,
};
