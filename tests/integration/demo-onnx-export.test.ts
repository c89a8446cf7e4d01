/**
 * The demo's own TF.js → ONNX exporter (scripts/demo/onnx-export.ts) on layer configurations the
 * demo models do not use: 'same' padding with strides, average pooling, activations on 4-D tensors,
 * a model that ends in a convolution, Dense without bias. Each ONNX file must match TF.js (cpu)
 * under onnxruntime-node; unsupported models must be refused with a message that says what to do.
 */
import * as tf from '@tensorflow/tfjs';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLayersModelToOnnx, OnnxExportError, ONNX_IR_VERSION, ONNX_OPSET } from '../../scripts/demo/onnx-export';
import { maxAbsDifference, runOnnx, runTfjs } from '../../scripts/demo/onnx-verify';
import { serializeLayersModel, type SavedModelFiles } from '../../scripts/demo/tfjs-files';

const { onnx } = onnxProto;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
const input = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, 'float32', seed).dataSync() as Float32Array;

async function exportAndCompare(model: tf.Sequential, batchShape: number[]): Promise<{ diff: number; files: SavedModelFiles; bytes: Uint8Array }> {
  const files = await serializeLayersModel(model);
  const bytes = exportLayersModelToOnnx(files);
  const x = input(batchShape, 7);
  const diff = maxAbsDifference(await runOnnx(bytes, x, batchShape), runTfjs(model, x, batchShape));
  return { diff, files, bytes };
}

describe('TF.js → ONNX exporter', () => {
  it('matches TF.js with same padding, strides, average pooling, tanh/sigmoid and Dense without bias', async () => {
    const model = tf.sequential({ name: 'mixed' });
    model.add(tf.layers.conv2d({ name: 'c1', inputShape: [9, 7, 3], filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: seeded(1), biasInitializer: 'ones' }));
    model.add(tf.layers.averagePooling2d({ name: 'a1', poolSize: 2, strides: 1, padding: 'same' }));
    model.add(tf.layers.maxPooling2d({ name: 'm1', poolSize: [2, 2], strides: [1, 2], padding: 'valid' }));
    model.add(tf.layers.flatten({ name: 'f' }));
    model.add(tf.layers.dropout({ name: 'd', rate: 0.3 }));
    model.add(tf.layers.dense({ name: 'h', units: 5, useBias: false, kernelInitializer: seeded(2) }));
    model.add(tf.layers.activation({ name: 'act', activation: 'sigmoid' }));
    model.add(tf.layers.dense({ name: 'out', units: 3, activation: 'softmax', kernelInitializer: seeded(3) }));
    const { diff } = await exportAndCompare(model, [6, 9, 7, 3]);
    expect(diff).toBeLessThan(1e-5);
  });

  it('keeps NHWC output and the channel softmax for a model that ends in a convolution', async () => {
    const model = tf.sequential({ name: 'convout' });
    model.add(tf.layers.conv2d({ name: 'c1', inputShape: [5, 5, 2], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: seeded(4) }));
    model.add(tf.layers.conv2d({ name: 'c2', filters: 4, kernelSize: 1, activation: 'softmax', kernelInitializer: seeded(5) }));
    const { diff } = await exportAndCompare(model, [3, 5, 5, 2]);
    expect(diff).toBeLessThan(1e-5);
  });

  it('writes opset 13, IR 7, a symbolic batch dimension N and the metadata it is given', async () => {
    const model = tf.sequential({ name: 'tiny' });
    model.add(tf.layers.dense({ name: 'out', inputShape: [4], units: 2, activation: 'softmax', kernelInitializer: seeded(6) }));
    const files = await serializeLayersModel(model);
    const decoded = onnx.ModelProto.decode(exportLayersModelToOnnx(files, { metadata: { family: 'tiny' } }));
    expect(Number(decoded.irVersion)).toBe(ONNX_IR_VERSION);
    expect(decoded.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    const graph = decoded.graph!;
    const dims = graph.input![0].type!.tensorType!.shape!.dim!;
    expect(dims.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['N', 4]);
    expect(graph.node!.map((n) => n.opType)).toEqual(['Gemm', 'Softmax']);
    expect(graph.output![0].name).toBe('output');
    expect(decoded.metadataProps.map((p) => [p.key, p.value])).toEqual([['family', 'tiny']]);
    // Batch sizes other than the one it was checked with.
    for (const n of [1, 17]) expect(await runOnnx(exportLayersModelToOnnx(files), input([n, 4], 8), [n, 4])).toHaveLength(n * 2);
  });

  it('refuses layers and settings it cannot translate, saying what it handles', async () => {
    const model = tf.sequential({ name: 'bn' });
    model.add(tf.layers.dense({ name: 'h', inputShape: [3], units: 2, kernelInitializer: seeded(9) }));
    model.add(tf.layers.batchNormalization({ name: 'bn1' }));
    const files = await serializeLayersModel(model);
    expect(() => exportLayersModelToOnnx(files)).toThrow(OnnxExportError);
    expect(() => exportLayersModelToOnnx(files)).toThrow(/Layer bn1 is a BatchNormalization; the exporter handles .*Dense/);

    const elu = tf.sequential({ name: 'elu' });
    elu.add(tf.layers.dense({ name: 'h', inputShape: [3], units: 2, activation: 'elu', kernelInitializer: seeded(10) }));
    const eluFiles = await serializeLayersModel(elu);
    expect(() => exportLayersModelToOnnx(eluFiles)).toThrow(/activation 'elu'; the exporter handles linear, relu, sigmoid, tanh, softmax/);
  });

  it('refuses weights that do not fit the manifest', async () => {
    const model = tf.sequential({ name: 'short' });
    model.add(tf.layers.dense({ name: 'h', inputShape: [3], units: 2, kernelInitializer: seeded(11) }));
    const files = await serializeLayersModel(model);
    expect(() => exportLayersModelToOnnx({ ...files, weights: files.weights.subarray(0, 8) })).toThrow(/weights file has 8 bytes/);
  });
});

