/**
 * Trains the project's own German credit classifier, a test fixture for the fairness pillar:
 *   npx tsx scripts/german-credit/train.ts
 * Reads ../shared/reference/datasets/german-credit/german.csv (not copied into the repository),
 * encodes it with the shipped binding src/bindings/german-credit-mlp.json (sex derived from
 * personal_status, an age group from age; personal_status is not an input), trains on a seeded 70 %
 * of the rows, and writes tests/fixtures/models/german-credit/ (model.json, weights.bin, metrics.json)
 * and the model's SHA-256 into the binding. Runs on the tfjs cpu backend in a few seconds.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKnownBinding, prepareData } from '../../src/core/binding';
import type { TabularBinding } from '../../src/core/types';
import { loadDataset } from '../../src/datasets/load';
import { demoRng, permutation } from '../demo/seeds';
import { predict, train } from '../demo/train';
import { serializeLayersModel, tfjsModelSha256, writeModelFiles } from '../demo/tfjs-files';
import { germanCreditMlp, TRAINING } from './model';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CSV = fileURLToPath(new URL('../../../shared/reference/datasets/german-credit/german.csv', import.meta.url));
const BINDING = join(ROOT, 'src', 'bindings', 'german-credit-mlp.json');
export const FIXTURE_DIR = join(ROOT, 'tests', 'fixtures', 'models', 'german-credit');
export const TRAIN_FRACTION = 0.7;

const round4 = (v: number) => Math.round(v * 10000) / 10000;

async function main(): Promise<void> {
  if (!existsSync(CSV)) throw new Error(`${CSV} is missing: this script needs ../shared/reference (see its MANIFEST.md).`);
  await tf.setBackend('cpu');
  const bindingText = readFileSync(BINDING, 'utf8');
  const binding = parseKnownBinding(JSON.parse(bindingText)).binding as TabularBinding;
  const dataset = await loadDataset([{ path: 'german.csv', bytes: new Uint8Array(readFileSync(CSV)) }]);
  const data = prepareData(dataset, binding);
  const { n, sampleSize: width } = data;
  const order = permutation(n, demoRng('german-credit/split'));
  const trainRows = order.slice(0, Math.round(n * TRAIN_FRACTION)).sort((a, b) => a - b);
  const heldRows = order.slice(trainRows.length).sort((a, b) => a - b);
  const rowsOf = (rows: number[]) => {
    const x = new Float32Array(rows.length * width);
    rows.forEach((r, i) => x.set(data.x.subarray(r * width, (r + 1) * width), i * width));
    return tf.tensor2d(x, [rows.length, width]);
  };
  const oneHot = (rows: number[]) => tf.tensor2d(rows.flatMap((r) => (data.y[r] === 0 ? [1, 0] : [0, 1])), [rows.length, 2]);

  const model = germanCreditMlp(width);
  const x = rowsOf(trainRows);
  const y = oneHot(trainRows);
  const report = train(model, { x, y }, { ...TRAINING, name: 'german-credit', loss: 'categorical', log: console.log });
  tf.dispose([x, y]);

  const all = tf.tensor2d(data.x, [n, width]);
  const probs = predict(model, all);
  all.dispose();
  const good = (r: number) => probs[r * 2] >= 0.5;
  const accuracy = (rows: number[]) => rows.filter((r) => (good(r) ? 0 : 1) === data.y[r]).length / rows.length;
  const goodRate = (attribute: string, value: string) => {
    const rows = [...Array(n).keys()].filter((r) => data.sensitive[attribute][r] === value);
    return rows.filter(good).length / rows.length;
  };
  const metrics = {
    epochs: report.epochsRun,
    trainRows: trainRows.length,
    heldOutRows: heldRows.length,
    trainAccuracy: round4(accuracy(trainRows)),
    heldOutAccuracy: round4(accuracy(heldRows)),
    allAccuracy: round4(accuracy([...Array(n).keys()])),
    goodRateFemale: round4(goodRate('sex', 'female')),
    goodRateMale: round4(goodRate('sex', 'male')),
    goodRateYoung: round4(goodRate('age_group', 'young (<25)')),
    goodRateAdult: round4(goodRate('age_group', 'adult (25+)')),
  };

  const files = await serializeLayersModel(model);
  writeModelFiles(FIXTURE_DIR, files);
  const sha = tfjsModelSha256(files);
  writeFileSync(join(FIXTURE_DIR, 'metrics.json'), JSON.stringify({
    source: 'scripts/german-credit/train.ts on ../shared/reference/datasets/german-credit/german.csv (Statlog German Credit, CC BY 4.0); not copied here',
    binding: 'german-credit-mlp',
    sha256: sha,
    ...metrics,
  }, null, 2) + '\n');
  const updated = bindingText
    .replace(/"modelSha256": \[[^\]]*\]/, `"modelSha256": ["${sha}"]`)
    .replace(/"source": "[^"]*"/, `"source": "${SOURCE}"`);
  writeFileSync(BINDING, updated);
  console.log(`German credit MLP: ${JSON.stringify(metrics)}`);
  console.log(`wrote ${FIXTURE_DIR} (model SHA-256 ${sha}) and the binding's modelSha256`);
}

const SOURCE =
  'Trained by the project (scripts/german-credit/train.ts, tfjs cpu, seeded) on a seeded 70 % of german.csv; files in tests/fixtures/models/german-credit/. ' +
  'Numbers divided by their maximum in german.csv; codes one-hot in the order of german.txt; personal_status is not an input. ' +
  'Sex is derived from personal_status (A91, A93, A94 male; A92, A95 female) and an age group from age (< 25 young, as in Kamiran & Calders 2009). ' +
  'Output softmax [P(good), P(bad)]: label 1 = good credit (favourable), 2 = bad.';

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
