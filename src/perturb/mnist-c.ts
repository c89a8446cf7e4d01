/**
 * MNIST-C's corruptions that ImageNet-C does not have and that make sense for digits (Mu & Gilmer
 * 2019, "MNIST-C: A Robustness Benchmark for Computer Vision", github.com/google-research/mnist-c,
 * corruptions.py): the affine ones (shear, rotate, scale, translate) with their five published
 * severities, and the stroke ones (stripe, zigzag, dotted line, Canny edges), which have one level.
 * MNIST-C itself uses one severity per corruption (shear 2, rotate 2, scale 3, translate 3); all
 * five are offered here so accuracy can be followed as severity grows. The affine warps are
 * skimage.transform.warp(x, inverse_map=aff) at order 1 with zeros outside, about the image centre
 * (13.5, 13.5 on MNIST); pixel offsets scale with the image.
 */
import type { Rng } from '../core/rng';
import type { ApplyCorruption, ImageCorruption } from './corruption';
import { cannyEdges } from './canny';
import { clipUnit, fromPlanes, planeOf, toPlanes, type ImageShape, type Planes } from './image';
import { checkSeverity, sized } from './imagenet-c';
import { warpPlane, type Affine } from './sampling';
import { dottedLineMask, MNIST_SIDE, zigzagMask } from './strokes';

const SHEAR = [0.2, 0.4, 0.6, 0.8, 1];
const ROTATE = [0.2, 0.4, 0.6, 0.8, 1];
const SCALE = [1 / 0.9, 1 / 0.8, 1 / 0.7, 1 / 0.6, 1 / 0.5];
const TRANSLATE = [1, 2, 3, 4, 5];

/** np.random.choice([−1, 1]) */
const sign = (rng: Rng) => (rng.next() < 0.5 ? -1 : 1);

/** The inverse map [a1 a2; b1 b2] with the translation that keeps the image centre in place. */
function aboutCentre(shape: ImageShape, a1: number, a2: number, b1: number, b2: number): Affine {
  const cx = (shape.width - 1) / 2;
  const cy = (shape.height - 1) / 2;
  return [a1, a2, cx - a1 * cx - a2 * cy, b1, b2, cy - b1 * cx - b2 * cy];
}

function warped(shape: ImageShape, inverseFor: (rng: Rng) => Affine): ApplyCorruption {
  return (src, dst, rng) => {
    const planes = toPlanes(src, shape);
    const inverse = inverseFor(rng);
    const out = new Float64Array(shape.width * shape.height);
    for (let c = 0; c < shape.channels; c++) {
      const plane = planeOf(planes, c);
      warpPlane(plane, out, shape.width, shape.height, inverse, 'constant');
      plane.set(out);
    }
    clipUnit(planes.data);
    fromPlanes(planes, dst);
  };
}

function withPlanes(shape: ImageShape, run: (planes: Planes, rng: Rng) => void): ApplyCorruption {
  return (src, dst, rng) => {
    const planes = toPlanes(src, shape);
    run(planes, rng);
    clipUnit(planes.data);
    fromPlanes(planes, dst);
  };
}

/** Adds a stroke mask to every channel. */
function stroked(shape: ImageShape, mask: (rng: Rng) => Float64Array): ApplyCorruption {
  return withPlanes(shape, (planes, rng) => {
    const m = mask(rng);
    for (let c = 0; c < planes.channels; c++) {
      const plane = planeOf(planes, c);
      for (let i = 0; i < plane.length; i++) plane[i] += m[i];
    }
  });
}

interface Spec {
  id: string;
  title: string;
  family: 'geometric' | 'stroke';
  levels: number;
  parameters(shape: ImageShape, s: number): { [key: string]: string | number };
  prepare(shape: ImageShape, s: number): ApplyCorruption;
}

const pixelsFor = (shape: ImageShape) => Math.min(shape.width, shape.height) / MNIST_SIDE;

