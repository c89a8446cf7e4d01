/**
 * A stored run whose results carry the details every pillar's detail view draws — corruptions
 * with a contact sheet of real PNGs, attacks with pixel thumbnails, fairness partitions with an
 * intersection, explanations with encoded heat maps, membership ROC curves — shaped as the probes
 * write them, with some hostile text in labels. For the report's renderer tests (unit and e2e).
 */
import { encode } from 'fast-png';
import type { Json, Measurement, ProbeResult, Run } from '../../src/core/types';
import { encodeImage, encodeMap, toBase64 } from '../../src/explain/encode-map';
import { adultRunWithFairness } from './report-fixtures';

export const HOSTILE = '<script>alert(1)</script>';

const png = (w: number, h: number, seed: number): string =>
  toBase64(encode({ width: w, height: h, data: Uint8Array.from({ length: w * h }, (_, i) => (i * 37 + seed * 53) % 256), channels: 1, depth: 8 }));

const measurement = (value: number | null, details: { [key: string]: Json }): Measurement => ({ value, interval: null, n: 100, groups: [], secondary: {}, notes: [], details });

const result = (probeId: string, m: Measurement): ProbeResult => ({
  probeId, probeVersion: 1, pillar: probeId.split('/')[0] as ProbeResult['pillar'], params: {}, status: 'ok', durationMs: 10, measurement: m,
});

export const CORRUPTIONS = [{ id: 'fog', title: 'Fog' }, { id: 'blur', title: HOSTILE }];
export const SEVERITIES = [1, 2, 3];

export function corruptionDetails(): { [key: string]: Json } {
  return {
    severities: SEVERITIES,
    clean: { accuracy: 0.97, low: 0.95, high: 0.98, n: 100 },
    corruptions: CORRUPTIONS.map((c, k) => ({ id: c.id, title: c.title, severities: SEVERITIES.map((s) => ({ severity: s, accuracy: 0.9 - 0.1 * s - 0.05 * k, low: 0.85 - 0.1 * s - 0.05 * k, high: 0.94 - 0.1 * s - 0.05 * k })) })),
    contactSheet: { name: 'digit.png', label: '7', clean: png(8, 8, 0), cells: CORRUPTIONS.flatMap((c, k) => SEVERITIES.map((s) => ({ corruption: c.id, severity: s, png: png(8, 8, 3 * k + s) }))) },
  };
}

const thumb = (seed: number): Json => ({ width: 4, height: 4, channels: 1, pixels: Array.from({ length: 16 }, (_, i) => (i * 16 + seed) % 256) });

export function attackDetails(): { [key: string]: Json } {
  return {
    norm: 'linf', unit: 'fraction of the input range', epsilons: [0.05, 0.1, 0.3], headlineEpsilon: 0.1,
    samples: { attacked: 10, correct: 9, leftOut: 0 },
    strongest: [0.05, 0.1, 0.3].map((e, i) => ({ epsilon: e, robustAccuracy: [0.8, 0.5, 0.1][i], low: [0.6, 0.3, 0][i], high: [0.9, 0.7, 0.3][i], robustAccuracyCorrect: 0.5, successRate: 0.4, fooled: 4, strongestAttack: 'PGD-20' })),
    curves: ['FGSM', 'PGD-20'].map((attack, k) => ({ attack, family: 'white-box', points: [0.05, 0.1, 0.3].map((e, i) => ({ epsilon: e, robustAccuracy: [0.85, 0.6, 0.2][i] - 0.05 * k, low: null, high: null })) })),
    minimalEpsilon: { method: 'bisection', median: 0.12, censored: 1, n: 9, maxEpsilon: 0.3, values: [0.05, 0.12, 0.2] },
    maskingChecks: [{ id: 'zero-gradients', title: 'Input gradients are not zero', status: 'passed', detail: HOSTILE }],
    examples: [0, 1].map((k) => ({
      sample: k, label: '7', attack: 'PGD-20', epsilon: 0.1,
      original: { image: thumb(k), predicted: '7', confidence: 0.99 }, adversarial: { image: thumb(k + 40), predicted: HOSTILE, confidence: 0.6 }, perturbation: thumb(128),
    })),
    gradientPath: { kind: 'tfjs' },
  };
}

