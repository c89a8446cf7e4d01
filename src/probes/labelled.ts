import { knownLabelIndices } from '../metrics/classification';

/** The samples with a known label, compacted, and a note about the ones left out. */
export interface LabelledSubset {
  /** Positions in the prepared data of the samples with a known label. */
  indices: Int32Array;
  /** Their labels. */
  y: Int32Array;
  /** Their rows of the n × k probability matrix. */
  probs: Float32Array;
  /** Samples left out because their label is missing or not one of the model's labels. */
  excluded: number;
  /** Notes for the measurement (empty when nothing was left out). */
  notes: string[];
}

export function labelledSubset(y: Int32Array, probs: Float32Array, k: number): LabelledSubset {
  const indices = knownLabelIndices(y);
  const compactY = new Int32Array(indices.length);
  const compactProbs = new Float32Array(indices.length * k);
  indices.forEach((i, j) => {
    compactY[j] = y[i];
    compactProbs.set(probs.subarray(i * k, (i + 1) * k), j * k);
  });
  const excluded = y.length - indices.length;
  const notes = excluded === 0 ? [] : [
    `${excluded} ${excluded === 1 ? 'sample' : 'samples'} without a known label ` +
      `(missing, or not one of the model's labels) ${excluded === 1 ? 'was' : 'were'} excluded.`,
  ];
  return { indices, y: compactY, probs: compactProbs, excluded, notes };
}
