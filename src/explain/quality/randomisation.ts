/**
 * Model-parameter randomisation test (Adebayo et al. 2018, "Sanity Checks for Saliency Maps",
 * NeurIPS, §3.1): an explanation that depends on what the model learned must change when the
 * learned weights are replaced by random ones. Similarity is Spearman's rank correlation, of the
 * absolute values (the paper's main measure, which ignores sign flips) and of the signed values.
 */
import { absolute, spearman } from '../stats';

export interface RandomisationSimilarity {
  spearmanAbsolute: number | null;
  spearmanSigned: number | null;
}

export function randomisationSimilarity(trained: ArrayLike<number>, randomised: ArrayLike<number>): RandomisationSimilarity {
  return {
    spearmanAbsolute: spearman(absolute(trained), absolute(randomised)),
    spearmanSigned: spearman(trained, randomised),
  };
}
