import { defineProbe, throwIfCancelled, type ProbeContext } from '../../core/probe';
import { BindingError, encodeRows } from '../../core/binding';
import type { Cell, GroupEstimate, Json, TabularBinding } from '../../core/types';
import type { Rng } from '../../core/rng';
import { argmaxPredictions } from '../../metrics/classification';
import { wilsonInterval } from '../../metrics/wilson';
import { addGaussianNoise, planPerturbation, removeValues, swapCategories, type PerturbationPlan } from '../../perturb/tabular';
import { intervalNotes, seededIntervals, toEstimate } from '../estimates';
import { ProbeParameterError, readBootstrapParams, wholeNumberParam } from '../params';
import { predictAll } from '../predict-all';
import { allPositions, seededSubset } from './subset';

const ID = 'robustness/tabular-perturbation';

type Family = 'gaussian-noise' | 'category-swap' | 'missing-values';

interface Setting {
  family: Family;
  level: number;
  name: string;
}

const FAMILIES: {
  family: Family;
  param: 'noise' | 'swap' | 'missing';
  perturb: (rows: Cell[][], plan: PerturbationPlan, level: number, rng: Rng) => Cell[][];
  name: (level: number) => string;
  applies: (plan: PerturbationPlan) => boolean;
  unavailable: string;
}[] = [
  {
    family: 'gaussian-noise', param: 'noise', perturb: addGaussianNoise, name: (k) => `Gaussian noise ${k}σ`,
    applies: (plan) => plan.numeric.some((c) => c.std > 0), unavailable: 'Gaussian noise: no numeric feature column varies',
  },
  {
    family: 'category-swap', param: 'swap', perturb: swapCategories, name: (p) => `Category swap ${formatShare(p)}`,
    applies: (plan) => plan.categorical.length > 0, unavailable: 'category swaps: no categorical feature column',
  },
  {
    family: 'missing-values', param: 'missing', perturb: removeValues, name: (p) => `Missing values ${formatShare(p)}`,
    applies: (plan) => plan.numeric.length + plan.categorical.length > 0, unavailable: 'missing values: no feature column to empty',
  },
];

function formatShare(p: number): string {
  return `${Math.round(p * 1000) / 10} %`;
}

