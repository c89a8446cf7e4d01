/**
 * The published severity parameters of the 15 ImageNet-C corruptions, for the three image sizes
 * Hendrycks & Dietterich released them for ("Benchmarking Neural Network Robustness to Common
 * Corruptions and Perturbations", ICLR 2019; code: github.com/hendrycks/robustness):
 * - CIFAR-10-C, 32×32: ImageNet-C/create_c/make_cifar_c.py
 * - Tiny ImageNet-C, 64×64: ImageNet-C/create_c/make_tinyimagenet_c.py
 * - ImageNet-C, 224×224: ImageNet-C/imagenet_c/imagenet_c/corruptions.py (the `imagenet-c` package)
 * Index s − 1 holds severity s. Comments name the published tuple's fields.
 */

export type ParameterSetId = 'cifar-10-c' | 'tiny-imagenet-c' | 'imagenet-c';

export interface ImagenetCParameters {
  /** Side of the images the parameters were published for. */
  native: number;
  /** Standard deviation of additive noise on [0, 1]. */
  gaussianNoise: number[];
  /** Photon count c: poisson(x·c)/c. */
  shotNoise: number[];
  /** Share of values set to 0 or 1 (skimage random_noise 's&p' amount). */
  impulseNoise: number[];
  /** (disk radius, alias blur σ), pixels. */
  defocusBlur: [number, number][];
  /** (Gaussian σ, max displacement, iterations). */
  glassBlur: [number, number, number][];
  /** (ImageMagick radius, σ), pixels. */
  motionBlur: [number, number][];
  /** numpy.arange(1, stop, step) zoom factors: (stop, step). */
  zoomBlur: [number, number][];
  /** (mean, sd, zoom, threshold, motion radius, motion σ, blend). */
  snow: [number, number, number, number, number, number, number][];
  /** (image weight, frost weight). */
  frost: [number, number][];
  /** (plasma amplitude, wibble decay). */
  fog: [number, number][];
  /** Added to HSV value. */
  brightness: number[];
  /** Contrast factor around the per-channel mean. */
  contrast: number[];
  /** (alpha, σ, affine jitter) as fractions of the image size (the code writes IMSIZE·f). */
  elastic: [number, number, number][];
  /** Downscale factor before BOX upscaling. */
  pixelate: number[];
  /** JPEG quality. */
  jpeg: number[];
}

