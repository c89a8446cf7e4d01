import { defineProbe, throwIfCancelled } from '../../core/probe';
import type { Json } from '../../core/types';
import { bisectMinimalEpsilon } from '../../perturb/attacks/bisection';
import { fgsm, fgsmPoint } from '../../perturb/attacks/fgsm';
import { pgd } from '../../perturb/attacks/pgd';
import { takeRows, type Norm } from '../../perturb/attacks/unit-box';
import { ProbeParameterError, readBootstrapParams } from '../params';
import { ExampleCollector } from './attacks-examples';
import { recordedOutcomes, recordOutcomes } from './attacks-ledger';
import {
  blackBoxBeatsWhiteBox, crossEntropySaturation, singleStepCheck, unboundedCheck, zeroGradientCheck, type MaskingCheck,
} from './attacks-masking';
import { medianMinimalEpsilon } from './attacks-minimal';
import { setUpAttack, type AttackSetup } from './attacks-oracle';
import { attackList, booleanParam, epsilonGrid, headlineEpsilon, positiveNumber, wholeNumberParam } from './attacks-params';
import { buildMeasurement, HEADLINE_DEFINITION, SHARED_SECONDARY, sampleNotes } from './attacks-report';
import {
  attackCurve, countsOf, curveJson, outcomesAt, strongestCurve, strongestJson, type AttackRecord,
} from './attacks-summary';

const ID = 'robustness/white-box-attacks';
const LOSSES = ['margin', 'cross-entropy'] as const;
type Loss = (typeof LOSSES)[number];

/** Progress shares of the phases. */
const SHARE = { predict: 0.05, fgsm: 0.1, pgd: 0.5, l2: 0.12, bisection: 0.13, unbounded: 0.07 };

