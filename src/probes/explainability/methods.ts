/**
 * The attribution methods a probe can use, behind one interface: explain one sample for one class
 * and get one value per interpretable feature (raw columns for tables, pixels for images), plus
 * the "removal" that perturbation metrics use for those features. `auto` picks KernelSHAP for
 * tables, Integrated Gradients for differentiable image models and occlusion for the others.
 */
import { channelRanges } from '../../core/encode-image';
import type { ProbeContext } from '../../core/probe';
import type { Rng } from '../../core/rng';
import type { ImageBinding, Json, TabularBinding } from '../../core/types';
import { gradientTimesInput, integratedGradients, saliency, smoothGrad } from '../../explain/gradient-methods';
import { imageShapeOf, pixelGroups, slotsToGroups, slotsToPixels, tabularGroups, type FeatureGroups } from '../../explain/groups';
import { imageBaseline, IMAGE_BASELINES, type ImageBaselineKind } from '../../explain/image-baseline';
import { imageKernelShap } from '../../explain/image-shap';
import { kernelShap } from '../../explain/kernel-shap';
import { limeTabular } from '../../explain/lime';
import type { Masker } from '../../explain/masking';
import type { ExplainModel } from '../../explain/model';
import { occlusion } from '../../explain/occlusion';
import { ProbeParameterError, wholeNumberParam, numberBetweenParam } from '../params';
import {
  backgroundIndices, explainModelOf, gather, gradientFailure, gradientUnavailable, resolveScale, withoutGradient, type ExplainScale,
} from './context';

export const METHOD_IDS = [
  'kernel-shap', 'lime', 'occlusion', 'image-kernel-shap', 'saliency', 'gradient-x-input', 'integrated-gradients', 'smoothgrad',
] as const;
export type MethodId = (typeof METHOD_IDS)[number];

export const METHOD_TITLES: Readonly<Record<MethodId, string>> = {
  'kernel-shap': 'KernelSHAP',
  lime: 'LIME',
  occlusion: 'Occlusion',
  'image-kernel-shap': 'KernelSHAP (patches)',
  saliency: 'Saliency',
  'gradient-x-input': 'Gradient × input',
  'integrated-gradients': 'Integrated Gradients',
  smoothgrad: 'SmoothGrad',
};

const NEEDS_GRADIENT: ReadonlySet<MethodId> = new Set(['saliency', 'gradient-x-input', 'integrated-gradients', 'smoothgrad']);
const TABULAR_ONLY: ReadonlySet<MethodId> = new Set(['kernel-shap', 'lime']);
const IMAGE_ONLY: ReadonlySet<MethodId> = new Set(['occlusion', 'image-kernel-shap']);

/** Parameters of the methods, as probes declare them in their defaults. */
export const METHOD_DEFAULTS = {
  /** 'auto' or one of METHOD_IDS. */
  method: 'auto',
  /** What is explained: 'probability', 'margin' (logit margin) or 'auto' (margin for logits outputs). */
  target: 'auto',
  /** Background rows (tables): what a removed column's value is drawn from. */
  background: 20,
  /** KernelSHAP coalitions per explained sample. */
  shapSamples: 256,
  /** LIME perturbed samples per explained row (0 leaves LIME out of the attributions probe). */
  limeSamples: 500,
  /** Image KernelSHAP patch side in pixels; 0 = about a seventh of the image side. */
  patch: 0,
  /** Occlusion window side in pixels; 0 = about a seventh of the image side. */
  window: 0,
  /** Occlusion stride; 0 = half the window. */
  stride: 0,
  /** Image baseline: black, mean or blur. */
  baseline: 'black',
  /** Integrated Gradients quadrature points (Captum's default n_steps; 0 leaves IG out of the attributions probe). */
  igSteps: 50,
  /** SmoothGrad noisy copies and noise level (fraction of the input range, or of a column's spread). */
  smoothSamples: 16,
  smoothNoise: 0.15,
} satisfies Record<string, Json>;

export type MethodParams = typeof METHOD_DEFAULTS;

