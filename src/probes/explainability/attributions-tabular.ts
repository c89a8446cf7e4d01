import type { ProbeContext } from '../../core/probe';
import type { Json, Measurement, TabularBinding } from '../../core/types';
import { integratedGradients } from '../../explain/gradient-methods';
import { slotsToGroups, tabularGroups } from '../../explain/groups';
import { kernelShap } from '../../explain/kernel-shap';
import { limeTabular } from '../../explain/lime';
import { normalisedEntropy, sparseness } from '../../explain/quality/complexity';
import { spearman } from '../../explain/stats';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { backgroundIndices, explainModelOf, gather, gradientUnavailable, positiveIndex, step } from './context';
import { readMethodParams } from './methods';
import { displayValues } from './raw-values';
import { round6, sampleMeans } from './sample-means';
import { explainedSamples, sampleOf } from './samples';

const ID = 'explainability/attributions';

/** KernelSHAP, LIME (and Integrated Gradients when differentiable) on the raw columns of a few rows. */
export async function explainRows(ctx: ProbeContext<Record<string, Json>>): Promise<Measurement> {
  const bootstrap = readBootstrapParams(ID, ctx.params);
  const count = wholeNumberParam(ID, ctx.params, 'samples', 1, 10_000);
  const { background, shapSamples, limeSamples, igSteps } = readMethodParams(ID, ctx.params);
  step(ctx, 0, 'Choosing rows');
  const binding = ctx.data.binding as TabularBinding;
  const model = explainModelOf(ctx);
  const size = ctx.data.sampleSize;
  const groups = tabularGroups(binding);
  const bgRows = Math.min(background, ctx.data.n);
  const replacements = gather(ctx.data.x, size, backgroundIndices(ctx.data.n, bgRows));
  const meanRow = new Float32Array(size);
  for (let b = 0; b < bgRows; b++) for (let j = 0; j < size; j++) meanRow[j] += replacements[b * size + j] / bgRows;
  const samples = await explainedSamples(ctx, model, count, 'positive');
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
    const lime = await limeTabular(model, masker, target, { samples: limeSamples, rng: ctx.rng.fork(`lime-${index}`) });
    const ig = model.gradient ? slotsToGroups(groups, await integratedGradients(model, x, 1, Int32Array.of(target), meanRow, igSteps)) : null;
    agreement.push(spearman(shap.values, lime.coefficients));
    sparse.push(sparseness(shap.values));
    entropy.push(normalisedEntropy(shap.values));
    fidelity.push(lime.score);
    shap.values.forEach((v, f) => (meanAbs[f] += Math.abs(v) / n));
    const label = ctx.data.y[index];
    rows.push({
      index,
      label: label >= 0 ? ctx.model.labels[label] : null,
      predicted: ctx.model.labels[samples.predicted[j]],
      class: ctx.model.labels[target],
      probability: round6(samples.probs[j * k + target]),
      base: round6(shap.base),
      values: displayValues(binding, x),
      shap: Array.from(shap.values, round6),
      lime: Array.from(lime.coefficients, round6),
      ...(ig ? { ig: Array.from(ig, round6) } : {}),
    });
    step(ctx, (j + 1) / n, `Explained ${j + 1} of ${n} rows`);
  }

  const { estimates, notes } = sampleMeans({ method_agreement: agreement, sparseness: sparse, entropy, lime_fidelity: fidelity }, n, { ...bootstrap, rng: ctx.rng, signal: ctx.signal }, {
    method_agreement: 'KernelSHAP or LIME gave the same value to every column on every row',
    sparseness: 'every KernelSHAP explanation was all zero',
    entropy: 'every KernelSHAP explanation was all zero',
    lime_fidelity: "the model's probability never changed under LIME's perturbations",
  });
  ctx.progress(1);
  const { method_agreement: headline, ...secondary } = estimates;
  const positive = k === 2 ? ctx.model.labels[positiveIndex(binding)] : null;
  const why = gradientUnavailable(ctx.model.info, model.gradient !== null);
  return {
    ...headline,
    groups: [],
    secondary,
    notes: [
      `KernelSHAP: ${shapSamples} seeded coalitions per row over ${groups.names.length} raw columns; a removed column takes the values of ${bgRows} background rows spread over the dataset (averaged). LIME: ${limeSamples} perturbed samples per row with the same background.`,
      positive ? `Attributions are for the probability of '${positive}'.` : "Attributions are for each row's predicted class.",
      ...(model.gradient ? [`Integrated Gradients: ${igSteps} Gauss–Legendre points from the mean background row, summed per raw column.`] : why ? [why] : []),
      ...notes,
    ],
    details: {
      features: groups.names,
      explainedClass: positive,
      methods: ['kernel-shap', 'lime', ...(model.gradient ? ['integrated-gradients'] : [])],
      rows,
      globalShap: Array.from(meanAbs, round6),
    },
  };
}