interface Phase {
  start: number;
  share: number;
}

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'robustness',
  title: 'White-box adversarial attacks (FGSM, PGD)',
  description:
    'Attacks each of the first labelled images with the input gradients of the model (TF.js models directly; ONNX models through a TF.js translation checked against onnxruntime when opened): ' +
    'FGSM (Goodfellow et al. 2015) and PGD with a random start (Madry et al. 2018), each with the cross-entropy loss and the logit-margin loss that does not saturate (Carlini & Wagner 2017), ' +
    'over an L∞ ε grid given as a fraction of the input range and an L2 grid, clipped to the valid range. Success is judged by the model itself. ' +
    'Reports robust accuracy under the strongest attack at each ε (over all samples and over the originally correct ones), the attack success rate, the median minimal ε found by bisection with PGD, ' +
    'and checks for gradient masking (Carlini et al. 2019): zero gradients, single-step attacks beating iterative ones, an unbounded attack not reaching 0 %, black-box attacks beating white-box ones.',
  metric: { name: 'robust_accuracy', title: 'Robust accuracy (strongest attack)', direction: 'higher', range: [0, 1], definition: HEADLINE_DEFINITION },
  secondary: [
    ...SHARED_SECONDARY,
    {
      name: 'masking_signs',
      title: 'Gradient-masking signs',
      direction: 'lower',
      range: [0, 4],
      definition: 'How many of the four gradient-masking checks of Carlini et al. (2019) failed: zero gradients, single-step beating iterative, unbounded attack not reaching 0 %, black-box beating white-box.',
    },
  ],
  requires: { modality: ['image'], labels: true, differentiable: true },
  defaults: {
    attacks: ['fgsm', 'pgd'],
    epsilons: [0.01, 0.03, 0.05, 0.1, 0.2, 0.3],
    headlineEpsilon: 0.1,
    l2Epsilons: [0.5, 1, 2],
    pgdSteps: 20,
    pgdStepFactor: 2.5,
    pgdLosses: ['margin', 'cross-entropy'],
    randomStart: true,
    bisectionSteps: 5,
    bisectionPgdSteps: 10,
    unboundedCheck: true,
    maxSamples: 200,
    bootstrap: 1000,
    level: 0.95,
  } as Record<string, Json>,

  async run(ctx) {
    const p = ctx.params;
    const attacks = attackList(ID, p, ['fgsm', 'pgd'] as const);
    const grid = epsilonGrid(ID, p, 'epsilons', 1, 'a fraction of the input range');
    const headline = headlineEpsilon(ID, p, grid);
    const size = ctx.data.sampleSize;
    const l2Grid = epsilonGrid(ID, p, 'l2Epsilons', Math.sqrt(size), 'an L2 radius in units of the input range', true);
    const steps = wholeNumberParam(ID, p, 'pgdSteps', 1, 1000);
    const pgdLosses = lossList(p.pgdLosses);
    const stepFactor = positiveNumber(ID, p, 'pgdStepFactor', 100);
    const randomStart = booleanParam(ID, p, 'randomStart');
    const bisectionSteps = wholeNumberParam(ID, p, 'bisectionSteps', 0, 30);
    const bisectionPgdSteps = wholeNumberParam(ID, p, 'bisectionPgdSteps', 1, 1000);
    const unbounded = booleanParam(ID, p, 'unboundedCheck');
    const maxSamples = wholeNumberParam(ID, p, 'maxSamples', 1, 1_000_000);
    const { bootstrap, level } = readBootstrapParams(ID, p);

    const setup = await setUpAttack(ctx, maxSamples, SHARE.predict);
    const { oracle, correct } = setup;
    const correctRows = Int32Array.from({ length: correct.length }, (_, r) => r).filter((r) => correct[r] === 1);
    const progress = (phase: Phase, fraction: number, message: string) => ctx.progress(phase.start + phase.share * Math.min(1, fraction), message);
    let at = SHARE.predict;
    const phase = (share: number): Phase => {
      const ph = { start: at, share };
      at += share;
      return ph;
    };
    const examples = new ExampleCollector(correct, size);
    const rng = ctx.rng;

    /** Runs PGD on some attacked rows at per-row ε; returns success per given row. */
    const pgdOn = async (rows: Int32Array, eps: Float32Array | number, loss: Loss, norm: Norm, stepCount: number, stream: string, onProgress?: (f: number) => void) => {
      const result = await pgd(oracle, takeRows(setup.z, rows, size), Int32Array.from(rows, (r) => setup.labels[r]), {
        eps, norm, steps: stepCount, stepSize: stepFactor / stepCount, randomStart, loss, rng: rng.fork(stream), onProgress,
      });
      return result;
    };

    // ── L∞: FGSM at every ε from one gradient per sample and loss ──
    const records: AttackRecord[] = [];
    const zeroGradient: Partial<Record<Loss, Uint8Array>> = {};
    const fgsmPhase = phase(SHARE.fgsm);
    if (attacks.includes('fgsm')) {
      for (const [l, loss] of LOSSES.entries()) {
        const record: AttackRecord = { name: `FGSM (${loss})`, family: 'white-box', norm: 'linf', firstFooled: new Int32Array(correct.length).fill(-1) };
        const zc = takeRows(setup.z, correctRows, size);
        const result = await fgsm(oracle, zc, Int32Array.from(correctRows, (r) => setup.labels[r]), grid, 'linf', loss,
          (f) => progress(fgsmPhase, (l + f) / LOSSES.length, `FGSM (${loss})`));
        const zero = new Uint8Array(correct.length);
        correctRows.forEach((r, a) => {
          zero[r] = result.zeroGradient[a];
          const first = result.success.findIndex((s) => s[a] === 1);
          if (first < 0) return;
          record.firstFooled[r] = first;
          examples.offer(r, record.name, grid[first], fgsmPoint(zc, result.direction, a, size, grid[first]));
        });
        zeroGradient[loss] = zero;
        records.push(record);
      }
    }

    // ── L∞: PGD at every ε; a sample fooled at a smaller ε stays fooled at larger ones ──
    const pgdPhase = phase(SHARE.pgd);
    if (attacks.includes('pgd')) {
      const runs = pgdLosses.length * grid.length;
      for (const [l, loss] of pgdLosses.entries()) {
        const record: AttackRecord = { name: `PGD-${steps} (${loss})`, family: 'white-box', norm: 'linf', firstFooled: new Int32Array(correct.length).fill(-1) };
        for (const [e, eps] of grid.entries()) {
          const rows = correctRows.filter((r) => record.firstFooled[r] < 0);
          if (rows.length === 0) continue;
          const done = l * grid.length + e;
          const result = await pgdOn(rows, eps, loss, 'linf', steps, `pgd|${loss}|${eps}`,
            (f) => progress(pgdPhase, (done + f) / runs, `PGD-${steps} (${loss}) at ε = ${eps}`));
          rows.forEach((r, a) => {
            if (result.success[a]) record.firstFooled[r] = e;
          });
          examples.offerAll(result.success, rows, record.name, eps, result.adversarial);
        }
        records.push(record);
      }
    }
    throwIfCancelled(ctx.signal);

    // ── The strongest attack per ε, with what a black-box probe recorded earlier in this run ──
    const blackBox = grid.map((eps) => recordedOutcomes(ctx.data, ctx.model, 'black-box', 'linf', eps));
    const strongest = strongestCurve(records, grid, correct, setup.indices, blackBox);
    grid.forEach((eps, e) => recordOutcomes(ctx.data, ctx.model, 'white-box', 'linf', eps, outcomesAt(records, e, setup.indices, correct)));

    // ── L2: the fast gradient method and PGD with the margin loss ──
    const l2Phase = phase(SHARE.l2);
    const l2 = await l2Attacks(setup, correctRows, l2Grid, attacks, steps, level, (rows, eps, loss, stream, onP) => pgdOn(rows, eps, loss, 'l2', steps, stream, onP),
      (f, message) => progress(l2Phase, f, message));

    // ── Minimal ε: bisection with PGD (margin) inside the grid bracket where each sample fell ──
    const bisectionPhase = phase(SHARE.bisection);
    const low = new Float64Array(correctRows.length);
    const high = new Float64Array(correctRows.length).fill(Number.POSITIVE_INFINITY);
    correctRows.forEach((r, a) => {
      const first = Math.min(...records.map((rec) => (rec.firstFooled[r] < 0 ? Number.POSITIVE_INFINITY : rec.firstFooled[r])));
      if (!Number.isFinite(first)) return;
      high[a] = grid[first];
      low[a] = first > 0 ? grid[first - 1] : 0;
    });
    let stepNo = 0;
    const minimal = await bisectMinimalEpsilon(async (subset, eps) => {
      const rows = Int32Array.from(subset, (a) => correctRows[a]);
      stepNo++;
      const result = await pgdOn(rows, eps, 'margin', 'linf', bisectionPgdSteps, `bisection|${stepNo}`,
        (f) => progress(bisectionPhase, (stepNo - 1 + f) / Math.max(1, bisectionSteps), 'Bisection for the minimal ε'));
      examples.offerAll(result.success, rows, `PGD-${bisectionPgdSteps} (margin)`, eps, result.adversarial);
      return result.success;
    }, low, high, bisectionSteps);
    const minimalDetails = medianMinimalEpsilon(minimal, {
      rng, resamples: bootstrap, level, signal: ctx.signal, maxEpsilon: grid[grid.length - 1],
      method: `bisection (${bisectionSteps} halvings) with PGD-${bisectionPgdSteps} (margin) between the largest grid ε that held and the smallest that fell`,
    });

    // ── Sanity: at ε = 1 every image is reachable, so an attack that works must reach 0 % ──
    const unboundedPhase = phase(SHARE.unbounded);
    let unboundedRobust: number | null = null;
    if (unbounded && correctRows.length > 0) {
      const result = await pgdOn(correctRows, 1, 'margin', 'linf', steps, 'unbounded', (f) => progress(unboundedPhase, f, 'Unbounded attack (ε = 1)'));
      unboundedRobust = result.success.reduce((n, s) => n + (s ? 0 : 1), 0);
    }

    // ── Gradient-masking checks ──
    const checks: MaskingCheck[] = [];
    if (zeroGradient.margin) checks.push(zeroGradientCheck(zeroGradient.margin, correct));
    checks.push(singleStepCheck(singleVersusIterative(records, grid, correct)));
    checks.push(unboundedCheck(unboundedRobust, correctRows.length, `PGD-${steps} (margin)`));
    checks.push(blackBoxBeatsWhiteBox(grid, grid.map((eps) => recordedOutcomes(ctx.data, ctx.model, 'white-box', 'linf', eps)), blackBox));
    if (zeroGradient['cross-entropy']) checks.push(crossEntropySaturation(zeroGradient['cross-entropy'], correct));
    const failed = checks.filter((c) => c.status === 'failed').length;

    const shown = await examples.finish(setup, ctx.model.labels);
    ctx.progress(1, 'White-box attacks done');
    const path = ctx.model.info.gradientPath;
    return buildMeasurement({
      setup, grid, headline, records, strongest, level, checks, examples: shown,
      minimal: minimalDetails,
      secondary: { masking_signs: { value: failed, interval: null, n: correctRows.length } },
      notes: [
        ...sampleNotes(setup, maxSamples),
        `Gradients: ${path?.kind === 'onnx-translated' ? `TF.js translation of the ONNX graph (largest difference from onnxruntime ${path.maxAbsDiff?.toPrecision(3)}, allowed ${path.tolerance?.toPrecision(3)})` : 'the TF.js model itself'}; every success is judged by the model's own predictions.`,
        `PGD: ${steps} steps of α = ${stepFactor} × ε / ${steps}${randomStart ? ' from a random start in the ε-ball' : ' from the clean input'} (Madry et al. 2018).`,
        ...(blackBox.some(Boolean) ? ['Black-box attacks recorded earlier in this run on the same samples are included in the strongest attack.'] : []),
      ],
      details: {
        gradientPath: path ? { ...path } : null,
        l2: l2 as unknown as Json,
      },
    });
  },
});

