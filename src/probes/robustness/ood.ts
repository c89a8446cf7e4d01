import { defineProbe, throwIfCancelled, type ProbeContext } from '../../core/probe';
import type { GroupEstimate, Interval, Json, Measurement } from '../../core/types';
import { bootstrapIntervals } from '../../metrics/bootstrap';
import { intervalNotes, toEstimate } from '../estimates';
import { numberBetweenParam, readBootstrapParams, wholeNumberParam } from '../params';
import { predictAll } from '../predict-all';
import { declaredSource, syntheticImageSources, syntheticTableSources, type OodSource } from './ood-sources';
import { rankScores, summarizeRanked, type RankedScores } from '../../metrics/roc';
import { histogram, logProbabilities, maxSoftmax, negativeEnergy } from './ood-scores';

const ID = 'robustness/ood';
const CHUNK = 512;
const BINS = 20;

/** A maximum softmax probability this close to 1 is 1 in float32 (2⁻²⁴ below it is the next value). */
const SATURATED = 1 - 2 ** -25;

/** Energies closer than this over every input count as one value (the score cannot rank). */
const CONSTANT = 1e-6;

export default defineProbe({
  id: ID,
  version: 2,
  pillar: 'robustness',
  title: 'Out-of-distribution detection',
  description:
    'How well the model\'s own confidence tells its data apart from inputs of another distribution: the out-of-distribution set ' +
    'the run declares (role "ood"), or, when none is given, synthetic inputs (uniform-noise and pixel-shuffled images; ' +
    'column-shuffled and uniform rows for tables). Scores every input by maximum softmax probability (Hendrycks & Gimpel 2017) ' +
    'and by the energy score on the logits (Liu et al. 2020), and reports the area under the ROC curve of each, with ' +
    'in-distribution as positive, and the false-positive rate at 95 % true-positive rate.',
  metric: {
    name: 'auroc_msp',
    title: 'AUROC, maximum softmax probability',
    direction: 'higher',
    range: [0, 1],
    definition:
      'Area under the ROC curve separating in-distribution (positive) from OOD inputs by max_k p_k (Hendrycks & Gimpel 2017, "A Baseline for Detecting Misclassified and Out-of-Distribution Examples", ICLR); ties count one half (sklearn.metrics.roc_auc_score). 0.5 = no separation.',
  },
  secondary: [
    {
      name: 'auroc_energy',
      title: 'AUROC, energy score',
      direction: 'higher',
      range: [0, 1],
      definition: 'The same area for −E(x) = T·log Σ_k exp(f_k(x)/T) on the logits (Liu, Wang, Owens & Li 2020, "Energy-based Out-of-distribution Detection", NeurIPS, eq. 1; T = 1). Undefined when the model gives no logits (see the notes).',
    },
    {
      name: 'auroc_detector',
      title: 'AUROC, the model\'s OOD detector',
      direction: 'higher',
      range: [0, 1],
      definition:
        'The AUROC of the energy score when it is defined (the model\'s logits are bound), else of the maximum softmax probability. ' +
        'Chosen by that rule before looking at either value, so picking it adds no optimism: Liu et al. (2020, §4) show energy matching or beating MSP ' +
        'and it cannot saturate the way a float32 softmax does.',
    },
    {
      name: 'fpr_at_95_tpr',
      title: 'FPR at 95 % TPR (MSP)',
      direction: 'lower',
      range: [0, 1],
      definition: 'Share of OOD inputs whose maximum softmax probability is at least the threshold that keeps 95 % of in-distribution inputs (Liang, Li & Srikant 2018, "Enhancing the Reliability of Out-of-distribution Image Detection in Neural Networks", ICLR).',
    },
  ],
  requires: {},
  reads: ['ood'],
  defaults: { oodSamples: 1000, syntheticSamples: 500, temperature: 1, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const settings = readBootstrapParams(ID, ctx.params);
    const oodSamples = wholeNumberParam(ID, ctx.params, 'oodSamples', 1, 1_000_000);
    const syntheticSamples = wholeNumberParam(ID, ctx.params, 'syntheticSamples', 1, 100_000);
    const temperature = numberBetweenParam(ID, ctx.params, 'temperature', 0, 1e6);
    const k = ctx.model.labels.length;

    const inProbs = await predictAll(ctx, { share: 0.2 });
    throwIfCancelled(ctx.signal);
    const declared = declaredSource(ctx, oodSamples);
    let sources: OodSource[];
    if (declared) {
      sources = [declared];
    } else if (ctx.data.binding.kind === 'image') {
      sources = syntheticImageSources(ctx, syntheticSamples);
    } else {
      const made = syntheticTableSources(ctx, syntheticSamples);
      if ('reason' in made) return undefinedMeasurement(ctx.data.n, `No OOD set was given and ${made.reason}.`);
      sources = made.sources;
    }
    const outProbs: Float32Array[] = [];
    for (const source of sources) outProbs.push(await predictChunks(ctx, source.x, source.n, (x, n) => ctx.model.predict(x, n, ctx.signal), 0.2, 0.3));

    // Energy needs logits; probability outputs only give log-probabilities, whose log-sum-exp is log Σ p = 0.
    const logitsOf = ctx.model.logits;
    const energyFrom = logitsOf ? (ctx.data.binding.output.kind === 'sigmoid' ? 'logits recovered from sigmoid outputs, log(s / (1 − s))' : 'logits') : 'log-probabilities';
    let inEnergy: Float64Array;
    const outEnergy: Float64Array[] = [];
    if (logitsOf) {
      inEnergy = negativeEnergy(await predictChunks(ctx, ctx.data.x, ctx.data.n, (x, n) => logitsOf(x, n, ctx.signal), 0.5, 0.25), k, temperature);
      for (const source of sources) outEnergy.push(negativeEnergy(await predictChunks(ctx, source.x, source.n, (x, n) => logitsOf(x, n, ctx.signal), 0.75, 0.15), k, temperature));
    } else {
      inEnergy = negativeEnergy(logProbabilities(inProbs), k, temperature);
      outProbs.forEach((p) => outEnergy.push(negativeEnergy(logProbabilities(p), k, temperature)));
    }
    throwIfCancelled(ctx.signal);
    return summarise(ctx, {
      sources, inMsp: maxSoftmax(inProbs, k), outMsp: outProbs.map((p) => maxSoftmax(p, k)), inEnergy, outEnergy,
      energyFrom, temperature, settings, k,
    });
  },
});

