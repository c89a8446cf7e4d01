/**
 * Realistic sample data for the elements gallery: an MNIST-like 10-class image run and a binary
 * tabular run, with hostile strings where a file could hold them. Made deterministically from the
 * seeded rng; no model is run.
 */
import type {
  Estimate, GroupEstimate, Interval, Json, ModelInfo, ProbeResult, Progress, Run,
} from '../../core/types';
import { createRng } from '../../core/rng';

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

function ci(low: number, high: number, method: Interval['method'] = 'bootstrap-percentile'): Interval {
  return method === 'bootstrap-percentile' ? { low, high, level: 0.95, method, resamples: 1000 } : { low, high, level: 0.95, method };
}

function est(value: number, low: number, high: number, n: number): Estimate {
  return { value, interval: ci(low, high), n };
}

/** A 10-class confusion matrix with `errors` mistakes spread over a few neighbours of each class. */
function mnistConfusion(): number[][] {
  const support = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
  const errors = [4, 5, 12, 10, 11, 12, 10, 17, 13, 15]; // 109 errors → accuracy 0.9891
  const rng = createRng(7);
  return support.map((s, t) => {
    const row = new Array<number>(10).fill(0);
    row[t] = s - errors[t];
    for (let e = 0; e < errors[t]; e++) {
      let p = rng.int(10);
      while (p === t) p = rng.int(10);
      row[p] += 1;
    }
    return row;
  });
}

function reliability(counts: number[], confidence: number[], accuracy: number[]): { [key: string]: Json }[] {
  const k = counts.length;
  return counts.map((count, b) => ({
    low: b / k,
    high: (b + 1) / k,
    count,
    meanConfidence: count ? confidence[b] : null,
    accuracy: count ? accuracy[b] : null,
  }));
}

export const onnxModel: ModelInfo = {
  name: 'mnist.onnx',
  format: 'onnx',
  sha256: '6b8d1e0c2f1d5a0e2c9f4b7e8a1d3c5b7f9e0a2c4d6e8f0a1b3c5d7e9f1a2b3c',
  sizeBytes: 26_454,
  inputs: [{ name: 'Input3', shape: [1, 1, 28, 28], dtype: 'float32' }],
  outputs: [{ name: 'Plus214_Output_0', shape: [1, 10], dtype: 'float32' }],
  onnx: {
    irVersion: 3,
    producer: 'CNTK 2.5.1',
    opsets: [{ domain: '', version: 8 }],
    operators: [
      { domain: '', opType: 'Conv', count: 2 }, { domain: '', opType: 'Add', count: 3 }, { domain: '', opType: 'Relu', count: 2 },
      { domain: '', opType: 'MaxPool', count: 2 }, { domain: '', opType: 'Reshape', count: 2 }, { domain: '', opType: 'MatMul', count: 1 },
    ],
    metadata: { author: 'ONNX model zoo', note: HOSTILE },
    externalData: [],
  },
  backend: 'wasm',
  backendNote: 'WebGPU was asked for but this browser has no WebGPU adapter; running on wasm.',
  differentiable: false,
};

export const tfjsModel: ModelInfo = {
  name: 'wages-mlp <b>v2</b>/model.json',
  format: 'tfjs',
  sha256: 'c0ffee00d1c3a5b7e9f1a3c5e7091b3d5f7a9c1e3a5c7e9f1b3d5f7a9c1e3a5c',
  sizeBytes: 48_212,
  inputs: [{ name: 'dense_input', shape: [null, 17], dtype: 'float32' }],
  outputs: [{ name: 'dense_2', shape: [null, 1], dtype: 'float32' }, { name: 'aux_half', shape: ['batch', 2], dtype: 'float16' }],
  tfjs: {
    modelType: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    layers: ['InputLayer', 'Dense', 'Dropout', 'Dense', 'Dropout', 'Dense'],
    shards: [{ path: 'group1-shard1of1.bin', bytes: 46_980 }],
    weightCount: 6,
  },
  backend: 'wasm',
  differentiable: true,
};

