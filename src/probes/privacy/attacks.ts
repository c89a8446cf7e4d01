/**
 * Metric-based membership-inference attacks: each turns one sample's predicted probabilities (and
 * its label) into a score that is higher the more the sample looks like training data. Thresholding
 * the score is the attack; its ROC curve over all thresholds is what the probe reports.
 *
 * The true-class-probability attack is not listed separately: loss = −log p_y is a decreasing
 * function of p_y, so both order the samples identically and have the same ROC curve.
 */

/** Probabilities below this are treated as this, so log(0) never produces −∞. */
const FLOOR = 1e-30;
const ln = (p: number): number => Math.log(Math.max(p, FLOOR));

export interface Attack {
  id: string;
  title: string;
  /** What the score is and where the attack comes from. */
  definition: string;
  /** Membership score of the row of `k` probabilities starting at `offset`, true class `y`. */
  score(probs: Float32Array, offset: number, k: number, y: number): number;
}

export const ATTACKS: readonly Attack[] = [
  {
    id: 'loss',
    title: 'Loss threshold',
    definition: 'Score −ℓ = log p_y (low cross-entropy loss on the true label ⇒ member); Yeom et al. 2018, "Privacy Risk in Machine Learning", CSF, §3.2.',
    score: (p, o, _k, y) => ln(p[o + y]),
  },
  {
    id: 'confidence',
    title: 'Confidence threshold',
    definition: 'Score max_j p_j (a confident top class ⇒ member); Salem et al. 2019, "ML-Leaks", NDSS, adversary 3.',
    score: (p, o, k) => {
      let top = p[o];
      for (let j = 1; j < k; j++) top = Math.max(top, p[o + j]);
      return top;
    },
  },
  {
    id: 'entropy',
    title: 'Prediction entropy',
    definition: 'Score −H(p) = Σ_j p_j log p_j (a peaked prediction ⇒ member); Salem et al. 2019, NDSS; Song & Mittal 2021, USENIX Security, §3.',
    score: (p, o, k) => {
      let s = 0;
      for (let j = 0; j < k; j++) if (p[o + j] > 0) s += p[o + j] * Math.log(p[o + j]);
      return s;
    },
  },
  {
    id: 'modified-entropy',
    title: 'Modified entropy',
    definition: 'Score −Mentr = (1 − p_y) log p_y + Σ_{j≠y} p_j log(1 − p_j), which also uses the label; Song & Mittal 2021, "Systematic Evaluation of Privacy Risks of Machine Learning Models", USENIX Security, eq. 5.',
    score: (p, o, k, y) => {
      let s = (1 - p[o + y]) * ln(p[o + y]);
      for (let j = 0; j < k; j++) if (j !== y) s += p[o + j] * ln(1 - p[o + j]);
      return s;
    },
  },
];

/** Scores of one attack for m samples (rows of `probs`, labels `y`). */
export function attackScores(attack: Attack, probs: Float32Array, k: number, y: Int32Array): Float64Array {
  const scores = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) scores[i] = attack.score(probs, i * k, k, y[i]);
  return scores;
}
