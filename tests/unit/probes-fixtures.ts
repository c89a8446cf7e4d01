/**
 * Hand-built models and data for probe tests: no runtime, no files. A `Classifier` here is a
 * deterministic function of its input, and `PreparedData` is filled in directly.
 */
import type { Classifier, PreparedData, ProbeContext } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import type { AuxiliaryRole, Binding, Dataset, Json, ModelInfo } from '../../src/core/types';

export const modelInfo: ModelInfo = {
  name: 'fake.onnx',
  format: 'onnx',
  sha256: '0'.repeat(64),
  sizeBytes: 0,
  inputs: [],
  outputs: [],
  backend: 'cpu',
  differentiable: false,
};

/** A classifier whose output for a sample is `rows[x[0]]`: the first input value names the row. */
export function lookupClassifier(labels: string[], rows: number[][]): Classifier & { calls: number[] } {
  const calls: number[] = [];
  return {
    info: modelInfo,
    labels,
    sampleShape: [1],
    calls,
    gradient: null,
    async predict(x, n) {
      calls.push(n);
      const size = x.length / n;
      const out = new Float32Array(n * labels.length);
      for (let i = 0; i < n; i++) out.set(rows[x[i * size]], i * labels.length);
      return out;
    },
  };
}

/** Data for `lookupClassifier`: sample i has x = [i] and label y[i] (−1 = unknown). */
export function lookupData(labels: string[], y: number[], positive?: string): PreparedData {
  const n = y.length;
  const binding: Binding = {
    kind: 'tabular',
    features: [{ column: 'row', kind: 'numeric' }],
    target: 'label',
    sensitive: [],
    output: { kind: 'probabilities', labels, ...(positive ? { positive } : {}) },
  };
  return {
    dataset: tabularDataset(n),
    binding,
    n,
    x: Float32Array.from({ length: n }, (_, i) => i),
    sampleSize: 1,
    y: Int32Array.from(y),
    sensitive: {},
    member: null,
  };
}

/** A softmax over a fixed linear map of the input: deterministic, different for every input. */
export function linearClassifier(labels: string[], sampleShape: number[]): Classifier {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const k = labels.length;
  const weight = (c: number, j: number) => Math.sin(1.7 * (c + 1) * (j + 1)) * 3;
  return {
    info: modelInfo,
    labels,
    sampleShape,
    gradient: null,
    async predict(x, n, signal) {
      if (signal?.aborted) throw new Error('predict called after abort');
      const out = new Float32Array(n * k);
      for (let i = 0; i < n; i++) {
        const logits = Array.from({ length: k }, (_, c) => {
          let s = 0;
          for (let j = 0; j < size; j++) s += weight(c, j) * x[i * size + j];
          return s;
        });
        const max = Math.max(...logits);
        const exp = logits.map((l) => Math.exp(l - max));
        const sum = exp.reduce((a, b) => a + b, 0);
        exp.forEach((e, c) => (out[i * k + c] = e / sum));
      }
      return out;
    },
  };
}

/** Tabular, two classes, one sensitive column, a member split; every 7th label unknown. */
export function tabularBinaryData(n = 300): { model: Classifier; data: PreparedData } {
  const labels = ['no', 'yes'];
  const model = linearClassifier(labels, [4]);
  const rng = createRng(7);
  const x = Float32Array.from({ length: n * 4 }, () => rng.normal());
  const y = Int32Array.from({ length: n }, (_, i) => (i % 7 === 3 ? -1 : (x[i * 4] + 0.5 * rng.normal() > 0 ? 1 : 0)));
  const binding: Binding = {
    kind: 'tabular',
    features: ['a', 'b', 'c', 'd'].map((column) => ({ column, kind: 'numeric' as const })),
    target: 'label',
    sensitive: ['sex'],
    split: { column: 'split', member: 'train' },
    output: { kind: 'probabilities', labels, positive: 'yes' },
  };
  return {
    model,
    data: {
      dataset: tabularDataset(n),
      binding,
      n,
      x,
      sampleSize: 4,
      y,
      sensitive: { sex: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'F' : 'M')) },
      member: Array.from({ length: n }, (_, i) => i % 2 === 0),
    },
  };
}

/** Image, four classes, 4×4 grey pixels scaled to 0–1; every 11th label unknown. */
export function imageMulticlassData(n = 200): { model: Classifier; data: PreparedData } {
  const labels = ['zero', 'one', 'two', 'three'];
  const model = linearClassifier(labels, [1, 4, 4]);
  const rng = createRng(11);
  const pixels = Uint8Array.from({ length: n * 16 }, () => rng.int(256));
  const x = Float32Array.from(pixels, (p) => p / 255);
  const y = Int32Array.from({ length: n }, (_, i) => (i % 11 === 5 ? -1 : rng.int(4)));
  const binding: Binding = {
    kind: 'image',
    layout: 'NCHW',
    channels: 1,
    width: 4,
    height: 4,
    range: [0, 1],
    channelOrder: 'RGB',
    output: { kind: 'logits', labels },
  };
  const dataset: Dataset = {
    manifest: { id: 'fake-images', name: 'fake images', format: 'images', sha256: '1'.repeat(64), rows: n },
    data: {
      kind: 'image', width: 4, height: 4, channels: 1, pixels,
      labels: Array.from(y, (c) => (c < 0 ? null : labels[c])),
      names: Array.from({ length: n }, (_, i) => `img-${i}.png`),
    },
  };
  return { model, data: { dataset, binding, n, x, sampleSize: 16, y, sensitive: {}, member: null } };
}

function tabularDataset(n: number): Dataset {
  return {
    manifest: { id: 'fake-rows', name: 'fake rows', format: 'csv', sha256: '2'.repeat(64), rows: n },
    data: { kind: 'tabular', columns: ['row'], rows: Array.from({ length: n }, (_, i) => [i]) },
  };
}

/** A probe context with a fixed seed and a progress log. */
export function contextFor<P extends Record<string, Json>>(
  model: Classifier,
  data: PreparedData,
  params: P,
  options: { seed?: number; signal?: AbortSignal; auxiliary?: Partial<Record<AuxiliaryRole, PreparedData>> } = {},
): ProbeContext<P> & { progressLog: number[] } {
  const progressLog: number[] = [];
  return {
    model,
    data,
    auxiliary: (role) => options.auxiliary?.[role] ?? null,
    params,
    rng: createRng(options.seed ?? 1),
    signal: options.signal ?? new AbortController().signal,
    progress: (fraction) => progressLog.push(fraction),
    progressLog,
  };
}
