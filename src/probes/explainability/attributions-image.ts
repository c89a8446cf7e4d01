import type { ProbeContext } from '../../core/probe';
import type { ImageBinding, Json, Measurement } from '../../core/types';
import { encodeMap } from '../../explain/encode-map';
import { gradientTimesInput, integratedGradients, saliency, smoothGrad } from '../../explain/gradient-methods';
import { imageShapeOf, slotsToPixels } from '../../explain/groups';
import { imageBaseline, type ImageBaselineKind } from '../../explain/image-baseline';
import { imageKernelShap } from '../../explain/image-shap';
import { occlusion } from '../../explain/occlusion';
import { normalisedEntropy, sparseness } from '../../explain/quality/complexity';
import { spearman } from '../../explain/stats';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { explainModelOf, gradientFailure, gradientUnavailable, resolveScale, step, withoutGradient } from './context';
import { autoSide, imageNoise, METHOD_TITLES, readMethodParams, type MethodId } from './methods';
import { imagePicture } from './pictures';
import { round6, sampleMeans } from './sample-means';
import { explainedSamples, sampleOf } from './samples';

const ID = 'explainability/attributions';

/** Occlusion and patch KernelSHAP (and the gradient maps when differentiable) for a few images. */
export async function explainImages(ctx: ProbeContext<Record<string, Json>>): Promise<Measurement> {
  const bootstrap = readBootstrapParams(ID, ctx.params);
  const count = wholeNumberParam(ID, ctx.params, 'samples', 1, 10_000);
  const p = readMethodParams(ID, ctx.params);
  step(ctx, 0, 'Choosing images');
  const binding = ctx.data.binding as ImageBinding;
  const shape = imageShapeOf(binding);
  const scale = resolveScale(p.target, ctx);
  let model = explainModelOf(ctx, scale);
  const evaluation = scale === 'probability' ? model : explainModelOf(ctx, 'probability');
  const failure = await gradientFailure(model, ctx.data.x);
  if (failure) model = withoutGradient(model);
  const size = ctx.data.sampleSize;
  const patch = autoSide(p.patch, binding);
  const window = autoSide(p.window, binding);
  const stride = p.stride > 0 ? p.stride : Math.max(1, Math.floor(window / 2));
  const kind = p.baseline as ImageBaselineKind;
  const samples = await explainedSamples(ctx, evaluation, count);
  const n = samples.indices.length;
  const k = model.classes;
  const sigma = imageNoise(binding, p.smoothNoise);

  const methods: MethodId[] = ['occlusion', 'image-kernel-shap', ...(model.gradient ? (['saliency', 'gradient-x-input', 'integrated-gradients', 'smoothgrad'] as MethodId[]) : [])];
  const main: MethodId = model.gradient ? 'integrated-gradients' : 'occlusion';
  const agreement: (number | null)[] = [];
  const sparse: (number | null)[] = [];
  const entropy: (number | null)[] = [];
  const images: { [key: string]: Json }[] = [];
  for (let j = 0; j < n; j++) {
    const x = sampleOf(samples.x, size, j);
    const index = samples.indices[j];
    const target = samples.targets[j];
    const one = Int32Array.of(target);
    const base = imageBaseline(x, binding, kind);
    const maps: Partial<Record<MethodId, Float32Array>> = {};
    maps.occlusion = await occlusion(model, x, shape, base, target, { window, stride });
    const shap = await imageKernelShap(model, x, shape, base, target, { patch, samples: p.shapSamples, rng: ctx.rng.fork(`shap-${index}`) });
    maps['image-kernel-shap'] = shap.pixels;
    step(ctx, (j + 0.5) / n, `Occlusion and KernelSHAP for ${j + 1} of ${n} images`);
    if (model.gradient) {
      maps.saliency = slotsToPixels(shape, await saliency(model, x, 1, one), 'max-abs');
      maps['gradient-x-input'] = slotsToPixels(shape, await gradientTimesInput(model, x, 1, one), 'sum');
      maps['integrated-gradients'] = slotsToPixels(shape, await integratedGradients(model, x, 1, one, base, p.igSteps), 'sum');
      maps.smoothgrad = slotsToPixels(shape, await smoothGrad(model, x, 1, one, { samples: p.smoothSamples, sigma, rng: ctx.rng.fork(`smoothgrad-${index}`) }), 'max-abs');
    }
    const occlusionPerPatch = shap.grid.pixels.map((own) => own.reduce((s, i) => s + maps.occlusion![i], 0));
    agreement.push(spearman(occlusionPerPatch, shap.values));
    sparse.push(sparseness(maps[main]!));
    entropy.push(normalisedEntropy(maps[main]!));
    const label = ctx.data.y[index];
    const names = ctx.data.dataset.data.kind === 'image' ? ctx.data.dataset.data.names : [];
    images.push({
      index,
      name: names[index] ?? `image ${index + 1}`,
      label: label >= 0 ? ctx.model.labels[label] : null,
      class: ctx.model.labels[target],
      probability: round6(samples.probs[j * k + target]),
      image: imagePicture(ctx.data, index) as unknown as Json,
      maps: Object.fromEntries(methods.map((m) => [m, encodeMap(maps[m]!, shape.width, shape.height) as unknown as Json])),
    });
    step(ctx, (j + 1) / n, `Explained ${j + 1} of ${n} images`);
  }

  const { estimates, notes } = sampleMeans({ method_agreement: agreement, sparseness: sparse, entropy }, n, { ...bootstrap, rng: ctx.rng, signal: ctx.signal }, {
    method_agreement: 'occlusion or KernelSHAP gave every patch the same value on every image',
    sparseness: 'every map was all zero',
    entropy: 'every map was all zero',
  });
  ctx.progress(1);
  const { method_agreement: headline, ...secondary } = estimates;
  const why = failure ?? gradientUnavailable(ctx.model.info, model.gradient !== null);
  const descriptions: Record<string, string> = {
    occlusion: `${window}×${window} window every ${stride} pixels, filled with the ${kind} baseline; mean probability drop of the windows covering a pixel`,
    'image-kernel-shap': `${patch}×${patch}-pixel patches, ${p.shapSamples} seeded coalitions, removed patches take the ${kind} baseline; a patch's value is spread over its pixels`,
    saliency: 'largest |∂p/∂x| over channels',
    'gradient-x-input': 'x · ∂p/∂x summed over channels',
    'integrated-gradients': `from the ${kind} baseline, ${p.igSteps} Gauss–Legendre points, summed over channels`,
    smoothgrad: `${p.smoothSamples} noisy copies, noise ${p.smoothNoise} of the input range; largest |mean gradient| over channels`,
  };
  return {
    ...headline,
    groups: [],
    secondary: { ...secondary, lime_fidelity: { value: null, interval: null, n: 0, undefinedReason: 'LIME is run on tables only' } },
    notes: [
      `Each image is explained for its predicted class${scale === 'margin' ? ' on the logit margin (its logit minus the largest other logit), because the probabilities saturate' : ', on its probability'}. Main map for sparseness and entropy: ${METHOD_TITLES[main]}.`,
      ...(why ? [why] : []),
      ...notes,
    ],
    details: {
      scale,
      methods: methods.map((m) => ({ id: m, title: METHOD_TITLES[m], description: descriptions[m], signed: m !== 'saliency' && m !== 'smoothgrad' })),
      images,
    },
  };
}
