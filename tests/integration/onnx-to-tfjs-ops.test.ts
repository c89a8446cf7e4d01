/**
 * The ONNX → TF.js translation, operator by operator, against onnxruntime-node: each graph is
 * opened the way the app opens models, and opening runs the check (onnx-to-tfjs-check.ts) that
 * compares the translation with onnxruntime on seeded inputs. A graph passes only when that
 * check recorded an 'onnx-translated' gradient path within tolerance.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { OutputBinding } from '../../src/core/types';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { openModelInNode } from '../../src/runtime/open-node';
import {
  DataType, float, int, int64s, ints, node, onnxModel, tensorAttr, text, weights, type GraphSpec,
} from './onnx-to-tfjs-graphs';

const opened: ModelAdapter[] = [];
async function open(spec: GraphSpec): Promise<ModelAdapter> {
  const adapter = await openModelInNode(onnxModel(spec), 'node');
  opened.push(adapter);
  return adapter;
}
afterAll(async () => {
  await Promise.all(opened.map((a) => a.dispose()));
});

const IMAGE = ['N', 2, 6, 6];
const out = (name: string, dims: (number | string | null)[]) => ({ name, dims });

/** Graphs on a [N, 2, 6, 6] input, one per operator or attribute variant. */
const CASES: [string, GraphSpec][] = [
  ['Conv SAME_UPPER + bias, Relu', {
    nodes: [node('Conv', ['x', 'W', 'B'], ['c'], [text('auto_pad', 'SAME_UPPER'), ints('kernel_shape', [3, 3])]), node('Relu', ['c'], ['y'])],
    initializers: [weights('W', [3, 2, 3, 3], 1, 0.1), weights('B', [3], 2)],
    input: IMAGE, outputs: [out('y', ['N', 3, 6, 6])],
  }],
  ['Conv SAME_LOWER, stride 2', {
    nodes: [node('Conv', ['x', 'W'], ['y'], [text('auto_pad', 'SAME_LOWER'), ints('strides', [2, 2])])],
    initializers: [weights('W', [2, 2, 2, 2], 3, 0.1)],
    input: IMAGE, outputs: [out('y', ['N', 2, 3, 3])],
  }],
  ['Conv explicit asymmetric pads, strides [2, 1]', {
    nodes: [node('Conv', ['x', 'W', 'B'], ['y'], [ints('pads', [1, 0, 2, 1]), ints('strides', [2, 1])])],
    initializers: [weights('W', [4, 2, 3, 3], 4, 0.1), weights('B', [4], 5)],
    input: IMAGE, outputs: [out('y', ['N', 4, 4, 5])],
  }],
  ['Conv dilations 2', {
    nodes: [node('Conv', ['x', 'W'], ['y'], [ints('dilations', [2, 2]), ints('pads', [2, 2, 2, 2])])],
    initializers: [weights('W', [3, 2, 3, 3], 6, 0.1)],
    input: IMAGE, outputs: [out('y', ['N', 3, 6, 6])],
  }],
  ['Conv depthwise (group = channels, multiplier 2)', {
    nodes: [node('Conv', ['x', 'W', 'B'], ['y'], [int('group', 2), ints('pads', [1, 1, 1, 1])])],
    initializers: [weights('W', [4, 1, 3, 3], 7, 0.1), weights('B', [4], 8)],
    input: IMAGE, outputs: [out('y', ['N', 4, 6, 6])],
  }],
  ['Conv with 2 groups of 2 channels', {
    nodes: [
      node('Conv', ['x', 'W1'], ['a'], [ints('pads', [1, 1, 1, 1])]),
      node('Conv', ['a', 'W2', 'B2'], ['y'], [int('group', 2)]),
    ],
    initializers: [weights('W1', [4, 2, 3, 3], 9, 0.1), weights('W2', [6, 2, 3, 3], 10, 0.1), weights('B2', [6], 11)],
    input: IMAGE, outputs: [out('y', ['N', 6, 4, 4])],
  }],
  ['MaxPool ceil_mode', {
    nodes: [node('MaxPool', ['x'], ['y'], [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), int('ceil_mode', 1)])],
    input: IMAGE, outputs: [out('y', ['N', 2, 3, 3])],
  }],
  ['MaxPool pads', {
    nodes: [node('Neg', ['x'], ['m']), node('MaxPool', ['m'], ['y'], [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), ints('pads', [1, 1, 1, 1])])],
    input: IMAGE, outputs: [out('y', ['N', 2, 3, 3])],
  }],
  ['AveragePool pads, padding not counted', {
    nodes: [node('AveragePool', ['x'], ['y'], [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), ints('pads', [1, 1, 1, 1])])],
    input: IMAGE, outputs: [out('y', ['N', 2, 3, 3])],
  }],
  ['AveragePool pads, padding counted', {
    nodes: [node('AveragePool', ['x'], ['y'], [ints('kernel_shape', [2, 2]), ints('pads', [1, 1, 0, 0]), int('count_include_pad', 1)])],
    input: IMAGE, outputs: [out('y', ['N', 2, 6, 6])],
  }],
  ['GlobalAveragePool, Flatten, Gemm (transB, α, β), Softmax', {
    nodes: [
      node('GlobalAveragePool', ['x'], ['g']),
      node('Flatten', ['g'], ['f']),
      node('Gemm', ['f', 'W', 'B'], ['z'], [int('transB', 1), float('alpha', 0.5), float('beta', 2)]),
      node('Softmax', ['z'], ['y'], [int('axis', 1)]),
    ],
    initializers: [weights('W', [3, 2], 12, 0.05), weights('B', [3], 13)],
    input: IMAGE, outputs: [out('y', ['N', 3])],
  }],
  ['GlobalMaxPool, Gemm transA', {
    nodes: [node('GlobalMaxPool', ['x'], ['g']), node('Flatten', ['g'], ['f']), node('Transpose', ['f'], ['ft']), node('Gemm', ['ft', 'W'], ['y'], [int('transA', 1)])],
    initializers: [weights('W', [2, 3], 14, 0.05)],
    input: IMAGE, outputs: [out('y', ['N', 3])],
  }],
  ['BatchNormalization, Tanh', {
    nodes: [node('BatchNormalization', ['x', 's', 'b', 'm', 'v'], ['n'], [float('epsilon', 1e-3)]), node('Tanh', ['n'], ['y'])],
    initializers: [weights('s', [2], [0.01, -0.02]), weights('b', [2], [0.1, 0.2]), weights('m', [2], [100, 50]), weights('v', [2], [400, 900])],
    input: IMAGE, outputs: [out('y', IMAGE)],
  }],
  ['Reshape [0, 12, 6], 3-D MatMul, LeakyRelu', {
    nodes: [node('Reshape', ['x', 'shape'], ['r']), node('MatMul', ['r', 'W'], ['m']), node('LeakyRelu', ['m'], ['y'], [float('alpha', 0.2)])],
    initializers: [int64s('shape', [0, 12, 6]), weights('W', [6, 4], 15, 0.1)],
    input: IMAGE, outputs: [out('y', ['N', 12, 4])],
  }],
  ['Add/Sub/Mul/Div with broadcasting', {
    nodes: [
      node('Add', ['x', 'a'], ['p']), node('Mul', ['p', 'm'], ['q']), node('Sub', ['q', 's'], ['r']),
      node('Sigmoid', ['x'], ['sig']), node('Add', ['sig', 'one'], ['d']), node('Div', ['r', 'd'], ['y']),
    ],
    initializers: [weights('a', [2, 1, 1], [1, -2]), weights('m', [6], 16), weights('s', [6, 1], 17), weights('one', [], [1])],
    input: IMAGE, outputs: [out('y', IMAGE)],
  }],
  ['Softmax opset 11 (flattened at axis 1)', {
    nodes: [node('Mul', ['x', 'k'], ['s']), node('Softmax', ['s'], ['y'], [int('axis', 1)])],
    initializers: [weights('k', [], [0.01])],
    input: IMAGE, outputs: [out('y', IMAGE)], opset: 11,
  }],
  ['Softmax opset 13 on axis 1, LogSoftmax on the last axis', {
    nodes: [node('Mul', ['x', 'k'], ['s']), node('Softmax', ['s'], ['a'], [int('axis', 1)]), node('LogSoftmax', ['a'], ['y'], [int('axis', -1)])],
    initializers: [weights('k', [], [0.01])],
    input: IMAGE, outputs: [out('y', IMAGE)],
  }],
  ['Transpose, Concat, Reshape [0, −1]', {
    nodes: [
      node('Transpose', ['x'], ['t'], [ints('perm', [0, 2, 3, 1])]),
      node('Concat', ['t', 't'], ['c'], [int('axis', 3)]),
      node('Reshape', ['c', 'shape'], ['y']),
    ],
    initializers: [int64s('shape', [0, -1])],
    input: IMAGE, outputs: [out('y', ['N', 144])],
  }],
  ['Pad constant (opset 11 inputs) and reflect', {
    nodes: [
      node('Pad', ['x', 'pads', 'value'], ['p']),
      node('Pad', ['p', 'pads2'], ['y'], [text('mode', 'reflect')]),
    ],
    initializers: [int64s('pads', [0, 0, 1, 2, 0, 0, 2, 1]), weights('value', [], [-3]), int64s('pads2', [0, 0, 1, 1, 0, 0, 1, 1])],
    input: IMAGE, outputs: [out('y', ['N', 2, 11, 11])],
  }],
  ['Pad opset 2 attributes', {
    nodes: [node('Pad', ['x'], ['y'], [ints('pads', [0, 0, 1, 1, 0, 0, 1, 1]), float('value', 2)])],
    input: IMAGE, outputs: [out('y', ['N', 2, 8, 8])], opset: 2,
  }],
  ['Clip opset 11 inputs', {
    nodes: [node('Clip', ['x', 'lo', 'hi'], ['y'])],
    initializers: [weights('lo', [], [0.25]), weights('hi', [], [0.75])],
    input: IMAGE, outputs: [out('y', IMAGE)],
  }],
  ['Clip opset 6 attributes', {
    nodes: [node('Clip', ['x'], ['y'], [float('min', -0.5), float('max', 0.5)])],
    input: IMAGE, outputs: [out('y', IMAGE)], opset: 6,
  }],
  ['Dropout, Identity, Constant', {
    nodes: [
      node('Dropout', ['x'], ['d']), node('Identity', ['d'], ['i']),
      node('Constant', [], ['c'], [tensorAttr('value', weights('cv', [2, 1, 1], [0.5, -0.5]))]),
      node('Mul', ['i', 'c'], ['y']),
    ],
    input: IMAGE, outputs: [out('y', IMAGE)],
  }],
  ['PyTorch flatten: Shape, Gather, Unsqueeze, Concat, Reshape', {
    nodes: [
      node('Shape', ['x'], ['s']),
      node('Gather', ['s', 'zero'], ['n'], [int('axis', 0)]),
      node('Unsqueeze', ['n', 'axes'], ['n1']),
      node('Concat', ['n1', 'minus1'], ['shape'], [int('axis', 0)]),
      node('Reshape', ['x', 'shape'], ['f']),
      node('Gemm', ['f', 'W'], ['y']),
    ],
    initializers: [int64s('zero', [0], []), int64s('axes', [0]), int64s('minus1', [-1]), weights('W', [72, 3], 18, 0.05)],
    input: IMAGE, outputs: [out('y', ['N', 3])],
  }],
  ['Squeeze, Unsqueeze, Slice, Cast', {
    nodes: [
      node('GlobalAveragePool', ['x'], ['g']),
      node('Squeeze', ['g', 'axes23'], ['s']),
      node('Unsqueeze', ['s', 'axes1'], ['u']),
      node('Slice', ['u', 'starts', 'ends', 'axes2'], ['sl']),
      node('Cast', ['sl'], ['y'], [int('to', DataType.FLOAT)]),
    ],
    initializers: [int64s('axes23', [2, 3]), int64s('axes1', [1]), int64s('starts', [1]), int64s('ends', [2]), int64s('axes2', [2])],
    input: IMAGE, outputs: [out('y', ['N', 1, 1])],
  }],
  ['ReduceMean (attribute), ReduceSum (input), ReduceMax', {
    nodes: [
      node('ReduceMean', ['x'], ['a'], [ints('axes', [2, 3]), int('keepdims', 0)]),
      node('ReduceSum', ['x', 'axes'], ['b'], [int('keepdims', 0)]),
      node('ReduceMax', ['x'], ['c'], [ints('axes', [1, 2, 3]), int('keepdims', 0)]),
      node('Add', ['a', 'b'], ['ab']),
      node('Unsqueeze', ['c', 'axes1'], ['c1']),
      node('Sub', ['ab', 'c1'], ['y']),
    ],
    initializers: [int64s('axes', [2, 3]), int64s('axes1', [1])],
    input: IMAGE, outputs: [out('y', ['N', 2])],
  }],
  ['Elu, Selu, HardSigmoid, PRelu, Softplus, Softsign, Erf, Exp, Log, Sqrt, Abs, Reciprocal', {
    nodes: [
      node('Mul', ['x', 'k'], ['s']),
      node('Elu', ['s'], ['e'], [float('alpha', 0.7)]),
      node('Selu', ['e'], ['se']),
      node('HardSigmoid', ['se'], ['h']),
      node('PRelu', ['s', 'slope'], ['p']),
      node('Softplus', ['p'], ['sp']),
      node('Softsign', ['s'], ['ss']),
      node('Erf', ['ss'], ['er']),
      node('Sigmoid', ['s'], ['sg']),
      node('Log', ['sg'], ['lg']), node('Exp', ['sg'], ['ex']), node('Sqrt', ['sg'], ['sq']),
      node('Abs', ['lg'], ['ab']), node('Add', ['ab', 'one'], ['ab1']), node('Reciprocal', ['ab1'], ['rc']),
      node('Sum', ['h', 'sp', 'er', 'ex', 'sq', 'rc'], ['y']),
    ],
    initializers: [weights('k', [], [0.02]), weights('slope', [2, 1, 1], [0.1, 0.3]), weights('one', [], [1])],
    input: IMAGE, outputs: [out('y', IMAGE)],
  }],
  ['Max, Min, Mean, Pow', {
    nodes: [
      node('Mul', ['x', 'k'], ['s']), node('Neg', ['s'], ['n']),
      node('Max', ['s', 'n'], ['a']), node('Min', ['s', 'n', 'a'], ['b']), node('Mean', ['a', 'b'], ['m']),
      node('Pow', ['a', 'two'], ['y0']), node('Add', ['y0', 'm'], ['y']),
    ],
    initializers: [weights('k', [], [0.01]), weights('two', [], [2])],
    input: IMAGE, outputs: [out('y', IMAGE)],
  }],
];

