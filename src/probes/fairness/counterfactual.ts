import { encodeRows, featureSlices } from '../../core/binding';
import { defineProbe, throwIfCancelled, type ProbeContext } from '../../core/probe';
import type { Estimate, GroupEstimate, Json, TabularBinding } from '../../core/types';
import { MISSING_GROUP } from '../../core/encode-tabular';
import { intervalNotes, seededIntervals } from '../estimates';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { predictAll, PredictionShapeError } from '../predict-all';
import { decide, decisionAt, type Decisions } from './decisions';
import { planSwap, type SwapPlan } from './counterfactual-plan';
import { chooseAttributes, readDecisionParams, stringListParam } from './params';
import { sampleRows } from './sample-rows';

const ID = 'fairness/counterfactual';
/** Counterfactual rows encoded and predicted per batch. */
const BATCH = 1024;

type Params = Record<string, Json>;

/** Per tested row: whether any other value flips the decision, the share that do, mean |Δp|. NaN = row not tested. */
interface AttributeOutcome {
  plan: Extract<SwapPlan, { testable: true }>;
  anyFlip: Float64Array;
  pairFlips: Float64Array;
  change: Float64Array;
  tested: number;
}

export default defineProbe<Params>({
  id: ID,
  version: 1,
  pillar: 'fairness',
  title: 'Counterfactual flip test',
  description:
    'For every row, sets one sensitive attribute to each other value it takes in the data, re-encodes the row through the ' +
    'binding, and asks the model again: how often does the decision change, and by how much does the probability of the ' +
    'favourable class move? Attributes derived by the binding (such as sex from a personal-status code, or an age group) are ' +
    'changed through their source column. An attribute the model does not read is reported as untestable, never as fair. ' +
    'Other features are left as they are, so correlated proxies are not changed (see the proxy probe). Seeded bootstrap intervals over rows.',
  metric: {
    name: 'flip_rate',
    title: 'Counterfactual flip rate',
    direction: 'lower',
    range: [0, 1],
    definition:
      'Share of rows whose decision changes when the sensitive attribute alone is set to at least one other value (Kusner et al. 2017, ' +
      '"Counterfactual Fairness", tested by attribute swaps as in Garg et al. 2019, "Counterfactual Fairness in Text Classification ' +
      'through Robustness"); worst over the attributes the model reads.',
  },
  secondary: [
    {
      name: 'pair_flip_rate', title: 'Flip rate per swap', direction: 'lower', range: [0, 1],
      definition: 'Share of (row, other value) swaps that change the decision; worst over attributes.',
    },
    {
      name: 'mean_abs_change', title: 'Mean absolute change of P(favourable)', direction: 'lower', range: [0, 1],
      definition: 'Mean over rows and swaps of |p′(favourable) − p(favourable)| (the counterfactual gap of Garg et al. 2019); worst over attributes.',
    },
  ],
  requires: { modality: ['tabular'], sensitive: true },
  // maxRows: a seeded sample keeps large datasets within the time budget (each row costs one model call per other value).
  defaults: { threshold: 0.5, favourable: '', attributes: [], maxRows: 5000, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const settings = { ...readBootstrapParams(ID, ctx.params), rng: ctx.rng, signal: ctx.signal };
    const decision = readDecisionParams(ID, ctx.params);
    const maxRows = wholeNumberParam(ID, ctx.params, 'maxRows', 0, 100_000_000);
    const attributes = chooseAttributes(ID, stringListParam(ID, ctx.params, 'attributes'), Object.keys(ctx.data.sensitive));
    const probs = await predictAll(ctx, { share: 0.2 });
    throwIfCancelled(ctx.signal);
    const decisions = decide(probs, ctx.model.labels, ctx.data.y, ctx.data.binding, decision, ID);
    const table = ctx.data.dataset.data;
    const binding = ctx.data.binding as TabularBinding;
    const rows = sampleRows(ctx.data.n, maxRows, ctx.rng.fork('rows'));
    const plans = attributes.map((a): SwapPlan => (table.kind === 'tabular'
      ? planSwap(a, table, binding, ctx.data.sensitive[a])
      : { attribute: a, testable: false, reason: 'the dataset has no rows of raw values' }));

    const outcomes = await flipAll(ctx, plans, binding, rows, probs, decisions, decision.threshold);
    const names = outcomes.flatMap((o) => [`${o.plan.attribute}:flip`, `${o.plan.attribute}:pairs`, `${o.plan.attribute}:change`]);
    const statistics = (idx: Int32Array | null): Record<string, number | null> => {
      const out: Record<string, number | null> = {};
      for (const o of outcomes) {
        out[`${o.plan.attribute}:flip`] = meanOfTested(o.anyFlip, idx);
        out[`${o.plan.attribute}:pairs`] = meanOfTested(o.pairFlips, idx);
        out[`${o.plan.attribute}:change`] = meanOfTested(o.change, idx);
      }
      out.flip_rate = worst(outcomes.map((o) => out[`${o.plan.attribute}:flip`]));
      out.pair_flip_rate = worst(outcomes.map((o) => out[`${o.plan.attribute}:pairs`]));
      out.mean_abs_change = worst(outcomes.map((o) => out[`${o.plan.attribute}:change`]));
      return out;
    };
    const allNames = [...names, 'flip_rate', 'pair_flip_rate', 'mean_abs_change'];
    const intervals = outcomes.length === 0
      ? Object.fromEntries(allNames.map((k) => [k, null]))
      : seededIntervals(allNames, rows.length, statistics, settings);
    ctx.progress(1);
    throwIfCancelled(ctx.signal);

    const point = statistics(null);
    const untestable = plans.filter((p): p is Extract<SwapPlan, { testable: false }> => !p.testable);
    const none = `no sensitive attribute can be tested: ${untestable.map((p) => `${p.attribute}: ${p.reason}`).join('; ')}`;
    const estimate = (name: string): Estimate => {
      const value = point[name];
      return value === null || outcomes.length === 0
        ? { value: null, interval: null, n: rows.length, undefinedReason: outcomes.length === 0 ? none : 'no row has a value of the attribute to change' }
        : { value, interval: intervals[name], n: rows.length };
    };
    const groups: GroupEstimate[] = plans.map((plan) => {
      const o = outcomes.find((x) => x.plan.attribute === plan.attribute);
      if (!o) return { group: plan.attribute, status: 'ok', value: null, interval: null, n: 0, undefinedReason: plan.testable ? 'not tested' : plan.reason };
      const value = point[`${plan.attribute}:flip`];
      return value === null
        ? { group: plan.attribute, status: 'ok', value: null, interval: null, n: o.tested, undefinedReason: 'no row has a value of the attribute to change' }
        : { group: plan.attribute, status: 'ok', value, interval: intervals[`${plan.attribute}:flip`], n: o.tested };
    });
    return {
      ...estimate('flip_rate'),
      groups,
      secondary: { pair_flip_rate: estimate('pair_flip_rate'), mean_abs_change: estimate('mean_abs_change') },
      notes: [
        ...decisions.notes,
        rows.length < ctx.data.n ? `Tested a seeded sample of ${rows.length} of ${ctx.data.n} rows (parameter maxRows).` : `Tested all ${rows.length} rows.`,
        ...outcomes.map((o) => o.plan.how + '.'),
        ...untestable.map((p) => `Not tested — ${p.attribute}: ${p.reason}.`),
        ...intervalNotes(settings.bootstrap, intervals),
      ],
      details: {
        groupMetric: 'Flip rate by sensitive attribute',
        decision: { rule: decisions.rule, favourable: decisions.positiveLabel },
        rowsTested: rows.length,
        attributes: plans.map((plan) => attributeDetails(plan, outcomes, point, intervals, ctx.data.sensitive[plan.attribute], rows)),
      },
    };
  },
});

