/**
 * The logit margin of each class, m_c = s_c − max_{j≠c} s_j, with s the logits for a `logits`
 * output and log-probabilities otherwise: the same scores core's `margin` gradient loss uses
 * (runtime/gradient.ts), so values and gradients agree. Unlike a probability, the margin does not
 * saturate: a model whose softmax rounds to exactly 1 (the reference MNIST CNN reads raw 0–255
 * pixels and gives logits in the thousands) still has a margin that moves with its input.
 */
import { toProbabilities } from '../core/encode-output';
import type { OutputBinding } from '../core/types';

/** float32's smallest normal number: log p stays finite (as runtime/gradient.ts). */
const TINY = 1.1754944e-38;

/** n × classes margins from n rows of raw model output. */
export function marginsOf(raw: Float32Array, width: number, n: number, output: OutputBinding): Float32Array {
  const k = output.labels.length;
  const scores = output.kind === 'logits' && width === k
    ? raw
    : Float32Array.from(toProbabilities(raw, width, n, output), (p) => Math.log(Math.max(p, TINY)));
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let best = -Infinity;
    let second = -Infinity;
    let bestIndex = -1;
    for (let c = 0; c < k; c++) {
      const s = scores[o + c];
      if (s > best) {
        second = best;
        best = s;
        bestIndex = c;
      } else if (s > second) {
        second = s;
      }
    }
    for (let c = 0; c < k; c++) out[o + c] = scores[o + c] - (c === bestIndex ? second : best);
  }
  return out;
}
