import type { Binding } from '../../core/types';
import { ProbeParameterError } from '../params';
import type { DecisionParams } from './params';

/** The model's decisions and the labels, both reduced to favourable (1) or not (0). */
export interface Decisions {
  /** 1 when the model's decision is the favourable class. */
  yPred: Uint8Array;
  /** 1 favourable, 0 not, −1 unknown label. */
  yTrue: Int8Array;
  /** Index of the favourable class among the model's labels. */
  positive: number;
  positiveLabel: string;
  /** The rule in words, e.g. "P('>50K') ≥ 0.5" or "top class is 'setosa'". */
  rule: string;
  /** Samples with a known label. */
  labelled: number;
  notes: string[];
}

/**
 * Decisions from class probabilities (n × k). Binary models: favourable when the favourable
 * class's probability is at least the threshold. Multiclass models are judged one-vs-rest: the
 * decision is favourable when the top class is the favourable class (the threshold does not apply).
 */
export function decide(probs: Float32Array, labels: string[], y: Int32Array, binding: Binding, params: DecisionParams, probeId: string): Decisions {
  const k = labels.length;
  const n = y.length;
  const declared = params.favourable !== '' ? params.favourable : binding.output.positive;
  const notes: string[] = [];
  let positive: number;
  if (declared !== undefined) {
    positive = labels.indexOf(declared);
    if (positive < 0) {
      throw new ProbeParameterError(
        `Probe ${probeId}: the favourable class '${declared}' (${params.favourable !== '' ? 'parameter "favourable"' : "the binding's output.positive"}) is not one of the model's labels: ${labels.map((l) => `'${l}'`).join(', ')}. ` +
          'Set it to one of them.',
      );
    }
  } else if (k === 2) {
    positive = 1;
    notes.push(`No favourable class is declared; the second label, '${labels[1]}', is treated as favourable. Declare output.positive in the binding to choose.`);
  } else {
    throw new ProbeParameterError(
      `Probe ${probeId}: a ${k}-class model is judged one-vs-rest on a favourable class, and none is declared. ` +
        `Set the parameter "favourable" in the suite, or output.positive in the binding, to one of: ${labels.map((l) => `'${l}'`).join(', ')}.`,
    );
  }
  const yPred = new Uint8Array(n);
  for (let i = 0; i < n; i++) yPred[i] = decisionAt(probs, k, i, positive, params.threshold);
  const yTrue = new Int8Array(n);
  let labelled = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] < 0) {
      yTrue[i] = -1;
    } else {
      yTrue[i] = y[i] === positive ? 1 : 0;
      labelled++;
    }
  }
  const positiveLabel = labels[positive];
  const rule = k === 2 ? `P('${positiveLabel}') ≥ ${params.threshold}` : `top class is '${positiveLabel}' (one-vs-rest)`;
  if (k > 2) notes.push(`Multiclass model judged one-vs-rest: the favourable decision is the top class '${positiveLabel}'; the threshold does not apply.`);
  if (labelled < n) {
    notes.push(`${n - labelled} of ${n} samples have no known label: they count for selection rates, not for label-based metrics.`);
  }
  return { yPred, yTrue, positive, positiveLabel, rule, labelled, notes };
}

/** The decision for row i of an n × k probability matrix, by the same rule as `decide`. */
export function decisionAt(probs: Float32Array, k: number, i: number, positive: number, threshold: number): 0 | 1 {
  if (k === 2) return probs[i * k + positive] >= threshold ? 1 : 0;
  let best = 0;
  for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
  return best === positive ? 1 : 0;
}
