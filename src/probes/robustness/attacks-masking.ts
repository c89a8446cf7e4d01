/**
 * Signs that gradients are masked or attacks are weak, from Carlini et al. 2019, "On Evaluating
 * Adversarial Robustness", §4.2 and appendix checklist: zero or vanishing gradients, iterative
 * attacks doing worse than single-step ones, unbounded attacks not reaching 0 % accuracy, and
 * black-box attacks beating white-box ones. A failed check means the robust accuracy reported is
 * an upper bound that a better attack would likely lower.
 */
import type { Json } from '../../core/types';
import type { Outcomes } from './attacks-ledger';

export type CheckStatus = 'passed' | 'failed' | 'not-run';

export interface MaskingCheck {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
}

/** A share above this fails the zero-gradient and single-step checks (small shares are noise). */
export const MASKING_TOLERANCE = 0.01;

const pct = (count: number, n: number): string => `${count} of ${n} (${n === 0 ? 0 : Math.round((1000 * count) / n) / 10} %)`;

export function zeroGradientCheck(zero: Uint8Array, correct: Uint8Array): MaskingCheck {
  let count = 0;
  let n = 0;
  correct.forEach((c, r) => {
    if (!c) return;
    n++;
    count += zero[r];
  });
  const failed = n > 0 && count / n > MASKING_TOLERANCE;
  return {
    id: 'zero-gradients',
    title: 'Input gradients are not zero',
    status: n === 0 ? 'not-run' : failed ? 'failed' : 'passed',
    detail: `The margin-loss gradient is exactly zero or not finite for ${pct(count, n)} correctly classified samples` +
      (failed ? '; gradient-based attacks cannot move them, so their robustness is not measured.' : '.'),
  };
}

/** Informational: cross-entropy saturates on confident models, which is why the margin loss runs beside it. */
export function crossEntropySaturation(zero: Uint8Array, correct: Uint8Array): MaskingCheck {
  let count = 0;
  let n = 0;
  correct.forEach((c, r) => {
    if (!c) return;
    n++;
    count += zero[r];
  });
  return {
    id: 'cross-entropy-saturation',
    title: 'Cross-entropy gradients (informational)',
    status: n === 0 ? 'not-run' : 'passed',
    detail: `The cross-entropy gradient is exactly zero for ${pct(count, n)} correctly classified samples (a saturated softmax); ` +
      'the logit-margin loss, which does not saturate, is used beside it (Carlini & Wagner 2017).',
  };
}

/** Per ε: samples a single-step attack fooled that the iterative attack with the same loss did not. */
export function singleStepCheck(comparisons: { epsilon: number; loss: string; singleOnly: number; correct: number }[]): MaskingCheck {
  if (comparisons.length === 0) {
    return { id: 'iterative-beats-single-step', title: 'Iterative attacks do at least as well as single-step ones', status: 'not-run', detail: 'FGSM and PGD did not both run.' };
  }
  const worst = comparisons.reduce((a, b) => (b.singleOnly / Math.max(1, b.correct) > a.singleOnly / Math.max(1, a.correct) ? b : a));
  const failed = worst.correct > 0 && worst.singleOnly / worst.correct > MASKING_TOLERANCE;
  return {
    id: 'iterative-beats-single-step',
    title: 'Iterative attacks do at least as well as single-step ones',
    status: failed ? 'failed' : 'passed',
    detail: failed
      ? `At ε = ${worst.epsilon}, FGSM (${worst.loss}) fooled ${pct(worst.singleOnly, worst.correct)} correctly classified samples that PGD did not: the iterative attack is not converging, a sign of masked or noisy gradients.`
      : `PGD fooled every sample FGSM fooled (up to ${Math.round(MASKING_TOLERANCE * 100)} % of correctly classified samples) at every ε.`,
  };
}

/** With ε = the whole input range any image is reachable, so accuracy must fall to 0. */
export function unboundedCheck(robust: number | null, n: number, attack: string): MaskingCheck {
  if (robust === null) {
    return { id: 'unbounded-attack', title: 'An unbounded attack reaches 0 % accuracy', status: 'not-run', detail: 'The check at ε = 1 (the whole input range) was turned off.' };
  }
  return {
    id: 'unbounded-attack',
    title: 'An unbounded attack reaches 0 % accuracy',
    status: robust === 0 ? 'passed' : 'failed',
    detail: robust === 0
      ? `${attack} at ε = 1 (the whole input range) fooled every correctly classified sample.`
      : `${attack} at ε = 1 (the whole input range) left ${pct(robust, n)} correctly classified samples unfooled, although any image is reachable there: the attack is failing, not the model resisting.`,
  };
}

/**
 * Per ε: samples the other family's attacks fooled and this family's did not, when black-box
 * outcomes are compared with white-box ones on the same samples.
 */
export function blackBoxBeatsWhiteBox(
  grid: number[],
  whiteBox: (Outcomes | null)[],
  blackBox: (Outcomes | null)[],
): MaskingCheck {
  const title = 'White-box attacks do at least as well as black-box ones';
  let compared = false;
  let worst: { epsilon: number; count: number; n: number } | null = null;
  grid.forEach((epsilon, e) => {
    const white = whiteBox[e];
    const black = blackBox[e];
    if (!white || !black) return;
    compared = true;
    let count = 0;
    let n = 0;
    for (const [i, blackHit] of black) {
      if (!white.has(i)) continue;
      n++;
      if (blackHit && !white.get(i)) count++;
    }
    if (!worst || count / Math.max(1, n) > worst.count / Math.max(1, worst.n)) worst = { epsilon, count, n };
  });
  if (!compared || !worst) {
    return { id: 'black-box-beats-white-box', title, status: 'not-run', detail: 'White-box and black-box attacks did not both run on these samples at a common ε.' };
  }
  const w = worst as { epsilon: number; count: number; n: number };
  return {
    id: 'black-box-beats-white-box',
    title,
    status: w.count > 0 ? 'failed' : 'passed',
    detail: w.count > 0
      ? `At ε = ${w.epsilon}, black-box attacks fooled ${pct(w.count, w.n)} samples that the white-box attacks did not: gradients are likely masked, and the white-box numbers overstate robustness.`
      : 'Every sample a black-box attack fooled was also fooled by a white-box attack, at every ε both ran.',
  };
}

export function checksJson(checks: MaskingCheck[]): Json[] {
  return checks.map((c) => ({ id: c.id, title: c.title, status: c.status, detail: c.detail }));
}

/** The note a report carries when any check failed. */
export function maskingNote(checks: MaskingCheck[]): string | null {
  const failed = checks.filter((c) => c.status === 'failed');
  if (failed.length === 0) return null;
  return `Signs of gradient masking or weak attacks (${failed.map((c) => c.title.toLowerCase()).join('; ')}): the robust accuracy reported is an upper bound that a stronger attack would likely lower (Carlini et al. 2019, §4.2).`;
}
