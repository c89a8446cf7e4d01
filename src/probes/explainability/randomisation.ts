import { defineProbe, type Classifier, type ProbeContext } from '../../core/probe';
import type { Estimate, Json, Measurement } from '../../core/types';
import { encodeMap } from '../../explain/encode-map';
import type { Masker } from '../../explain/masking';
import { predictChunked } from '../../explain/model';
import { randomisationSimilarity } from '../../explain/quality/randomisation';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { step } from './context';
import { createExplainer, METHOD_DEFAULTS, METHOD_TITLES, readMethodParams, type Explainer, type MethodId } from './methods';
import { round6, sampleMeans } from './sample-means';
import { explainedSamples, sampleOf } from './samples';
import { imagePicture } from './pictures';

const ID = 'explainability/randomisation';
/** Explained images whose trained and randomised maps are kept for the report. */
const PICTURES = 3;

/**
 * Features whose removal changes the input (some slot differs from every replacement row's value).
 * Where the sample already equals its baseline (a black MNIST background under a black baseline),
 * removal-based methods and Integrated Gradients give exactly 0 for any weights, so those
 * features would make any two explanations look alike; they are left out of the comparison.
 */
function informativeFeatures(masker: Masker): Int32Array {
  const keep: number[] = [];
  const size = masker.x.length;
  masker.groups.slots.forEach((slots, f) => {
    for (const s of slots) {
      for (let r = 0; r < masker.rows; r++) {
        if (masker.replacements[r * size + s] !== masker.x[s]) {
          keep.push(f);
          return;
        }
      }
    }
  });
  return Int32Array.from(keep);
}

const pick = (values: Float32Array, keep: Int32Array): Float32Array => Float32Array.from(keep, (f) => values[f]);

/** Methods also checked when `allMethods` is on (KernelSHAP on images is left out: slow and noisy). */
const OTHER_METHODS: Record<'tabular' | 'image', MethodId[]> = {
  tabular: ['kernel-shap', 'lime', 'integrated-gradients', 'saliency'],
  image: ['occlusion', 'saliency', 'gradient-x-input', 'integrated-gradients', 'smoothgrad'],
};
const GRADIENT_METHODS: ReadonlySet<MethodId> = new Set(['saliency', 'gradient-x-input', 'integrated-gradients', 'smoothgrad']);

function nullableMean(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length ? round6(defined.reduce((a, b) => a + b, 0) / defined.length) : null;
}

const undefinedEstimate = (reason: string): Estimate => ({ value: null, interval: null, n: 0, undefinedReason: reason });

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'explainability',
  title: 'Randomisation sanity check',
  description:
    "The model-parameter randomisation test (Adebayo et al. 2018): the model's learned weights are replaced by seeded " +
    'random ones (same graph, same scale per tensor) and the same samples are explained again with the same method and ' +
    'random draws. An explanation that reflects what the model learned must change; one that stays the same only shows ' +
    'the input (edges, bright pixels, large values) and cannot be trusted. Similarity is the rank correlation between ' +
    "the two explanations' absolute values.",
  metric: {
    name: 'rank_correlation',
    title: 'Rank correlation, trained vs randomised (|attribution|)',
    direction: 'lower',
    range: [-1, 1],
    definition:
      "Mean over samples of Spearman's rank correlation between |Φ| of the trained model and |Φ| of the randomised copy, over the features whose removal changes the input; " +
      'Adebayo et al. 2018 (NeurIPS), §3.1 and fig. 2.',
  },
  secondary: [
    { name: 'rank_correlation_signed', title: 'Rank correlation (signed attribution)', direction: 'lower', range: [-1, 1], definition: "Mean Spearman rank correlation of the signed attributions (Adebayo et al. 2018 report both)." },
    {
      name: 'prediction_change',
      title: 'Prediction change of the randomised copy',
      direction: 'higher',
      range: [0, 1],
      definition: "Mean total-variation distance ½Σ|p − p′| between the trained and randomised models' probabilities on the explained samples: shows the randomisation changed the model.",
    },
  ],
  requires: {},
  defaults: { samples: 8, allMethods: true, ...METHOD_DEFAULTS, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const bootstrap = readBootstrapParams(ID, ctx.params);
    const count = wholeNumberParam(ID, ctx.params, 'samples', 1, 10_000);
    const methodParams = readMethodParams(ID, ctx.params);
    step(ctx, 0, 'Randomising the weights');
    const makeRandomised = ctx.model.randomized;
    if (!makeRandomised) {
      const reason = "this model's runtime cannot make a copy with randomised weights";
      return { ...undefinedEstimate(reason), groups: [], notes: [], secondary: { rank_correlation_signed: undefinedEstimate(reason), prediction_change: undefinedEstimate(reason) } };
    }
    const seed = Math.floor(ctx.rng.fork('weights').next() * 2 ** 32);
    const randomised = await makeRandomised(seed);
    try {
      return await compare(ctx, randomised, seed, count, methodParams, bootstrap, (ctx.params as Record<string, Json>).allMethods !== false);
    } finally {
      await randomised.dispose();
    }
  },
});

