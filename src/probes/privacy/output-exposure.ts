import { defineProbe, throwIfCancelled } from '../../core/probe';
import { predictAll } from '../predict-all';
import { analyzeExposure, type ExposureAnalysis } from './exposure-analysis';

const ID = 'privacy/output-exposure';

/** What to tell the reader for each kind of output. */
const ADVICE: Record<ExposureAnalysis['kind'], (a: ExposureAnalysis) => string> = {
  'labels-only': () =>
    'The model returns labels only: the least an outside caller can learn from one answer. Label-only membership attacks ' +
    'still exist (Choquette-Choo et al. 2021, "Label-Only Membership Inference Attacks", ICML), so the membership probe still matters.',
  rounded: (a) =>
    `Every probability is rounded to ${a.decimals} decimal place${a.decimals === 1 ? '' : 's'}. Rounding removes some of what ` +
    'membership and model-extraction attacks use, though not all (Shokri et al. 2017 §VIII; Tramèr et al. 2016 §7).',
  coarse: (a) =>
    `The model gives only ${a.distinctConfidences} distinct confidence values for ${a.distinctInputs} distinct inputs: its scores ` +
    'are coarse (a tree ensemble, quantised output or calibration bins). That exposes less than full precision.',
  'full-precision': () =>
    'The model returns full-precision probabilities. If it is served to people outside your organisation, return only the label, ' +
    'or the top class with a rounded confidence: exact confidence scores are what membership inference (Shokri et al. 2017, ' +
    '"Membership Inference Attacks Against Machine Learning Models") and model extraction (Tramèr et al. 2016, "Stealing Machine ' +
    'Learning Models via Prediction APIs") feed on.',
};

const TITLES: Record<ExposureAnalysis['kind'], string> = {
  'labels-only': 'labels only',
  rounded: 'rounded probabilities',
  coarse: 'coarse scores',
  'full-precision': 'full-precision probabilities',
};

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'privacy',
  title: 'Output exposure',
  description:
    'What the model\'s answers reveal beyond the label. From the clean predictions: whether every output is a hard 0/1 label, ' +
    'whether the probabilities sit on a grid of 1–4 decimals, how many distinct confidence (top-class probability) values ' +
    'the model emits compared with the number of distinct inputs, or whether it returns full-precision probabilities. ' +
    'Information for the report, with advice on what to expose when the model is served.',
  metric: {
    name: 'exposure_level',
    title: 'Output exposure level',
    direction: 'lower',
    range: [0, 2],
    definition: '0 = labels only, 1 = rounded or coarse scores, 2 = full-precision probabilities; confidence scores enable membership inference (Shokri et al. 2017) and model extraction (Tramèr et al. 2016, USENIX Security).',
  },
  secondary: [
    {
      name: 'distinct_confidence_share',
      title: 'Distinct confidences per distinct input',
      direction: 'lower',
      range: [0, 1],
      definition: 'Number of distinct top-class probabilities divided by the number of distinct input rows (capped at 1); near 1 means every input gets its own score.',
    },
  ],
  requires: {},
  defaults: {},

  async run(ctx) {
    throwIfCancelled(ctx.signal);
    const probs = await predictAll(ctx, { share: 0.9 });
    const k = ctx.model.labels.length;
    const measured = analyzeExposure(probs, k, ctx.data.x, ctx.data.sampleSize);
    // Softmax of logits far apart rounds to exactly 0 and 1 in float32, which looks like hard
    // labels; but logits are unbounded real scores, so what the model returns is never labels only.
    const saturatedLogits = ctx.data.binding.output.kind === 'logits' && (measured.kind === 'labels-only' || measured.kind === 'rounded');
    const a: ExposureAnalysis = saturatedLogits ? { ...measured, kind: 'full-precision', level: 2, decimals: null } : measured;
    ctx.progress(1);
    throwIfCancelled(ctx.signal);
    const n = ctx.data.n;
    return {
      value: a.level,
      interval: null,
      n,
      groups: [],
      secondary: {
        distinct_confidence_share: { value: Math.min(1, a.distinctConfidences / a.distinctInputs), interval: null, n },
      },
      notes: [
        `The model's outputs read as ${TITLES[a.kind]}: ${a.distinctConfidences} distinct confidence values for ${a.distinctInputs} distinct inputs (${n} samples).`,
        ADVICE[a.kind](a),
        ...(saturatedLogits
          ? [`The model returns logits; their softmax reads as ${measured.kind === 'labels-only' ? 'hard labels' : 'rounded values'} only because the logits are far apart. ` +
              'Logits are unbounded real-valued scores, so the model is counted as returning full precision.']
          : []),
        'Judged on the probabilities after the binding\'s conversion (softmax, sigmoid or renormalisation); renormalising rounded ' +
          'probabilities can hide their rounding. Exact counts over all samples, so no interval.',
      ],
      details: {
        exposure: a.kind,
        distinctConfidences: a.distinctConfidences,
        distinctInputs: a.distinctInputs,
        decimals: a.decimals,
        exampleConfidences: a.examples,
      },
    };
  },
});
