import { describe, expect, it } from 'vitest';
import { toProbabilities } from '../../src/core/binding';
import type { OutputBinding } from '../../src/core/types';

const out = (kind: OutputBinding['kind'], labels: string[]): OutputBinding => ({ kind, labels });
const close = (actual: Float32Array, expected: number[]): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => (Number.isNaN(v) ? expect(actual[i]).toBeNaN() : expect(actual[i]).toBeCloseTo(v, 6)));
};

describe('toProbabilities', () => {
  it('applies softmax to logits, stably for large values', () => {
    // softmax([1, 2, 3]) = e^k / (e + e² + e³)
    close(toProbabilities(Float32Array.from([1, 2, 3]), 3, 1, out('logits', ['a', 'b', 'c'])), [0.09003057, 0.24472847, 0.66524096]);
    close(toProbabilities(Float32Array.from([1000, 1001, -1000, -1001]), 2, 2, out('logits', ['a', 'b'])), [0.26894142, 0.73105858, 0.73105858, 0.26894142]);
  });

  it('renormalises probabilities', () => {
    close(toProbabilities(Float32Array.from([2, 6, 0.2, 0.3]), 2, 2, out('probabilities', ['a', 'b'])), [0.25, 0.75, 0.4, 0.6]);
  });

  it('reads one sigmoid unit as [1 − s, s] and several as s / Σs', () => {
    close(toProbabilities(Float32Array.from([0.8, 0.1]), 1, 2, out('sigmoid', ['low', 'high'])), [0.2, 0.8, 0.9, 0.1]);
    close(toProbabilities(Float32Array.from([0.6, 0.2]), 2, 1, out('sigmoid', ['>50K', '<=50K'])), [0.75, 0.25]);
  });

  it('leaves rows with non-finite or impossible values as NaN and zero-sum rows uniform', () => {
    close(toProbabilities(Float32Array.from([NaN, 1, 2, 3]), 2, 2, out('logits', ['a', 'b'])), [NaN, NaN, 0.26894142, 0.73105858]);
    close(toProbabilities(Float32Array.from([-0.1, 1.1, 0, 0]), 2, 2, out('probabilities', ['a', 'b'])), [NaN, NaN, 0.5, 0.5]);
    close(toProbabilities(Float32Array.from([1.5, Infinity]), 1, 2, out('sigmoid', ['a', 'b'])), [NaN, NaN, NaN, NaN]);
  });

  it('refuses an output width that does not match the labels, naming both', () => {
    expect(() => toProbabilities(new Float32Array(6), 3, 2, { kind: 'logits', labels: ['a', 'b'], tensor: 'scores' })).toThrow(
      "The model output 'scores' gives 3 values per sample but the binding names 2 labels (a, b).",
    );
    expect(() => toProbabilities(new Float32Array(2), 1, 2, out('probabilities', ['a', 'b']))).toThrow('gives 1 value per sample but the binding names 2 labels');
  });
});