async function predictChunks(
  ctx: ProbeContext<Record<string, Json>>,
  x: Float32Array,
  n: number,
  predict: (x: Float32Array, n: number) => Promise<Float32Array>,
  from: number,
  share: number,
): Promise<Float32Array> {
  const size = n === 0 ? 0 : x.length / n;
  const parts: Float32Array[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    throwIfCancelled(ctx.signal);
    const count = Math.min(CHUNK, n - start);
    parts.push(await predict(x.subarray(start * size, (start + count) * size), count));
    ctx.progress(from + (share * (start + count)) / n);
  }
  const width = parts.length > 0 ? parts[0].length / Math.min(CHUNK, n) : 0;
  const out = new Float32Array(n * width);
  parts.forEach((p, i) => out.set(p, i * CHUNK * width));
  return out;
}

function undefinedMeasurement(n: number, reason: string): Measurement {
  const none = { value: null, interval: null, n, undefinedReason: reason };
  return { ...none, groups: [], secondary: { auroc_energy: { ...none }, auroc_detector: { ...none }, fpr_at_95_tpr: { ...none } }, notes: [reason] };
}

interface Scored {
  sources: OodSource[];
  inMsp: Float64Array;
  outMsp: Float64Array[];
  inEnergy: Float64Array;
  outEnergy: Float64Array[];
  energyFrom: string;
  temperature: number;
  settings: { bootstrap: number; level: number };
  k: number;
}

