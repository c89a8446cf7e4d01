import { defineProbe } from '../../core/probe';
import { imagenetCCorruptions } from '../../perturb/imagenet-c';
import { PARAMETER_SET_CHOICES, resolveParameters, type ParameterSetChoice } from '../../perturb/imagenet-c-params';
import type { ImageShape } from '../../perturb/image';
import { ProbeParameterError } from '../params';
import { corruptionDefaults, runCorruptionBenchmark } from './corruption-benchmark';
import { CORRUPTION_METRIC, CORRUPTION_SECONDARY } from './corruption-metrics';

const ID = 'robustness/corruptions';

function readParameterSet(value: unknown): ParameterSetChoice {
  if (typeof value === 'string' && (PARAMETER_SET_CHOICES as readonly string[]).includes(value)) return value as ParameterSetChoice;
  throw new ProbeParameterError(`Probe ${ID}: parameter "parameterSet" must be one of ${PARAMETER_SET_CHOICES.join(', ')}; got ${JSON.stringify(value)}. Fix it in the suite.`);
}

const size = (shape: ImageShape) => `${shape.width}×${shape.height}`;

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'robustness',
  title: 'Common corruptions (ImageNet-C)',
  description:
    'Corrupts a sample of labelled images with the 15 corruptions of ImageNet-C / CIFAR-10-C (Gaussian, shot and impulse noise; ' +
    'defocus, glass, motion and zoom blur; snow, frost, fog, brightness; contrast, elastic transform, pixelate, JPEG) at five ' +
    'severities each, with the published parameters for the nearest image size (CIFAR-10-C for small images) and pixel lengths ' +
    'scaled to the image, then predicts them. Reports accuracy per corruption and severity, the mean over all, the drop from clean ' +
    'accuracy on the same images, and a contact sheet of one image at every corruption and severity.',
  metric: CORRUPTION_METRIC,
  secondary: CORRUPTION_SECONDARY,
  requires: { modality: ['image'], labels: true },
  defaults: { ...corruptionDefaults(), parameterSet: 'auto' },

  async run(ctx) {
    const choice = readParameterSet(ctx.params.parameterSet);
    return runCorruptionBenchmark(ctx, {
      probeId: ID,
      catalogue: imagenetCCorruptions(choice),
      parameterSet: (shape) => {
        const p = resolveParameters(choice, shape.width, shape.height);
        return { id: p.id, native: p.params.native, scale: Math.round(p.scale * 1e4) / 1e4, chosen: choice };
      },
      parameterNotes: (shape) => {
        const p = resolveParameters(choice, shape.width, shape.height);
        return [
          `Parameters: the published ${p.id.toUpperCase()} severities (made for ${p.params.native}×${p.params.native} images${choice === 'auto' ? ', the nearest published size' : ''}); ` +
            `blur radii, σ and displacements in pixels are scaled by ${size(shape)} ÷ ${p.params.native} = ${(Math.round(p.scale * 1e4) / 1e4).toString()}, noise levels, factors and JPEG qualities are kept.`,
          'Frost blends synthesised ice textures (the published frost photographs are not part of TrustGrade), so frost results are not comparable with published ones.',
          'JPEG is computed by a pure-JavaScript codec path with libjpeg\'s defaults (4:2:0 chroma for colour), the same in every browser and in Node.',
        ];
      },
    });
  },
});
