import { describe, expect, it } from 'vitest';
import type { Backend, TensorInfo } from '../../src/core/types';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { ModelError } from '../../src/runtime/errors';
import { openOnFirstBackend } from '../../src/runtime/open-first';
import { sequentialOutputShape } from '../../src/runtime/keras-shapes';
import { assertRunnable, chooseOutput } from '../../src/runtime/tensors';
import { readModelFiles } from '../fixtures/models/read-model-files';

const fakeAdapter = (backend: Backend, info: ModelAdapter['info']): ModelAdapter => ({
  info: { ...info, backend },
  engine: 'fake',
  threads: 1,
  predict: async () => ({ values: new Float32Array(0), width: 0 }),
  sampleSize: () => 3,
  dispose: async () => undefined,
});

describe('openOnFirstBackend', () => {
  const files = readModelFiles('onnx/linear-softmax.onnx');

  it('falls back along the table and says why in backendNote', async () => {
    const tried: Backend[] = [];
    const adapter = await openOnFirstBackend(files, 'auto', 'browser', async (source, backend) => {
      tried.push(backend);
      if (backend === 'webgpu') throw new Error('no adapter');
      return fakeAdapter(backend, { ...source.inspected, backend, differentiable: false });
    });
    expect(tried).toEqual(['webgpu', 'wasm']);
    expect(adapter.info.backend).toBe('wasm');
    expect(adapter.info.backendNote).toBe('webgpu could not be used (no adapter); using wasm.');
  });

  it('tries only a forced backend and names the others when it fails', async () => {
    const tried: Backend[] = [];
    const error = await openOnFirstBackend(files, 'webgpu', 'browser', async (_s, backend) => {
      tried.push(backend);
      throw new Error('navigator.gpu is missing');
    }).catch((e: unknown) => e);
    expect(tried).toEqual(['webgpu']);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toBe(
      'linear-softmax.onnx could not be opened (webgpu: navigator.gpu is missing). Try another backend (auto, wasm), or ' +
        'check that the model only uses operators and types this engine supports (exporting it again with a lower opset often helps).',
    );
  });

  it('refuses unusable models before starting any engine', async () => {
    let started = false;
    const load = async () => {
      started = true;
      throw new Error('should not start');
    };
    await expect(openOnFirstBackend(readModelFiles('onnx/zipmap.onnx'), 'auto', 'node', load)).rejects.toThrow(/zipmap": False/);
    await expect(openOnFirstBackend(readModelFiles('onnx/inspect-features.onnx'), 'auto', 'node', load)).rejects.toThrow(/separate files/);
    await expect(openOnFirstBackend(files, 'webgl', 'node', load)).rejects.toThrow(/Choose one of: auto, node, wasm/);
    expect(started).toBe(false);
  });
});

describe('output choice', () => {
  const t = (name: string, dtype: string, shape: TensorInfo['shape'] = ['N', 2]): TensorInfo => ({ name, dtype, shape });
  const info = (outputs: TensorInfo[]) => ({ name: 'm.onnx', inputs: [t('x', 'float32')], outputs });

  it('defaults to the first floating-point output, else the first numeric one', () => {
    expect(chooseOutput(info([t('label', 'int64', ['N']), t('probabilities', 'float32')])).name).toBe('probabilities');
    expect(chooseOutput(info([t('label', 'int64', ['N']), t('half', 'float16')])).name).toBe('half');
    expect(chooseOutput(info([t('label', 'int64', ['N'])])).name).toBe('label');
  });

  it('never chooses a ZipMap and says how to export without it', () => {
    const zip = info([t('output_label', 'int64', ['N']), t('output_probability', 'sequence(map(int64,float32))', [])]);
    expect(() => chooseOutput(zip)).toThrow(/no tensor output with probabilities: 'output_probability' has type sequence\(map\(int64,float32\)\).*zipmap": False/);
    expect(() => chooseOutput(zip, 'output_probability')).toThrow(/non-tensor output.*without ZipMap/);
    expect(() => chooseOutput(zip, 'nope')).toThrow("The model has no output 'nope'. Its outputs are: 'output_label', 'output_probability'.");
  });

  it('refuses models with several inputs or a string input', () => {
    expect(() => assertRunnable({ ...info([t('y', 'float32')]), inputs: [t('a', 'float32'), t('b', 'float32')] })).toThrow(/has 2 inputs \('a', 'b'\); TrustGrade feeds one input tensor/);
    expect(() => assertRunnable({ ...info([t('y', 'float32')]), inputs: [t('text', 'string')] })).toThrow(/takes string values/);
  });
});

describe('Keras Sequential output shapes', () => {
  it('follows conv, pooling, flatten and dense layers (TinyVGG layout)', () => {
    const conv = { className: 'Conv2D', config: { filters: 10, kernel_size: [3, 3], strides: [1, 1], padding: 'valid' } };
    const relu = { className: 'Activation', config: { activation: 'relu' } };
    const pool = { className: 'MaxPooling2D', config: { pool_size: [2, 2], padding: 'valid' } };
    const layers = [conv, relu, conv, relu, pool, conv, relu, conv, relu, pool, { className: 'Flatten', config: {} }, { className: 'Dense', config: { units: 4 } }];
    // 64 → 62 → 60 → 30 → 28 → 26 → 13; 13·13·10 = 1690 (the TinyVGG output kernel is [1690, 4]).
    expect(sequentialOutputShape([null, 64, 64, 3], layers.slice(0, 11))).toEqual([null, 1690]);
    expect(sequentialOutputShape([null, 64, 64, 3], layers)).toEqual([null, 4]);
    expect(sequentialOutputShape([null, 8, 8, 3], [{ className: 'Conv2D', config: { filters: 2, kernel_size: 3, strides: 2, padding: 'same' } }])).toEqual([null, 4, 4, 2]);
    expect(sequentialOutputShape([null, 3], [{ className: 'Lambda', config: {} }])).toBeNull();
  });
});
