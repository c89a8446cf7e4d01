/**
 * The committed demo models behave as scripts/make-demo.ts says: the ONNX files (own exporter,
 * run by onnxruntime-node) agree with the TF.js files (tfjs cpu backend), the MNIST CNN is accurate,
 * the wages models are plausible, the overfit model memorises more than its regularised twin, and
 * v3 narrows v2's gender gap.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateDemoManifest, type DemoModel } from '../../src/bindings/demo-manifest';
import type { KnownBinding, TabularBinding } from '../../src/core/types';
import { maxAbsDifference, runOnnx, runTfjs } from '../../scripts/demo/onnx-verify';
import { encodeRows, encodedWidth } from '../../scripts/demo/tabular-encoding';
import { loadLayersModel, readModelFiles } from '../../scripts/demo/tfjs-files';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demoDir = join(root, 'public', 'demo');
const manifest = validateDemoManifest(JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8')));
const SAMPLES = 50;
const TOLERANCE = 1e-4;

function entry(id: string): DemoModel {
  const m = manifest.models.find((x) => x.id === id);
  if (!m) throw new Error(`demo.json has no model '${id}'`);
  return m;
}
const binding = (model: DemoModel) => (JSON.parse(readFileSync(join(root, 'src', 'bindings', `${model.binding}.json`), 'utf8')) as KnownBinding).binding;
const onnxBytes = (name: string) => new Uint8Array(readFileSync(join(demoDir, entry(`${name}-onnx`).files[0])));
const tfjsModel = (name: string) => loadLayersModel(readModelFiles(join(demoDir, entry(`${name}-tfjs`).files[0])));

// ───── the CPS table, as strings the way a CSV reader gives them ─────
const [header, ...lines] = readFileSync(join(demoDir, 'cps-wages-1985.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
const rows = lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));

function accuracy(scores: Float32Array, subset: Record<string, string>[], all: Record<string, string>[]): number {
  let correct = 0;
  for (const r of subset) {
    const i = all.indexOf(r);
    if ((scores[i] >= 0.5) === (r.high_wage === 'yes')) correct++;
  }
  return correct / subset.length;
}

const yesRate = (scores: Float32Array, gender: string) => {
  const idx = rows.map((r, i) => (r.gender === gender ? i : -1)).filter((i) => i >= 0);
  return idx.filter((i) => scores[i] >= 0.5).length / idx.length;
};

interface WagesResult { train: number; heldOut: number; female: number; male: number; members: number; nonmembers: number }
const wagesResults = new Map<string, Promise<WagesResult>>();

/** Accuracy on members and non-members of the binding's split, and 'yes' rates by gender, from the ONNX file (memoised). */
function wagesResult(name: string): Promise<WagesResult> {
  const cached = wagesResults.get(name);
  if (cached) return cached;
  const b = binding(entry(`${name}-tfjs`)) as TabularBinding;
  const width = encodedWidth(b.features);
  const promise = runOnnx(onnxBytes(name), encodeRows(rows, b.features), [rows.length, width]).then((scores) => {
    const split = b.split!;
    const members = rows.filter((r) => r[split.column] === split.member);
    const nonmembers = rows.filter((r) => r[split.column] !== split.member);
    return {
      train: accuracy(scores, members, rows), heldOut: accuracy(scores, nonmembers, rows),
      female: yesRate(scores, 'female'), male: yesRate(scores, 'male'), members: members.length, nonmembers: nonmembers.length,
    };
  });
  wagesResults.set(name, promise);
  return promise;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['wages-v1', 'wages-v2', 'wages-v3', 'wages-overfit', 'wages-regularised'])('demo model %s', (name) => {
  const tfjs = entry(`${name}-tfjs`);
  const b = binding(tfjs) as TabularBinding;
  const width = encodedWidth(b.features);
  const x = encodeRows(rows, b.features);

  it(`ONNX and TF.js agree within ${TOLERANCE} on ${SAMPLES} rows`, async () => {
    const sample = x.subarray(0, SAMPLES * width);
    const model = await tfjsModel(name);
    const diff = maxAbsDifference(await runOnnx(onnxBytes(name), sample, [SAMPLES, width]), runTfjs(model, sample, [SAMPLES, width]));
    model.dispose();
    console.log(`${name}: ONNX vs TF.js max |Δ| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
  });

  it('has plausible accuracy, equal to what the manifest records', async () => {
    const result = await wagesResult(name);
    console.log(`${name}: train accuracy ${result.train.toFixed(4)} (${result.members} rows), held-out ${result.heldOut.toFixed(4)} (${result.nonmembers}); 'yes' rate female ${result.female.toFixed(3)}, male ${result.male.toFixed(3)}`);
    expect(result.heldOut).toBeGreaterThan(0.55);
    expect(result.heldOut).toBeLessThan(0.9);
    expect(result.train).toBeCloseTo(tfjs.metrics!.trainAccuracy, 4);
    expect(result.heldOut).toBeCloseTo(tfjs.metrics!.heldOutAccuracy, 4);
  });
});

describe('demo wages models compared', () => {
  it('the overfit model memorises its members; its train/held-out gap exceeds the regularised twin’s', async () => {
    const overfit = await wagesResult('wages-overfit'), regularised = await wagesResult('wages-regularised');
    const gaps = { overfit: overfit.train - overfit.heldOut, regularised: regularised.train - regularised.heldOut };
    console.log(`train − held-out accuracy: overfit ${gaps.overfit.toFixed(3)}, regularised ${gaps.regularised.toFixed(3)}`);
    expect(overfit.train).toBe(1);
    expect(gaps.overfit).toBeGreaterThan(gaps.regularised + 0.1);
  });

  it('v2 beats the under-trained v1 on held-out rows; v3 narrows v2’s gender gap', async () => {
    const v1 = await wagesResult('wages-v1'), v2 = await wagesResult('wages-v2'), v3 = await wagesResult('wages-v3');
    expect(v2.heldOut).toBeGreaterThan(v1.heldOut + 0.05);
    expect(v2.heldOut).toBeGreaterThan(0.7);
    console.log(`'yes' rate gap male − female: v1 ${(v1.male - v1.female).toFixed(3)}, v2 ${(v2.male - v2.female).toFixed(3)}, v3 ${(v3.male - v3.female).toFixed(3)}`);
    expect(v3.male - v3.female).toBeLessThan((v2.male - v2.female) / 2);
  });
});

describe('demo model mnist-cnn', () => {
  const images = gunzipSync(readFileSync(join(demoDir, 'mnist-demo-images.idx.gz'))).subarray(16);
  const labels = gunzipSync(readFileSync(join(demoDir, 'mnist-demo-labels.idx.gz'))).subarray(8);
  const n = labels.length;
  // The binding: NHWC [N, 28, 28, 1], range [0, 1] = pixel / 255.
  const x = Float32Array.from(images, (p) => p / 255);

  it(`ONNX and TF.js agree within ${TOLERANCE} on ${SAMPLES} digits`, async () => {
    const sample = x.subarray(0, SAMPLES * 784);
    const model = await tfjsModel('mnist-cnn');
    const diff = maxAbsDifference(await runOnnx(onnxBytes('mnist-cnn'), sample, [SAMPLES, 28, 28, 1]), runTfjs(model, sample, [SAMPLES, 28, 28, 1]));
    model.dispose();
    console.log(`mnist-cnn: ONNX vs TF.js max |Δ| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
  });

  it('classifies at least 95 % of the 1,000 demo digits correctly (ONNX and TF.js)', async () => {
    const model = await tfjsModel('mnist-cnn');
    const outputs = { onnx: await runOnnx(onnxBytes('mnist-cnn'), x, [n, 28, 28, 1]), tfjs: runTfjs(model, x, [n, 28, 28, 1]) };
    model.dispose();
    for (const [engine, probabilities] of Object.entries(outputs)) {
      let correct = 0;
      for (let i = 0; i < n; i++) {
        const row = probabilities.subarray(i * 10, i * 10 + 10);
        if (row.indexOf(Math.max(...row)) === labels[i]) correct++;
      }
      console.log(`mnist-cnn (${engine}): demo-set accuracy ${(correct / n).toFixed(4)}`);
      expect(correct / n).toBeGreaterThanOrEqual(0.95);
      expect(correct / n).toBeCloseTo(entry('mnist-cnn-tfjs').metrics!.demoAccuracy, 4);
    }
  });
});
