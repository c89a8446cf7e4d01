import { defineProbe, throwIfCancelled } from '../../core/probe';
import type { Estimate, GroupEstimate, Interval, Json, Measurement } from '../../core/types';
import { argmaxPredictions } from '../../metrics/classification';
import {
  curveOfRanked, downsampleCurve, rankScores, summarizeRanked, type RankedScores, type RocPoint, type RocSummary,
} from '../../metrics/roc';
import { bootstrapIntervals } from '../../metrics/bootstrap';
import { intervalNotes, toEstimate } from '../estimates';
import { numberBetweenParam, readBootstrapParams, wholeNumberParam } from '../params';
import { ATTACKS, attackScores } from './attacks';
import { NO_SPLIT, membershipSamples, type MembershipSamples } from './membership-data';

const ID = 'privacy/membership-inference';
/** Points per ROC curve kept in the run for the chart. */
const CURVE_POINTS = 200;

const SECONDARY = ['max_advantage', 'tpr_at_low_fpr', 'loss_auc', 'accuracy_gap'] as const;
type Statistic = 'auc' | (typeof SECONDARY)[number] | `auc:${string}`;

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'privacy',
  title: 'Membership inference risk',
  description:
    'How well an attacker who sees only the model\'s predicted probabilities can tell training samples (members) from ' +
    'other samples of the same kind (non-members). Four metric-based attacks score every sample — loss, top-class ' +
    'confidence, prediction entropy and modified entropy — and each is judged by its ROC curve over all thresholds. ' +
    'Reports the best attack\'s ROC AUC (0.5 = the model gives nothing away), the largest membership advantage ' +
    '(TPR − FPR), and the TPR at 1 % FPR, the low-false-positive view recommended by Carlini et al. (2022). ' +
    'Members and non-members come from the binding\'s split column or from a second dataset of known non-members; ' +
    'intervals are seeded bootstraps stratified by membership.',
  metric: {
    name: 'attack_auc',
    title: 'Best attack ROC AUC',
    direction: 'lower',
    range: [0, 1],
    definition:
      'max over the four attacks of the area under the ROC curve of members vs non-members (Mann–Whitney, ties ½); ' +
      'Shokri et al. 2017, "Membership Inference Attacks Against Machine Learning Models", IEEE S&P; Song & Mittal 2021, USENIX Security.',
  },
  secondary: [
    {
      name: 'max_advantage',
      title: 'Membership advantage (max TPR − FPR)',
      direction: 'lower',
      range: [0, 1],
      definition: 'max over attacks and thresholds of TPR − FPR; Yeom et al. 2018, "Privacy Risk in Machine Learning", CSF, def. 4.',
    },
    {
      name: 'tpr_at_low_fpr',
      title: 'TPR at 1 % FPR',
      direction: 'lower',
      range: [0, 1],
      definition: 'max over attacks of the TPR at the threshold whose FPR does not exceed the `lowFpr` parameter (1 % by default); Carlini et al. 2022, "Membership Inference Attacks From First Principles", IEEE S&P.',
    },
    {
      name: 'loss_auc',
      title: 'Loss-attack ROC AUC',
      direction: 'lower',
      range: [0, 1],
      definition: 'ROC AUC of the loss-threshold attack alone (score log p_y); Yeom et al. 2018.',
    },
    {
      name: 'accuracy_gap',
      title: 'Accuracy gap (members − non-members)',
      direction: 'lower',
      range: [-1, 1],
      definition: 'Accuracy on members minus accuracy on non-members: the generalisation gap that drives the loss attack (Yeom et al. 2018, theorem 2).',
    },
  ],
  requires: { labels: true },
  reads: ['non-members'],
  defaults: { bootstrap: 1000, level: 0.95, lowFpr: 0.01, minPerSide: 10 },

  async run(ctx) {
    const settings = readBootstrapParams(ID, ctx.params);
    const lowFpr = numberBetweenParam(ID, ctx.params, 'lowFpr', 0, 1);
    const minPerSide = wholeNumberParam(ID, ctx.params, 'minPerSide', 1, 1_000_000);
    throwIfCancelled(ctx.signal);
    const samples = await membershipSamples(ctx, 0.8);
    ctx.progress(0.8);
    throwIfCancelled(ctx.signal);
    if (!samples) return undefinedMeasurement(NO_SPLIT, 0, []);
    const notes = membershipNotes(samples, lowFpr);
    if (samples.members < minPerSide || samples.nonMembers < minPerSide) {
      return undefinedMeasurement(
        `needs at least ${minPerSide} labelled members and ${minPerSide} labelled non-members; found ${samples.members} and ${samples.nonMembers}`,
        samples.y.length, notes,
      );
    }

    const k = ctx.model.labels.length;
    const ranked = ATTACKS.map((attack) => rankScores(attackScores(attack, samples.probs, k, samples.y)));
    const correct = correctness(samples, k);
    const point = statistics(ranked, samples, correct, lowFpr);
    ctx.progress(0.85, 'Bootstrapping the attacks');
    const names: Statistic[] = ['auc', ...SECONDARY, ...ATTACKS.map((a) => `auc:${a.id}` as const)];
    const m = samples.y.length;
    const weights = new Int32Array(m);
    // Stratified by membership, so every resample keeps the numbers of members and non-members.
    const intervals = bootstrapIntervals(m, names, (indices) => {
      weights.fill(0);
      for (let j = 0; j < indices.length; j++) weights[indices[j]]++;
      return statistics(ranked, samples, correct, lowFpr, weights).values;
    }, {
      rng: ctx.rng.fork('bootstrap'),
      resamples: settings.bootstrap,
      level: settings.level,
      strata: Int32Array.from(samples.member),
      signal: ctx.signal,
    });
    ctx.progress(1);

    const estimate = (name: Statistic): Estimate => toEstimate(point.values[name], m, intervals[name], 'undefined on these samples');
    const groups: GroupEstimate[] = ATTACKS.map((attack) => ({
      group: attack.title,
      status: 'ok',
      ...estimate(`auc:${attack.id}`),
    }));
    return {
      ...estimate('auc'),
      groups,
      secondary: Object.fromEntries(SECONDARY.map((name) => [name, estimate(name)])),
      notes: [
        ...notes,
        ...tieNotes(ranked, samples, point.summaries, lowFpr),
        ...intervalNotes(settings.bootstrap, intervals as Record<string, Interval | null>),
      ],
      details: {
        groupMetric: 'ROC AUC per attack',
        members: samples.members,
        nonMembers: samples.nonMembers,
        lowFpr,
        falsePositivesAllowed: Math.floor(lowFpr * samples.nonMembers + 1e-9),
        attacks: ATTACKS.map((attack, a) => attackDetail(attack.id, attack.title, attack.definition, ranked[a], samples, point.summaries[a], lowFpr)),
      },
    };
  },
});

