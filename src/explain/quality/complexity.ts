/**
 * Complexity of an attribution (Quantus's "complexity" category): how few features carry it.
 * Both read absolute values, so the sign of an attribution does not matter.
 */
import { absolute } from '../stats';

/**
 * Sparseness: the Gini index of |a| (Chalasani et al. 2020, "Concise Explanations of Neural
 * Networks using Adversarial Training", ICML; as Quantus's `Sparseness`, after Hurley & Rickard
 * 2009): with |a| sorted ascending, G = Σᵢ (2i − d − 1)·|a|₍ᵢ₎ / (d·Σ|a|), i = 1…d. 0 when every
 * feature carries the same weight, (d − 1)/d when one feature carries all of it. Null when the
 * attribution is all zero or has fewer than two features.
 */
export function sparseness(attribution: ArrayLike<number>): number | null {
  const d = attribution.length;
  if (d < 2) return null;
  const a = absolute(attribution).sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < d; i++) {
    total += a[i];
    weighted += (2 * (i + 1) - d - 1) * a[i];
  }
  if (!(total > 0)) return null;
  return Math.max(0, Math.min(1, weighted / (d * total)));
}

/**
 * Entropy of the fractional contributions pᵢ = |aᵢ| / Σ|a| (Bhatt, Weller & Moura 2020,
 * "Evaluating and Aggregating Feature-based Model Explanations", IJCAI, the "complexity" measure),
 * divided by ln d so that it lies in [0, 1] whatever the number of features: 1 when every feature
 * carries the same weight, 0 when one carries all of it. Null when all zero or d < 2.
 */
export function normalisedEntropy(attribution: ArrayLike<number>): number | null {
  const d = attribution.length;
  if (d < 2) return null;
  const a = absolute(attribution);
  let total = 0;
  for (let i = 0; i < d; i++) total += a[i];
  if (!(total > 0)) return null;
  let h = 0;
  for (let i = 0; i < d; i++) {
    const p = a[i] / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.max(0, Math.min(1, h / Math.log(d)));
}
