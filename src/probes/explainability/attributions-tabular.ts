import type { ProbeContext } from '../../core/probe';
import type { Json, Measurement, TabularBinding } from '../../core/types';
import { integratedGradients } from '../../explain/gradient-methods';
import { slotsToGroups, tabularGroups } from '../../explain/groups';
import { kernelShap } from '../../explain/kernel-shap';
import { limeTabular } from '../../explain/lime';
import { normalisedEntropy, sparseness } from '../../explain/quality/complexity';
import { spearman } from '../../explain/stats';
import { readBootstrapParams, wholeNumberParam } from '../params';
import {
  backgroundIndices, explainModelOf, gather, gradientFailure, gradientUnavailable, positiveIndex, resolveScale, scaleWords, step, withoutGradient,
} from './context';
import { readMethodParams } from './methods';
import { displayValues } from './raw-values';
import { round6, sampleMeans } from './sample-means';
import { explainedSamples, sampleOf } from './samples';

const ID = 'explainability/attributions';

/** KernelSHAP, LIME (and Integrated Gradients when differentiable) on the raw columns of a few rows. */
export async function explainRows(ctx: ProbeContext<Record<string, Json>>): Promise<Measurement> {
  const bootstrap = readBootstrapParams(ID, ctx.params);
  const count = wholeNumberParam(ID, ctx.params, 'samples', 1, 10_000);
  const { background, shapSamples, limeSamples, igSteps, target } = readMethodParams(ID, ctx.params);
  step(ctx, 0, 'Choosing rows');
  const binding = ctx.data.binding as TabularBinding;
  const scale = resolveScale(target, ctx);
  let model = explainModelOf(ctx, scale);
  const evaluation = scale === 'probability' ? model : explainModelOf(ctx, 'probability');
  const failure = await gradientFailure(model, ctx.data.x);
  if (failure) model = withoutGradient(model);
  const size = ctx.data.sampleSize;
  const groups = tabularGroups(binding);
  const bgRows = Math.min(background, ctx.data.n);
  const replacements = gather(ctx.data.x, size, backgroundIndices(ctx.data.n, bgRows));
  const meanRow = new Float32Array(size);
  for (let b = 0; b < bgRows; b++) for (let j = 0; j < size; j++) meanRow[j] += replacements[b * size + j] / bgRows;
  const samples = await explainedSamples(ctx, evaluation, count, 'positive');
  const useLime = limeSamples > 0;
  const useIg = model.gradient !== null && igSteps > 0;
  const n = samples.indices.length;
  const k = model.classes;

  const agreement: (number | null)[] = [];
  const sparse: (number | null)[] = [];
  const entropy: (number | null)[] = [];
  const fidelity: (number | null)[] = [];
  const rows: { [key: string]: Json }[] = [];
  const meanAbs = new Float64Array(groups.names.length);
  for (let j = 0; j < n; j++) {
    const x = sampleOf(samples.x, size, j);
    const index = samples.indices[j];
    const target = samples.targets[j];
    const masker = { x, replacements, rows: bgRows, groups };
    const shap = await kernelShap(model, masker, target, { samples: shapSamples, rng: ctx.rng.fork(`shap-${index}`) });
    step(ctx, (j + 0.5) / n, `KernelSHAP for ${j + 1} of ${n} rows`);
    const lime = useLime ? await limeTabular(model, masker, target, { samples: limeSamples, rng: ctx.rng.fork(`lime-${index}`) }) : null;
    const ig = useIg ? slotsToGroups(groups, await integratedGradients(model, x, 1, Int32Array.of(target), meanRow, igSteps)) : null;
    agreement.push(lime ? spearman(shap.values, lime.coefficients) : null);
    sparse.push(sparseness(shap.values));
    entropy.push(normalisedEntropy(shap.values));
    fidelity.push(lime ? lime.score : null);
    shap.values.forEach((v, f) => (meanAbs[f] += Math.abs(v) / n));
    const label = ctx.data.y[index];
    rows.push({
      index,
      label: label >= 0 ? ctx.model.labels[label] : null,
      predicted: ctx.model.labels[samples.predicted[j]],
      class: ctx.model.labels[target],
      probability: round6(samples.probs[j * k + target]),
      explained: round6(shap.fx),
      base: round6(shap.base),
      values: displayValues(binding, x),
      shap: Array.from(shap.values, round6),
      ...(lime ? { lime: Array.from(lime.coefficients, round6) } : {}),
      ...(ig ? { ig: Array.from(ig, round6) } : {}),
    });
    step(ctx, (j + 1) / n, `Explained ${j + 1} of ${n} rows`);
  }

  const { estimates, notes } = sampleMeans({ method_agreement: agreement, sparseness: sparse, entropy, lime_fidelity: fidelity }, n, { ...bootstrap, rng: ctx.rng, signal: ctx.signal }, {
    method_agreement: useLime ? 'KernelSHAP or LIME gave the same value to every column on every row' : 'LIME was turned off (limeSamples = 0), so there is nothing to compare KernelSHAP with',
    sparseness: 'every KernelSHAP explanation was all zero',
    entropy: 'every KernelSHAP explanation was all zero',
    lime_fidelity: useLime ? "the model's output never changed under LIME's perturbations" : 'LIME was turned off (limeSamples = 0)',
  });
  ctx.progress(1);
  const { method_agreement: headline, ...secondary } = estimates;
  const positive = k === 2 ? ctx.model.labels[positiveIndex(binding)] : null;
  const why = failure ?? gradientUnavailable(ctx.model.info, model.gradient !== null);
  return {
    ...headline,
    groups: [],
    secondary,
    notes: [
      `KernelSHAP: ${shapSamples} seeded coalitions per row over ${groups.names.length} raw columns; a removed column takes the values of ${bgRows} background rows spread over the dataset (averaged).${useLime ? ` LIME: ${limeSamples} perturbed samples per row with the same background.` : ' LIME: turned off.'}`,
      positive ? `Attributions are for ${scaleWords(scale, positive)}.` : `Attributions are for each row's predicted class (${scale === 'margin' ? 'its logit margin' : 'its probability'}).`,
      ...(useIg ? [`Integrated Gradients: ${igSteps} Gauss–Legendre points from the mean background row, summed per raw column.`] : why ? [why] : model.gradient ? ['Integrated Gradients: turned off (igSteps = 0).'] : []),
      ...notes,
    ],
    details: {
      features: groups.names,
      explainedClass: positive,
      scale,
      methods: ['kernel-shap', ...(useLime ? ['lime'] : []), ...(useIg ? ['integrated-gradients'] : [])],
      rows,
      globalShap: Array.from(meanAbs, round6),
    },
  };
}
