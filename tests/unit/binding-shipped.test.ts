import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodedWidth, sampleShapeOf, taskOf } from '../../src/core/binding';
import { bindingById, findBinding, knownBindings } from '../../src/bindings/index';

describe('shipped bindings', () => {
  it('lists every JSON file in src/bindings, each under its file name', () => {
    const files = readdirSync(new URL('../../src/bindings/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(knownBindings.map((k) => `${k.id}.json`).sort()).toEqual(files.sort());
  });

  it('covers every reference model with the input width it takes', () => {
    const widths = Object.fromEntries(knownBindings.map((k) => [k.id, encodedWidth(k.binding)]));
    expect(widths).toMatchObject({
      'mnist-cnn-onnx': 784,
      'iris-mlp-onnx': 4,
      'lending-club-xgboost-onnx': 43,
      'adult-income-mlp-tfjs': 104,
      'compas-risk-mlp-tfjs': 12,
      'tinyvgg-4class-tfjs': 64 * 64 * 3,
    });
    expect(sampleShapeOf(bindingById('mnist-cnn-onnx')!.binding)).toEqual([1, 28, 28]);
    expect(sampleShapeOf(bindingById('tinyvgg-4class-tfjs')!.binding)).toEqual([64, 64, 3]);
    expect(taskOf(bindingById('adult-income-mlp-tfjs')!.binding)).toBe('binary-classification');
    expect(taskOf(bindingById('mnist-cnn-onnx')!.binding)).toBe('multiclass-classification');
  });

  it('finds a binding by model SHA-256, in either case', () => {
    expect(findBinding('bd5891fdd7987910bfc3d8fc9a697a88e48309e26e529faa87931fba52904fe8')?.id).toBe('mnist-cnn-onnx');
    expect(findBinding('92973603070AE2CD0611FE1651DEF9D750C2BBD90E50DC6F7E3A9FC89E42A1A6')?.id).toBe('adult-income-mlp-tfjs');
    expect(findBinding('0'.repeat(64))).toBeUndefined();
  });

  it('binds the German credit model the project trains (scripts/german-credit/train.ts)', () => {
    const german = bindingById('german-credit-mlp')!;
    expect(german.modelSha256).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(german.binding.kind === 'tabular' && german.binding.sensitive).toEqual(['sex', 'age_group', 'foreign_worker']);
  });
});