function meanOfTested(values: Float64Array, idx: Int32Array | null): number | null {
  let sum = 0;
  let count = 0;
  const total = idx ? idx.length : values.length;
  for (let j = 0; j < total; j++) {
    const v = values[idx ? idx[j] : j];
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  return count === 0 ? null : sum / count;
}

function worst(values: (number | null)[]): number | null {
  let out: number | null = null;
  for (const v of values) if (v !== null && (out === null || v > out)) out = v;
  return out;
}

/**
 * The encoded slots that depend on the plan's column (its own features and those of columns
 * derived from it), and what they hold for each value: changing one raw cell changes only these,
 * so a counterfactual row is the original encoding with them overwritten — exactly what
 * re-encoding the changed raw row through the binding gives.
 */
export function valueEncodings(plan: Extract<SwapPlan, { testable: true }>, binding: TabularBinding): { slices: { start: number; width: number }[]; byValue: Map<string, Float32Array> } {
  const chain = new Set([plan.column]);
  for (const d of binding.derive ?? []) if (chain.has(d.from)) chain.add(d.name);
  const slices = featureSlices(binding).filter((slice) => chain.has(slice.column));
  const reduced: TabularBinding = {
    ...binding,
    derive: (binding.derive ?? []).filter((d) => chain.has(d.name)),
    features: binding.features.filter((f) => chain.has(f.column)),
  };
  const byValue = new Map(plan.values.map((value) => [value, encodeRows([[plan.rawFor.get(value) ?? value]], [plan.column], reduced)]));
  return { slices: slices.map((s) => ({ start: s.start, width: s.width })), byValue };
}

async function flipAll(
  ctx: ProbeContext<Params>,
  plans: SwapPlan[],
  binding: TabularBinding,
  rows: Int32Array,
  probs: Float32Array,
  decisions: Decisions,
  threshold: number,
): Promise<AttributeOutcome[]> {
  const k = ctx.model.labels.length;
  const { x, sampleSize } = ctx.data;
  const testable = plans.filter((p): p is Extract<SwapPlan, { testable: true }> => p.testable);
  let total = 0;
  for (const plan of testable) {
    for (const r of rows) if (ctx.data.sensitive[plan.attribute][r] !== MISSING_GROUP) total += plan.values.length - 1;
  }
  let done = 0;
  const outcomes: AttributeOutcome[] = [];
  const batchX = new Float32Array(BATCH * sampleSize);
  for (const plan of testable) {
    const m = rows.length;
    const o: AttributeOutcome = {
      plan, anyFlip: new Float64Array(m).fill(NaN), pairFlips: new Float64Array(m).fill(NaN), change: new Float64Array(m).fill(NaN), tested: 0,
    };
    const { slices, byValue } = valueEncodings(plan, binding);
    const column = ctx.data.sensitive[plan.attribute];
    const pending: { at: number; row: number }[] = [];
    const flush = async (): Promise<void> => {
      const count = pending.length;
      if (count === 0) return;
      throwIfCancelled(ctx.signal);
      const out = await ctx.model.predict(batchX.subarray(0, count * sampleSize), count, ctx.signal);
      if (out.length !== count * k) {
        throw new PredictionShapeError(`The model returned ${out.length} values for ${count} counterfactual rows; expected ${count * k}.`);
      }
      pending.forEach(({ at, row }, j) => {
        const flipped = decisionAt(out, k, j, decisions.positive, threshold) !== decisions.yPred[row] ? 1 : 0;
        const delta = Math.abs(out[j * k + decisions.positive] - probs[row * k + decisions.positive]);
        if (Number.isNaN(o.anyFlip[at])) {
          o.anyFlip[at] = 0;
          o.pairFlips[at] = 0;
          o.change[at] = 0;
        }
        o.anyFlip[at] = Math.max(o.anyFlip[at], flipped);
        o.pairFlips[at] += flipped / (plan.values.length - 1);
        o.change[at] += delta / (plan.values.length - 1);
      });
      done += count;
      pending.length = 0;
      ctx.progress(0.2 + (0.75 * done) / Math.max(1, total), `Asked the model about ${done} of ${total} counterfactual rows`);
      throwIfCancelled(ctx.signal);
    };
    for (let at = 0; at < rows.length; at++) {
      const row = rows[at];
      const current = column[row];
      if (current === MISSING_GROUP) continue;
      o.tested++;
      for (const value of plan.values) {
        if (value === current) continue;
        const into = pending.length * sampleSize;
        batchX.set(x.subarray(row * sampleSize, (row + 1) * sampleSize), into);
        const encoded = byValue.get(value)!;
        let from = 0;
        for (const slice of slices) {
          batchX.set(encoded.subarray(from, from + slice.width), into + slice.start);
          from += slice.width;
        }
        pending.push({ at, row });
        if (pending.length >= BATCH) await flush();
      }
    }
    await flush();
    outcomes.push(o);
  }
  return outcomes;
}

function attributeDetails(
  plan: SwapPlan,
  outcomes: AttributeOutcome[],
  point: Record<string, number | null>,
  intervals: Record<string, { low: number; high: number } | null>,
  column: string[],
  rows: Int32Array,
): { [key: string]: Json } {
  if (!plan.testable) return { attribute: plan.attribute, testable: false, reason: plan.reason };
  const o = outcomes.find((x) => x.plan.attribute === plan.attribute)!;
  const interval = intervals[`${plan.attribute}:flip`];
  // Flip rate by the row's own value: who would be treated differently as someone else.
  const fromValues = plan.values.map((value) => {
    let count = 0;
    let flips = 0;
    rows.forEach((row, at) => {
      if (column[row] !== value || Number.isNaN(o.anyFlip[at])) return;
      count++;
      flips += o.anyFlip[at];
    });
    return { value, rows: count, flipRate: count === 0 ? null : flips / count };
  });
  return {
    attribute: plan.attribute,
    testable: true,
    how: plan.how,
    rows: o.tested,
    flipRate: point[`${plan.attribute}:flip`],
    ...(interval ? { low: interval.low, high: interval.high } : {}),
    pairFlipRate: point[`${plan.attribute}:pairs`],
    meanAbsChange: point[`${plan.attribute}:change`],
    fromValues,
  };
}
