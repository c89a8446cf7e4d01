import { defineProbe, type Classifier, type ProbeContext } from '../../core/probe';
import type { Estimate, Json, Measurement } from '../../core/types';
import { encodeMap } from '../../explain/encode-map';
import { predictChunked } from '../../explain/model';
import { randomisationSimilarity } from '../../explain/quality/randomisation';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { step } from './context';
import { createExplainer, METHOD_DEFAULTS, METHOD_TITLES, readMethodParams } from './methods';
import { round6, sampleMeans } from './sample-means';
import { explainedSamples, sampleOf } from './samples';
import { imagePicture } from './pictures';

const ID = 'explainability/randomisation';
/** Explained images whose trained and randomised maps are kept for the report. */
const PICTURES = 3;

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
    definition: "Mean over samples of Spearman's rank correlation between |Φ| of the trained model and |Φ| of the randomised copy; Adebayo et al. 2018 (NeurIPS), §3.1 and fig. 2.",
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
  defaults: { samples: 8, ...METHOD_DEFAULTS, bootstrap: 1000, level: 0.95 },

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
      return await compare(ctx, randomised, seed, count, methodParams, bootstrap);
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
): Promise<Measurement> {
  const trained = createExplainer(ctx, methodParams, ctx.rng.fork('method'));
  const copy = createExplainer({ ...ctx, model: randomised }, methodParams, ctx.rng.fork('method'), trained.explainer.method);
  const samples = await explainedSamples(ctx, trained.model, count);
  const n = samples.indices.length;
  const size = ctx.data.sampleSize;
  const k = trained.model.classes;
  const randomProbs = await predictChunked(copy.model, samples.x, n);
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
    const similarity = randomisationSimilarity(a, b);
    absolute.push(similarity.spearmanAbsolute);
    signed.push(similarity.spearmanSigned);
    let tv = 0;
    for (let c = 0; c < k; c++) tv += Math.abs(samples.probs[j * k + c] - randomProbs[j * k + c]) / 2;
    change.push(tv);
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
      `Method: ${trained.explainer.description}; the same random draws for both models.`,
      `Randomised copy: ${randomised.info.name}, weights drawn with seed ${seed} (normal with each weight tensor's own mean and standard deviation).`,
      ...trained.notes,
      ...notes,
    ],
    details: {
      method: trained.explainer.method,
      methodTitle: METHOD_TITLES[trained.explainer.method],
      samples: Array.from(samples.indices, (index, j) => ({ index, class: ctx.model.labels[samples.targets[j]], rankCorrelation: absolute[j] === null ? null : round6(absolute[j]!) })),
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

