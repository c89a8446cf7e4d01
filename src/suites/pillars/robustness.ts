import type { Modality, ProbeConfig } from '../../core/types';
import type { PillarSuites } from './types';

/**
 * Adversarial attacks apply to image models only: ε is a fraction of a pixel range, which tabular
 * features (one-hot columns, unbounded numbers) do not share. White-box attacks run first, so the
 * black-box probe reports the strongest attack over both. Attacks are costly: they attack the first
 * labelled samples only (maxSamples), with intervals for the smaller sample.
 */
function attacks(modality: Modality, depth: 'quick' | 'standard'): ProbeConfig[] {
  if (modality !== 'image') return [];
  if (depth === 'quick') {
    const grid = { epsilons: [0.03, 0.1, 0.3], headlineEpsilon: 0.1, bootstrap: 200 };
    return [
      {
        id: 'robustness/white-box-attacks',
        params: { ...grid, maxSamples: 30, l2Epsilons: [], pgdSteps: 10, pgdLosses: ['margin'], bisectionSteps: 2, bisectionPgdSteps: 5 },
      },
      { id: 'robustness/black-box-attacks', params: { ...grid, maxSamples: 20, squareQueries: 100, hopSkipJumpQueries: 100 } },
    ];
  }
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
 * stability for both. Standard suite only: the corruptions make ~50,000 predictions, which the quick
 * suite's "seconds" cannot hold.
 */
function common(modality: Modality): ProbeConfig[] {
  const shared: ProbeConfig[] = [
    { id: 'robustness/ood', params: { bootstrap: 1000 } },
    { id: 'robustness/stability', params: { samples: 256 } },
  ];
  if (modality === 'tabular') return [{ id: 'robustness/tabular-perturbation', params: { samples: 2000, bootstrap: 1000 } }, ...shared];
  // 500 images per corruption and severity: ~100 cells make ~50,000 predictions, about half a minute
  // for a small CNN on wasm (scripts/bench/robustness-image.ts), with ±2-point Wilson intervals per cell.
  return [
    { id: 'robustness/corruptions', params: { samples: 500, bootstrap: 1000 } },
    { id: 'robustness/mnist-c', params: { samples: 500, bootstrap: 1000 } },
    ...shared,
  ];
}

// The quick suite keeps to seconds: a small attack check for image models only (30 and 20 images).
export const robustnessSuites: PillarSuites = {
  quick: (modality) => [...attacks(modality, 'quick')],
  standard: (modality) => [...common(modality), ...attacks(modality, 'standard')],
};