export interface Explainer {
  method: MethodId;
  /** The method and its settings in words, for the report. */
  description: string;
  /** The features attributions are given for (and perturbation metrics remove). */
  groups: FeatureGroups;
  /** Whether attributions carry a sign (saliency and SmoothGrad give magnitudes). */
  signed: boolean;
  /** The sample with its removal: background rows (tables) or a baseline image. */
  masker(x: Float32Array): Masker;
  /** One value per feature for one sample and class; the same `stream` name gives the same random draws. */
  explain(x: Float32Array, target: number, stream: string): Promise<Float32Array>;
}

/** Reads the method parameters a probe declares (those absent from its defaults keep the shared defaults). */
export function readMethodParams(probeId: string, params: Record<string, Json>): MethodParams {
  const p = { ...METHOD_DEFAULTS, ...params } as Record<string, Json>;
  const method = p.method;
  if (typeof method !== 'string' || (method !== 'auto' && !(METHOD_IDS as readonly string[]).includes(method))) {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "method" must be 'auto' or one of ${METHOD_IDS.join(', ')}; got ${JSON.stringify(method)}. Fix it in the suite.`);
  }
  if (typeof p.baseline !== 'string' || !(IMAGE_BASELINES as readonly string[]).includes(p.baseline)) {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "baseline" must be one of ${IMAGE_BASELINES.join(', ')}; got ${JSON.stringify(p.baseline)}. Fix it in the suite.`);
  }
  if (typeof p.target !== 'string' || !['auto', 'probability', 'margin'].includes(p.target)) {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "target" must be 'auto', 'probability' or 'margin'; got ${JSON.stringify(p.target)}. Fix it in the suite.`);
  }
  return {
    method,
    target: p.target,
    background: wholeNumberParam(probeId, p, 'background', 1, 10_000),
    shapSamples: wholeNumberParam(probeId, p, 'shapSamples', 1, 1_000_000),
    limeSamples: wholeNumberParam(probeId, p, 'limeSamples', 0, 1_000_000),
    patch: wholeNumberParam(probeId, p, 'patch', 0, 4096),
    window: wholeNumberParam(probeId, p, 'window', 0, 4096),
    stride: wholeNumberParam(probeId, p, 'stride', 0, 4096),
    baseline: p.baseline,
    igSteps: wholeNumberParam(probeId, p, 'igSteps', 0, 1024),
    smoothSamples: wholeNumberParam(probeId, p, 'smoothSamples', 1, 1024),
    smoothNoise: numberBetweenParam(probeId, p, 'smoothNoise', 0, 10),
  };
}

/** Patch or window side: the parameter, or about a seventh of the image's shorter side. */
export function autoSide(value: number, binding: ImageBinding): number {
  return value > 0 ? value : Math.max(1, Math.round(Math.min(binding.width, binding.height) / 7));
}

/** Resolves 'auto' and methods this model or data cannot use; returns the method and notes saying what changed. */
export function chooseMethod(requested: string, modality: 'tabular' | 'image', hasGradient: boolean): { method: MethodId; notes: string[] } {
  const auto: MethodId = modality === 'tabular' ? 'kernel-shap' : hasGradient ? 'integrated-gradients' : 'occlusion';
  if (requested === 'auto') return { method: auto, notes: [] };
  const method = requested as MethodId;
  if (NEEDS_GRADIENT.has(method) && !hasGradient) {
    return { method: auto, notes: [`${METHOD_TITLES[method]} needs input gradients, which this model does not give; ${METHOD_TITLES[auto]} was used instead.`] };
  }
  if ((modality === 'tabular' && IMAGE_ONLY.has(method)) || (modality === 'image' && TABULAR_ONLY.has(method))) {
    return { method: auto, notes: [`${METHOD_TITLES[method]} is not for ${modality} data; ${METHOD_TITLES[auto]} was used instead.`] };
  }
  return { method, notes: [] };
}

/** SmoothGrad's σ per slot of an image: `level` of its channel's encoded range. */
export function imageNoise(binding: ImageBinding, level: number): Float32Array {
  const ranges = channelRanges(binding);
  const plane = binding.width * binding.height;
  return Float32Array.from({ length: plane * binding.channels }, (_, j) => {
    const c = binding.layout === 'NCHW' ? Math.floor(j / plane) : j % binding.channels;
    return level * (ranges[c][1] - ranges[c][0]);
  });
}

/** Per-slot standard deviation over the rows (for tabular noise). */
export function slotSpread(x: Float32Array, n: number, size: number): Float32Array {
  const mean = new Float64Array(size);
  const sq = new Float64Array(size);
  for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) mean[j] += x[i * size + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) sq[j] += (x[i * size + j] - mean[j]) ** 2 / n;
  return Float32Array.from(sq, Math.sqrt);
}

/** An explainer with the models it uses. */
export interface ExplainerSetup {
  explainer: Explainer;
  notes: string[];
  /** The model on the explained scale (attributions, faithfulness correlation). */
  model: ExplainModel;
  /** The model on the probability scale (predicted classes, deletion and insertion curves). */
  evaluation: ExplainModel;
  scale: ExplainScale;
}

/**
 * Builds the explainer a probe asked for. `rng` is the probe's stream for the method's random
 * draws; each explained sample forks it by its `stream` name. The gradient is tried once first:
 * when the runtime cannot compute it, gradient methods are dropped with a note.
 */
export async function createExplainer(
  ctx: Pick<ProbeContext<unknown>, 'model' | 'data' | 'signal'>,
  params: MethodParams,
  rng: Rng,
  requested: string = params.method,
): Promise<ExplainerSetup> {
  const scale = resolveScale(params.target, ctx);
  let model = explainModelOf(ctx, scale);
  let evaluation = scale === 'probability' ? model : explainModelOf(ctx, 'probability');
  const notes: string[] = [];
  const failure = await gradientFailure(model, ctx.data.x);
  if (failure) {
    notes.push(failure);
    model = withoutGradient(model);
    evaluation = withoutGradient(evaluation);
  } else {
    const why = gradientUnavailable(ctx.model.info, model.gradient !== null);
    if (why) notes.push(why);
  }
  const binding = ctx.data.binding;
  const chosen = chooseMethod(requested, binding.kind, model.gradient !== null);
  notes.unshift(...chosen.notes);
  const explainer = binding.kind === 'tabular'
    ? tabularExplainer(model, ctx.data.x, ctx.data.n, binding, params, chosen.method, rng)
    : imageExplainer(model, binding, params, chosen.method, rng);
  return { explainer, notes, model, evaluation, scale };
}

function tabularExplainer(model: ExplainModel, data: Float32Array, n: number, binding: TabularBinding, params: MethodParams, method: MethodId, rng: Rng): Explainer {
  const size = model.sampleSize;
  const groups = tabularGroups(binding);
  const rows = Math.min(params.background, n);
  const background = gather(data, size, backgroundIndices(n, rows));
  const meanRow = new Float32Array(size);
  for (let b = 0; b < rows; b++) for (let j = 0; j < size; j++) meanRow[j] += background[b * size + j] / rows;
  const sigma = slotSpread(data, n, size).map((s) => s * params.smoothNoise);
  const masker = (x: Float32Array): Masker => ({ x, replacements: background, rows, groups });
  const removal = `a removed column takes the values of ${rows} background rows spread over the dataset, averaged`;
  const one = Int32Array.of(0);
  const explain = async (x: Float32Array, target: number, stream: string): Promise<Float32Array> => {
    one[0] = target;
    switch (method) {
      case 'kernel-shap':
        return Float32Array.from((await kernelShap(model, masker(x), target, { samples: params.shapSamples, rng: rng.fork(stream) })).values);
      case 'lime':
        return Float32Array.from((await limeTabular(model, masker(x), target, { samples: params.limeSamples, rng: rng.fork(stream) })).coefficients);
      case 'integrated-gradients':
        return slotsToGroups(groups, await integratedGradients(model, x, 1, one, meanRow, params.igSteps));
      case 'saliency':
        return slotsToGroups(groups, await saliency(model, x, 1, one), 'max-abs');
      case 'gradient-x-input':
        return slotsToGroups(groups, await gradientTimesInput(model, x, 1, one));
      case 'smoothgrad':
        return slotsToGroups(groups, await smoothGrad(model, x, 1, one, { samples: params.smoothSamples, sigma, rng: rng.fork(stream) }), 'max-abs');
      default:
        throw new Error(`${METHOD_TITLES[method]} does not apply to tables.`);
    }
  };
  const settings: Record<string, string> = {
    'kernel-shap': `KernelSHAP over ${groups.names.length} raw columns with ${params.shapSamples} seeded coalitions; ${removal}`,
    lime: `LIME over ${groups.names.length} raw columns with ${params.limeSamples} perturbed samples; ${removal}`,
    'integrated-gradients': `Integrated Gradients from the mean of ${rows} background rows, ${params.igSteps} Gauss–Legendre points, summed per raw column; ${removal}`,
    saliency: `Saliency (largest |gradient| per raw column); ${removal}`,
    'gradient-x-input': `Gradient × input summed per raw column; ${removal}`,
    smoothgrad: `SmoothGrad with ${params.smoothSamples} copies, noise ${params.smoothNoise} × each column's standard deviation; ${removal}`,
  };
  return { method, description: settings[method] ?? METHOD_TITLES[method], groups, signed: method !== 'saliency' && method !== 'smoothgrad', masker, explain };
}