export function groupDetails(): { [key: string]: Json } {
  const group = (label: string, values: string[], n: number, sr: number, status = 'ok') => ({ label, values, n, labelled: n, status, metrics: { selection_rate: { value: sr, low: sr - 0.02, high: sr + 0.02 }, tpr: { value: sr + 0.3, low: sr + 0.25, high: sr + 0.35 } } });
  return {
    decision: { rule: 'P(>50K) ≥ 0.5', favourable: '>50K' }, minGroupSize: 30, level: 0.95,
    metrics: [{ name: 'selection_rate', title: 'Selection rate' }, { name: 'tpr', title: 'True-positive rate' }],
    summaries: [{ name: 'dp_difference', title: 'Demographic parity difference', kind: 'difference', metric: 'selection_rate', direction: 'lower' }, { name: 'dp_ratio', title: 'Demographic parity ratio', kind: 'ratio', metric: 'selection_rate', direction: 'higher' }],
    worst: { dp_difference: 'sex', dp_ratio: 'sex' },
    partitions: [
      { name: 'sex', attributes: ['sex'], groups: [group('Male', ['Male'], 21790, 0.25), group('Female', ['Female'], 10771, 0.08), group(HOSTILE, [HOSTILE], 12, 0.3, 'insufficient-data')],
        summaries: { dp_difference: { value: 0.17, low: 0.16, high: 0.18, lowGroup: 'Female', highGroup: 'Male' }, dp_ratio: { value: 0.32, low: 0.3, high: 0.34, lowGroup: 'Female', highGroup: 'Male' } } },
      { name: 'sex × race', attributes: ['sex', 'race'], groups: [group('Male × White', ['Male', 'White'], 19000, 0.26), group('Male × Black', ['Male', 'Black'], 1500, 0.15), group('Female × White', ['Female', 'White'], 8600, 0.09), group('Female × Black', ['Female', 'Black'], 20, 0.05, 'insufficient-data')],
        summaries: { dp_difference: { value: 0.21, low: 0.19, high: 0.23, lowGroup: 'Female × White', highGroup: 'Male × White' } } },
    ],
  };
}

const map = (w: number, h: number, f: (x: number, y: number) => number) => encodeMap(Float32Array.from({ length: w * h }, (_, i) => f(i % w, Math.floor(i / w))), w, h) as unknown as Json;
const picture = () => encodeImage(Uint8Array.from({ length: 64 }, (_, i) => (i * 4) % 256), 8, 8, 1) as unknown as Json;

export function imageAttributionDetails(): { [key: string]: Json } {
  return {
    methods: [{ id: 'occlusion', title: 'Occlusion', description: 'patch 2', signed: true }, { id: 'saliency', title: 'Saliency', description: '|∂p/∂x|', signed: false }],
    images: [0, 1, 2].map((k) => ({ index: k, name: `img-${k}.png`, label: '7', class: '7', probability: 0.9, image: picture(), maps: { occlusion: map(8, 8, (x, y) => x - y + k), saliency: map(8, 8, (x, y) => x * y) } })),
  };
}