function summarise(ctx: ProbeContext<Record<string, Json>>, s: Scored): Measurement {
  const nIn = s.inMsp.length;
  const nOut = s.outMsp.reduce((a, b) => a + b.length, 0);
  const total = nIn + nOut;
  const concat = (inside: Float64Array, outside: Float64Array[]) => {
    const all = new Float64Array(total);
    all.set(inside);
    let at = nIn;
    for (const o of outside) {
      all.set(o, at);
      at += o.length;
    }
    return all;
  };
  const msp = concat(s.inMsp, s.outMsp);
  const energy = concat(s.inEnergy, s.outEnergy);
  const positives = new Uint8Array(total);
  positives.fill(1, 0, nIn);
  // Stratum 0 = in-distribution, 1 + j = source j: every resample keeps each set's size.
  const strata = new Int32Array(total);
  let at = nIn;
  s.sources.forEach((src, j) => {
    strata.fill(1 + j, at, at + src.n);
    at += src.n;
  });
  let lowE = Infinity;
  let highE = -Infinity;
  for (const e of energy) {
    lowE = Math.min(lowE, e);
    highE = Math.max(highE, e);
  }
  const energyConstant = highE - lowE <= CONSTANT * Math.max(1, Math.abs(highE));
  const constantValue = (lowE + highE) / 2;
  const energyReason = `the model gives probabilities, not logits: the energy score computed from log-probabilities is log Σ_k p_k = ${Math.abs(constantValue) < 5e-7 ? '0' : constantValue.toFixed(6)} for every input, so it cannot rank inputs. Bind the model's pre-softmax outputs with output kind "logits" to get it`;

  const weightedAuc = (ranked: RankedScores, flags: Uint8Array, weights?: Float64Array) => summarizeRanked(ranked, flags, { weights }).auc;
  const rankedMsp = rankScores(msp);
  const rankedEnergy = rankScores(energy);
  // Per source: the in-distribution samples plus that source's (weights zero elsewhere).
  const sourceMasks = s.sources.map((_, j) => Float64Array.from(strata, (st) => (st === 0 || st === 1 + j ? 1 : 0)));
  const counts = new Float64Array(total);
  const weighted = new Float64Array(total);
  const statistics = (idx: Int32Array | null): Record<string, number | null> => {
    let w: Float64Array | undefined;
    if (idx) {
      counts.fill(0);
      for (const i of idx) counts[i]++;
      w = counts;
    }
    const mspSummary = summarizeRanked(rankedMsp, positives, { weights: w });
    const out: Record<string, number | null> = {
      auroc_msp: mspSummary.auc,
      auroc_energy: energyConstant ? null : weightedAuc(rankedEnergy, positives, w),
      fpr_at_95_tpr: mspSummary.fprAtTpr,
    };
    s.sources.forEach((_, j) => {
      const mask = sourceMasks[j];
      for (let i = 0; i < total; i++) weighted[i] = mask[i] * (w ? w[i] : 1);
      out[`msp:${j}`] = weightedAuc(rankedMsp, positives, weighted);
      out[`energy:${j}`] = energyConstant ? null : weightedAuc(rankedEnergy, positives, weighted);
    });
    return out;
  };
  const point = statistics(null);
  const names = Object.keys(point);
  const intervals: Record<string, Interval | null> = bootstrapIntervals(total, names, (idx) => statistics(idx), {
    rng: ctx.rng.fork('bootstrap'), resamples: s.settings.bootstrap, level: s.settings.level, strata, signal: ctx.signal,
  });
  ctx.progress(1);

  const estimate = (name: string, n: number, reason: string) => toEstimate(point[name], n, intervals[name] ?? null, reason);
  const groups: GroupEstimate[] = s.sources.map((src, j) => ({ group: src.name, status: 'ok', ...estimate(`msp:${j}`, src.n, 'no inputs') }));
  const declared = s.sources.some((src) => src.kind === 'declared');
  // A softmax over very large logits gives 1 (in float32) to nearly every input: MSP then ties.
  const saturatedShare = (values: Float64Array[]) => {
    let count = 0;
    let total = 0;
    for (const v of values) for (const x of v) { total++; if (x >= SATURATED) count++; }
    return total === 0 ? 0 : count / total;
  };
  const saturatedIn = saturatedShare([s.inMsp]);
  const saturatedOut = saturatedShare(s.outMsp);
  const saturation = saturatedIn >= 0.5 && saturatedOut >= 0.5
    ? [`The softmax is saturated: ${(100 * saturatedIn).toFixed(1)} % of in-distribution and ${(100 * saturatedOut).toFixed(1)} % of OOD inputs have a maximum probability of 1 to float32 precision, so MSP ties and cannot rank them (an AUROC near 0.5 says nothing about the model's features).${energyConstant ? '' : ' The energy score, computed from the logits, does not saturate: read it instead.'}`]
    : [];
  const mspEdges = [1 / s.k, 1];
  return {
    ...estimate('auroc_msp', nIn, 'no inputs'),
    groups,
    secondary: {
      auroc_energy: estimate('auroc_energy', nIn, energyConstant ? energyReason : 'no inputs'),
      auroc_detector: estimate(energyConstant ? 'auroc_msp' : 'auroc_energy', nIn, 'no inputs'),
      fpr_at_95_tpr: estimate('fpr_at_95_tpr', nIn, 'no inputs'),
    },
    notes: [
      declared
        ? `In-distribution: the ${nIn.toLocaleString('en-US')} evaluated samples; out-of-distribution: ${s.sources.map((src) => `'${src.name}' (${src.n.toLocaleString('en-US')})`).join(', ')}, the set declared for this run.`
        : `No out-of-distribution set was given, so synthetic inputs stand in: ${s.sources.map((src) => `${src.name} (${src.n.toLocaleString('en-US')})`).join(' and ')}. They are easy to tell apart; a real OOD set (role "ood") measures much more.`,
      ...saturation,
      `Energy score from ${s.energyFrom}${s.temperature === 1 ? '' : `, temperature ${s.temperature}`}.${energyConstant ? ` It is undefined here: ${energyReason}.` : ''}`,
      `The model's OOD detector (the AUROC graded from policy version 2 on) is ${energyConstant ? 'the maximum softmax probability, as the energy score is undefined' : 'the energy score, as the logits are bound'}.`,
      `n counts the ${nIn.toLocaleString('en-US')} in-distribution samples; ${nOut.toLocaleString('en-US')} out-of-distribution inputs were scored against them. Per-source values are the MSP AUROC of the in-distribution samples against that source alone (n = the source's inputs).`,
      'Intervals: percentile bootstrap with the in-distribution and each OOD source resampled separately.',
      ...intervalNotes(s.settings.bootstrap, intervals),
    ],
    details: {
      groupMetric: 'AUROC (maximum softmax probability) against each OOD source',
      energyFrom: s.energyFrom,
      temperature: s.temperature,
      mspSaturated: { in: saturatedIn, out: saturatedOut },
      inDistribution: { name: ctx.data.dataset.manifest.name, n: nIn },
      sources: s.sources.map((src, j) => ({
        name: src.name, kind: src.kind, n: src.n, aurocMsp: point[`msp:${j}`], aurocEnergy: point[`energy:${j}`],
      })),
      histograms: {
        msp: { low: mspEdges[0], high: mspEdges[1], in: histogram(s.inMsp, mspEdges[0], mspEdges[1], BINS), out: s.outMsp.map((o) => histogram(o, mspEdges[0], mspEdges[1], BINS)) },
        energy: energyConstant ? null : { low: lowE, high: highE, in: histogram(s.inEnergy, lowE, highE, BINS), out: s.outEnergy.map((o) => histogram(o, lowE, highE, BINS)) },
      },
    },
  };
}