async function compare(
  ctx: ProbeContext<Record<string, Json>>,
  randomised: Classifier,
  seed: number,
  count: number,
  methodParams: ReturnType<typeof readMethodParams>,
  bootstrap: ReturnType<typeof readBootstrapParams>,
  allMethods: boolean,
): Promise<Measurement> {
  const trained = await createExplainer(ctx, methodParams, ctx.rng.fork('method'));
  const copy = await createExplainer({ ...ctx, model: randomised }, methodParams, ctx.rng.fork('method'), trained.explainer.method);
  const samples = await explainedSamples(ctx, trained.evaluation, count);
  const n = samples.indices.length;
  const size = ctx.data.sampleSize;
  const k = trained.model.classes;
  const randomProbs = await predictChunked(copy.evaluation, samples.x, n);
  const hasGradient = trained.model.gradient !== null && copy.model.gradient !== null;
  const others = allMethods
    ? OTHER_METHODS[ctx.data.binding.kind].filter((m) => m !== trained.explainer.method && (hasGradient || !GRADIENT_METHODS.has(m)))
    : [];
  const trainedExplainers = new Map<MethodId, Explainer>();
  const copyExplainers = new Map<MethodId, Explainer>();
  for (const method of others) {
    trainedExplainers.set(method, (await createExplainer(ctx, methodParams, ctx.rng.fork('method'), method)).explainer);
    copyExplainers.set(method, (await createExplainer({ ...ctx, model: randomised }, methodParams, ctx.rng.fork('method'), method)).explainer);
  }
  const pairs = others.map((method) => ({
    method,
    trained: trainedExplainers.get(method)!,
    copy: copyExplainers.get(method)!,
    correlations: [] as (number | null)[],
  }));
  const absolute: (number | null)[] = [];
  const signed: (number | null)[] = [];
  const change: (number | null)[] = [];
  const pictures: { [key: string]: Json }[] = [];
  const meanAbs = { trained: new Float64Array(trained.explainer.groups.names.length), randomised: new Float64Array(trained.explainer.groups.names.length) };
  for (let j = 0; j < n; j++) {
    const x = sampleOf(samples.x, size, j);
    const stream = `sample-${samples.indices[j]}`;
    const a = await trained.explainer.explain(x, samples.targets[j], stream);
    step(ctx, (j + 0.5) / n, `Explained ${j + 1} of ${n} samples with the trained model`);
    const b = await copy.explainer.explain(x, samples.targets[j], stream);
    const keep = informativeFeatures(trained.explainer.masker(x));
    const similarity = randomisationSimilarity(pick(a, keep), pick(b, keep));
    absolute.push(similarity.spearmanAbsolute);
    signed.push(similarity.spearmanSigned);
    let tv = 0;
    for (let c = 0; c < k; c++) tv += Math.abs(samples.probs[j * k + c] - randomProbs[j * k + c]) / 2;
    change.push(tv);
    for (const pair of pairs) {
      const pa = await pair.trained.explain(x, samples.targets[j], stream);
      const pb = await pair.copy.explain(x, samples.targets[j], stream);
      pair.correlations.push(randomisationSimilarity(pick(pa, keep), pick(pb, keep)).spearmanAbsolute);
    }
    a.forEach((v, f) => (meanAbs.trained[f] += Math.abs(v) / n));
    b.forEach((v, f) => (meanAbs.randomised[f] += Math.abs(v) / n));
    const binding = ctx.data.binding;
    if (binding.kind === 'image' && pictures.length < PICTURES) {
      pictures.push({
        index: samples.indices[j],
        class: ctx.model.labels[samples.targets[j]],
        image: imagePicture(ctx.data, samples.indices[j]) as unknown as Json,
        trained: encodeMap(a, binding.width, binding.height) as unknown as Json,
        randomised: encodeMap(b, binding.width, binding.height) as unknown as Json,
      });
    }
    step(ctx, (j + 1) / n, `Explained ${j + 1} of ${n} samples with both models`);
  }
  const reason = 'the explanations did not vary over features, so ranks cannot be compared';
  const { estimates, notes } = sampleMeans({ rank_correlation: absolute, rank_correlation_signed: signed, prediction_change: change }, n, { ...bootstrap, rng: ctx.rng, signal: ctx.signal }, { rank_correlation: reason, rank_correlation_signed: reason });
  ctx.progress(1);
  const { rank_correlation: headline, ...secondary } = estimates;
  return {
    ...headline,
    groups: [],
    secondary,
    notes: [
      `Method: ${trained.explainer.description}${trained.scale === 'margin' ? ', on the logit margin' : ''}; the same random draws for both models.`,
      `Compared over the features whose removal changes the input (where a sample already equals its baseline, removal-based methods and Integrated Gradients give 0 for any weights).`,
      ...(pairs.length ? [`Also checked, same samples: ${pairs.map((p) => METHOD_TITLES[p.method]).join(', ')} (details).`] : []),
      `Randomised copy: ${randomised.info.name}, weights drawn with seed ${seed} (normal with each weight tensor's own mean and standard deviation).`,
      ...trained.notes,
      ...notes,
    ],
    details: {
      method: trained.explainer.method,
      methodTitle: METHOD_TITLES[trained.explainer.method],
      samples: Array.from(samples.indices, (index, j) => ({ index, class: ctx.model.labels[samples.targets[j]], rankCorrelation: absolute[j] === null ? null : round6(absolute[j]!) })),
      methods: [
        { id: trained.explainer.method, title: METHOD_TITLES[trained.explainer.method], rankCorrelation: nullableMean(absolute), main: true },
        ...pairs.map((p) => ({ id: p.method, title: METHOD_TITLES[p.method], rankCorrelation: nullableMean(p.correlations), main: false })),
      ],
      ...(ctx.data.binding.kind === 'image'
        ? { pictures }
        : {
            features: trained.explainer.groups.names,
            meanAbsTrained: Array.from(meanAbs.trained, round6),
            meanAbsRandomised: Array.from(meanAbs.randomised, round6),
          }),
    },
  };
}