export function everyPillarRun(): Run {
  const run = adultRunWithFairness();
  const features = ['age', 'education', HOSTILE];
  run.results = run.results.filter((r) => r.probeId !== 'privacy/membership-inference');
  run.results.push(
    result('robustness/corruptions', measurement(0.6, corruptionDetails())),
    result('robustness/tabular-perturbation', measurement(0.1, { cleanAccuracy: 0.85, settings: [0.1, 0.5, 1].flatMap((level) => [{ family: 'gaussian-noise', level, flipRate: level / 5, low: level / 6, high: level / 4 }, { family: 'missing-values', level, flipRate: level / 8, low: null, high: null }]) })),
    result('robustness/ood', measurement(0.8, { inDistribution: { name: 'adult', n: 100 }, sources: [{ name: 'noise', kind: 'synthetic', n: 50 }, { name: HOSTILE, kind: 'dataset', n: 50 }], energyFrom: 'logits', histograms: { msp: { low: 0.5, high: 1, in: [1, 2, 5, 20], out: [[10, 8, 3, 1], [5, 5, 5, 5]] }, energy: { low: -2, high: 4, in: [1, 3, 8, 16], out: [[9, 9, 2, 1], [4, 6, 5, 4]] } } })),
    result('robustness/stability', measurement(0, { backend: 'wasm', tolerance: 1e-6, outputDigest: 'abcd0123', repeats: [{ name: 'again', maxAbsDifference: 0, identical: 100, n: 100 }] })),
    result('robustness/white-box-attacks', measurement(0.5, attackDetails())),
    result('fairness/inequality', measurement(0.01, { minGroupSize: 30, partitions: [{ name: 'sex', betweenGe: 0.004, betweenTheil: 0.003, groups: [{ label: 'Male', labelled: 21790, meanBenefit: 0.95, low: 0.94, high: 0.96 }, { label: 'Female', labelled: 10771, meanBenefit: 0.99, low: 0.98, high: 1 }] }] })),
    result('fairness/counterfactual', measurement(0.03, { rowsTested: 500, attributes: [{ attribute: 'sex', testable: true, how: 'sex swapped', rows: 500, flipRate: 0.03, low: 0.02, high: 0.05, pairFlipRate: 0.03, meanAbsChange: 0.02, fromValues: [{ value: 'Male', rows: 330, flipRate: 0.02 }, { value: 'Female', rows: 170, flipRate: 0.05 }] }, { attribute: 'race', testable: false, reason: 'a column derived from it is in the input', rows: 0 }] })),
    result('fairness/proxies', measurement(0.45, { flagAt: 0.3, columns: [{ column: 'relationship', kind: 'categorical', associations: [{ attribute: 'sex', measure: 'cramers_v', value: 0.65, low: 0.64, high: 0.66, auc: 0.83, aucGroup: 'Female', flagged: true }] }, { column: 'age', kind: 'numeric', associations: [{ attribute: 'sex', measure: 'correlation_ratio', value: 0.09, low: 0.08, high: 0.1, auc: null, flagged: false }] }, { column: 'fnlwgt', kind: 'skipped', reason: 'an identifier', associations: [] }] })),
    result('explainability/attributions', measurement(null, {
      scale: 'probability', features, explainedClass: '>50K', methods: ['kernel-shap', 'lime'], globalShap: [0.1, 0.05, 0.02],
      rows: [0, 1].map((k) => ({ index: k, label: '>50K', predicted: '>50K', class: '>50K', probability: 0.8, explained: 0.8, base: 0.24, values: ['39', 'Bachelors', HOSTILE], shap: [0.3 - k * 0.1, -0.1, 0.05], lime: [0.2, -0.05, 0.01] })),
    })),
    result('explainability/global-importance', measurement(0.1, { score: 'balanced accuracy', baselineScore: 0.76, rows: 1000, features: [{ column: 'age', sensitive: false, importance: 0.05, std: 0.01, low: 0.04, high: 0.06 }, { column: 'sex', sensitive: true, importance: 0.02, std: 0.01, low: 0.01, high: 0.03 }], dependence: [{ column: 'age', grid: [20, 40, 60], classes: ['>50K'], values: [[0.1, 0.3, 0.25]] }] })),
    result('explainability/faithfulness', measurement(0.2, { methodTitle: 'KernelSHAP', unit: 'columns', fractions: [0, 0.5, 1], curves: { deletion: [0.8, 0.4, 0.2], insertion: [0.2, 0.6, 0.8], randomDeletion: [0.8, 0.6, 0.2], randomInsertion: [0.2, 0.4, 0.8] }, samples: [{ index: 0, class: '>50K', deletionAuc: 0.45, insertionAuc: 0.55, gain: 0.1 }] })),
    result('explainability/randomisation', measurement(0.1, { methodTitle: 'Occlusion', methods: [{ id: 'occlusion', title: 'Occlusion', rankCorrelation: 0.1, main: true }, { id: 'saliency', title: 'Saliency', rankCorrelation: 0.4 }], samples: [{ index: 0, class: '7', rankCorrelation: 0.1 }], pictures: [{ index: 0, class: '7', image: picture(), trained: map(8, 8, (x) => x - 4), randomised: map(8, 8, (_, y) => y - 4) }] })),
    result('privacy/membership-inference', measurement(0.55, { members: 500, nonMembers: 500, lowFpr: 0.01, falsePositivesAllowed: 5, attacks: [{ id: 'loss', title: 'Loss threshold', auc: 0.55, advantage: 0.08, tprAtLowFpr: 0.02, curve: [[0, 0], [0.002, 0.01], [0.1, 0.15], [0.5, 0.58], [1, 1]] }, { id: 'conf', title: HOSTILE, auc: 0.52, advantage: 0.05, tprAtLowFpr: 0.01, curve: [[0, 0], [0.5, 0.52], [1, 1]] }] })),
    result('privacy/output-exposure', measurement(1, { exposure: 'full-precision', distinctConfidences: 990, distinctInputs: 1000, decimals: null, exampleConfidences: [0.8123456, 0.1234567] })),
    result('privacy/fault-tolerance', measurement(1, { faultTable: [{ kind: 'nan', title: 'NaN values', description: 'every column NaN', inputs: 4, handled: 3, nonFinite: 1, errors: 0, example: HOSTILE, variants: [] }] })),
    result('privacy/model-file-hygiene', measurement(0, { findings: [{ code: 'metadata-script', severity: 'high', file: 'model.json', message: `metadata holds ${HOSTILE}` }, { code: 'no-licence', severity: 'info', file: '', message: 'no licence' }] })),
    result('privacy/provenance', measurement(1, { checks: [{ name: 'model hash', required: true, passed: true, recorded: 'a'.repeat(64) }, { name: 'dataset licence', required: false, passed: false, recorded: '' }] })),
  );
  const group = run.results.find((r) => r.probeId === 'fairness/group-metrics')!;
  group.measurement!.details = { ...group.measurement!.details, ...groupDetails() };
  return run;
}
