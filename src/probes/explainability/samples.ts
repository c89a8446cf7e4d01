/** The samples an explainability probe explains, their predictions and the class explained for each. */
import type { ProbeContext } from '../../core/probe';
import type { ExplainModel } from '../../explain/model';
import { predictChunked } from '../../explain/model';
import { gather, positiveIndex, spreadIndices, topClasses } from './context';

export interface ExplainedSamples {
  /** Positions in the prepared data. */
  indices: Int32Array;
  /** Their encoded values, back to back. */
  x: Float32Array;
  /** Their class probabilities. */
  probs: Float32Array;
  /** Top class of each. */
  predicted: Int32Array;
  /** The class explained for each: the predicted class, or for a two-class model's display the positive class. */
  targets: Int32Array;
}

/**
 * Up to `count` samples spread over the data. `explain: 'predicted'` explains each sample's top
 * class (quality metrics); `'positive'` explains a two-class model's positive class for every row,
 * so bars read the same way from row to row (multiclass models still get their top class).
 */
export async function explainedSamples(
  ctx: Pick<ProbeContext<unknown>, 'data' | 'model'>,
  model: ExplainModel,
  count: number,
  explain: 'predicted' | 'positive' = 'predicted',
): Promise<ExplainedSamples> {
  const indices = spreadIndices(ctx.data.n, count);
  const x = gather(ctx.data.x, ctx.data.sampleSize, indices);
  const probs = await predictChunked(model, x, indices.length);
  const predicted = topClasses(probs, model.classes);
  const positive = model.classes === 2 && explain === 'positive' ? positiveIndex(ctx.data.binding) : -1;
  const targets = positive >= 0 ? new Int32Array(indices.length).fill(positive) : predicted.slice();
  return { indices, x, probs, predicted, targets };
}

/** Sample j of a gathered block. */
export function sampleOf(block: Float32Array, size: number, j: number): Float32Array {
  return block.subarray(j * size, (j + 1) * size);
}
