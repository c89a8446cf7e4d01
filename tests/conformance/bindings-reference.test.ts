/** The shipped bindings on the reference models and datasets in ../shared/reference (see its MANIFEST.md). */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bindingById } from '../../src/bindings/index';
import { encodedWidth, inputRange, prepareData } from '../../src/core/binding';
import type { Binding, Dataset } from '../../src/core/types';
import { loadDataset } from '../../src/datasets/load';

const reference = new URL('../../../shared/reference/', import.meta.url);
const root = fileURLToPath(reference);
const bytes = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, reference)));
const load = (...paths: string[]): Promise<Dataset> => loadDataset(paths.map((p) => ({ path: p, bytes: bytes(`datasets/${p}`) })));
const binding = (id: string): Binding => bindingById(id)!.binding;
const tally = (values: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

describe.skipIf(!existsSync(root))('shipped bindings on the reference models and data (conformance, needs ../shared/reference)', () => {
  it('name each reference model by its SHA-256 (TF.js: model.json, then shards in manifest order)', () => {
    const sums = new Map(readFileSync(new URL('SHA256SUMS', reference), 'utf8').trim().split('\n').map((l) => {
      const [sha, path] = l.split(/\s+/);
      return [path.replace(/^\.\//, ''), sha];
    }));
    const onnx: Record<string, string> = {
      'mnist-cnn-onnx': 'models/mnist-cnn-onnx/mnist.onnx',
      'iris-mlp-onnx': 'models/iris-mlp-onnx/Network.onnx',
      'lending-club-xgboost-onnx': 'models/lending-club-xgboost-onnx/lending-club-xgboost.onnx',
    };
    for (const [id, path] of Object.entries(onnx)) expect(bindingById(id)!.modelSha256, id).toEqual([sums.get(path)]);
    for (const id of ['adult-income-mlp-tfjs', 'compas-risk-mlp-tfjs', 'tinyvgg-4class-tfjs']) {
      const dir = `models/${id}/`;
      const modelJson = bytes(`${dir}model.json`);
      const hash = createHash('sha256').update(modelJson);
      const manifest = JSON.parse(new TextDecoder().decode(modelJson)).weightsManifest as { paths: string[] }[];
      for (const group of manifest) for (const p of group.paths) hash.update(bytes(dir + p));
      expect(bindingById(id)!.modelSha256, id).toEqual([hash.digest('hex')]);
    }
    // Every reference model folder has a binding.
    const folders = readdirSync(new URL('models/', reference));
    for (const f of folders) expect(bindingById(f), f).toBeDefined();
  });

  it('Adult: 32,561 rows encode to width 104; the first row matches a hand encoding', async () => {
    const p = prepareData(await load('adult/adult.csv'), binding('adult-income-mlp-tfjs'), { sampleSize: 104 });
    expect([p.n, p.sampleSize]).toEqual([32561, 104]);
    // 39,State-gov,…,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,United-States
    // with x / (2 · mean) for numbers (means from encoding.json) and one-hot slots in vocabulary order.
    const expected = new Array(104).fill(0);
    expected[0] = 39 / (2 * 38.64358543876172); //   age
    expected[1 + 5] = 1; //                           workclass State-gov (index 5 of 8)
    expected[9 + 0] = 1; //                           education Bachelors (0 of 16)
    expected[25] = 13 / (2 * 10.078088530363212); //  education-num
    expected[26 + 2] = 1; //                          marital-status Never-married (2 of 7)
    expected[33 + 8] = 1; //                          occupation Adm-clerical (8 of 14)
    expected[47 + 3] = 1; //                          relationship Not-in-family (3 of 6)
    expected[53 + 0] = 1; //                          race White (0 of 5)
    expected[58 + 1] = 1; //                          sex Male (1 of 2)
    expected[60] = 2174 / (2 * 1079.0676262233324); // capital-gain
    expected[61] = 0; //                              capital-loss
    expected[62] = 40 / (2 * 40.422382375824085); //  hours-per-week
    expected[63 + 0] = 1; //                          native-country United-States (0 of 41)
    expect(Array.from(p.x.subarray(0, 104))).toEqual(expected.map(Math.fround));
    // Output index 0 is '>50K'.
    expect(p.y.filter((y) => y === 0).length).toBe(7841);
    expect(tally(p.sensitive.sex)).toEqual({ Male: 21790, Female: 10771 });
    expect(tally(p.sensitive.race)).toEqual({ White: 27816, Black: 3124, 'Asian-Pac-Islander': 1039, 'Amer-Indian-Eskimo': 311, Other: 271 });
    expect(p.notes.some((n) => n.startsWith("Column 'workclass': 1,836 of 32,561 rows hold values outside"))).toBe(true);
  });

  it('COMPAS: 3,496 rows encode to width 12; race groups as in MANIFEST.md', async () => {
    const p = prepareData(await load('compas/wit_compas_data.flat.csv'), binding('compas-risk-mlp-tfjs'), { sampleSize: 12 });
    expect([p.n, p.sampleSize]).toEqual([3496, 12]);
    // 30,0,0,0,0,Female,Caucasian → age and counts raw, sex [Female, Male], race [AA, Caucasian, Hispanic, Native American, Other].
    expect(Array.from(p.x.subarray(0, 12))).toEqual([30, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(p.y[0]).toBe(1);
    expect(tally(p.sensitive.race)).toEqual({ 'African-American': 1904, Caucasian: 1111, Hispanic: 305, Other: 157, Asian: 11, 'Native American': 8 });
    expect(Object.keys(tally(p.sensitive.age_group)).sort()).toEqual(['25 - 45', 'Greater than 45', 'Less than 25']);
  });

  it('LendingClub: every pre-encoded row of the WebSHAP demo is a CSV row encoded by the binding', async () => {
    const p = prepareData(await load('lending-club/lending-club.csv'), binding('lending-club-xgboost-onnx'), { sampleSize: 43 });
    expect([p.n, p.sampleSize]).toEqual([5000, 43]);
    const demo = JSON.parse(new TextDecoder().decode(bytes('datasets/lending-club/lending-club-webshap-demo.json')));
    const rows: number[][] = [...demo.xTrain, ...demo.xTest];
    const labels: number[] = [...demo.yTrain, ...demo.yTest];
    // The demo rounds to 4 decimals; match each row to its closest CSV row by relative error.
    let worst = 0;
    rows.forEach((row, k) => {
      let best = -1;
      let bestErr = Infinity;
      for (let r = 0; r < p.n && bestErr > 1e-9; r++) {
        let err = 0;
        for (let j = 0; j < 43 && err < bestErr; j++) err = Math.max(err, Math.abs(p.x[r * 43 + j] - row[j]) / Math.max(1, Math.abs(row[j])));
        if (err < bestErr) [best, bestErr] = [r, err];
      }
      worst = Math.max(worst, bestErr);
      expect(p.y[best], `demo row ${k}`).toBe(labels[k]);
    });
    expect(rows).toHaveLength(600);
    expect(worst).toBeLessThan(1e-4);
  });

  it('Iris: four raw measurements, Species matched to the three labels', async () => {
    const p = prepareData(await load('iris/Iris.csv'), binding('iris-mlp-onnx'), { sampleSize: 4 });
    expect(Array.from(p.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(tally(Array.from(p.y, String))).toEqual({ 0: 50, 1: 50, 2: 50 });
  });

  it('MNIST CNN: the IDX test set and the PNG samples encode to raw 0–255 pixels, NCHW', async () => {
    const idx = prepareData(await load('mnist-test/t10k-images-idx3-ubyte.gz', 'mnist-test/t10k-labels-idx1-ubyte.gz'), binding('mnist-cnn-onnx'), { sampleSize: 784 });
    expect([idx.n, idx.sampleSize, idx.y[0]]).toEqual([10000, 784, 7]);
    expect(Math.max(...idx.x.subarray(0, 784))).toBe(255);
    expect(inputRange(binding('mnist-cnn-onnx'))).toEqual([0, 255]);
    const samples = readdirSync(new URL('datasets/image-samples/', reference)).map((f) => `image-samples/${f}`);
    const png = prepareData(await load(...samples), binding('mnist-cnn-onnx'));
    expect(png.n).toBe(40);
    expect(png.y.every((y) => y >= 0)).toBe(true);
    const first = (png.dataset.data as { names: string[] }).names.indexOf('mnist_00_7.png');
    expect(png.y[first]).toBe(7);
    expect(Array.from(png.x.subarray(first * 784, first * 784 + 784))).toEqual(Array.from(idx.x.subarray(0, 784)));
  });

  it('TinyVGG: 200 unlabelled JPEGs encode to NHWC RGB / 255', async () => {
    const files = readdirSync(new URL('datasets/tinyvgg-images/', reference)).map((f) => `tinyvgg-images/${f}`);
    const d = await load(...files);
    const p = prepareData(d, binding('tinyvgg-4class-tfjs'), { sampleSize: 12288 });
    expect([p.n, p.sampleSize]).toEqual([200, 12288]);
    expect(p.y.every((y) => y === -1)).toBe(true);
    const pixels = (d.data as { pixels: Uint8Array }).pixels;
    expect(p.x[0]).toBe(Math.fround(pixels[0] / 255));
    expect(p.x[12287]).toBe(Math.fround(pixels[12287] / 255));
    expect(encodedWidth(binding('tinyvgg-4class-tfjs'))).toBe(12288);
  });

  it('German credit: sex derived from personal_status and an age group', async () => {
    const p = prepareData(await load('german-credit/german.csv'), binding('german-credit-mlp'));
    expect(p.n).toBe(1000);
    expect(tally(p.sensitive.sex)).toEqual({ male: 690, female: 310 });
    expect(Object.keys(tally(p.sensitive.age_group)).sort()).toEqual(['adult (25+)', 'young (<25)']);
    expect(tally(Array.from(p.y, String))).toEqual({ 0: 700, 1: 300 });
    expect(p.notes).toEqual([]);
  });
});
