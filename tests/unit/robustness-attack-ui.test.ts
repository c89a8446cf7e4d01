import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/core/types';
import { readAttackDetails, readThumbnail, thumbnailRgba } from '../../src/ui/elements/robustness-attack-shapes';

const details = (): { [key: string]: Json } => ({
  norm: 'linf',
  unit: 'fraction of the input range',
  epsilons: [0.1, 0.3],
  headlineEpsilon: 0.1,
  samples: { attacked: 10, correct: 9, leftOut: 0, unlabelled: 0 },
  strongest: [
    { epsilon: 0.1, robustAccuracy: 0.5, low: 0.2, high: 0.8, robustAccuracyCorrect: 0.5556, successRate: 0.4444, fooled: 4, strongestAttack: 'PGD-20 (margin)', fooledBy: { 'PGD-20 (margin)': 4 } },
    { epsilon: 0.3, robustAccuracy: 0, low: 0, high: 0.28, robustAccuracyCorrect: 0, successRate: 1, fooled: 9, strongestAttack: 'PGD-20 (margin)', fooledBy: {} },
  ],
  curves: [{ attack: 'PGD-20 (margin)', family: 'white-box', norm: 'linf', points: [{ epsilon: 0.1, robustAccuracy: 0.5, low: 0.2, high: 0.8, fooled: 4 }, { epsilon: 0.3, robustAccuracy: 0, low: 0, high: 0.28, fooled: 9 }] }],
  minimalEpsilon: { method: 'bisection', median: 0.12, censored: 0, n: 9, maxEpsilon: 0.3, values: [0.05, 0.12, 0.4] },
  maskingChecks: [{ id: 'zero-gradients', title: 'Input gradients are not zero', status: 'passed', detail: 'ok' }, { id: 'x', title: 'X', status: 'weird', detail: 'd' }],
  examples: [{
    sample: 3, label: '7', attack: 'PGD-20 (margin)', epsilon: 0.1,
    original: { image: { width: 2, height: 1, channels: 1, pixels: [0, 255] }, predicted: '7', confidence: 0.99 },
    adversarial: { image: { width: 2, height: 1, channels: 1, pixels: [20, 230] }, predicted: '3', confidence: 0.6 },
    perturbation: { width: 2, height: 1, channels: 1, pixels: [255, 0] },
  }],
  gradientPath: { kind: 'onnx-translated', maxAbsDiff: 0.0004, tolerance: 0.06 },
});

describe('attack details readers', () => {
  it('reads curves, the strongest attack per ε, checks, examples and the gradient path', () => {
    const d = readAttackDetails(details())!;
    expect(d.linf.epsilons).toEqual([0.1, 0.3]);
    expect(d.linf.headlineEpsilon).toBe(0.1);
    expect(d.linf.curves[0].points.map((p) => p.robustAccuracy)).toEqual([0.5, 0]);
    expect(d.linf.strongest[0]).toMatchObject({ epsilon: 0.1, robustAccuracy: 0.5, successRate: 0.4444, strongestAttack: 'PGD-20 (margin)' });
    expect(d.checks.map((c) => c.status)).toEqual(['passed', 'not-run']);
    expect(d.examples[0]).toMatchObject({ label: '7', epsilon: 0.1, adversarial: { predicted: '3' } });
    expect(d.gradientPath).toEqual({ kind: 'onnx-translated', reason: null, maxAbsDiff: 0.0004 });
    expect(d.minimal?.values).toEqual([0.05, 0.12, 0.4]);
    expect(d.l2).toBeNull();
  });

  it('returns null for details of another shape, and drops examples whose pictures do not fit', () => {
    expect(readAttackDetails(undefined)).toBeNull();
    expect(readAttackDetails({ epsilons: [0.1] })).toBeNull();
    const broken = details();
    (broken.curves as Json[])[0] = { attack: 'x', points: [{ robustAccuracy: 1 }] };
    expect(readAttackDetails(broken)).toBeNull();
    const badPicture = details();
    ((badPicture.examples as { [k: string]: Json }[])[0].original as { [k: string]: Json }).image = { width: 3, height: 1, channels: 1, pixels: [0, 1] };
    expect(readAttackDetails(badPicture)!.examples).toEqual([]);
    expect(readThumbnail({ width: 1, height: 1, channels: 1, pixels: [300] })).toBeNull();
  });

  it('turns gray and RGB thumbnails into opaque RGBA', () => {
    expect(Array.from(thumbnailRgba({ width: 2, height: 1, channels: 1, pixels: [7, 9] }))).toEqual([7, 7, 7, 255, 9, 9, 9, 255]);
    expect(Array.from(thumbnailRgba({ width: 1, height: 1, channels: 3, pixels: [1, 2, 3] }))).toEqual([1, 2, 3, 255]);
  });
});
