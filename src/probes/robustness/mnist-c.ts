import { defineProbe } from '../../core/probe';
import { mnistCCorruptions } from '../../perturb/mnist-c';
import type { ImageShape } from '../../perturb/image';
import { corruptionDefaults, runCorruptionBenchmark } from './corruption-benchmark';
import { CORRUPTION_METRIC, CORRUPTION_SECONDARY } from './corruption-metrics';

const ID = 'robustness/mnist-c';

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'robustness',
  title: 'Digit corruptions (MNIST-C)',
  description:
    'The corruptions MNIST-C adds for digit models (Mu & Gilmer 2019): shear, rotation, scaling and translation at five severities, ' +
    'and stripe, zigzag, dotted line and Canny edges (one level each), applied to the raw pixels of a sample of labelled images. ' +
    'Reports accuracy per corruption and severity, the mean over corruptions, the drop from clean accuracy, and a contact sheet. ' +
    'Meant for digit-like images (small, a light stroke on a dark ground); on other images the stroke corruptions mean little.',
  metric: { ...CORRUPTION_METRIC, definition: `${CORRUPTION_METRIC.definition} Corruptions from Mu & Gilmer 2019, "MNIST-C: A Robustness Benchmark for Computer Vision".` },
  secondary: CORRUPTION_SECONDARY,
  requires: { modality: ['image'], labels: true },
  defaults: corruptionDefaults(),

  async run(ctx) {
    return runCorruptionBenchmark(ctx, {
      probeId: ID,
      catalogue: mnistCCorruptions(),
      parameterSet: () => ({ id: 'mnist-c', native: 28 }),
      parameterNotes: (shape: ImageShape) => [
        `Parameters: MNIST-C's published severities (shear and rotation in radians, scale 1/0.9 … 1/0.5, translation 1 … 5 pixels on 28×28${shape.width === 28 && shape.height === 28 ? '' : `, scaled to ${shape.width}×${shape.height}`}); MNIST-C itself uses one severity each (shear 2, rotate 2, scale 3, translate 3).`,
      ],
    });
  },
});
