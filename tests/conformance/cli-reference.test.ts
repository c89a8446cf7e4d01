import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/core/report-types';
import type { Run } from '../../src/core/types';
import { decodePredictions } from '../../src/core/predictions';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REF = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));

/** Runs `trustgrade evaluate … --out report.json` and returns the run inside the report it wrote. */
function evaluate(args: string[]): Promise<Run> {
  const out = join(mkdtempSync(join(tmpdir(), 'tg-cli-ref-')), 'report.json');
  return new Promise((resolve, reject) => {
    execFile('node', [join(ROOT, 'bin/trustgrade.mjs'), 'evaluate', ...args, '--out', out], { cwd: ROOT }, (error, _o, stderr) => {
      if (error) reject(new Error(stderr));
      else resolve((JSON.parse(readFileSync(out, 'utf8')) as Report).run);
    });
  });
}

const accuracy = (run: Run) => run.results.find((r) => r.probeId === 'validity/accuracy')!.measurement!.value!;

describe.skipIf(!existsSync(REF))('the CLI on the reference models (conformance: ../shared/reference)', () => {
  it('reproduces 98.91 % for the MNIST CNN on the 10,000 MNIST test images, with the shipped binding', async () => {
    const run = await evaluate(['--model', `${REF}models/mnist-cnn-onnx/mnist.onnx`, '--dataset', `${REF}datasets/mnist-test/`, '--suite', 'quick']);
    expect(run.samples).toBe(10_000);
    expect(run.environment.host).toBe('node');
    expect(Math.abs(accuracy(run) - 0.9891)).toBeLessThanOrEqual(0.0005);
  });

  it('reproduces 85.8 % for the Adult MLP, and writes identical measurements for the same seed', async () => {
    const args = ['--model', `${REF}models/adult-income-mlp-tfjs/model.json`, '--dataset', `${REF}datasets/adult/adult.csv`, '--suite', 'quick', '--seed', '11'];
    const [a, b] = await Promise.all([evaluate(args), evaluate(args)]);
    expect(Math.abs(accuracy(a) - 0.858)).toBeLessThanOrEqual(0.001);
    expect(a.results.map((r) => r.measurement)).toEqual(b.results.map((r) => r.measurement));
  });

  it('reads PNG images with labels from their file names, giving the same answers as the IDX files', async () => {
    const pngs = readdirSync(`${REF}datasets/image-samples/`).filter((f) => f.startsWith('mnist_')).map((f) => `${REF}datasets/image-samples/${f}`);
    const fromPng = await evaluate(['--model', `${REF}models/mnist-cnn-onnx/mnist.onnx`, '--dataset', ...pngs, '--suite', 'quick']);
    const fromIdx = await evaluate(['--model', `${REF}models/mnist-cnn-onnx/mnist.onnx`, '--dataset', `${REF}datasets/mnist-test/`, '--suite', 'quick', '--limit', '20']);
    expect(fromPng.samples).toBe(20);
    expect(fromPng.dataset.format).toBe('images');
    const predictions = (run: Run) => Array.from(decodePredictions(run.results.find((r) => r.probeId === 'validity/accuracy')!.measurement!.details!.predictions)!);
    expect(predictions(fromPng)).toEqual(predictions(fromIdx));
    expect(accuracy(fromPng)).toBe(accuracy(fromIdx));
  });

  it('evaluates the MNIST CNN on 300 MNIST images with --auxiliary ood=<the Fashion-MNIST samples>, and the OOD probe uses that set', async () => {
    // The Fashion-MNIST samples alone, in a folder of their own (image-samples/ also holds MNIST digits).
    const fashion = join(mkdtempSync(join(tmpdir(), 'tg-cli-ood-')), 'fashion-samples');
    mkdirSync(fashion);
    const samples = `${REF}datasets/image-samples/`;
    for (const f of readdirSync(samples).filter((name) => name.startsWith('fashionMNIST_'))) copyFileSync(samples + f, join(fashion, f));
    const run = await evaluate([
      '--model', `${REF}models/mnist-cnn-onnx/mnist.onnx`, '--dataset', `${REF}datasets/mnist-test/`, '--limit', '300',
      '--auxiliary', `ood=${fashion}`,
    ]);
    expect(run.samples).toBe(300);
    expect(run.auxiliary).toEqual([{ role: 'ood', dataset: expect.objectContaining({ name: 'fashion-samples', rows: 20, format: 'images' }) }]);
    const ood = run.results.find((r) => r.probeId === 'robustness/ood')!;
    expect(ood.status, ood.reason).toBe('ok');
    expect(ood.measurement!.details).toMatchObject({ sources: [{ kind: 'declared', name: 'fashion-samples', n: 20 }], inDistribution: { n: 300 } });
    // The energy of the CNN's logits tells Fashion-MNIST from digits (robustness-ood-reference.test.ts).
    expect(ood.measurement!.secondary.auroc_energy.value!).toBeGreaterThan(0.85);
  });
});