/** The losses PGD ascends: a non-empty subset of margin and cross-entropy. */
function lossList(value: Json | undefined): Loss[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => v !== 'margin' && v !== 'cross-entropy')) {
    throw new ProbeParameterError(
      `Probe ${ID}: parameter "pgdLosses" must list "margin", "cross-entropy" or both; got ${JSON.stringify(value)}. The margin loss is the one that does not saturate (Carlini & Wagner 2017).`,
    );
  }
  return LOSSES.filter((l) => value.includes(l));
}

/**
 * Per ε: correctly classified samples some FGSM fooled that no PGD fooled. Compared over both
 * losses together: a saturated cross-entropy stalls PGD and FGSM alike, and the margin loss is there
 * for exactly that; what signals masking is the iterative attack losing to the single step overall.
 */
function singleVersusIterative(records: AttackRecord[], grid: number[], correct: Uint8Array) {
  const out: { epsilon: number; loss: string; singleOnly: number; correct: number }[] = [];
  const total = countsOf(correct).correct;
  const single = records.filter((r) => r.name.startsWith('FGSM'));
  const iterative = records.filter((r) => r.name.startsWith('PGD'));
  if (single.length === 0 || iterative.length === 0) return out;
  const fooled = (list: AttackRecord[], r: number, e: number) => list.some((rec) => rec.firstFooled[r] >= 0 && rec.firstFooled[r] <= e);
  grid.forEach((epsilon, e) => {
    let singleOnly = 0;
    correct.forEach((c, r) => {
      if (c && fooled(single, r, e) && !fooled(iterative, r, e)) singleOnly++;
    });
    out.push({ epsilon, loss: single.map((r) => r.name.replace('FGSM ', '')).join(' or '), singleOnly, correct: total });
  });
  return out;
}

