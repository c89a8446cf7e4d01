/**
 * The 15 corruptions of ImageNet-C / CIFAR-10-C (Hendrycks & Dietterich, ICLR 2019), ported from the
 * published Python (see imagenet-c-params.ts for the sources and parameters) to run on 8-bit images
 * of any size. Each function below names the published one it follows. Differences, all deliberate:
 * - randomness comes from TrustGrade's seeded generator, so draws match numpy's distributions but
 *   not its streams;
 * - results are rounded to the nearest 8-bit level (the scripts truncate with np.uint8);
 * - lengths in pixels are scaled to the image size (resolveParameters);
 * - frost uses synthesised textures (frost-texture.ts), JPEG a pure-JS codec path (jpeg.ts).
 */
import type { Rng } from '../core/rng';
import type { Json } from '../core/types';
import type { ApplyCorruption, ImageCorruption } from './corruption';
import { correlationMap, diskKernel, gaussianFilter } from './filters';
import { cachedFrostBank } from './frost-texture';
import { clipUnit, fromPlanes, planeOf, toPlanes, type ImageShape, type Planes } from './image';
import { jpegRoundTrip } from './jpeg';
import { applyLinearMap, buildLinearMap } from './linear-map';
import { motionBlurPlane, motionBlurSparse, motionKernel } from './motion-blur';
import { nextPowerOfTwo, plasmaFractal } from './plasma';
import { arange, fillNormal, poisson, randint, uniform } from './random';
import { affineFromPoints, bilinear, boxResize, clippedZoomAxis, invertAffine, warpPlane, type Affine } from './sampling';
import { resolveParameters, type ParameterSetChoice, type ResolvedParameters } from './imagenet-c-params';

/** Rounded for reports: scaled parameters carry float noise otherwise. */
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** A corruption that maps planes to planes (values on [0, 1]), clipped and rounded on the way out. */
function planar(shape: ImageShape, run: (planes: Planes, rng: Rng) => void): ApplyCorruption {
  return (src, dst, rng) => {
    const planes = toPlanes(src, shape);
    run(planes, rng);
    clipUnit(planes.data);
    fromPlanes(planes, dst);
  };
}

/** Checks that the buffers fit the shape a corruption was prepared for. */
export function sized(shape: ImageShape, apply: ApplyCorruption): ApplyCorruption {
  const bytes = shape.width * shape.height * shape.channels;
  return (src, dst, rng) => {
    if (src.length !== bytes || dst.length !== bytes) {
      throw new RangeError(`A corruption prepared for ${shape.width}×${shape.height}×${shape.channels} images got ${src.length} and ${dst.length} bytes.`);
    }
    apply(src, dst, rng);
  };
}

interface Spec {
  id: string;
  title: string;
  family: ImageCorruption['family'];
  parameters(p: ResolvedParameters, s: number, shape: ImageShape): { [key: string]: Json };
  prepare(p: ResolvedParameters, s: number, shape: ImageShape, rng: Rng): ApplyCorruption;
}

/** Gray of an RGB pixel as cv2.cvtColor(…, COLOR_RGB2GRAY) weighs it (BT.601). */
function grayAt(planes: Planes, p: number): number {
  if (planes.channels === 1) return planes.data[p];
  const size = planes.width * planes.height;
  return 0.299 * planes.data[p] + 0.587 * planes.data[size + p] + 0.114 * planes.data[2 * size + p];
}

