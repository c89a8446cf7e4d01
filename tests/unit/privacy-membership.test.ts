import { describe, expect, it } from 'vitest';
import type { PreparedData } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import { ATTACKS, attackScores } from '../../src/probes/privacy/attacks';
import membership from '../../src/probes/privacy/membership-inference';
import { contextFor, lookupClassifier, lookupData } from './probes-fixtures';

const LABELS = ['no', 'yes'];
const params = (over: Record<string, number> = {}) => ({ ...membership.defaults, minPerSide: 1, bootstrap: 200, ...over });

/**
 * Six samples, all labelled 'yes'. Members get p(yes) = 0.9, 0.8, 0.6; non-members 0.7, 0.5, 0.4.
 * Loss attack (score log p_yes): member beats non-member in 8 of 9 pairs → AUC 8/9.
 * Confidence attack (max(p, 1 − p)): members 0.9, 0.8, 0.6; non-members 0.7, 0.5, 0.6 → 7.5/9.
 */
function handCase() {
  const pYes = [0.9, 0.8, 0.6, 0.7, 0.5, 0.4];
  const model = lookupClassifier(LABELS, pYes.map((p) => [1 - p, p]));
  const data = lookupData(LABELS, [1, 1, 1, 1, 1, 1]);
  data.member = [true, true, true, false, false, false];
  return { model, data };
}

