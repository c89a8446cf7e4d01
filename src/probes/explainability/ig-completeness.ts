import { defineProbe } from '../../core/probe';
import { integratedGradients } from '../../explain/gradient-methods';
import { imageBaseline, type ImageBaselineKind } from '../../explain/image-baseline';
import { predictChunked } from '../../explain/model';
import { completenessGap } from '../../explain/quality/completeness';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { backgroundIndices, explainModelOf, gather, gradientFailure, resolveScale, step } from './context';
import { readMethodParams } from './methods';
import { round6, sampleMeans } from './sample-means';
import { explainedSamples, sampleOf } from './samples';

const ID = 'explainability/ig-completeness';
const TOLERANCE = 0.05;

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'explainability',
  title: 'Integrated Gradients completeness',
  description:
    'An axiomatic check of the gradient explanations: Integrated Gradients must add up to the change of the class ' +
    'probability between the baseline and the input (completeness, Sundararajan et al. 2017). The gap left by the ' +
    'numerical path integral shows whether the gradients and the step count can be trusted; a large gap points at ' +
    'gradients that do not describe the model (saturation, non-smooth operators, a translation that differs from the ' +
    'model). Baseline: the black image for images, the mean of background rows for tables.',
  metric: {
    name: 'completeness_gap',
    title: 'Completeness gap (relative)',
    direction: 'lower',
    range: [0, Number.POSITIVE_INFINITY],
    definition: 'Mean over samples of |Σᵢ IGᵢ − (f(x) − f(x′))| / |f(x) − f(x′)| for the predicted class; Sundararajan, Taly & Yan 2017 (ICML), prop. 1.',
  },
  secondary: [
    { name: 'within_5_percent', title: 'Samples within 5 % of complete', direction: 'higher', range: [0, 1], definition: 'Share of samples whose relative gap is below 0.05, the bound Sundararajan et al. 2017 (§3) suggest checking.' },
  ],
  requires: { differentiable: true },
  defaults: { samples: 12, igSteps: 50, baseline: 'black', background: 20, target: 'auto', bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const bootstrap = readBootstrapParams(ID, ctx.params);
    const count = wholeNumberParam(ID, ctx.params, 'samples', 1, 10_000);
    const { igSteps, baseline, background, target } = readMethodParams(ID, ctx.params);
    step(ctx, 0, 'Choosing samples');
    const scale = resolveScale(target, ctx);
    const model = explainModelOf(ctx, scale);
    const failure = model.gradient ? await gradientFailure(model, ctx.data.x) : null;
    if (!model.gradient || failure) {
      const reason = failure ?? 'the model is declared differentiable but this runtime gives no input gradients for it';
      return { value: null, interval: null, n: 0, undefinedReason: reason, groups: [], notes: [], secondary: { within_5_percent: { value: null, interval: null, n: 0, undefinedReason: reason } } };
    }
    const size = ctx.data.sampleSize;
    const samples = await explainedSamples(ctx, scale === 'probability' ? model : explainModelOf(ctx, 'probability'), count);
    const n = samples.indices.length;
    const binding = ctx.data.binding;
    let tabularBaseline: Float32Array | null = null;
    if (binding.kind === 'tabular') {
      const rows = Math.min(background, ctx.data.n);
      const block = gather(ctx.data.x, size, backgroundIndices(ctx.data.n, rows));
      tabularBaseline = new Float32Array(size);
      for (let b = 0; b < rows; b++) for (let j = 0; j < size; j++) tabularBaseline[j] += block[b * size + j] / rows;
    }
    const gaps: (number | null)[] = [];
    const within: (number | null)[] = [];
    const rows: { index: number; class: string; fx: number; fBaseline: number; attributionSum: number; gap: number | null }[] = [];
    for (let j = 0; j < n; j++) {
      const x = sampleOf(samples.x, size, j);
      const explained = samples.targets[j];
      const base = binding.kind === 'image' ? imageBaseline(x, binding, baseline as ImageBaselineKind) : tabularBaseline!;
      const ig = await integratedGradients(model, x, 1, Int32Array.of(explained), base, igSteps);
      const fBaseline = (await predictChunked(model, base, 1))[explained];
      const fx = (await predictChunked(model, x, 1))[explained];
      const gap = completenessGap(ig, fx, fBaseline);
      gaps.push(gap.relative);
      within.push(gap.relative === null ? null : gap.relative < TOLERANCE ? 1 : 0);
      rows.push({ index: samples.indices[j], class: ctx.model.labels[explained], fx: round6(fx), fBaseline: round6(fBaseline), attributionSum: round6(gap.attributionSum), gap: gap.relative === null ? null : round6(gap.relative) });
      step(ctx, (j + 1) / n, `Integrated Gradients for ${j + 1} of ${n} samples`);
    }
    const reason = 'on every sample the class probability at the baseline equals the one at the input, so there is nothing to complete';
    const { estimates, notes } = sampleMeans({ completeness_gap: gaps, within_5_percent: within }, n, { ...bootstrap, rng: ctx.rng, signal: ctx.signal }, { completeness_gap: reason, within_5_percent: reason });
    const undefinedCount = gaps.filter((g) => g === null).length;
    ctx.progress(1);
    return {
      ...estimates.completeness_gap,
      groups: [],
      secondary: { within_5_percent: estimates.within_5_percent },
      notes: [
        `Integrated Gradients with ${igSteps} Gauss–Legendre points from ${binding.kind === 'image' ? `the ${baseline} baseline image` : `the mean of ${Math.min(background, ctx.data.n)} background rows`}; the ${scale === 'margin' ? 'logit margin' : 'probability'} of each sample's predicted class.`,
        ...(ctx.model.info.gradientPath?.kind === 'onnx-translated' ? ['Gradients come from the TF.js translation of the ONNX graph, checked against onnxruntime when the model was opened.'] : []),
        ...(undefinedCount > 0 ? [`${undefinedCount} sample${undefinedCount === 1 ? '' : 's'} left out: the class probability barely changes between baseline and input (below 1e-4).`] : []),
        ...notes,
      ],
      details: { scale, samples: rows },
    };
  },
});