function accuracyResult(labels: string[], confusion: number[][], headline: Estimate, extra: Record<string, Estimate>): ProbeResult {
  const supports = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = labels.map((_, j) => confusion.reduce((a, row) => a + row[j], 0));
  const groups: GroupEstimate[] = labels.map((label, c) => {
    const recall = confusion[c][c] / supports[c];
    const half = 1.96 * Math.sqrt((recall * (1 - recall)) / supports[c]) + 0.002;
    return { group: label, status: 'ok', value: recall, interval: ci(Math.max(0, recall - half), Math.min(1, recall + half), 'wilson'), n: supports[c] };
  });
  return {
    probeId: 'validity/accuracy',
    probeVersion: 1,
    pillar: 'validity',
    params: { bootstrap: 1000, level: 0.95 },
    status: 'ok',
    durationMs: 8_412,
    measurement: {
      ...headline,
      groups,
      secondary: extra,
      notes: ['Per-class values are recall (the share of each class predicted correctly) with Wilson score intervals.'],
      details: {
        labels,
        confusion,
        predictions: confusion.flatMap((row) => row.flatMap((count, p) => new Array<number>(count).fill(p))),
        perClass: labels.map((label, c) => ({
          label,
          support: supports[c],
          predicted: predicted[c],
          precision: predicted[c] ? confusion[c][c] / predicted[c] : null,
          recall: confusion[c][c] / supports[c],
          f1: predicted[c] ? (2 * confusion[c][c]) / (supports[c] + predicted[c]) : null,
          ...(predicted[c] ? {} : { undefinedReasons: { precision: 'no sample was predicted as this class', f1: 'precision is undefined' } }),
        })),
      },
    },
  };
}

function calibrationResult(ece: Estimate, secondary: Record<string, Estimate>, bins: { [key: string]: Json }[], durationMs: number): ProbeResult {
  return {
    probeId: 'validity/calibration',
    probeVersion: 1,
    pillar: 'validity',
    params: { bins: 15, bootstrap: 1000, level: 0.95 },
    status: 'ok',
    durationMs,
    measurement: {
      ...ece,
      groups: [],
      secondary,
      notes: ['MCE: 12 of 1000 bootstrap resamples were left out because the metric was undefined on them.'],
      details: { binEdges: 'right-closed: bin b holds top-class probabilities in (b/M, (b+1)/M]', bins },
    },
  };
}

const mnistLabels = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const mnistRun: Run = {
  schema: 'trustgrade.run/1',
  id: 'run-2025-11-23-mnist',
  status: 'complete',
  createdAt: '2025-11-23T10:15:02.000Z',
  finishedAt: '2025-11-23T10:15:31.500Z',
  model: onnxModel,
  dataset: {
    id: 'mnist-test', name: 'MNIST test set', format: 'idx', rows: 10_000,
    sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
    source: 'http://yann.lecun.com/exdb/mnist/', license: 'CC BY-SA 3.0',
  },
  binding: {
    kind: 'image', layout: 'NCHW', channels: 1, width: 28, height: 28, range: [0, 255], channelOrder: 'RGB',
    output: { kind: 'logits', labels: mnistLabels },
  },
  suite: { id: 'standard', version: 1, modality: 'image', task: 'multiclass-classification' },
  seed: 42,
  samples: 10_000,
  limit: null,
  results: [
    accuracyResult(mnistLabels, mnistConfusion(), est(0.9891, 0.987, 0.991, 10_000), {
      balanced_accuracy: est(0.989, 0.9869, 0.9909, 10_000),
      macro_f1: est(0.9889, 0.9868, 0.9908, 10_000),
    }),
    calibrationResult(
      est(0.0061, 0.0046, 0.0079, 10_000),
      {
        mce: est(0.2213, 0.118, 0.3571, 10_000),
        brier: est(0.0171, 0.0142, 0.0203, 10_000),
        brier_positive: { value: null, interval: null, n: 10_000, undefinedReason: 'defined for two-class models only' },
      },
      reliability(
        [0, 0, 0, 1, 4, 9, 14, 18, 21, 25, 30, 38, 52, 97, 9691],
        [0, 0, 0, 0.25, 0.31, 0.37, 0.43, 0.5, 0.57, 0.63, 0.7, 0.77, 0.83, 0.9, 0.9972],
        [0, 0, 0, 0, 0.25, 0.33, 0.43, 0.44, 0.52, 0.6, 0.63, 0.71, 0.77, 0.85, 0.9981],
      ),
      2_310,
    ),
  ],
  environment: {
    app: '0.1.0', host: 'browser', agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36',
    engine: 'onnxruntime-web 1.30.0', backend: 'wasm', threads: 2,
  },
};

const wageLabels = ['low wage', 'high <i>wage</i>'];

