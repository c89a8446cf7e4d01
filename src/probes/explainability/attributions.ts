import { defineProbe } from '../../core/probe';
import { readBootstrapParams } from '../params';
import { explainImages } from './attributions-image';
import { explainRows } from './attributions-tabular';
import { readMethodParams } from './methods';

const ID = 'explainability/attributions';

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'explainability',
  title: 'Attributions',
  description:
    'Explains a few samples spread over the dataset with every method that applies. Tables, on their raw columns (a ' +
    'one-hot group counts as one column): KernelSHAP (Lundberg & Lee 2017) with seeded coalitions over background rows from ' +
    'the dataset, and LIME (Ribeiro et al. 2016) with a weighted ridge surrogate; two-class models are explained for the ' +
    "positive class, others for each row's predicted class. Images, for their predicted class: occlusion (Zeiler & Fergus " +
    '2014) and KernelSHAP over square patches. Saliency, gradient × input, Integrated Gradients and SmoothGrad are added when ' +
    'the model gives input gradients. The headline is how far the two model-agnostic methods agree on what matters: ' +
    'explanations that disagree cannot both be right (Krishna et al. 2022). Sparseness and entropy describe how ' +
    'concentrated the main explanation is. Intervals are seeded bootstraps over the explained samples.',
  metric: {
    name: 'method_agreement',
    title: 'Agreement of two model-agnostic methods (rank correlation)',
    direction: 'higher',
    range: [-1, 1],
    definition:
      "Mean over samples of Spearman's rank correlation between KernelSHAP and LIME over raw columns (tables), or between occlusion " +
      'summed per patch and KernelSHAP patch values (images); the rank-correlation measure of Krishna et al. 2022, "The Disagreement Problem in Explainable Machine Learning".',
  },
  secondary: [
    { name: 'sparseness', title: 'Sparseness of the main explanation (Gini)', direction: 'higher', range: [0, 1], definition: 'Mean Gini index of |attribution| (KernelSHAP for tables; Integrated Gradients, else occlusion, for images); Chalasani et al. 2020 (ICML), as Quantus Sparseness.' },
    { name: 'entropy', title: 'Entropy of the main explanation (normalised)', direction: 'lower', range: [0, 1], definition: 'Mean entropy of |aᵢ|/Σ|a| divided by ln(features); Bhatt, Weller & Moura 2020 (IJCAI), complexity.' },
    { name: 'lime_fidelity', title: 'LIME local fidelity (weighted R²)', direction: 'higher', range: [0, 1], definition: "Tables: mean weighted R² of LIME's linear surrogate on its perturbed samples (the lime package's `score`); Ribeiro et al. 2016, §3.3." },
  ],
  requires: {},
  defaults: {
    samples: 12, target: 'auto', background: 20, shapSamples: 256, limeSamples: 500, patch: 0, window: 0, stride: 0, baseline: 'black',
    igSteps: 50, smoothSamples: 16, smoothNoise: 0.15, bootstrap: 1000, level: 0.95,
  },

  async run(ctx) {
    // Read every parameter up front so a bad one is reported whatever the data.
    readBootstrapParams(ID, ctx.params);
    readMethodParams(ID, ctx.params);
    return ctx.data.binding.kind === 'tabular' ? explainRows(ctx) : explainImages(ctx);
  },
});
