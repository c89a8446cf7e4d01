/**
 * Inequality indices of the benefit a classifier gives each person, after Speicher et al. 2018,
 * "A Unified Approach to Quantifying Algorithmic Unfairness: Measuring Individual & Group
 * Unfairness via Inequality Indices" (KDD), as AIF360 implements them
 * (aif360/metrics/classification_metric.py: generalized_entropy_index, theil_index,
 * between_all_groups_generalized_entropy_index, between_all_groups_theil_index).
 *
 * Benefit b_i = ŷ_i − y_i + 1 ∈ {0, 1, 2} (a false negative gets 0, a correct decision 1, a false
 * positive 2), over labelled samples. With μ the mean benefit:
 *   GE(α) = 1 / (n α (α − 1)) · Σ_i [(b_i / μ)^α − 1]           (α ∉ {0, 1}; α = 2 by default)
 *   Theil = GE(1) = (1 / n) · Σ_i (b_i / μ) · ln(b_i / μ)        (0 · ln 0 = 0)
 * The between-group index replaces every b_i by its group's mean benefit (AIF360 uses every
 * combination of the protected attributes' values as the groups).
 */
import type { Defined } from './defined';
import { SLOT, type SlotCounts, SLOT_COUNT } from './fairness-groups';

/** Σ w f(v/μ) / Σ w for the generalized entropy family, from values with weights. */
export function generalizedEntropyIndex(values: ArrayLike<number>, weights: ArrayLike<number> | null, alpha: number): Defined {
  if (!(Number.isFinite(alpha) && alpha > 0)) {
    throw new RangeError(`The generalized entropy index needs α > 0 (α = 1 is the Theil index, α = 2 the default); got ${alpha}.`);
  }
  let total = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    if (values[i] < 0) throw new RangeError(`Benefits must be ≥ 0; value ${i} is ${values[i]}.`);
    total += w;
    sum += w * values[i];
  }
  if (total === 0) return { value: null, reason: 'no labelled samples' };
  const mean = sum / total;
  if (mean === 0) return { value: null, reason: 'every benefit is 0 (every labelled sample is a false negative), so the index divides by 0' };
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    if (w === 0) continue;
    const r = values[i] / mean;
    if (alpha === 1) acc += r === 0 ? 0 : w * r * Math.log(r);
    else acc += w * (r ** alpha - 1);
  }
  // Rounding can leave −1e−17 where the exact value is 0.
  const value = alpha === 1 ? acc / total : acc / (total * alpha * (alpha - 1));
  return { value: Math.max(0, value) };
}

/** Benefits 0, 1, 2 and how many labelled samples of a group have each (from its slot counts). */
export function benefitCounts(counts: SlotCounts, group: number): [number, number, number] {
  const base = group * SLOT_COUNT;
  return [counts[base + SLOT.FN], counts[base + SLOT.TN] + counts[base + SLOT.TP], counts[base + SLOT.FP]];
}

const BENEFITS = [0, 1, 2];

/** GE(α) over the labelled samples of the given groups together (the overall index: pass every group). */
export function entropyOfGroups(counts: SlotCounts, groups: number, alpha: number): Defined {
  const weights = [0, 0, 0];
  for (let g = 0; g < groups; g++) {
    const c = benefitCounts(counts, g);
    for (let b = 0; b < 3; b++) weights[b] += c[b];
  }
  return generalizedEntropyIndex(BENEFITS, weights, alpha);
}

/** Between-group GE(α): every labelled sample's benefit replaced by its group's mean benefit. */
export function betweenGroupEntropy(counts: SlotCounts, groups: number, alpha: number): Defined {
  const means: number[] = [];
  const sizes: number[] = [];
  for (let g = 0; g < groups; g++) {
    const [c0, c1, c2] = benefitCounts(counts, g);
    const size = c0 + c1 + c2;
    if (size === 0) continue;
    means.push((c1 + 2 * c2) / size);
    sizes.push(size);
  }
  return generalizedEntropyIndex(means, sizes, alpha);
}

/** Mean benefit of a group's labelled samples, or null when it has none. */
export function meanBenefit(counts: SlotCounts, group: number): number | null {
  const [c0, c1, c2] = benefitCounts(counts, group);
  const size = c0 + c1 + c2;
  return size === 0 ? null : (c1 + 2 * c2) / size;
}