export const wagesRun: Run = {
  schema: 'trustgrade.run/1',
  id: 'run-2025-11-23-wages',
  status: 'interrupted',
  createdAt: '2025-11-23T11:02:40.000Z',
  finishedAt: null,
  model: tfjsModel,
  label: { family: 'wages-mlp', version: 'v2' },
  dataset: {
    id: 'cps-wages-1985', name: 'CPS 1985 wages (Berndt)', format: 'json', rows: 534,
    sha256: '1f3870be274f6c49b3e31a0c6728957f0c9ce5d2b3a1e8f7d6c5b4a39281706f',
    source: '@stdlib/datasets-berndt-cps-wages-1985', license: 'public domain',
  },
  binding: {
    kind: 'tabular',
    features: [
      { column: 'education', kind: 'numeric', offset: 13, divisor: 2.6 },
      { column: 'experience', kind: 'numeric', offset: 17.8, divisor: 12.4 },
      { column: 'occupation', kind: 'one-hot', vocabulary: ['management', 'sales', 'clerical', 'service', 'professional', 'other'] },
    ],
    target: 'wage_class',
    sensitive: ['gender', 'race'],
    output: { kind: 'sigmoid', labels: wageLabels, positive: wageLabels[1] },
  },
  suite: { id: 'quick', version: 1, modality: 'tabular', task: 'binary-classification' },
  seed: 7,
  samples: 534,
  limit: null,
  results: [
    accuracyResult(wageLabels, [[221, 46], [109, 158]], est(0.7097, 0.6723, 0.7472, 534), {
      balanced_accuracy: est(0.7097, 0.672, 0.747, 534),
      macro_f1: { value: null, interval: null, n: 534, undefinedReason: 'precision is undefined for a class that is never predicted' },
    }),
    calibrationResult(
      est(0.0412, 0.0301, 0.0712, 534),
      {
        mce: est(0.1821, 0.0902, 0.3313, 534),
        brier: est(0.3634, 0.3368, 0.3907, 534),
        brier_positive: est(0.1817, 0.1684, 0.1953, 534),
      },
      reliability(
        [0, 0, 0, 0, 0, 0, 0, 61, 83, 92, 88, 71, 60, 45, 34],
        [0, 0, 0, 0, 0, 0, 0, 0.52, 0.57, 0.63, 0.7, 0.77, 0.83, 0.9, 0.96],
        [0, 0, 0, 0, 0, 0, 0, 0.49, 0.58, 0.61, 0.64, 0.73, 0.85, 0.87, 0.94],
      ),
      640,
    ),
    {
      probeId: 'fairness/group-metrics',
      probeVersion: 1,
      pillar: 'fairness',
      params: { minGroupSize: 30, bootstrap: 1000 },
      status: 'ok',
      durationMs: 1_204,
      measurement: {
        value: 0.1732, interval: ci(0.0911, 0.2503), n: 534,
        groups: [
          { group: 'gender=female', status: 'ok', ...est(0.2172, 0.1682, 0.2702, 245) },
          { group: 'gender=male', status: 'ok', ...est(0.3904, 0.3351, 0.4463, 289) },
          { group: `race=${HOSTILE}`, status: 'insufficient-data', value: null, interval: null, n: 12, undefinedReason: 'fewer than 30 samples' },
        ],
        secondary: { dp_ratio: est(0.5563, 0.4102, 0.7331, 534) },
        notes: ['Groups smaller than 30 samples are reported as insufficient data and not graded.'],
        details: { selectionRates: { female: 0.2172, male: 0.3904 } },
      },
    },
    {
      probeId: 'privacy/membership-inference',
      probeVersion: 1,
      pillar: 'privacy',
      params: {},
      status: 'skipped',
      reason: 'needs a member/non-member split in the binding',
      durationMs: 0,
    },
  ],
  environment: {
    app: '0.1.0', host: 'browser', agent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0',
    engine: 'TensorFlow.js 4.22.0', backend: 'wasm', threads: 1,
  },
  error: 'The page was reloaded while the run was in progress.',
};

export const progressMidRun: Progress = {
  runId: 'run-2025-11-23-mnist',
  probeId: 'validity/calibration',
  probeIndex: 1,
  probeCount: 2,
  fraction: 0.62,
  etaMs: 12_400,
  message: 'Calibration… bootstrapping ECE',
};

export const failedProbe: ProbeResult = {
  probeId: 'validity/calibration',
  probeVersion: 1,
  pillar: 'validity',
  params: { bins: 15, bootstrap: 1000, level: 0.95 },
  status: 'failed',
  reason: 'The model returned NaN for 3 samples (rows 18, 211, 4012). Check the binding\'s scaling for those rows.',
  durationMs: 312,
};

export const skippedProbe: ProbeResult = {
  probeId: 'validity/calibration',
  probeVersion: 1,
  pillar: 'validity',
  params: { bins: 15, bootstrap: 1000, level: 0.95 },
  status: 'skipped',
  reason: 'needs labelled samples; none of the samples has a known label',
  durationMs: 0,
};

export const cancelledProbe: ProbeResult = {
  probeId: 'validity/accuracy',
  probeVersion: 1,
  pillar: 'validity',
  params: { bootstrap: 1000, level: 0.95 },
  status: 'cancelled',
  durationMs: 1_870,
};
