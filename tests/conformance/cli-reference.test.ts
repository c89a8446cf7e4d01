import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Run } from '../../src/core/types';
import { decodePredictions } from '../../src/core/predictions';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REF = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));

function evaluate(args: string[]): Promise<Run> {
  const out = join(mkdtempSync(join(tmpdir(), 'tg-cli-ref-')), 'run.json');
  return new Promise((resolve, reject) => {
    execFile('node', [join(ROOT, 'bin/trustgrade.mjs'), 'evaluate', ...args, '--out', out], { cwd: ROOT }, (error, _o, stderr) => {
      if (error) reject(new Error(stderr));
      else resolve(JSON.parse(readFileSync(out, 'utf8')) as Run);
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
});