function readLevels(params: Record<string, Json>, name: string, max: number): number[] {
  const value = params[name];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && v > 0 && v <= max)) {
    throw new ProbeParameterError(`Probe ${ID}: parameter "${name}" must be a list of numbers above 0 and at most ${max}; got ${JSON.stringify(value)}. Fix it in the suite (an empty list skips that perturbation).`);
  }
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'robustness',
  title: 'Tabular perturbations',
  description:
    'Perturbs the raw rows before the binding encodes them: Gaussian noise on numeric columns at multiples of each column\'s ' +
    'standard deviation, random swaps of categorical values for other values the model knows, and values removed so that the ' +
    'binding imputes them. For each perturbation and level, reports how many predictions flip and how much accuracy drops.',
  metric: {
    name: 'flip_rate',
    title: 'Prediction flip rate',
    direction: 'lower',
    range: [0, 1],
    definition: 'Share of rows whose predicted class changes under a perturbation, averaged over every perturbation and level run.',
  },
  secondary: [
    {
      name: 'accuracy_drop',
      title: 'Accuracy drop',
      direction: 'lower',
      range: [-1, 1],
      definition: 'Clean accuracy minus accuracy under perturbation, on the labelled rows, averaged over every perturbation and level.',
    },
    {
      name: 'worst_flip_rate',
      title: 'Worst flip rate',
      direction: 'lower',
      range: [0, 1],
      definition: 'The largest flip rate of any one perturbation and level.',
    },
  ],
  requires: { modality: ['tabular'] },
  defaults: { noise: [0.1, 0.25, 0.5, 1], swap: [0.05, 0.1, 0.25], missing: [0.05, 0.1, 0.25], samples: 2000, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const settings = { ...readBootstrapParams(ID, ctx.params), rng: ctx.rng, signal: ctx.signal };
    const maxRows = wholeNumberParam(ID, ctx.params, 'samples', 1, 1_000_000);
    const levels = { noise: readLevels(ctx.params, 'noise', 100), swap: readLevels(ctx.params, 'swap', 1), missing: readLevels(ctx.params, 'missing', 1) };
    const table = ctx.data.dataset.data;
    if (table.kind !== 'tabular' || ctx.data.binding.kind !== 'tabular') {
      throw new ProbeParameterError(`Probe ${ID} perturbs table rows, but the dataset holds images. Run it on a table.`);
    }
    const binding: TabularBinding = ctx.data.binding;
    const k = ctx.model.labels.length;
    const probs = await predictAll(ctx, { share: 0.05 });
    const subset = seededSubset(ctx.rng.fork('subset'), allPositions(ctx.data.n), maxRows);
    const m = subset.length;
    const rows = Array.from(subset, (i) => table.rows[i]);
    const plan = planPerturbation(table, binding, table.rows.slice(0, ctx.data.n));
    const cleanPred = argmaxPredictions(probs, k);

    const runnable: Setting[] = [];
    const skipped: string[] = [];
    for (const f of FAMILIES) {
      const wanted = levels[f.param];
      if (wanted.length === 0) continue;
      if (!f.applies(plan)) skipped.push(f.unavailable);
      else for (const level of wanted) runnable.push({ family: f.family, level, name: f.name(level) });
    }
    throwIfCancelled(ctx.signal);
    if (runnable.length === 0) {
      const reason = plan.numeric.length + plan.categorical.length === 0
        ? "none of the binding's feature columns is among the dataset's raw columns, so the rows cannot be perturbed"
        : 'no perturbation applies to these columns with the levels given';
      const none = { value: null, interval: null, n: m, undefinedReason: reason };
      return { ...none, groups: [], secondary: { accuracy_drop: { ...none }, worst_flip_rate: { ...none } }, notes: [reason, ...skipped] };
    }

    const flips: Uint8Array[] = [];
    const correct: Int8Array[] = [];
    for (const [s, setting] of runnable.entries()) {
      throwIfCancelled(ctx.signal);
      const family = FAMILIES.find((f) => f.family === setting.family)!;
      const perturbed = family.perturb(rows, plan, setting.level, ctx.rng.fork(`${setting.family}/${setting.level}`));
      let x: Float32Array;
      try {
        x = encodeRows(perturbed, table.columns, binding);
      } catch (error) {
        if (error instanceof BindingError) throw new ProbeParameterError(`Probe ${ID}: the perturbed rows could not be encoded (${error.message}).`);
        throw error;
      }
      const predicted = argmaxPredictions(await ctx.model.predict(x, m, ctx.signal), k);
      const flip = new Uint8Array(m);
      const right = new Int8Array(m).fill(-1);
      for (let j = 0; j < m; j++) {
        const i = subset[j];
        flip[j] = predicted[j] !== cleanPred[i] ? 1 : 0;
        if (ctx.data.y[i] >= 0) right[j] = predicted[j] === ctx.data.y[i] ? 1 : 0;
      }
      flips.push(flip);
      correct.push(right);
      ctx.progress(0.05 + (0.85 * (s + 1)) / runnable.length, setting.name);
    }
    throwIfCancelled(ctx.signal);
    return summarise(ctx, { subset, cleanPred, runnable, flips, correct, plan, skipped, settings });
  },
});

