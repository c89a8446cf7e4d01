import { defineProbe, throwIfCancelled } from '../../core/probe';
import type { Json } from '../../core/types';
import { consistencyOfRows, sparseRows } from '../../metrics/fairness-consistency';
import { intervalNotes, seededIntervals } from '../estimates';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { predictAll } from '../predict-all';
import { decide } from './decisions';
import { readDecisionParams } from './params';
import { sampleRows } from './sample-rows';

const ID = 'fairness/consistency';
/** Query rows per step between progress reports and cancel checks. */
const STEP = 128;

export default defineProbe<Record<string, Json>>({
  id: ID,
  version: 1,
  pillar: 'fairness',
  title: 'Consistency (individual fairness)',
  description:
    'Checks that similar people get similar decisions: for each row, compares its decision with the decisions of its k nearest ' +
    'rows (itself included) in the model\'s encoded input space, as AIF360\'s consistency metric does (Zemel et al. 2013). ' +
    '1 means every row agrees with its neighbours. On large datasets a seeded sample of rows is queried against all rows. ' +
    'Seeded bootstrap interval over the queried rows.',
  metric: {
    name: 'consistency',
    title: 'kNN consistency',
    direction: 'higher',
    range: [0, 1],
    definition:
      '1 − (1/n) Σ_i |ŷ_i − mean of ŷ over the k = 5 nearest rows of i| (Euclidean, itself included); AIF360 ' +
      'BinaryLabelDatasetMetric.consistency / aif360.sklearn.metrics.consistency_score; Zemel et al. 2013, "Learning Fair Representations".',
  },
  requires: { modality: ['tabular'], sensitive: true },
  defaults: { threshold: 0.5, favourable: '', neighbours: 5, samples: 500, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const settings = { ...readBootstrapParams(ID, ctx.params), rng: ctx.rng, signal: ctx.signal };
    const neighbours = wholeNumberParam(ID, ctx.params, 'neighbours', 1, 1000);
    const samples = wholeNumberParam(ID, ctx.params, 'samples', 0, 100_000_000);
    const probs = await predictAll(ctx, { share: 0.3 });
    throwIfCancelled(ctx.signal);
    const decisions = decide(probs, ctx.model.labels, ctx.data.y, ctx.data.binding, readDecisionParams(ID, ctx.params), ID);
    const { n, x, sampleSize } = ctx.data;
    const queries = sampleRows(n, samples, ctx.rng.fork('queries'));
    const sparse = sparseRows(x, sampleSize);
    const values = new Float64Array(queries.length);
    for (let start = 0; start < queries.length; start += STEP) {
      const part = queries.subarray(start, Math.min(queries.length, start + STEP));
      values.set(consistencyOfRows(sparse, decisions.yPred, part, neighbours), start);
      ctx.progress(0.3 + (0.65 * (start + part.length)) / queries.length, `Compared ${start + part.length} of ${queries.length} rows with their neighbours`);
      throwIfCancelled(ctx.signal);
    }
    const mean = (idx: Int32Array | null): number | null => {
      const count = idx ? idx.length : values.length;
      if (count === 0) return null;
      let sum = 0;
      for (let j = 0; j < count; j++) sum += values[idx ? idx[j] : j];
      return sum / count;
    };
    const intervals = seededIntervals(['consistency'], values.length, (idx) => ({ consistency: mean(idx) }), settings);
    ctx.progress(1);
    throwIfCancelled(ctx.signal);
    const value = mean(null);
    const k = Math.min(neighbours, n);
    return {
      ...(value === null
        ? { value: null, interval: null, n: 0, undefinedReason: 'there are no rows to compare' }
        : { value, interval: intervals.consistency, n: values.length }),
      groups: [],
      secondary: {},
      notes: [
        ...decisions.notes.filter((note) => !note.includes('no known label')),
        queries.length < n
          ? `Consistency of a seeded sample of ${queries.length} of ${n} rows, each compared with its ${k} nearest rows among all ${n} (parameter samples).`
          : `Consistency of all ${n} rows, each compared with its ${k} nearest rows.`,
        'Distances are Euclidean in the binding\'s encoding of the inputs, so its scaling decides how much each feature counts; ties go to the earlier row.',
        ...intervalNotes(settings.bootstrap, intervals),
      ],
      details: { decision: { rule: decisions.rule, favourable: decisions.positiveLabel }, neighbours: k, queried: queries.length },
    };
  },
});