describe('ONNX → TF.js translation matches onnxruntime, operator by operator', () => {
  it.each(CASES)('%s', async (_name, spec) => {
    const model = await open(spec);
    expect(model.info.gradientPath?.reason).toMatch(/checked against onnxruntime/);
    expect(model.info.gradientPath?.kind).toBe('onnx-translated');
    expect(model.info.differentiable).toBe(true);
    expect(model.info.gradientPath!.maxAbsDiff!).toBeLessThanOrEqual(model.info.gradientPath!.tolerance!);
    expect(typeof model.gradient).toBe('function');
  });
});

/** Directional derivative by central differences through onnxruntime, against the translation's gradient. */
async function checkGradientNumerically(model: ModelAdapter, x: Float32Array, n: number, output: OutputBinding, labels: Int32Array, h: number): Promise<void> {
  const size = x.length / n;
  const { gradient } = await model.gradient!(x, n, { kind: 'margin', labels }, output);
  const direction = Float32Array.from({ length: x.length }, (_, i) => Math.sin(i * 12.9898) * 0.5);
  const margins = async (sign: number) => {
    const shifted = Float32Array.from(x, (v, i) => v + sign * h * direction[i]);
    const { values, width } = await model.predict(shifted, n);
    return Array.from({ length: n }, (_, s) => {
      const row = Array.from(values.subarray(s * width, (s + 1) * width));
      const own = row[labels[s]];
      return Math.max(...row.filter((_, j) => j !== labels[s])) - own;
    });
  };
  const [up, down] = [await margins(1), await margins(-1)];
  for (let s = 0; s < n; s++) {
    let analytic = 0;
    for (let j = 0; j < size; j++) analytic += gradient[s * size + j] * direction[s * size + j];
    const numeric = (up[s] - down[s]) / (2 * h);
    expect(Math.abs(analytic - numeric), `sample ${s}: ${analytic} vs ${numeric}`).toBeLessThan(1e-2 * Math.max(1, Math.abs(numeric)));
  }
}