describe('membership inference on a hand-computed case', () => {
  it('reports the hand-computed AUC per attack, the best attack as headline, advantage and TPR at 1 % FPR', async () => {
    const { model, data } = handCase();
    const m = await membership.run(contextFor(model, data, params(), { seed: 3 }));
    const auc = Object.fromEntries(m.groups.map((g) => [g.group, g.value]));
    expect(auc['Loss threshold']).toBeCloseTo(8 / 9, 12);
    expect(auc['Confidence threshold']).toBeCloseTo(7.5 / 9, 12);
    // For two classes the entropy is a function of the top-class probability: the same ranking.
    expect(auc['Prediction entropy']).toBeCloseTo(7.5 / 9, 12);
    // With y = yes and two classes, −Mentr = 2(1 − p) log p rises with p: ranks as the loss does.
    expect(auc['Modified entropy']).toBeCloseTo(8 / 9, 12);
    expect(m.value).toBeCloseTo(8 / 9, 12);
    expect(m.n).toBe(6);
    expect(m.secondary.loss_auc.value).toBeCloseTo(8 / 9, 12);
    // Loss attack thresholds: at 0.8 → TPR 2/3, FPR 0; at 0.6 → TPR 1, FPR 1/3. Best: 2/3.
    expect(m.secondary.max_advantage.value).toBeCloseTo(2 / 3, 12);
    // Three non-members: 1 % FPR allows no false positive, so the TPR at FPR 0 is reported (2 of 3).
    expect(m.secondary.tpr_at_low_fpr.value).toBeCloseTo(2 / 3, 12);
    // Members all right; non-members: 0.7 right, 0.5 a tie (goes to 'no', wrong), 0.4 wrong.
    expect(m.secondary.accuracy_gap.value).toBeCloseTo(2 / 3, 12);
    expect(m.notes.join(' ')).toMatch(/rests on 3 non-members, too few for that rate: no false positive at all is allowed/);
    expect(m.interval).not.toBeNull();
    expect(m.interval!.low).toBeLessThanOrEqual(m.interval!.high);
    expect(m.details!.falsePositivesAllowed).toBe(0);
  });

  it('draws each attack\'s ROC curve from (0, 0) to (1, 1)', async () => {
    const { model, data } = handCase();
    const m = await membership.run(contextFor(model, data, params({ bootstrap: 0 })));
    const attacks = m.details!.attacks as { id: string; curve: number[][]; auc: number }[];
    expect(attacks.map((a) => a.id)).toEqual(ATTACKS.map((a) => a.id));
    const loss = attacks.find((a) => a.id === 'loss')!;
    expect(loss.curve).toEqual([[0, 0], [0, 1 / 3], [0, 2 / 3], [1 / 3, 2 / 3], [1 / 3, 1], [2 / 3, 1], [1, 1]].map((p) => p.map((v) => Math.round(v * 1e6) / 1e6)));
    expect(m.interval).toBeNull();
    expect(m.notes).toContain('No confidence intervals: the suite set bootstrap to 0.');
  });

  it('takes non-members from a second dataset, every main row then being a member', async () => {
    const pYes = [0.9, 0.8, 0.6, 0.7, 0.5, 0.4];
    const model = lookupClassifier(LABELS, pYes.map((p) => [1 - p, p]));
    const main = lookupData(LABELS, [1, 1, 1]);
    const outside: PreparedData = { ...lookupData(LABELS, [1, 1, 1]), x: Float32Array.from([3, 4, 5]) };
    const m = await membership.run(contextFor(model, main, params(), { auxiliary: { 'non-members': outside }, seed: 3 }));
    expect(m.value).toBeCloseTo(8 / 9, 12);
    expect(m.details!.members).toBe(3);
    expect(m.details!.nonMembers).toBe(3);
    expect(m.notes[0]).toMatch(/Every row of the evaluated dataset is taken as a member; non-members are the 3 rows/);
    // The same numbers as the split-column case, interval included (same seed, same strata).
    const { model: model2, data } = handCase();
    const viaSplit = await membership.run(contextFor(model2, data, params(), { seed: 3 }));
    expect(m.interval).toEqual(viaSplit.interval);
  });

  it('says what it needs when there is no split and no non-members, or too few of either', async () => {
    const model = lookupClassifier(LABELS, [[0.5, 0.5]]);
    const none = await membership.run(contextFor(model, lookupData(LABELS, [1, 1]), params()));
    expect(none.value).toBeNull();
    expect(none.undefinedReason).toMatch(/^needs members and non-members: declare the binding's split/);
    expect(Object.keys(none.secondary).sort()).toEqual(['accuracy_gap', 'loss_auc', 'max_advantage', 'tpr_at_low_fpr']);

    const { model: m2, data } = handCase();
    const few = await membership.run(contextFor(m2, data, params({ minPerSide: 10 })));
    expect(few.value).toBeNull();
    expect(few.undefinedReason).toBe('needs at least 10 labelled members and 10 labelled non-members; found 3 and 3');
  });

  it('leaves unlabelled samples out and says so', async () => {
    const { model, data } = handCase();
    data.y = Int32Array.from([1, 1, 1, 1, 1, -1]);
    const m = await membership.run(contextFor(model, data, params({ bootstrap: 0 })));
    expect(m.n).toBe(5);
    expect(m.notes.join(' ')).toMatch(/1 samples without a known label were left out/);
  });
});

describe('membership inference on a model that memorised its members', () => {
  it('gives an AUC near 1 for a memorising model and near 0.5 for one that treats everyone alike', async () => {
    const rng = createRng(17);
    const n = 400;
    const y = Array.from({ length: n }, () => rng.int(2));
    const member = Array.from({ length: n }, (_, i) => i % 2 === 0);
    // Memorised: members get their label with p ≈ 0.99, non-members a noisy p around 0.7.
    const memorising = y.map((label, i) => {
      const p = member[i] ? 0.97 + 0.03 * rng.next() : 0.4 + 0.5 * rng.next();
      return label === 1 ? [1 - p, p] : [p, 1 - p];
    });
    const alike = y.map((label) => {
      const p = 0.4 + 0.5 * rng.next();
      return label === 1 ? [1 - p, p] : [p, 1 - p];
    });
    const run = async (rows: number[][]) => {
      const data = lookupData(LABELS, y);
      data.member = member;
      return membership.run(contextFor(lookupClassifier(LABELS, rows), data, { ...membership.defaults, bootstrap: 300 }, { seed: 5 }));
    };
    const leaky = await run(memorising);
    const safe = await run(alike);
    expect(leaky.value!).toBeGreaterThan(0.95);
    expect(leaky.interval!.low).toBeGreaterThan(0.9);
    expect(leaky.secondary.tpr_at_low_fpr.value!).toBeGreaterThan(0.2);
    expect(safe.value!).toBeLessThan(0.62);
    expect(safe.interval!.low).toBeLessThan(0.55);
    expect(safe.secondary.max_advantage.value!).toBeLessThan(leaky.secondary.max_advantage.value!);
    expect(leaky.notes.join(' ')).toMatch(/rests on 200 non-members: the threshold may admit at most 2 false positives/);
  });
});

describe('attack scores', () => {
  it('match their formulas on one row', () => {
    const probs = Float32Array.from([0.2, 0.5, 0.3]);
    const y = Int32Array.from([1]);
    const score = (id: string) => attackScores(ATTACKS.find((a) => a.id === id)!, probs, 3, y)[0];
    const [p0, p1, p2] = [0.2, 0.5, 0.3].map((v) => Math.fround(v));
    expect(score('loss')).toBeCloseTo(Math.log(p1), 12);
    expect(score('confidence')).toBeCloseTo(p1, 12);
    expect(score('entropy')).toBeCloseTo(p0 * Math.log(p0) + p1 * Math.log(p1) + p2 * Math.log(p2), 12);
    expect(score('modified-entropy')).toBeCloseTo((1 - p1) * Math.log(p1) + p0 * Math.log(1 - p0) + p2 * Math.log(1 - p2), 12);
    // A true-class probability of 0 gives a finite (very low) score, never −∞.
    expect(Number.isFinite(attackScores(ATTACKS[0], Float32Array.from([1, 0]), 2, Int32Array.from([1]))[0])).toBe(true);
  });
});
