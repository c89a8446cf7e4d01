import { channelRanges } from '../../core/encode-image';
import { featureSlices } from '../../core/binding';
import { defineProbe } from '../../core/probe';
import type { Rng } from '../../core/rng';
import type { PreparedData } from '../../core/probe';
import { maxRelativeChange, relativeChange } from '../../explain/quality/sensitivity';
import { numberBetweenParam, readBootstrapParams, wholeNumberParam } from '../params';
import { step } from './context';
import { createExplainer, METHOD_DEFAULTS, METHOD_TITLES, readMethodParams, slotSpread } from './methods';
import { round6, sampleMeans } from './sample-means';
import { explainedSamples, sampleOf } from './samples';

const ID = 'explainability/stability';

/** How a sample is nudged: per-slot half-width of uniform noise and the range values are clipped to. */
interface Nudge {
  halfWidth: Float32Array;
  low: Float32Array;
  high: Float32Array;
  /** What is perturbed, in words. */
  what: string;
}

function nudgeFor(data: PreparedData, radius: number): Nudge | null {
  const size = data.sampleSize;
  const halfWidth = new Float32Array(size);
  const low = new Float32Array(size).fill(-Infinity);
  const high = new Float32Array(size).fill(Infinity);
  const binding = data.binding;
  if (binding.kind === 'image') {
    const ranges = channelRanges(binding);
    const plane = binding.width * binding.height;
    for (let j = 0; j < size; j++) {
      const c = binding.layout === 'NCHW' ? Math.floor(j / plane) : j % binding.channels;
      halfWidth[j] = radius * (ranges[c][1] - ranges[c][0]);
      low[j] = ranges[c][0];
      high[j] = ranges[c][1];
    }
    return { halfWidth, low, high, what: `every pixel value by uniform noise of up to ±${radius} of the input range` };
  }
  const spread = slotSpread(data.x, data.n, size);
  const numeric = featureSlices(binding).filter((s) => s.kind === 'numeric');
  if (numeric.length === 0) return null;
  for (const s of numeric) halfWidth[s.start] = radius * spread[s.start];
  return { halfWidth, low, high, what: `the ${numeric.length} numeric column${numeric.length === 1 ? '' : 's'} by uniform noise of up to ±${radius} standard deviations (categories are left as they are)` };
}

function nudge(x: Float32Array, how: Nudge, rng: Rng): Float32Array {
  return Float32Array.from(x, (v, j) => (how.halfWidth[j] === 0 ? v : Math.min(how.high[j], Math.max(how.low[j], v + (2 * rng.next() - 1) * how.halfWidth[j]))));
}

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'explainability',
  title: 'Explanation stability',
  description:
    'Checks whether an explanation stays the same when the input changes imperceptibly. Each explained sample is nudged a ' +
    'few times with small uniform noise (pixels: a fraction of the input range; tables: numeric columns by a fraction of ' +
    'their standard deviation) and explained again with the same random draws; the largest relative change of the ' +
    'explanation is its max-sensitivity (Yeh et al. 2019). The class explained stays the one predicted for the original ' +
    'sample. Intervals are seeded bootstraps over the explained samples.',
  metric: {
    name: 'max_sensitivity',
    title: 'Max-sensitivity (relative)',
    direction: 'lower',
    range: [0, 2],
    definition:
      "Mean over samples of max over nudges of ‖Φ(x) − Φ(x′)‖₂ / max(‖Φ(x)‖₂, ‖Φ(x′)‖₂); Yeh et al. 2019 (NeurIPS), def. 3.1, " +
      'made relative so it does not depend on attribution units: 0 = unchanged, 1 = a change as large as the explanation.',
  },
  secondary: [
    { name: 'avg_sensitivity', title: 'Average sensitivity (relative)', direction: 'lower', range: [0, 2], definition: 'The same relative change averaged over the nudges instead of its maximum (Yeh et al. 2019, avg-sensitivity).' },
  ],
  requires: {},
  defaults: { samples: 6, perturbations: 4, radius: 0.05, ...METHOD_DEFAULTS, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const bootstrap = readBootstrapParams(ID, ctx.params);
    const count = wholeNumberParam(ID, ctx.params, 'samples', 1, 10_000);
    const perturbations = wholeNumberParam(ID, ctx.params, 'perturbations', 1, 1000);
    const radius = numberBetweenParam(ID, ctx.params, 'radius', 0, 1);
    const methodParams = readMethodParams(ID, ctx.params);
    step(ctx, 0, 'Choosing samples');
    const how = nudgeFor(ctx.data, radius);
    const { explainer, notes, evaluation, scale } = await createExplainer(ctx, methodParams, ctx.rng.fork('method'));
    if (!how) {
      const reason = 'the binding has no numeric column to nudge, and changing a category is not a small change';
      return { value: null, interval: null, n: 0, undefinedReason: reason, groups: [], notes, secondary: { avg_sensitivity: { value: null, interval: null, n: 0, undefinedReason: reason } } };
    }
    const samples = await explainedSamples(ctx, evaluation, count);
    const n = samples.indices.length;
    const size = ctx.data.sampleSize;
    const worst: (number | null)[] = [];
    const average: (number | null)[] = [];
    for (let j = 0; j < n; j++) {
      const x = sampleOf(samples.x, size, j);
      const stream = `sample-${samples.indices[j]}`;
      const reference = await explainer.explain(x, samples.targets[j], stream);
      const nudged: Float32Array[] = [];
      for (let p = 0; p < perturbations; p++) {
        const moved = nudge(x, how, ctx.rng.fork(`${stream}-nudge-${p}`));
        nudged.push(await explainer.explain(moved, samples.targets[j], stream));
        step(ctx, (j + (p + 1) / perturbations) / n, `Explained ${j + 1} of ${n} samples under noise`);
      }
      worst.push(maxRelativeChange(reference, nudged));
      const changes = nudged.map((a) => relativeChange(reference, a)).filter((c): c is number => c !== null);
      average.push(changes.length ? changes.reduce((a, b) => a + b, 0) / changes.length : null);
    }
    const reason = 'every explanation was all zero';
    const { estimates, notes: intervalNotes } = sampleMeans({ max_sensitivity: worst, avg_sensitivity: average }, n, { ...bootstrap, rng: ctx.rng, signal: ctx.signal }, { max_sensitivity: reason, avg_sensitivity: reason });
    ctx.progress(1);
    return {
      ...estimates.max_sensitivity,
      groups: [],
      secondary: { avg_sensitivity: estimates.avg_sensitivity },
      notes: [
        `Method: ${explainer.description}${scale === 'margin' ? ', on the logit margin' : ''}.`,
        `Nudged ${how.what}, ${perturbations} times per sample.`,
        ...notes,
        ...intervalNotes,
      ],
      details: {
        method: explainer.method,
        methodTitle: METHOD_TITLES[explainer.method],
        samples: Array.from(samples.indices, (index, j) => ({ index, class: ctx.model.labels[samples.targets[j]], maxSensitivity: worst[j] === null ? null : round6(worst[j]!) })),
      },
    };
  },
});