/** Every statistic of one sample (or of one bootstrap resample, through weights). */
function statistics(
  ranked: RankedScores[],
  samples: MembershipSamples,
  correct: Uint8Array,
  lowFpr: number,
  weights?: Int32Array,
): { values: Record<Statistic, number | null>; summaries: RocSummary[] } {
  // Stratified resamples keep the numbers of members and non-members, so they need not be counted.
  const totals = { positives: samples.members, negatives: samples.nonMembers };
  const summaries = ranked.map((r) => summarizeRanked(r, samples.member, { weights, maxFpr: lowFpr, totals }));
  const best = (pick: (s: RocSummary) => number | null): number | null => {
    const values = summaries.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : Math.max(...values);
  };
  const values: Record<string, number | null> = {
    auc: best((s) => s.auc),
    max_advantage: best((s) => s.advantage),
    tpr_at_low_fpr: best((s) => s.tprAtFpr),
    loss_auc: summaries[ATTACKS.findIndex((a) => a.id === 'loss')].auc,
    accuracy_gap: accuracyGap(samples.member, correct, weights),
  };
  ATTACKS.forEach((attack, a) => (values[`auc:${attack.id}`] = summaries[a].auc));
  return { values: values as Record<Statistic, number | null>, summaries };
}

function correctness(samples: MembershipSamples, k: number): Uint8Array {
  const predicted = argmaxPredictions(samples.probs, k);
  return Uint8Array.from(predicted, (c, i) => (c === samples.y[i] ? 1 : 0));
}

function accuracyGap(member: Uint8Array, correct: Uint8Array, weights?: Int32Array): number | null {
  let inRight = 0, inAll = 0, outRight = 0, outAll = 0;
  for (let i = 0; i < member.length; i++) {
    const w = weights ? weights[i] : 1;
    if (member[i]) {
      inAll += w;
      inRight += w * correct[i];
    } else {
      outAll += w;
      outRight += w * correct[i];
    }
  }
  return inAll === 0 || outAll === 0 ? null : inRight / inAll - outRight / outAll;
}

