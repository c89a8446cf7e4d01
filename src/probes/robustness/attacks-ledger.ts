/**
 * What each attack probe of a run found, per sample and ε, so the other can report the strongest
 * attack over both (Carlini et al. 2019, §4.5 and §5: report the strongest attack at each ε, and
 * treat a black-box attack that beats the white-box ones as a sign of gradient masking). Kept per
 * prepared dataset and model, like the clean predictions (predict-all.ts): the engine passes every
 * probe of a run the same objects, and nothing leaks between runs.
 */
import type { Classifier, PreparedData } from '../../core/probe';
import type { Norm } from '../../perturb/attacks/unit-box';

export type AttackFamily = 'white-box' | 'black-box';

/** Per sample (position in the prepared data): the attack that fooled it, or null when it held. */
export type Outcomes = Map<number, string | null>;

interface Ledger {
  model: Classifier;
  entries: Map<string, Outcomes>;
}

const ledgers = new WeakMap<PreparedData, Ledger>();

const key = (family: AttackFamily, norm: Norm, eps: number): string => `${family}|${norm}|${eps}`;

function ledgerOf(data: PreparedData, model: Classifier): Ledger {
  let ledger = ledgers.get(data);
  if (!ledger || ledger.model !== model) {
    ledger = { model, entries: new Map() };
    ledgers.set(data, ledger);
  }
  return ledger;
}

/** Records which attacked samples fell at ε, and to which attack. */
export function recordOutcomes(data: PreparedData, model: Classifier, family: AttackFamily, norm: Norm, eps: number, outcomes: Outcomes): void {
  ledgerOf(data, model).entries.set(key(family, norm, eps), new Map(outcomes));
}

/** What the other family recorded at ε in this run, or null when it did not attack at that ε. */
export function recordedOutcomes(data: PreparedData, model: Classifier, family: AttackFamily, norm: Norm, eps: number): Outcomes | null {
  const ledger = ledgers.get(data);
  if (!ledger || ledger.model !== model) return null;
  return ledger.entries.get(key(family, norm, eps)) ?? null;
}
