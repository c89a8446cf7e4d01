import { defineProbe } from '../../core/probe';
import { perturbationCurves, meanCurve, randomOrder } from '../../explain/quality/deletion-insertion';
import { faithfulnessCorrelation } from '../../explain/quality/faithfulness-correlation';
import { absolute, orderByValueDescending } from '../../explain/stats';
import { numberBetweenParam, readBootstrapParams, wholeNumberParam } from '../params';
import { step } from './context';
import { createExplainer, METHOD_DEFAULTS, METHOD_TITLES, readMethodParams } from './methods';
import { round6, sampleMeans } from './sample-means';
import { explainedSamples, sampleOf } from './samples';

const ID = 'explainability/faithfulness';

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'explainability',
  title: 'Explanation faithfulness',
  description:
    'Checks whether the explanations point at what the model actually uses. For a few samples spread over the data, the ' +
    'features are removed one group at a time in the order the explanation ranks them (deletion: the class probability ' +
    'should fall fast) and put back into an emptied input in the same order (insertion: it should rise fast); the areas ' +
    'under these curves are compared with those of random orders (Petsiuk et al. 2018). Faithfulness correlation (Bhatt ' +
    'et al. 2020) compares the attribution of random feature subsets with the drop their removal causes. The method is ' +
    'KernelSHAP for tables, Integrated Gradients for differentiable image models and occlusion otherwise, unless the ' +
    'suite names one. Intervals are seeded bootstraps over the explained samples.',
  metric: {
    name: 'gain_over_random',
    title: 'Gain over a random order (insertion − deletion AUC)',
    direction: 'higher',
    range: [-2, 2],
    definition:
      'Mean over explained samples of (AUC_insertion − AUC_deletion) for the explanation\'s order minus the same for random orders; ' +
      'deletion and insertion curves of Petsiuk, Das & Saenko 2018 ("RISE", BMVC, §4.1). Above 0: better than random.',
  },
  secondary: [
    { name: 'deletion_auc', title: 'Deletion AUC', direction: 'lower', range: [0, 1], definition: 'Mean area under the class probability as features are removed most-important first (Petsiuk et al. 2018).' },
    { name: 'insertion_auc', title: 'Insertion AUC', direction: 'higher', range: [0, 1], definition: 'Mean area under the class probability as features are inserted most-important first into the emptied input (Petsiuk et al. 2018).' },
    { name: 'deletion_gain', title: 'Deletion gain over random', direction: 'higher', range: [-1, 1], definition: 'Mean of AUC_deletion(random orders) − AUC_deletion(explanation order).' },
    { name: 'insertion_gain', title: 'Insertion gain over random', direction: 'higher', range: [-1, 1], definition: 'Mean of AUC_insertion(explanation order) − AUC_insertion(random orders).' },
    {
      name: 'faithfulness_correlation',
      title: 'Faithfulness correlation',
      direction: 'higher',
      range: [-1, 1],
      definition: 'Mean Pearson correlation, over random feature subsets, between their summed attribution and the probability drop when they are removed; Bhatt, Weller & Moura 2020 (IJCAI), eq. 2.',
    },
  ],
  requires: {},
  defaults: {
    samples: 12, steps: 20, randomOrders: 4, subsets: 20, subsetFraction: 0.25,
    ...METHOD_DEFAULTS,
    bootstrap: 1000, level: 0.95,
  },

  async run(ctx) {
    const bootstrap = readBootstrapParams(ID, ctx.params);
    const count = wholeNumberParam(ID, ctx.params, 'samples', 1, 10_000);
    const steps = wholeNumberParam(ID, ctx.params, 'steps', 1, 10_000);
    const randomOrders = wholeNumberParam(ID, ctx.params, 'randomOrders', 1, 1000);
    const subsets = wholeNumberParam(ID, ctx.params, 'subsets', 2, 10_000);
    const subsetFraction = numberBetweenParam(ID, ctx.params, 'subsetFraction', 0, 1);
    const methodParams = readMethodParams(ID, ctx.params);
    step(ctx, 0, 'Choosing samples');
    const { explainer, notes, model, evaluation, scale } = await createExplainer(ctx, methodParams, ctx.rng.fork('method'));
    const samples = await explainedSamples(ctx, evaluation, count);
    const n = samples.indices.length;
    const m = explainer.groups.names.length;
    const size = ctx.data.sampleSize;

    const perSample = {
      gain: [] as (number | null)[], deletion: [] as (number | null)[], insertion: [] as (number | null)[],
      deletionGain: [] as (number | null)[], insertionGain: [] as (number | null)[], correlation: [] as (number | null)[],
    };
    const curves = { deletion: [] as number[][], insertion: [] as number[][], randomDeletion: [] as number[][], randomInsertion: [] as number[][] };
    let fractions: number[] = [];
    for (let j = 0; j < n; j++) {
      const x = sampleOf(samples.x, size, j);
      const target = samples.targets[j];
      const stream = `sample-${samples.indices[j]}`;
      const attribution = await explainer.explain(x, target, stream);
      const masker = explainer.masker(x);
      const order = orderByValueDescending(explainer.signed ? attribution : absolute(attribution));
      const own = await perturbationCurves(evaluation, masker, target, order, steps);
      fractions = own.fractions;
      const random = [];
      for (let r = 0; r < randomOrders; r++) {
        random.push(await perturbationCurves(evaluation, masker, target, randomOrder(m, ctx.rng.fork(`${stream}-random-${r}`)), steps));
      }
      const randomDeletion = random.reduce((s, c) => s + c.deletionAuc, 0) / randomOrders;
      const randomInsertion = random.reduce((s, c) => s + c.insertionAuc, 0) / randomOrders;
      perSample.deletion.push(own.deletionAuc);
      perSample.insertion.push(own.insertionAuc);
      perSample.deletionGain.push(randomDeletion - own.deletionAuc);
      perSample.insertionGain.push(own.insertionAuc - randomInsertion);
      perSample.gain.push(own.insertionAuc - own.deletionAuc - (randomInsertion - randomDeletion));
      perSample.correlation.push(m < 2 ? null : await faithfulnessCorrelation(model, masker, target, attribution, {
        subsets, subsetSize: Math.max(1, Math.round(subsetFraction * m)), rng: ctx.rng.fork(`${stream}-subsets`),
        fx: scale === 'probability' ? own.deletion[0] : (await model.predict(x, 1))[target],
      }));
      curves.deletion.push(own.deletion);
      curves.insertion.push(own.insertion);
      curves.randomDeletion.push(meanCurve(random.map((c) => c.deletion)));
      curves.randomInsertion.push(meanCurve(random.map((c) => c.insertion)));
      step(ctx, (j + 1) / n, `Deletion and insertion curves for ${j + 1} of ${n} samples`);
    }

    const { estimates, notes: intervalNotes } = sampleMeans({
      gain_over_random: perSample.gain,
      deletion_auc: perSample.deletion,
      insertion_auc: perSample.insertion,
      deletion_gain: perSample.deletionGain,
      insertion_gain: perSample.insertionGain,
      faithfulness_correlation: perSample.correlation,
    }, n, { ...bootstrap, rng: ctx.rng, signal: ctx.signal }, {
      faithfulness_correlation: 'the attribution or the probability drop did not vary over the random subsets (or there is only one feature)',
    });
    ctx.progress(1);
    const { gain_over_random: headline, ...secondary } = estimates;
    return {
      ...headline,
      groups: [],
      secondary,
      notes: [
        `Method: ${explainer.description}. Each sample's predicted class is explained${scale === 'margin' ? ' on its logit margin (the probabilities saturate); the curves read the probability' : ''}.`,
        ...notes,
        ...(ctx.data.binding.kind === 'tabular' ? [`Curves have one step per raw column (${m}).`] : [`Curves have ${fractions.length - 1} steps over ${m} pixels; random orders: ${randomOrders} per sample.`]),
        ...intervalNotes,
      ],
      details: {
        method: explainer.method,
        methodTitle: METHOD_TITLES[explainer.method],
        scale,
        unit: ctx.data.binding.kind === 'tabular' ? 'columns' : 'pixels',
        fractions: fractions.map(round6),
        curves: {
          deletion: meanCurve(curves.deletion).map(round6),
          insertion: meanCurve(curves.insertion).map(round6),
          randomDeletion: meanCurve(curves.randomDeletion).map(round6),
          randomInsertion: meanCurve(curves.randomInsertion).map(round6),
        },
        samples: Array.from(samples.indices, (index, j) => ({
          index,
          class: ctx.model.labels[samples.targets[j]],
          deletionAuc: round6(perSample.deletion[j] ?? 0),
          insertionAuc: round6(perSample.insertion[j] ?? 0),
          gain: round6(perSample.gain[j] ?? 0),
        })),
      },
    };
  },
});