const SPECS: Spec[] = [
  {
    // shear: AffineTransform(shear=±c) = [[1, −sin c], [0, cos c]] (skimage of MNIST-C's time)
    id: 'shear', title: 'Shear', family: 'geometric', levels: 5,
    parameters: (_shape, s) => ({ shear: SHEAR[s - 1], direction: 'random sign', mnistCSeverity: 2 }),
    prepare: (shape, s) => warped(shape, (rng) => {
      const c = SHEAR[s - 1] * sign(rng);
      return aboutCentre(shape, 1, -Math.sin(c), 0, Math.cos(c));
    }),
  },
  {
    // rotate: AffineTransform(rotation=±c radians)
    id: 'rotate', title: 'Rotate', family: 'geometric', levels: 5,
    parameters: (_shape, s) => ({ radians: ROTATE[s - 1], direction: 'random sign', mnistCSeverity: 2 }),
    prepare: (shape, s) => warped(shape, (rng) => {
      const c = ROTATE[s - 1] * sign(rng);
      return aboutCentre(shape, Math.cos(c), -Math.sin(c), Math.sin(c), Math.cos(c));
    }),
  },
  {
    // scale: AffineTransform(scale=(1/f, 1/f)) as the inverse map: the digit shrinks to f of its size
    id: 'scale', title: 'Scale', family: 'geometric', levels: 5,
    parameters: (_shape, s) => ({ inverseScale: Math.round(SCALE[s - 1] * 1e4) / 1e4, mnistCSeverity: 3 }),
    prepare: (shape, s) => {
      const k = SCALE[s - 1];
      const inverse = aboutCentre(shape, k, 0, 0, k);
      return warped(shape, () => inverse);
    },
  },
  {
    // translate: translation (±c, ±c) pixels, signs drawn independently
    id: 'translate', title: 'Translate', family: 'geometric', levels: 5,
    parameters: (shape, s) => ({ pixels: Math.round(TRANSLATE[s - 1] * pixelsFor(shape) * 1e4) / 1e4, mnistCSeverity: 3 }),
    prepare: (shape, s) => warped(shape, (rng) => {
      const c = TRANSLATE[s - 1] * pixelsFor(shape);
      return [1, 0, c * sign(rng), 0, 1, c * sign(rng)];
    }),
  },
  {
    // stripe: the left and right quarters (columns < 7 and ≥ 21 on MNIST) inverted
    id: 'stripe', title: 'Stripe', family: 'stroke', levels: 1,
    parameters: (shape) => ({ invertedColumns: `< ${Math.round(shape.width / 4)} and ≥ ${shape.width - Math.round(shape.width / 4)}` }),
    prepare: (shape) => {
      const quarter = Math.round(shape.width / 4);
      return (src, dst) => {
        const { width: w, channels } = shape;
        for (let i = 0; i < src.length; i++) {
          const x = Math.floor(i / channels) % w;
          dst[i] = x < quarter || x >= w - quarter ? 255 - src[i] : src[i];
        }
      };
    },
  },
  {
    id: 'zigzag', title: 'Zigzag', family: 'stroke', levels: 1,
    parameters: () => ({ teeth: '2 × 2 px', rows: 'random' }),
    prepare: (shape) => stroked(shape, (rng) => zigzagMask(rng, shape.width, shape.height)),
  },
  {
    id: 'dotted_line', title: 'Dotted line', family: 'stroke', levels: 1,
    parameters: () => ({ dashes: '2 px on, 2 px off', rows: 'random' }),
    prepare: (shape) => stroked(shape, (rng) => dottedLineMask(rng, shape.width, shape.height)),
  },
  {
    // canny_edges: skimage.feature.canny(x) · 255 (on the luma of colour images)
    id: 'canny_edges', title: 'Canny edges', family: 'stroke', levels: 1,
    parameters: () => ({ sigma: 1, low: 0.1, high: 0.2 }),
    prepare: (shape) => withPlanes(shape, (planes) => {
      const size = shape.width * shape.height;
      const gray = new Float64Array(size);
      if (planes.channels === 1) gray.set(planeOf(planes, 0));
      else for (let q = 0; q < size; q++) gray[q] = 0.299 * planes.data[q] + 0.587 * planes.data[size + q] + 0.114 * planes.data[2 * size + q];
      const edges = cannyEdges(gray, shape.width, shape.height);
      for (let c = 0; c < planes.channels; c++) planeOf(planes, c).set(edges);
    }),
  },
];

/** MNIST-C's affine and stroke corruptions. */
export function mnistCCorruptions(): ImageCorruption[] {
  return SPECS.map((spec) => ({
    id: spec.id,
    title: spec.title,
    family: spec.family,
    levels: spec.levels,
    parameters: (shape, severity) => spec.parameters(shape, checkSeverity(spec.id, severity, spec.levels)),
    prepare: (shape, severity) => sized(shape, spec.prepare(shape, checkSeverity(spec.id, severity, spec.levels))),
  }));
}

export const MNIST_C_IDS: readonly string[] = SPECS.map((s) => s.id);