const SPECS: Spec[] = [
  {
    // gaussian_noise: clip(x + N(0, c²), 0, 1)
    id: 'gaussian_noise', title: 'Gaussian noise', family: 'noise',
    parameters: (p, s) => ({ sd: p.params.gaussianNoise[s - 1] }),
    prepare: (p, s, shape) => {
      const sd = p.params.gaussianNoise[s - 1];
      return planar(shape, (planes, rng) => {
        const noise = new Float64Array(planes.data.length);
        fillNormal(rng, noise, 0, sd);
        for (let i = 0; i < noise.length; i++) planes.data[i] += noise[i];
      });
    },
  },
  {
    // shot_noise: clip(poisson(x·c) / c, 0, 1)
    id: 'shot_noise', title: 'Shot noise', family: 'noise',
    parameters: (p, s) => ({ photons: p.params.shotNoise[s - 1] }),
    prepare: (p, s, shape) => {
      const c = p.params.shotNoise[s - 1];
      return planar(shape, (planes, rng) => {
        const d = planes.data;
        for (let i = 0; i < d.length; i++) d[i] = poisson(rng, d[i] * c) / c;
      });
    },
  },
  {
    // impulse_noise: skimage random_noise(mode='s&p', amount=c): each value replaced with probability c, by 0 or 1 evenly
    id: 'impulse_noise', title: 'Impulse noise', family: 'noise',
    parameters: (p, s) => ({ amount: p.params.impulseNoise[s - 1] }),
    prepare: (p, s, shape) => {
      const amount = p.params.impulseNoise[s - 1];
      return planar(shape, (planes, rng) => {
        const d = planes.data;
        for (let i = 0; i < d.length; i++) if (rng.next() < amount) d[i] = rng.next() < 0.5 ? 1 : 0;
      });
    },
  },
  {
    // defocus_blur: cv2.filter2D(x, −1, disk(radius, alias_blur))
    id: 'defocus_blur', title: 'Defocus blur', family: 'blur',
    parameters: (p, s) => ({ radius: r4(p.params.defocusBlur[s - 1][0] * p.scale), aliasBlur: p.params.defocusBlur[s - 1][1] }),
    prepare: (p, s, shape) => {
      const [radius, alias] = p.params.defocusBlur[s - 1];
      const map = correlationMap(shape.width, shape.height, diskKernel(radius * p.scale, alias), 'mirror');
      return planar(shape, (planes) => {
        const out = new Float64Array(planes.width * planes.height);
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          applyLinearMap(map, plane, out);
          plane.set(out);
        }
      });
    },
  },
  {
    // glass_blur: Gaussian blur, 8-bit, local pixel swaps (iterations × every interior pixel), Gaussian blur again
    id: 'glass_blur', title: 'Glass blur', family: 'blur',
    parameters: (p, s) => {
      const [sigma, delta, iterations] = p.params.glassBlur[s - 1];
      return { sigma: r4(sigma * p.scale), maxDelta: Math.max(1, Math.round(delta * p.scale)), iterations };
    },
    prepare: (p, s, shape) => {
      const [sigma0, delta0, iterations] = p.params.glassBlur[s - 1];
      const sigma = sigma0 * p.scale;
      const delta = Math.max(1, Math.round(delta0 * p.scale));
      return planar(shape, (planes, rng) => {
        const { width: w, height: h, channels } = planes;
        const size = w * h;
        for (let c = 0; c < channels; c++) gaussianFilter(planeOf(planes, c), w, h, sigma);
        const d = planes.data;
        for (let i = 0; i < d.length; i++) d[i] = Math.floor(Math.min(1, Math.max(0, d[i])) * 255);
        for (let it = 0; it < iterations; it++) {
          for (let y = h - delta; y > delta; y--) {
            for (let x = w - delta; x > delta; x--) {
              const dx = randint(rng, -delta, delta);
              const dy = randint(rng, -delta, delta);
              const a = y * w + x;
              const b = (y + dy) * w + (x + dx);
              for (let c = 0; c < channels; c++) {
                const t = d[c * size + a];
                d[c * size + a] = d[c * size + b];
                d[c * size + b] = t;
              }
            }
          }
        }
        for (let i = 0; i < d.length; i++) d[i] /= 255;
        for (let c = 0; c < channels; c++) gaussianFilter(planeOf(planes, c), w, h, sigma);
      });
    },
  },
  {
    // motion_blur: ImageMagick MotionBlurImage(radius, sigma, angle ~ U(−45°, 45°))
    id: 'motion_blur', title: 'Motion blur', family: 'blur',
    parameters: (p, s) => ({ radius: r4(p.params.motionBlur[s - 1][0] * p.scale), sigma: r4(p.params.motionBlur[s - 1][1] * p.scale), angle: 'U(−45°, 45°)' }),
    prepare: (p, s, shape) => {
      const radius = p.params.motionBlur[s - 1][0] * p.scale;
      const sigma = p.params.motionBlur[s - 1][1] * p.scale;
      return planar(shape, (planes, rng) => {
        const kernel = motionKernel(radius, sigma, uniform(rng, -45, 45));
        const out = new Float64Array(planes.width * planes.height);
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          motionBlurPlane(plane, out, planes.width, planes.height, kernel);
          plane.set(out);
        }
      });
    },
  },
  {
    // zoom_blur: (x + Σ_z clipped_zoom(x, z)) / (count + 1), z = numpy.arange(1, stop, step)
    id: 'zoom_blur', title: 'Zoom blur', family: 'blur',
    parameters: (p, s) => {
      const zooms = arange(1, ...p.params.zoomBlur[s - 1]);
      return { zooms: zooms.length, largest: r4(zooms[zooms.length - 1]) };
    },
    prepare: (p, s, shape) => {
      const zooms = arange(1, ...p.params.zoomBlur[s - 1]);
      const { width: w, height: h } = shape;
      const axes = zooms.map((z) => ({ rows: clippedZoomAxis(h, z), cols: clippedZoomAxis(w, z) }));
      const share = 1 / (zooms.length + 1);
      const map = buildLinearMap(w * h, (q, add) => {
        const y = Math.floor(q / w);
        const x = q % w;
        add(q, share);
        for (const { rows, cols } of axes) {
          const ty = rows.t[y];
          const tx = cols.t[x];
          add(rows.lo[y] * w + cols.lo[x], share * (1 - ty) * (1 - tx));
          add(rows.lo[y] * w + cols.hi[x], share * (1 - ty) * tx);
          add(rows.hi[y] * w + cols.lo[x], share * ty * (1 - tx));
          add(rows.hi[y] * w + cols.hi[x], share * ty * tx);
        }
      });
      return planar(shape, (planes) => {
        const out = new Float64Array(w * h);
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          applyLinearMap(map, plane, out);
          plane.set(out);
        }
      });
    },
  },
  {
    // snow: a thresholded, zoomed normal layer, motion-blurred at U(−135°, −45°), added twice (once
    // rotated 180°) over the image brightened towards max(x, 1.5·gray + 0.5)
    id: 'snow', title: 'Snow', family: 'weather',
    parameters: (p, s) => {
      const [mean, sd, zoom, threshold, radius, sigma, blend] = p.params.snow[s - 1];
      return { mean, sd, zoom, threshold, radius: r4(radius * p.scale), sigma: r4(sigma * p.scale), blend };
    },
    prepare: (p, s, shape) => {
      const [mean, sd, zoom, threshold, radius0, sigma0, blend] = p.params.snow[s - 1];
      const { width: w, height: h } = shape;
      const rows = clippedZoomAxis(h, zoom);
      const cols = clippedZoomAxis(w, zoom);
      return planar(shape, (planes, rng) => {
        const size = w * h;
        const layer = new Float64Array(size);
        fillNormal(rng, layer, mean, sd);
        const zoomed = new Float64Array(size);
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const ty = rows.t[y];
            const tx = cols.t[x];
            const v =
              (1 - ty) * ((1 - tx) * layer[rows.lo[y] * w + cols.lo[x]] + tx * layer[rows.lo[y] * w + cols.hi[x]]) +
              ty * ((1 - tx) * layer[rows.hi[y] * w + cols.lo[x]] + tx * layer[rows.hi[y] * w + cols.hi[x]]);
            // Thresholded, then stored as 8 bits (as the PNG handed to ImageMagick).
            zoomed[y * w + x] = v < threshold ? 0 : Math.floor(Math.min(1, Math.max(0, v)) * 255);
          }
        }
        const kernel = motionKernel(radius0 * p.scale, sigma0 * p.scale, uniform(rng, -135, -45));
        const snow = new Float64Array(size);
        motionBlurSparse(zoomed, snow, w, h, kernel);
        for (let i = 0; i < size; i++) snow[i] = Math.round(snow[i]) / 255;
        const gray = new Float64Array(size);
        for (let q = 0; q < size; q++) gray[q] = grayAt(planes, q) * 1.5 + 0.5;
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          for (let q = 0; q < size; q++) {
            const x = plane[q];
            plane[q] = blend * x + (1 - blend) * Math.max(x, gray[q]) + snow[q] + snow[size - 1 - q];
          }
        }
      });
    },
  },
  {
    // frost: clip(c0·x + c1·crop of a frost texture, 0, 255); textures synthesised (see frost-texture.ts)
    id: 'frost', title: 'Frost', family: 'weather',
    parameters: (p, s) => ({ imageWeight: p.params.frost[s - 1][0], frostWeight: p.params.frost[s - 1][1], texture: 'synthesised' }),
    prepare: (p, s, shape, rng) => {
      const [imageWeight, frostWeight] = p.params.frost[s - 1];
      const { width: w, height: h } = shape;
      // Crops cover a third of a texture side, as a 32-pixel crop covers part of a downscaled photograph.
      const side = 3 * Math.max(w, h);
      const bank = cachedFrostBank(rng.int(2 ** 32), side);
      return planar(shape, (planes, r) => {
        // numpy.random.randint(5): the published code never picks its sixth photograph.
        const texture = bank[randint(r, 0, bank.length)];
        const top = randint(r, 0, side - h);
        const left = randint(r, 0, side - w);
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          for (let y = 0; y < h; y++) {
            for (let x = 0; x < w; x++) plane[y * w + x] = imageWeight * plane[y * w + x] + (frostWeight * texture[(top + y) * side + left + x]) / 255;
          }
        }
      });
    },
  },
  {
    // fog: x + c0·plasma_fractal(decay c1), rescaled by max(x) / (max(x) + c0)
    id: 'fog', title: 'Fog', family: 'weather',
    parameters: (p, s) => ({ amplitude: p.params.fog[s - 1][0], wibbleDecay: p.params.fog[s - 1][1] }),
    prepare: (p, s, shape) => {
      const [amplitude, decay] = p.params.fog[s - 1];
      const mapsize = nextPowerOfTwo(Math.max(shape.width, shape.height, 2));
      return planar(shape, (planes, rng) => {
        const map = plasmaFractal(rng, mapsize, decay);
        let max = 0;
        for (const v of planes.data) max = Math.max(max, v);
        const factor = max / (max + amplitude);
        const { width: w, height: h } = planes;
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) plane[y * w + x] = (plane[y * w + x] + amplitude * map[y * mapsize + x]) * factor;
        }
      });
    },
  },
  {
    // brightness: HSV value + c, clipped (for gray images simply x + c)
    id: 'brightness', title: 'Brightness', family: 'weather',
    parameters: (p, s) => ({ added: p.params.brightness[s - 1] }),
    prepare: (p, s, shape) => {
      const add = p.params.brightness[s - 1];
      return planar(shape, (planes) => {
        const size = planes.width * planes.height;
        const d = planes.data;
        if (planes.channels === 1) {
          for (let i = 0; i < size; i++) d[i] = Math.min(1, d[i] + add);
          return;
        }
        for (let q = 0; q < size; q++) {
          const v = Math.max(d[q], d[size + q], d[2 * size + q]);
          const next = Math.min(1, v + add);
          // With hue and saturation fixed, every channel is proportional to the value.
          for (let c = 0; c < 3; c++) d[c * size + q] = v === 0 ? next : (d[c * size + q] * next) / v;
        }
      });
    },
  },
  {
    // contrast: (x − mean) · c + mean, per channel
    id: 'contrast', title: 'Contrast', family: 'digital',
    parameters: (p, s) => ({ factor: p.params.contrast[s - 1] }),
    prepare: (p, s, shape) => {
      const factor = p.params.contrast[s - 1];
      return planar(shape, (planes) => {
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          let mean = 0;
          for (const v of plane) mean += v;
          mean /= plane.length;
          for (let i = 0; i < plane.length; i++) plane[i] = (plane[i] - mean) * factor + mean;
        }
      });
    },
  },
  {
    // elastic_transform: a random affine warp (cv2.warpAffine, reflect-101), then displacement
    // fields alpha · gaussian(U(−1, 1), sigma, truncate 3) read by map_coordinates (order 1, reflect)
    id: 'elastic_transform', title: 'Elastic transform', family: 'digital',
    parameters: (p, s) => {
      const [alpha, sigma, affine] = p.params.elastic[s - 1];
      return { alpha: r4(alpha * p.size), sigma: r4(sigma * p.size), affine: r4(affine * p.size) };
    },
    prepare: (p, s, shape) => {
      const [alphaF, sigmaF, affineF] = p.params.elastic[s - 1];
      const alpha = alphaF * p.size;
      const sigma = sigmaF * p.size;
      const jitter = affineF * p.size;
      const { width: w, height: h } = shape;
      const cy = Math.floor(h / 2);
      const cx = Math.floor(w / 2);
      const ss = Math.floor(Math.min(w, h) / 3);
      // The published points are (row, column) pairs that cv2 reads as (x, y); kept as published.
      const pts1: [number, number][] = [[cy + ss, cx + ss], [cy + ss, cx - ss], [cy - ss, cx - ss]];
      return planar(shape, (planes, rng) => {
        const pts2 = pts1.map(([a, b]): [number, number] => [a + uniform(rng, -jitter, jitter), b + uniform(rng, -jitter, jitter)]);
        const inverse: Affine = invertAffine(affineFromPoints(pts1, pts2));
        const size = w * h;
        const warped = new Float64Array(size);
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          warpPlane(plane, warped, w, h, inverse, 'mirror');
          plane.set(warped);
        }
        if (alpha === 0) return;
        const field = () => {
          const f = new Float64Array(size);
          for (let i = 0; i < size; i++) f[i] = uniform(rng, -1, 1);
          gaussianFilter(f, w, h, sigma, 'reflect', 3);
          for (let i = 0; i < size; i++) f[i] *= alpha;
          return f;
        };
        const dx = field();
        const dy = field();
        for (let c = 0; c < planes.channels; c++) {
          const plane = planeOf(planes, c);
          const src = plane.slice();
          for (let y = 0; y < h; y++) {
            for (let x = 0; x < w; x++) plane[y * w + x] = bilinear(src, w, h, x + dx[y * w + x], y + dy[y * w + x], 'reflect');
          }
        }
      });
    },
  },
  {
    // pixelate: PIL resize to (⌊w·c⌋, ⌊h·c⌋) with BOX, then back with BOX
    id: 'pixelate', title: 'Pixelate', family: 'digital',
    parameters: (p, s, shape) => {
      const c = p.params.pixelate[s - 1];
      return { factor: c, smallWidth: Math.trunc(shape.width * c), smallHeight: Math.trunc(shape.height * c) };
    },
    prepare: (p, s, shape) => {
      const c = p.params.pixelate[s - 1];
      const { width: w, height: h, channels } = shape;
      const sw = Math.max(1, Math.trunc(w * c));
      const sh = Math.max(1, Math.trunc(h * c));
      return (src, dst) => {
        const small = boxResize(src, w, h, channels, sw, sh);
        dst.set(boxResize(small, sw, sh, channels, w, h));
      };
    },
  },
  {
    // jpeg_compression: PIL save as JPEG at quality c and reload (here computed without a bit stream)
    id: 'jpeg_compression', title: 'JPEG compression', family: 'digital',
    parameters: (p, s) => ({ quality: p.params.jpeg[s - 1] }),
    prepare: (p, s, shape) => {
      const quality = p.params.jpeg[s - 1];
      return (src, dst) => dst.set(jpegRoundTrip(src, shape.width, shape.height, shape.channels, { quality }));
    },
  },
];

/** The 15 ImageNet-C corruptions with the parameter set chosen (or picked by size with 'auto'). */
export function imagenetCCorruptions(choice: ParameterSetChoice = 'auto'): ImageCorruption[] {
  return SPECS.map((spec) => ({
    id: spec.id,
    title: spec.title,
    family: spec.family,
    levels: 5,
    parameters: (shape, severity) => {
      const p = resolveParameters(choice, shape.width, shape.height);
      return { set: p.id, ...spec.parameters(p, checkSeverity(spec.id, severity, 5), shape) };
    },
    prepare: (shape, severity, rng) => {
      const p = resolveParameters(choice, shape.width, shape.height);
      return sized(shape, spec.prepare(p, checkSeverity(spec.id, severity, 5), shape, rng));
    },
  }));
}

export const IMAGENET_C_IDS: readonly string[] = SPECS.map((s) => s.id);

export function checkSeverity(id: string, severity: number, levels: number): number {
  if (!Number.isInteger(severity) || severity < 1 || severity > levels) {
    throw new RangeError(`Corruption ${id} has severities 1 to ${levels}; got ${severity}.`);
  }
  return severity;
}
