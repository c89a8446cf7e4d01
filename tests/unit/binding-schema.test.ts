import { describe, expect, it } from 'vitest';
import { BindingError } from '../../src/core/binding';
import { parseBinding, parseKnownBinding } from '../../src/core/binding-schema';

const tabular = () => ({
  kind: 'tabular',
  derive: [{ name: 'age_group', from: 'age', kind: 'bins', edges: [25, 65], labels: ['young', 'middle', 'old'] }],
  features: [
    { column: 'age', kind: 'numeric', divisor: 100 },
    { column: 'sex', kind: 'one-hot', vocabulary: ['Female', 'Male'] },
    { column: 'hours', kind: 'numeric', offset: 40, divisor: 10, impute: 40 },
    { column: 'race', kind: 'one-hot', vocabulary: ['White', 'Black'] },
  ],
  target: 'income',
  sensitive: ['sex', 'age_group'],
  split: { column: 'set', member: 'train' },
  output: { kind: 'sigmoid', labels: ['<=50K', '>50K'], positive: '>50K' },
});

const image = () => ({
  kind: 'image', layout: 'NCHW', channels: 3, width: 32, height: 32, range: [0, 1],
  mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25], channelOrder: 'BGR',
  output: { kind: 'logits', labels: ['cat', 'dog', 'bird'] },
});

/** The message parseBinding throws for `json`. */
function problem(json: unknown): string {
  try {
    parseBinding(json);
  } catch (error) {
    expect(error).toBeInstanceOf(BindingError);
    return (error as Error).message;
  }
  throw new Error('expected the binding to be rejected');
}

function edit<T>(base: T, change: (b: any) => void): T {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

describe('parseBinding', () => {
  it('accepts valid tabular and image bindings as they are', () => {
    expect(parseBinding(tabular())).toEqual(tabular());
    expect(parseBinding(image())).toEqual(image());
  });

  it('names the path of a structural problem in plain words', () => {
    expect(problem(edit(tabular(), (b) => (b.features[3].vocabulary = ['White', 3])))).toBe(
      'The binding is not valid: binding.features[3].vocabulary must be a list of strings.',
    );
    expect(problem(edit(tabular(), (b) => delete b.target))).toBe('The binding is not valid: binding.target is missing.');
    expect(problem(edit(tabular(), (b) => (b.features[0].kind = 'scaled')))).toBe(
      "The binding is not valid: binding.features[0].kind must be one of 'numeric', 'one-hot'.",
    );
    expect(problem(edit(tabular(), (b) => (b.features[1].vocabluary = [])))).toBe(
      "The binding is not valid: binding.features[1] has an unknown field 'vocabluary' (check the spelling).",
    );
    expect(problem(edit(tabular(), (b) => (b.output.kind = 'softmax')))).toBe(
      "The binding is not valid: binding.output.kind must be one of 'logits', 'probabilities', 'sigmoid'.",
    );
    expect(problem(edit(tabular(), (b) => (b.features[2].divisor = '10')))).toBe('The binding is not valid: binding.features[2].divisor must be a number.');
    expect(problem({ kind: 'audio' })).toBe("The binding is not valid: binding.kind must be one of 'tabular', 'image'.");
    expect(problem(edit(image(), (b) => (b.channels = 2)))).toBe('The binding is not valid: binding.channels must be 1 or 3.');
    expect(problem(edit(image(), (b) => (b.width = 0)))).toBe('The binding is not valid: binding.width must be more than 0.');
  });

  it('checks what the structure cannot say', () => {
    expect(problem(edit(tabular(), (b) => (b.output.positive = 'yes')))).toBe(
      "The binding is not valid: binding.output.positive is 'yes', which is not one of the labels '<=50K', '>50K'.",
    );
    expect(problem(edit(tabular(), (b) => (b.output.labels = ['only'])))).toContain('binding.output.labels must name at least two classes');
    expect(problem(edit(tabular(), (b) => (b.features[1].vocabulary = ['Male', 'Male'])))).toContain("binding.features[1].vocabulary lists 'Male' twice");
    expect(problem(edit(tabular(), (b) => (b.features[2].divisor = 0)))).toContain('binding.features[2].divisor must not be 0');
    expect(problem(edit(tabular(), (b) => (b.derive[0].edges = [65, 25])))).toContain('binding.derive[0].edges must be in ascending order');
    expect(problem(edit(tabular(), (b) => (b.derive[0].labels = ['a', 'b'])))).toContain('binding.derive[0].labels must have one more entry than edges');
    expect(problem(edit(image(), (b) => (b.std = [1, 0, 1])))).toContain('binding.std values must all be greater than 0');
    expect(problem(edit(image(), (b) => (b.mean = [0.5, 0.5])))).toContain('binding.mean must have one value per channel (3) or a single value, but has 2');
    expect(problem(edit(image(), (b) => (b.range = [1, 0])))).toContain('binding.range must be [low, high] with low < high');
  });
});

describe('parseKnownBinding', () => {
  const known = () => ({ id: 'x', title: 'X', modelSha256: ['a'.repeat(64)], dataset: 'd', binding: tabular(), source: 's' });

  it('accepts a shipped binding and names it in problems', () => {
    expect(parseKnownBinding(known())).toEqual(known());
    expect(() => parseKnownBinding(edit(known(), (k) => (k.modelSha256 = ['ABC'])))).toThrow(
      "The shipped binding is not valid: knownBinding 'x'.modelSha256[0] must be a SHA-256 in 64 lower-case hex digits.",
    );
    expect(() => parseKnownBinding(edit(known(), (k) => (k.binding.output.positive = 'no')))).toThrow("knownBinding 'x'.binding.output.positive is 'no'");
  });
});
