/**
 * Faithfulness correlation (Bhatt, Weller & Moura 2020, "Evaluating and Aggregating Feature-based
 * Model Explanations", IJCAI, eq. 2; Quantus's `FaithfulnessCorrelation`): over random subsets S
 * of features, the Pearson correlation between Σ_{i∈S} aᵢ and the drop f(x) − f(x with S removed).
 * 1 when the attribution predicts exactly what removing features does; about 0 for an attribution
 * unrelated to the model.
 */
import type { Rng } from '../../core/rng';
import { coalitionValues, type Masker } from '../masking';
import type { ExplainModel } from '../model';
import { pearson } from '../stats';

export async function faithfulnessCorrelation(
  model: ExplainModel,
  masker: Masker,
  target: number,
  attribution: ArrayLike<number>,
  options: { subsets: number; subsetSize: number; rng: Rng; fx: number },
): Promise<number | null> {
  const m = masker.groups.slots.length;
  const size = Math.max(1, Math.min(m - 1, Math.floor(options.subsetSize)));
  const count = Math.max(2, Math.floor(options.subsets));
  const masks = new Uint8Array(count * m).fill(1);
  const sums = new Float64Array(count);
  const order = Int32Array.from({ length: m }, (_, i) => i);
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < size; i++) {
      const j = i + options.rng.int(m - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
      masks[s * m + order[i]] = 0;
      sums[s] += attribution[order[i]];
    }
  }
  const values = await coalitionValues(model, masker, masks, count, target);
  const drops = Float64Array.from(values, (v) => options.fx - v);
  return pearson(sums, drops);
}