describe('ONNX → TF.js translation: batches, gradients and refusals', () => {
  it('generalises a batch fixed at 1 (Reshape to [1, −1]) and gives gradients that match onnxruntime by finite differences', async () => {
    const spec: GraphSpec = {
      nodes: [
        node('Conv', ['x', 'W', 'B'], ['c'], [ints('pads', [1, 1, 1, 1])]), node('Relu', ['c'], ['r']),
        node('MaxPool', ['r'], ['p'], [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]),
        node('Reshape', ['p', 'shape'], ['f']), node('MatMul', ['f', 'W2'], ['m']), node('Add', ['m', 'B2'], ['y']),
      ],
      initializers: [weights('W', [3, 2, 3, 3], 21, 0.3), weights('B', [3], 22), int64s('shape', [1, -1]), weights('W2', [27, 4], 23, 0.3), weights('B2', [1, 4], 24)],
      input: [1, 2, 6, 6], outputs: [out('y', [1, 4])],
    };
    const model = await open(spec);
    expect(model.info.gradientPath?.kind).toBe('onnx-translated');
    expect(model.info.gradientPath?.reason).not.toMatch(/per pass as the file declares/);
    const n = 5;
    const x = Float32Array.from({ length: n * 72 }, (_, i) => Math.cos(i * 0.37) * 2);
    await checkGradientNumerically(model, x, n, { kind: 'logits', labels: ['a', 'b', 'c', 'd'] }, Int32Array.from([0, 1, 2, 3, 0]), 1e-3);
  });

  it('translates the float output when an int64 label output needs an unsupported operator (ArgMax)', async () => {
    const model = await open({
      nodes: [node('Flatten', ['x'], ['f']), node('Gemm', ['f', 'W'], ['y']), node('ArgMax', ['y'], ['label'], [int('axis', 1), int('keepdims', 0)])],
      initializers: [weights('W', [72, 3], 25, 0.05)],
      input: IMAGE, outputs: [out('y', ['N', 3]), { name: 'label', dims: ['N'], dtype: DataType.INT64 }],
    });
    expect(model.info.gradientPath?.kind).toBe('onnx-translated');
  });

  it('falls back to no gradient, naming the operators, when one on the way to the output is not covered', async () => {
    const model = await open({
      nodes: [node('Resize', ['x', '', 'scales'], ['r'], [text('mode', 'nearest')]), node('ReduceMean', ['r'], ['y'], [ints('axes', [2, 3]), int('keepdims', 0)])],
      initializers: [weights('scales', [4], [1, 1, 2, 2])],
      input: IMAGE, outputs: [out('y', ['N', 2])],
    });
    expect(model.info.differentiable).toBe(false);
    expect(model.gradient).toBeUndefined();
    expect(model.info.gradientPath).toEqual({
      kind: 'none',
      reason: 'the graph uses an operator the TF.js translation does not cover (Resize), so the model has no differentiable path; black-box attacks still apply',
    });
    // Predictions are unaffected.
    const { width } = await model.predict(new Float32Array(72), 1);
    expect(width).toBe(2);
  });

  it('refuses, with the reason, an attribute it does not implement (Pad edge mode)', async () => {
    const model = await open({
      nodes: [node('Pad', ['x', 'pads'], ['y'], [text('mode', 'edge')])],
      initializers: [int64s('pads', [0, 0, 1, 1, 0, 0, 1, 1])],
      input: IMAGE, outputs: [out('y', ['N', 2, 8, 8])],
    });
    expect(model.info.gradientPath?.kind).toBe('none');
    expect(model.info.gradientPath?.reason).toMatch(/Pad mode 'edge' is not supported by the TF.js translation/);
  });
});
