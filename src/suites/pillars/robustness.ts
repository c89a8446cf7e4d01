import type { Modality, ProbeConfig } from '../../core/types';
import type { PillarSuites } from './types';

/**
 * Adversarial attacks apply to image models only: ε is a fraction of a pixel range, which tabular
 * features (one-hot columns, unbounded numbers) do not share. White-box attacks run first, so the
 * black-box probe reports the strongest attack over both. Attacks are costly: they attack the first
 * labelled samples only (maxSamples), with intervals for the smaller sample.
 */
function attacks(modality: Modality): ProbeConfig[] {
  if (modality !== 'image') return [];
  // Sized so both attack probes take well under half a minute on a small CNN in the browser.
  const grid = { epsilons: [0.01, 0.03, 0.1, 0.3], headlineEpsilon: 0.1, bootstrap: 1000 };
  return [
    {
      id: 'robustness/white-box-attacks',
      params: { ...grid, maxSamples: 50, l2Epsilons: [1, 2], pgdSteps: 20, pgdLosses: ['margin'], bisectionSteps: 3, bisectionPgdSteps: 10 },
    },
    { id: 'robustness/black-box-attacks', params: { ...grid, maxSamples: 30, squareQueries: 200, hopSkipJumpQueries: 200 } },
  ];
}

/**
 * Corruptions (ImageNet-C, MNIST-C) for images, perturbations for tables, OOD detection and
 * stability for both. Standard suite only: even on 1,000 images the corruptions make ~100,000
 * predictions, which the quick suite's "seconds" cannot hold.
 */
function common(modality: Modality): ProbeConfig[] {
  const shared: ProbeConfig[] = [
    { id: 'robustness/ood', params: { bootstrap: 1000 } },
    { id: 'robustness/stability', params: { samples: 256 } },
  ];
  if (modality === 'tabular') return [{ id: 'robustness/tabular-perturbation', params: { samples: 2000, bootstrap: 1000 } }, ...shared];
  return [
    { id: 'robustness/corruptions', params: { samples: 1000, bootstrap: 1000 } },
    { id: 'robustness/mnist-c', params: { samples: 1000, bootstrap: 1000 } },
    ...shared,
  ];
}

// The quick suite promises accuracy and calibration in seconds (catalogue.ts): no robustness there.
export const robustnessSuites: PillarSuites = {
  quick: () => [],
  standard: (modality) => [...common(modality), ...attacks(modality)],
};
