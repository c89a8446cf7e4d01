import { defineProbe, throwIfCancelled } from '../../core/probe';
import type { Json } from '../../core/types';
import { hopSkipJump } from '../../perturb/attacks/hopskipjump';
import { squareAttack } from '../../perturb/attacks/square';
import { takeRows } from '../../perturb/attacks/unit-box';
import { readBootstrapParams } from '../params';
import { ExampleCollector } from './attacks-examples';
import { recordedOutcomes, recordOutcomes } from './attacks-ledger';
import { blackBoxBeatsWhiteBox, type MaskingCheck } from './attacks-masking';
import { medianMinimalEpsilon } from './attacks-minimal';
import { setUpAttack } from './attacks-oracle';
import { attackList, epsilonGrid, headlineEpsilon, positiveNumber, wholeNumberParam } from './attacks-params';
import { buildMeasurement, HEADLINE_DEFINITION, SHARED_SECONDARY, sampleNotes } from './attacks-report';
import { countsOf, outcomesAt, robustAccuracy, strongestCurve, type AttackRecord } from './attacks-summary';

const ID = 'robustness/black-box-attacks';
const SHARE = { predict: 0.05, square: 0.6, hopSkipJump: 0.33 };

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'robustness',
  title: 'Black-box adversarial attacks (Square, HopSkipJump)',
  description:
    'Attacks each of the first labelled images through its predictions alone, so it applies to every model, differentiable or not: the Square Attack (Andriushchenko et al. 2020), L∞ and ' +
    'score-based, reads class probabilities; HopSkipJump (Chen et al. 2020), L∞ and decision-based, reads only the predicted class. Each has a query budget per sample. ' +
    'Reports robust accuracy under the strongest attack at each ε (including white-box attacks recorded earlier in the run on the same samples), the attack success rate, ' +
    'the median minimal ε (HopSkipJump\'s distance, or the first grid ε the Square Attack fooled), the queries spent per sample, and whether black-box attacks beat the white-box ones (a sign of gradient masking).',
  metric: { name: 'robust_accuracy', title: 'Robust accuracy (strongest attack)', direction: 'higher', range: [0, 1], definition: HEADLINE_DEFINITION },
  secondary: [
    ...SHARED_SECONDARY,
    {
      name: 'black_box_robust_accuracy',
      title: 'Robust accuracy under black-box attacks only',
      direction: 'higher',
      range: [0, 1],
      definition: 'Share of the attacked samples still classified correctly at the headline ε after this probe\'s black-box attacks alone.',
    },
    {
      name: 'queries_per_sample',
      title: 'Queries per attacked sample',
      direction: 'higher',
      range: [0, 1e9],
      definition: 'Mean number of model predictions the black-box attacks spent per originally correct sample, over all ε (capped by the budgets; higher means they needed more).',
    },
  ],
  requires: { modality: ['image'], labels: true },
  defaults: {
    attacks: ['square', 'hopskipjump'],
    epsilons: [0.01, 0.03, 0.05, 0.1, 0.2, 0.3],
    headlineEpsilon: 0.1,
    squareQueries: 300,
    squarePInit: 0.1,
    hopSkipJumpQueries: 300,
    maxSamples: 100,
    bootstrap: 1000,
    level: 0.95,
  } as Record<string, Json>,

  async run(ctx) {
    const p = ctx.params;
    const attacks = attackList(ID, p, ['square', 'hopskipjump'] as const);
    const grid = epsilonGrid(ID, p, 'epsilons', 1, 'a fraction of the input range');
    const headline = headlineEpsilon(ID, p, grid);
    const squareBudget = wholeNumberParam(ID, p, 'squareQueries', 1, 1_000_000);
    const pInit = positiveNumber(ID, p, 'squarePInit', 1);
    const hsjBudget = wholeNumberParam(ID, p, 'hopSkipJumpQueries', 1, 1_000_000);
    const maxSamples = wholeNumberParam(ID, p, 'maxSamples', 1, 1_000_000);
    const { bootstrap, level } = readBootstrapParams(ID, p);
    const size = ctx.data.sampleSize;

    const setup = await setUpAttack(ctx, maxSamples, SHARE.predict);
    const { oracle, correct } = setup;
    const correctRows = Int32Array.from({ length: correct.length }, (_, r) => r).filter((r) => correct[r] === 1);
    const examples = new ExampleCollector(correct, size);
    const queries = new Float64Array(correct.length);
    const records: AttackRecord[] = [];
    const minimal = new Float64Array(correctRows.length).fill(Number.POSITIVE_INFINITY);
    const rowPosition = new Map<number, number>();
    correctRows.forEach((r, a) => rowPosition.set(r, a));
    const notes: string[] = [];

    // ── Square Attack at each ε; a sample fooled at a smaller ε stays fooled at larger ones ──
    let saturated = 0;
    if (attacks.includes('square')) {
      const record: AttackRecord = { name: `Square (${squareBudget} queries)`, family: 'black-box', norm: 'linf', firstFooled: new Int32Array(correct.length).fill(-1) };
      for (const [e, eps] of grid.entries()) {
        const rows = correctRows.filter((r) => record.firstFooled[r] < 0);
        if (rows.length === 0) continue;
        const result = await squareAttack(oracle, takeRows(setup.z, rows, size), Int32Array.from(rows, (r) => setup.labels[r]), {
          eps, queries: squareBudget, pInit, rng: ctx.rng.fork(`square|${eps}`),
          onProgress: (f) => ctx.progress(SHARE.predict + SHARE.square * ((e + f) / grid.length), `Square Attack at ε = ${eps}`),
        });
        rows.forEach((r, a) => {
          queries[r] += result.queries[a];
          if (!result.success[a]) return;
          record.firstFooled[r] = e;
          const pos = rowPosition.get(r)!;
          minimal[pos] = Math.min(minimal[pos], eps);
        });
        if (e === 0) saturated = result.saturated.reduce((s, v) => s + v, 0);
        examples.offerAll(result.success, rows, record.name, eps, result.adversarial);
      }
      records.push(record);
      if (saturated > 0) {
        notes.push(
          `For ${saturated} of ${correctRows.length} correctly classified samples every probability but the top one is 0 in float32 (a saturated softmax): the Square Attack's margin loss ` +
            'reads as a constant there, so it searches blindly until it is near the boundary. HopSkipJump, which reads only the predicted class, is not affected.',
        );
      }
    }
    throwIfCancelled(ctx.signal);

    // ── HopSkipJump once per sample: its L∞ distance answers every ε of the grid ──
    if (attacks.includes('hopskipjump')) {
      const record: AttackRecord = { name: `HopSkipJump (${hsjBudget} queries)`, family: 'black-box', norm: 'linf', firstFooled: new Int32Array(correct.length).fill(-1) };
      const start = SHARE.predict + SHARE.square;
      const result = await hopSkipJump(oracle, takeRows(setup.z, correctRows, size), Int32Array.from(correctRows, (r) => setup.labels[r]), {
        queries: hsjBudget, rng: ctx.rng.fork('hopskipjump'),
        onSample: (done) => ctx.progress(start + SHARE.hopSkipJump * (done / Math.max(1, correctRows.length)), `HopSkipJump: ${done} of ${correctRows.length} samples`),
      });
      correctRows.forEach((r, a) => {
        queries[r] += result.queries[a];
        const d = result.distance[a];
        minimal[a] = Math.min(minimal[a], d);
        // Float32 rounding of the point may put the distance a hair above a grid ε it reached.
        const e = grid.findIndex((eps) => d <= eps + 1e-6);
        if (e < 0) return;
        record.firstFooled[r] = e;
        examples.offer(r, record.name, grid[e], result.adversarial.subarray(a * size, (a + 1) * size));
      });
      records.push(record);
    }

    // ── Strongest per ε, with white-box attacks recorded earlier in this run ──
    const whiteBox = grid.map((eps) => recordedOutcomes(ctx.data, ctx.model, 'white-box', 'linf', eps));
    const strongest = strongestCurve(records, grid, correct, setup.indices, whiteBox);
    const own = strongestCurve(records, grid, correct, setup.indices, grid.map(() => null));
    grid.forEach((eps, e) => recordOutcomes(ctx.data, ctx.model, 'black-box', 'linf', eps, outcomesAt(records, e, setup.indices, correct)));
    const blackBox = grid.map((eps) => recordedOutcomes(ctx.data, ctx.model, 'black-box', 'linf', eps));
    const checks: MaskingCheck[] = [blackBoxBeatsWhiteBox(grid, whiteBox, blackBox)];

    const minimalDetails = medianMinimalEpsilon(minimal, {
      rng: ctx.rng, resamples: bootstrap, level, signal: ctx.signal, maxEpsilon: grid[grid.length - 1],
      method: 'HopSkipJump\'s L∞ distance, or the smallest grid ε at which the Square Attack succeeded, whichever is smaller',
    });
    const shown = await examples.finish(setup, ctx.model.labels);
    ctx.progress(1, 'Black-box attacks done');

    const h = grid.indexOf(headline);
    const totalQueries = correctRows.reduce((s, r) => s + queries[r], 0);
    const path = ctx.model.info.gradientPath;
    return buildMeasurement({
      setup, grid, headline, records, strongest, level, checks, examples: shown,
      minimal: minimalDetails,
      secondary: {
        black_box_robust_accuracy: robustAccuracy(own[h], countsOf(correct), level),
        queries_per_sample: correctRows.length === 0
          ? { value: null, interval: null, n: 0, undefinedReason: 'none of the attacked samples is classified correctly, so none was attacked' }
          : { value: totalQueries / correctRows.length, interval: null, n: correctRows.length },
      },
      notes: [
        ...sampleNotes(setup, maxSamples),
        ...notes,
        path?.kind === 'none' || !ctx.model.gradient
          ? `White-box attacks cannot run on this model${path?.reason ? `: ${path.reason}` : ''}. These black-box attacks are its adversarial evaluation.`
          : whiteBox.some(Boolean)
            ? 'White-box attacks recorded earlier in this run on the same samples are included in the strongest attack.'
            : 'This model is differentiable: run the white-box attack probe too, since gradient-based attacks are usually stronger.',
      ],
      details: {
        gradientPath: path ? { ...path } : null,
        queries: {
          budgets: { square: attacks.includes('square') ? squareBudget : null, hopSkipJump: attacks.includes('hopskipjump') ? hsjBudget : null },
          perSample: Array.from(correctRows, (r) => queries[r]),
        },
        saturated,
      },
    });
  },
});
