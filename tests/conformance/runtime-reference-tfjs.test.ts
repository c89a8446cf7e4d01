import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendChoice } from '../../src/core/types';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles } from '../fixtures/models/read-model-files';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ref = (path: string) => REFERENCE + path;

const opened: ModelAdapter[] = [];
async function open(path: string, choice: BackendChoice): Promise<ModelAdapter> {
  const adapter = await openModelInNode(readModelFiles(ref(path)), choice);
  opened.push(adapter);
  return adapter;
}
afterAll(async () => {
  await Promise.all(opened.map((a) => a.dispose()));
});

/** A Dense stack computed by hand from the shard bytes, independent of TF.js. */
function denseForward(folder: string, activations: ((v: number) => number)[], x: number[]): number[] {
  const json = JSON.parse(readFileSync(ref(`${folder}/model.json`), 'utf8')) as {
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
  };
  const weights: { shape: number[]; values: Float32Array }[] = [];
  for (const group of json.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((p) => readFileSync(ref(`${folder}/${p}`))));
    const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    let offset = 0;
    for (const w of group.weights) {
      const size = w.shape.reduce((a, b) => a * b, 1);
      weights.push({ shape: w.shape, values: floats.subarray(offset, offset + size) });
      offset += size;
    }
  }
  let h = x;
  activations.forEach((act, layer) => {
    const { shape: [inDim, outDim], values: kernel } = weights[layer * 2];
    const bias = weights[layer * 2 + 1].values;
    expect(h.length).toBe(inDim);
    h = Array.from({ length: outDim }, (_, j) => act(h.reduce((s, v, i) => s + v * kernel[i * outDim + j], bias[j])));
  });
  return h;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const relu = (v: number) => Math.max(0, v);

/** Deterministic test vectors: one-hot-like 0/1 patterns and scaled values, no randomness needed. */
const vectors = (n: number, width: number): number[][] =>
  Array.from({ length: n }, (_, r) => Array.from({ length: width }, (_, c) => ((r * 7 + c * 3) % 5 === 0 ? 1 : ((r + c) % 4) * 0.2)));

describe.skipIf(!existsSync(REFERENCE))('conformance: reference TF.js models (../shared/reference)', () => {
  it.each(['wasm', 'cpu'] as const)('Adult MLP (old 0.x Keras format) loads on %s and equals a hand-computed forward pass', async (choice) => {
    const model = await open('models/adult-income-mlp-tfjs', choice);
    expect(model.info.backend).toBe(choice);
    expect(model.info.inputs).toEqual([{ name: 'dense_1_input', shape: [null, 104], dtype: 'float32' }]);
    expect(model.info.outputs).toEqual([{ name: 'dense_3', shape: [null, 2], dtype: 'float32' }]);
    expect(model.sampleSize()).toBe(104);
    const xs = vectors(20, 104);
    const { values, width } = await model.predict(Float32Array.from(xs.flat()), xs.length);
    expect(width).toBe(2);
    const expected = xs.flatMap((x) => denseForward('models/adult-income-mlp-tfjs', [sigmoid, sigmoid, sigmoid], x));
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it.each(['wasm', 'cpu'] as const)('COMPAS MLP loads on %s and equals a hand-computed forward pass', async (choice) => {
    const model = await open('models/compas-risk-mlp-tfjs', choice);
    expect(model.info.inputs[0].shape).toEqual([null, 12]);
    const xs = vectors(30, 12);
    const { values, width } = await model.predict(Float32Array.from(xs.flat()), xs.length);
    expect(width).toBe(1);
    const expected = xs.flatMap((x) => denseForward('models/compas-risk-mlp-tfjs', [relu, relu, relu, sigmoid], x));
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('TinyVGG predicts 4 softmax scores per 64×64 image, the same on wasm and cpu', async () => {
    const wasm = await open('models/tinyvgg-4class-tfjs', 'wasm');
    const cpu = await open('models/tinyvgg-4class-tfjs', 'cpu');
    expect(wasm.info.inputs[0].shape).toEqual([null, 64, 64, 3]);
    expect(wasm.info.outputs[0].shape).toEqual([null, 4]);
    const names = readdirSync(ref('datasets/tinyvgg-images')).filter((n) => n.endsWith('.jpeg')).sort().slice(0, 8);
    const x = new Float32Array(names.length * 64 * 64 * 3);
    names.forEach((name, i) => {
      const { data, width, height } = jpeg.decode(readFileSync(ref(`datasets/tinyvgg-images/${name}`)), { useTArray: true });
      expect([width, height]).toEqual([64, 64]);
      for (let p = 0; p < 64 * 64; p++) for (let c = 0; c < 3; c++) x[i * 12288 + p * 3 + c] = data[p * 4 + c] / 255;
    });
    const a = await wasm.predict(x, names.length);
    const b = await cpu.predict(x, names.length);
    expect(a.width).toBe(4);
    for (let r = 0; r < names.length; r++) {
      const row = a.values.subarray(r * 4, r * 4 + 4);
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    }
    a.values.forEach((v, i) => expect(v).toBeCloseTo(b.values[i], 4));
  });
});