function summarise(
  ctx: ProbeContext<Record<string, Json>>,
  r: {
    subset: Int32Array;
    cleanPred: Int32Array;
    runnable: Setting[];
    flips: Uint8Array[];
    correct: Int8Array[];
    plan: PerturbationPlan;
    skipped: string[];
    settings: ReturnType<typeof readBootstrapParams> & { rng: Rng; signal: AbortSignal };
  },
) {
  const { subset, cleanPred, runnable, flips, correct, plan, skipped, settings } = r;
  const m = subset.length;
  const S = runnable.length;
  const cleanRight = Int8Array.from(subset, (i) => (ctx.data.y[i] < 0 ? -1 : cleanPred[i] === ctx.data.y[i] ? 1 : 0));
  const statistics = (idx: Int32Array | null) => {
    const count = idx ? idx.length : m;
    const flipSums = new Float64Array(S);
    const rightSums = new Float64Array(S);
    let labelled = 0;
    let cleanSum = 0;
    for (let t = 0; t < count; t++) {
      const j = idx ? idx[t] : t;
      for (let s = 0; s < S; s++) flipSums[s] += flips[s][j];
      if (cleanRight[j] >= 0) {
        labelled++;
        cleanSum += cleanRight[j];
        for (let s = 0; s < S; s++) rightSums[s] += correct[s][j];
      }
    }
    const rates = Array.from(flipSums, (f) => f / count);
    const out: Record<string, number | null> = {
      flip_rate: rates.reduce((a, b) => a + b, 0) / S,
      worst_flip_rate: Math.max(...rates),
      accuracy_drop: labelled > 0 ? Array.from(rightSums, (a) => (cleanSum - a) / labelled).reduce((a, b) => a + b, 0) / S : null,
    };
    return out;
  };
  const point = statistics(null);
  const intervals = seededIntervals(['flip_rate', 'worst_flip_rate', 'accuracy_drop'], m, (idx) => statistics(idx), settings);
  ctx.progress(1);
  const labelled = cleanRight.filter((v) => v >= 0).length;
  const cleanAccuracy = labelled > 0 ? cleanRight.reduce((a, v) => a + (v > 0 ? 1 : 0), 0) / labelled : null;
  const rows = runnable.map((setting, s) => {
    const flipped = flips[s].reduce((a, b) => a + b, 0);
    const interval = wilsonInterval(flipped, m, settings.level);
    let right = 0;
    for (const v of correct[s]) if (v > 0) right++;
    const accuracy = labelled > 0 ? right / labelled : null;
    return {
      family: setting.family, level: setting.level, name: setting.name,
      flipRate: flipped / m, low: interval?.low ?? null, high: interval?.high ?? null, flipped, n: m,
      accuracy, accuracyDrop: accuracy !== null && cleanAccuracy !== null ? cleanAccuracy - accuracy : null, labelled,
    };
  });
  const groups: GroupEstimate[] = rows.map((row) => ({
    group: row.name, status: 'ok', value: row.flipRate, interval: wilsonInterval(row.flipped, m, settings.level), n: m,
  }));
  const noLabels = 'no evaluated row has a known label';
  return {
    ...toEstimate(point.flip_rate, m, intervals.flip_rate, 'no rows'),
    groups,
    secondary: {
      accuracy_drop: toEstimate(point.accuracy_drop, labelled, intervals.accuracy_drop, noLabels),
      worst_flip_rate: toEstimate(point.worst_flip_rate, m, intervals.worst_flip_rate, 'no rows'),
    },
    notes: [
      `${m.toLocaleString('en-US')} rows${m < ctx.data.n ? ` (a seeded random sample of ${ctx.data.n.toLocaleString('en-US')})` : ''}, each perturbed once per perturbation and level.`,
      `Perturbed columns: numeric ${plan.numeric.map((c) => `'${c.name}' (σ = ${Number(c.std.toPrecision(4))})`).join(', ') || 'none'}; categorical ${plan.categorical.map((c) => `'${c.name}'`).join(', ') || 'none'}.`,
      'Missing values are imputed as the binding declares: a numeric column takes its impute value, a one-hot column encodes as all zeros (unknown).',
      ...(plan.untraced.length > 0 ? [`Not perturbed (derived from another derived column): ${plan.untraced.join(', ')}.`] : []),
      ...skipped.map((s) => `Skipped — ${s}.`),
      'Flip rates per perturbation have Wilson intervals; the averages have percentile-bootstrap intervals over rows.',
      ...intervalNotes(settings.bootstrap, intervals),
    ],
    details: {
      groupMetric: 'Prediction flip rate under each perturbation',
      cleanAccuracy,
      settings: rows,
      columns: {
        numeric: plan.numeric.map((c) => ({ column: c.name, std: c.std })),
        categorical: plan.categorical.map((c) => ({ column: c.name, values: c.values.length })),
      },
    },
  };
}
