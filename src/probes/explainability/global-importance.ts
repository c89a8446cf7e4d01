import { defineProbe } from '../../core/probe';
import type { Json, TabularBinding } from '../../core/types';
import { tabularGroups } from '../../explain/groups';
import { predictChunked } from '../../explain/model';
import { partialDependence, quantileGrid } from '../../explain/partial-dependence';
import { agreement, correctness, importanceOn, permutationImportance } from '../../explain/permutation-importance';
import { intervalNotes, seededIntervals } from '../estimates';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { explainModelOf, gather, positiveIndex, spreadIndices, step, topClasses } from './context';
import { numericColumn, sensitiveSources } from './raw-values';
import { round6 } from './sample-means';

const ID = 'explainability/global-importance';

/** Share of the positive importance that sensitive columns hold; null when undefined. */
function sensitiveShare(importances: (number | null)[], sensitive: boolean[]): number | null {
  let total = 0;
  let held = 0;
  importances.forEach((v, f) => {
    if (v === null || v <= 0) return;
    total += v;
    if (sensitive[f]) held += v;
  });
  return total > 0 ? held / total : null;
}

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'explainability',
  title: 'Global feature importance',
  description:
    "What the model relies on over the whole dataset. Permutation importance (Breiman 2001; scikit-learn's " +
    "permutation_importance) shuffles one raw column at a time across the rows (a one-hot group as one block) and measures " +
    'how much accuracy falls (agreement with its own predictions when the data has no labels); partial dependence ' +
    '(Friedman 2001) shows how the predicted probability moves with each numeric column. The headline is the share of the ' +
    "importance that rests on the binding's sensitive columns (or the columns they are derived from): how far the " +
    "model's decisions lean on a protected attribute directly. Intervals are seeded bootstraps over rows.",
  metric: {
    name: 'sensitive_share',
    title: 'Share of importance on sensitive columns',
    direction: 'lower',
    range: [0, 1],
    definition: 'Σ over sensitive columns of max(0, I_j) / Σ over all columns of max(0, I_j), I_j the permutation importance (mean score drop over repeats); Breiman 2001, Fisher, Rudin & Dominici 2019 (model reliance).',
  },
  requires: { modality: ['tabular'] },
  defaults: { rows: 500, repeats: 5, gridPoints: 10, dependenceRows: 200, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const bootstrap = readBootstrapParams(ID, ctx.params);
    const rowCount = wholeNumberParam(ID, ctx.params, 'rows', 2, 1_000_000);
    const repeats = wholeNumberParam(ID, ctx.params, 'repeats', 1, 100);
    const gridPoints = wholeNumberParam(ID, ctx.params, 'gridPoints', 2, 100);
    const dependenceRows = wholeNumberParam(ID, ctx.params, 'dependenceRows', 1, 1_000_000);
    step(ctx, 0, 'Choosing rows');
    const binding = ctx.data.binding as TabularBinding;
    const model = explainModelOf(ctx);
    const size = ctx.data.sampleSize;
    const k = model.classes;
    const groups = tabularGroups(binding);
    const indices = spreadIndices(ctx.data.n, rowCount);
    const n = indices.length;
    const x = gather(ctx.data.x, size, indices);
    const labels = Int32Array.from(indices, (i) => ctx.data.y[i]);
    const labelled = labels.filter((y) => y >= 0).length;
    const scoreName = labelled > 0 ? 'accuracy' : 'agreement with its own predictions';
    const scores = labelled > 0 ? correctness(labels, k) : agreement(topClasses(await predictChunked(model, x, n), k), k);
    const result = await permutationImportance({
      model, x, n, groups, scores, repeats, rng: ctx.rng.fork('permutations'),
      onProgress: (f) => step(ctx, 0.75 * f, 'Shuffling columns'),
    });
    const sources = sensitiveSources(binding);
    const sensitive = groups.names.map((name) => sources.has(name));
    const names = [...groups.names.map((_, f) => `f${f}`), 'share'] as const;
    const intervals = seededIntervals(names as readonly string[], n, (idx) => {
      const values = groups.names.map((_, f) => importanceOn(result, f, idx));
      return { ...Object.fromEntries(values.map((v, f) => [`f${f}`, v])), share: sensitiveShare(values, sensitive) };
    }, { ...bootstrap, rng: ctx.rng, signal: ctx.signal });

    // Partial dependence for numeric columns on the first `dependenceRows` of the rows.
    const pdRows = Math.min(n, dependenceRows);
    const positive = k === 2 ? positiveIndex(binding) : -1;
    const dependence: { [key: string]: Json }[] = [];
    const numericFeatures = binding.features.map((f, i) => (f.kind === 'numeric' ? i : -1)).filter((i) => i >= 0);
    for (const [t, f] of numericFeatures.entries()) {
      const column = numericColumn(binding, f, x, pdRows, size)!;
      const grid = quantileGrid(column.raw, gridPoints);
      if (grid.length < 2) continue;
      const pd = await partialDependence({ model, x, n: pdRows, slot: column.slot, grid: grid.map(column.encode) });
      const classes = positive >= 0 ? [positive] : Array.from({ length: k }, (_, c) => c);
      dependence.push({
        column: groups.names[f],
        grid: grid.map(round6),
        classes: classes.map((c) => ctx.model.labels[c]),
        values: classes.map((c) => grid.map((_, g) => round6(pd[g * k + c]))),
      });
      step(ctx, 0.75 + (0.25 * (t + 1)) / numericFeatures.length, 'Partial dependence');
    }

    const share = sensitive.some(Boolean) ? sensitiveShare(result.importances.map((i) => i.mean), sensitive) : null;
    const reason = !sensitive.some(Boolean)
      ? binding.sensitive.length === 0
        ? 'the binding names no sensitive column'
        : `no sensitive column (${binding.sensitive.join(', ')}) is a model input, so its direct share is not measured (proxies may still carry it)`
      : 'no column has a positive importance: shuffling any single column leaves the score unchanged';
    ctx.progress(1);
    return {
      ...(share === null ? { value: null, interval: null, n, undefinedReason: reason } : { value: share, interval: intervals.share, n }),
      groups: [],
      secondary: {},
      notes: [
        `Permutation importance on ${n} rows spread over the dataset, ${repeats} shuffles per column; score: ${scoreName}${labelled > 0 && labelled < n ? ` (${labelled} labelled rows)` : ''}.`,
        ...(sensitive.some(Boolean) ? [`Sensitive columns among the inputs: ${groups.names.filter((_, f) => sensitive[f]).join(', ')}.`] : []),
        dependence.length > 0
          ? `Partial dependence on the first ${pdRows} of those rows, ${gridPoints} grid points between the 5th and 95th percentiles, for ${positive >= 0 ? `the probability of '${ctx.model.labels[positive]}'` : 'every class'}.`
          : 'No numeric column for partial dependence.',
        ...intervalNotes(bootstrap.bootstrap, intervals),
      ],
      details: {
        score: scoreName,
        baselineScore: round6(result.baseline),
        rows: n,
        features: groups.names.map((name, f) => ({
          column: name,
          kind: binding.features[f].kind,
          sensitive: sensitive[f],
          importance: round6(result.importances[f].mean),
          std: round6(result.importances[f].std),
          low: intervals[`f${f}`] ? round6(intervals[`f${f}`]!.low) : null,
          high: intervals[`f${f}`] ? round6(intervals[`f${f}`]!.high) : null,
        })),
        dependence,
      },
    };
  },
});