function attackDetail(
  id: string, title: string, definition: string, ranked: RankedScores, samples: MembershipSamples, summary: RocSummary, lowFpr: number,
): { [key: string]: Json } {
  const curve = curveOfRanked(ranked, samples.member).points;
  const best = curve.reduce((a, b) => (b.tpr - b.fpr > a.tpr - a.fpr ? b : a), curve[0]);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    id,
    title,
    definition,
    auc: summary.auc,
    advantage: summary.advantage,
    tprAtLowFpr: summary.tprAtFpr,
    topTie: topTie(ranked, samples.member),
    bestThresholdPoint: [round(best.fpr), round(best.tpr)],
    // [fpr, tpr] pairs from (0, 0) to (1, 1), at most 200 of them.
    curve: downsampleCurve(curve, CURVE_POINTS, [best, lowFprPoint(curve, lowFpr)]).map((p: RocPoint) => [round(p.fpr), round(p.tpr)]),
  };
}

/** Members and non-members sharing an attack's most member-like score (its first tie group). */
function topTie(ranked: RankedScores, member: Uint8Array): { members: number; nonMembers: number } {
  let members = 0;
  const end = ranked.groupEnd[0] ?? 0;
  for (let p = 0; p < end; p++) members += member[ranked.order[p]];
  return { members, nonMembers: end - members };
}

/**
 * Saturated probabilities (exactly 1 in float32) tie many samples at the top of an attack's
 * ranking; a threshold cannot split a tie, which can pin the low-FPR TPR at 0 despite a high AUC.
 */
function tieNotes(ranked: RankedScores[], samples: MembershipSamples, summaries: RocSummary[], lowFpr: number): string[] {
  const allowed = Math.floor(lowFpr * samples.nonMembers + 1e-9);
  const best = summaries.reduce((b, s, a) => ((s.auc ?? 0) > (summaries[b].auc ?? 0) ? a : b), 0);
  const tie = topTie(ranked[best], samples.member);
  if (tie.nonMembers <= allowed || tie.members === 0) return [];
  return [
    `The most member-like score of the ${ATTACKS[best].title.toLowerCase()} attack is shared by ${tie.members} members and ${tie.nonMembers} non-members ` +
      '(typically probabilities that round to exactly 1): a threshold cannot flag some of them without flagging all, so its TPR at the low FPR ' +
      `is ${summaries[best].tprAtFpr === 0 ? '0' : 'held down'} even though its AUC is ${summaries[best].auc?.toFixed(3)}.`,
  ];
}

/** The curve point that gives the TPR at the low FPR: the last one within it. */
function lowFprPoint(curve: RocPoint[], lowFpr: number): RocPoint {
  let found = curve[0];
  for (const p of curve) if (p.fpr <= lowFpr * (1 + 1e-12)) found = p;
  return found;
}

function membershipNotes(samples: MembershipSamples, lowFpr: number): string[] {
  const notes = [samples.source];
  notes.push(`${samples.members} members and ${samples.nonMembers} non-members with a known label were attacked.`);
  if (samples.unlabelled > 0) {
    notes.push(`${samples.unlabelled} samples without a known label were left out (the loss and modified-entropy attacks need the label).`);
  }
  const allowed = Math.floor(lowFpr * samples.nonMembers + 1e-9);
  const percent = `${Number((lowFpr * 100).toPrecision(3))} %`;
  notes.push(
    allowed === 0
      ? `TPR at ${percent} FPR rests on ${samples.nonMembers} non-members, too few for that rate: no false positive at all is allowed, so it is the TPR at 0 % FPR and very coarse. ` +
          `Give at least ${Math.ceil(10 / lowFpr)} non-members for a usable low-FPR estimate.`
      : `TPR at ${percent} FPR rests on ${samples.nonMembers} non-members: the threshold may admit at most ${allowed} false positive${allowed === 1 ? '' : 's'}.` +
          (allowed < 10 ? ` With so few, the value is coarse; ${Math.ceil(10 / lowFpr)} or more non-members give a steadier estimate.` : ''),
  );
  notes.push(
    'Each attack picks its best threshold on the same samples it is judged on, and the headline takes the best attack, ' +
      "so the numbers lean towards the attacker: read them as how much an attacker could get, not as a typical attacker's result.",
  );
  return notes;
}

function undefinedMeasurement(reason: string, n: number, notes: string[]): Measurement {
  const none: Estimate = { value: null, interval: null, n, undefinedReason: reason };
  return {
    ...none,
    groups: [],
    secondary: Object.fromEntries(SECONDARY.map((name) => [name, { ...none }])),
    notes,
  };
}