function imageExplainer(model: ExplainModel, binding: ImageBinding, params: MethodParams, method: MethodId, rng: Rng): Explainer {
  const shape = imageShapeOf(binding);
  const groups = pixelGroups(shape);
  const kind = params.baseline as ImageBaselineKind;
  const sigma = imageNoise(binding, params.smoothNoise);
  const patch = autoSide(params.patch, binding);
  const window = autoSide(params.window, binding);
  const stride = params.stride > 0 ? params.stride : Math.max(1, Math.floor(window / 2));
  const masker = (x: Float32Array): Masker => ({ x, replacements: imageBaseline(x, binding, kind), rows: 1, groups });
  const one = Int32Array.of(0);
  const explain = async (x: Float32Array, target: number, stream: string): Promise<Float32Array> => {
    one[0] = target;
    const base = imageBaseline(x, binding, kind);
    switch (method) {
      case 'occlusion':
        return occlusion(model, x, shape, base, target, { window, stride });
      case 'image-kernel-shap':
        return (await imageKernelShap(model, x, shape, base, target, { patch, samples: params.shapSamples, rng: rng.fork(stream) })).pixels;
      case 'integrated-gradients':
        return slotsToPixels(shape, await integratedGradients(model, x, 1, one, base, params.igSteps), 'sum');
      case 'saliency':
        return slotsToPixels(shape, await saliency(model, x, 1, one), 'max-abs');
      case 'gradient-x-input':
        return slotsToPixels(shape, await gradientTimesInput(model, x, 1, one), 'sum');
      case 'smoothgrad':
        return slotsToPixels(shape, await smoothGrad(model, x, 1, one, { samples: params.smoothSamples, sigma, rng: rng.fork(stream) }), 'max-abs');
      default:
        throw new Error(`${METHOD_TITLES[method]} does not apply to images.`);
    }
  };
  const removal = `a removed pixel takes the ${kind} baseline's value`;
  const settings: Record<string, string> = {
    occlusion: `Occlusion with a ${window}×${window} window every ${stride} pixels filled with the ${kind} baseline`,
    'image-kernel-shap': `KernelSHAP over ${patch}×${patch}-pixel patches with ${params.shapSamples} seeded coalitions, patches removed to the ${kind} baseline`,
    'integrated-gradients': `Integrated Gradients from the ${kind} baseline, ${params.igSteps} Gauss–Legendre points, summed over channels; ${removal}`,
    saliency: `Saliency (largest |gradient| over channels); ${removal}`,
    'gradient-x-input': `Gradient × input summed over channels; ${removal}`,
    smoothgrad: `SmoothGrad with ${params.smoothSamples} copies, noise ${params.smoothNoise} of the input range; ${removal}`,
  };
  return { method, description: settings[method] ?? METHOD_TITLES[method], groups, signed: method !== 'saliency' && method !== 'smoothgrad', masker, explain };
}