type PgdRunner = (rows: Int32Array, eps: number, loss: Loss, stream: string, onProgress: (f: number) => void) => Promise<{ success: Uint8Array }>;

/** L2 threat model: FGM with both losses and PGD with the margin loss over the L2 grid; own strongest curve. */
async function l2Attacks(
  setup: AttackSetup,
  correctRows: Int32Array,
  grid: number[],
  attacks: string[],
  steps: number,
  level: number,
  runPgd: PgdRunner,
  progress: (fraction: number, message: string) => void,
): Promise<{ [key: string]: Json } | null> {
  if (grid.length === 0) return null;
  const { oracle, correct, z, labels } = setup;
  const size = oracle.size;
  const records: AttackRecord[] = [];
  if (attacks.includes('fgsm')) {
    for (const loss of LOSSES) {
      const record: AttackRecord = { name: `FGM (${loss})`, family: 'white-box', norm: 'l2', firstFooled: new Int32Array(correct.length).fill(-1) };
      const result = await fgsm(oracle, takeRows(z, correctRows, size), Int32Array.from(correctRows, (r) => labels[r]), grid, 'l2', loss);
      correctRows.forEach((r, a) => {
        record.firstFooled[r] = result.success.findIndex((s) => s[a] === 1);
      });
      records.push(record);
    }
  }
  progress(0.3, 'L2 attacks');
  if (attacks.includes('pgd')) {
    const record: AttackRecord = { name: `PGD-${steps} L2 (margin)`, family: 'white-box', norm: 'l2', firstFooled: new Int32Array(correct.length).fill(-1) };
    for (const [e, eps] of grid.entries()) {
      const rows = correctRows.filter((r) => record.firstFooled[r] < 0);
      if (rows.length === 0) continue;
      const result = await runPgd(rows, eps, 'margin', `pgd-l2|${eps}`, (f) => progress(0.3 + (0.7 * (e + f)) / grid.length, `PGD L2 at ε = ${eps}`));
      rows.forEach((r, a) => {
        if (result.success[a]) record.firstFooled[r] = e;
      });
    }
    records.push(record);
  }
  const counts = countsOf(correct);
  const strongest = strongestCurve(records, grid, correct, setup.indices, grid.map(() => null));
  return {
    norm: 'l2',
    unit: 'L2 radius in units of the input range',
    epsilons: grid,
    strongest: strongestJson(strongest, counts, level),
    curves: records.map((r) => curveJson(r.name, r.family, r.norm, attackCurve(r, grid, correct), counts, level)),
  };
}