export const PARAMETER_SETS: Readonly<Record<ParameterSetId, ImagenetCParameters>> = {
  'cifar-10-c': {
    native: 32,
    gaussianNoise: [0.04, 0.06, 0.08, 0.09, 0.1],
    shotNoise: [500, 250, 100, 75, 50],
    impulseNoise: [0.01, 0.02, 0.03, 0.05, 0.07],
    defocusBlur: [[0.3, 0.4], [0.4, 0.5], [0.5, 0.6], [1, 0.2], [1.5, 0.1]],
    glassBlur: [[0.05, 1, 1], [0.25, 1, 1], [0.4, 1, 1], [0.25, 1, 2], [0.4, 1, 2]],
    motionBlur: [[6, 1], [6, 1.5], [6, 2], [8, 2], [9, 2.5]],
    zoomBlur: [[1.06, 0.01], [1.11, 0.01], [1.16, 0.01], [1.21, 0.01], [1.26, 0.01]],
    snow: [
      [0.1, 0.2, 1, 0.6, 8, 3, 0.95],
      [0.1, 0.2, 1, 0.5, 10, 4, 0.9],
      [0.15, 0.3, 1.75, 0.55, 10, 4, 0.9],
      [0.25, 0.3, 2.25, 0.6, 12, 6, 0.85],
      [0.3, 0.3, 1.25, 0.65, 14, 12, 0.8],
    ],
    frost: [[1, 0.2], [1, 0.3], [0.9, 0.4], [0.85, 0.4], [0.75, 0.45]],
    fog: [[0.2, 3], [0.5, 3], [0.75, 2.5], [1, 2], [1.5, 1.75]],
    brightness: [0.05, 0.1, 0.15, 0.2, 0.3],
    contrast: [0.75, 0.5, 0.4, 0.3, 0.15],
    elastic: [[0, 0, 0.08], [0.05, 0.2, 0.07], [0.08, 0.06, 0.06], [0.1, 0.04, 0.05], [0.1, 0.03, 0.03]],
    pixelate: [0.95, 0.9, 0.85, 0.75, 0.65],
    jpeg: [80, 65, 58, 50, 40],
  },
  'tiny-imagenet-c': {
    native: 64,
    gaussianNoise: [0.04, 0.08, 0.12, 0.15, 0.18],
    shotNoise: [250, 100, 50, 30, 15],
    impulseNoise: [0.01, 0.02, 0.05, 0.08, 0.14],
    defocusBlur: [[0.5, 0.6], [1, 0.1], [1.5, 0.1], [2.5, 0.01], [3, 0.1]],
    glassBlur: [[0.1, 1, 1], [0.5, 1, 1], [0.6, 1, 2], [0.7, 2, 1], [0.9, 2, 2]],
    motionBlur: [[10, 1], [10, 1.5], [10, 2], [10, 2.5], [12, 3]],
    zoomBlur: [[1.06, 0.01], [1.11, 0.01], [1.16, 0.01], [1.21, 0.01], [1.26, 0.01]],
    snow: [
      [0.1, 0.2, 1, 0.6, 8, 3, 0.8],
      [0.1, 0.2, 1, 0.5, 10, 4, 0.8],
      [0.15, 0.3, 1.75, 0.55, 10, 4, 0.7],
      [0.25, 0.3, 2.25, 0.6, 12, 6, 0.65],
      [0.3, 0.3, 1.25, 0.65, 14, 12, 0.6],
    ],
    frost: [[1, 0.3], [0.9, 0.4], [0.8, 0.45], [0.75, 0.5], [0.7, 0.55]],
    fog: [[0.4, 3], [0.7, 3], [1, 2.5], [1.5, 2], [2, 1.75]],
    brightness: [0.1, 0.2, 0.3, 0.4, 0.5],
    contrast: [0.4, 0.3, 0.2, 0.1, 0.05],
    elastic: [[0, 0, 0.08], [0.05, 0.3, 0.06], [0.1, 0.08, 0.06], [0.1, 0.03, 0.03], [0.16, 0.03, 0.02]],
    pixelate: [0.9, 0.8, 0.7, 0.6, 0.5],
    jpeg: [65, 58, 50, 40, 25],
  },
  'imagenet-c': {
    native: 224,
    gaussianNoise: [0.08, 0.12, 0.18, 0.26, 0.38],
    shotNoise: [60, 25, 12, 5, 3],
    impulseNoise: [0.03, 0.06, 0.09, 0.17, 0.27],
    defocusBlur: [[3, 0.1], [4, 0.5], [6, 0.5], [8, 0.5], [10, 0.5]],
    glassBlur: [[0.7, 1, 2], [0.9, 2, 1], [1, 2, 3], [1.1, 3, 2], [1.5, 4, 2]],
    motionBlur: [[10, 3], [15, 5], [15, 8], [15, 12], [20, 15]],
    zoomBlur: [[1.11, 0.01], [1.16, 0.01], [1.21, 0.02], [1.26, 0.02], [1.31, 0.03]],
    snow: [
      [0.1, 0.3, 3, 0.5, 10, 4, 0.8],
      [0.2, 0.3, 2, 0.5, 12, 4, 0.7],
      [0.55, 0.3, 4, 0.9, 12, 8, 0.7],
      [0.55, 0.3, 4.5, 0.85, 12, 8, 0.65],
      [0.55, 0.3, 2.5, 0.85, 12, 12, 0.55],
    ],
    frost: [[1, 0.4], [0.8, 0.6], [0.7, 0.7], [0.65, 0.7], [0.6, 0.75]],
    fog: [[1.5, 2], [2, 2], [2.5, 1.7], [2.5, 1.5], [3, 1.4]],
    brightness: [0.1, 0.2, 0.3, 0.4, 0.5],
    contrast: [0.4, 0.3, 0.2, 0.1, 0.05],
    // The package writes 244·f ("should have been 224"); the fractions are what matters here.
    elastic: [[2, 0.7, 0.1], [2, 0.08, 0.2], [0.05, 0.01, 0.02], [0.07, 0.01, 0.02], [0.12, 0.01, 0.02]],
    pixelate: [0.6, 0.5, 0.4, 0.3, 0.25],
    jpeg: [25, 18, 15, 10, 7],
  },
};

/** Which published parameters a run uses: 'auto' picks by image size. */
export type ParameterSetChoice = ParameterSetId | 'auto';

export const PARAMETER_SET_CHOICES: readonly ParameterSetChoice[] = ['auto', 'cifar-10-c', 'tiny-imagenet-c', 'imagenet-c'];

/** The parameters for an image size, and how spatial parameters (pixel lengths) are scaled to it. */
export interface ResolvedParameters {
  id: ParameterSetId;
  params: ImagenetCParameters;
  /** The image size the parameters are adapted to: the shorter side. */
  size: number;
  /** size / native: multiplies blur radii, σ and displacements given in pixels. */
  scale: number;
}

/**
 * 'auto' takes the set published for the size nearest the image's shorter side on a log scale
 * (≤ 45 px → CIFAR-10-C, ≤ 120 px → Tiny ImageNet-C, larger → ImageNet-C). Lengths in pixels are
 * then scaled by size / native; amounts (noise levels, factors, qualities) are kept as published.
 */
export function resolveParameters(choice: ParameterSetChoice, width: number, height: number): ResolvedParameters {
  const size = Math.min(width, height);
  const id: ParameterSetId = choice !== 'auto' ? choice : size <= 45 ? 'cifar-10-c' : size <= 120 ? 'tiny-imagenet-c' : 'imagenet-c';
  const params = PARAMETER_SETS[id];
  return { id, params, size, scale: size / params.native };
}
