/**
 * The corruption probes on hand-built images and a model whose answers can be worked out: it
 * calls an image "bright" when its mean pixel is above half the range. Brightness corruption then
 * has a known accuracy at every severity.
 */
import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import type { Classifier } from '../../src/core/probe';
import { prepareData } from '../../src/core/binding';
import type { Dataset, ImageBinding } from '../../src/core/types';
import corruptions from '../../src/probes/robustness/corruptions';
import mnistC from '../../src/probes/robustness/mnist-c';
import { contextFor, modelInfo } from './probes-fixtures';

const binding: ImageBinding = {
  kind: 'image', layout: 'NCHW', channels: 1, width: 4, height: 4, range: [0, 1], channelOrder: 'RGB',
  output: { kind: 'probabilities', labels: ['dark', 'bright'] },
};

/** Mean of the encoded pixels above 0.5 → 'bright' (0.9), else 'dark' (0.9). */
const brightnessModel: Classifier = {
  info: modelInfo,
  labels: ['dark', 'bright'],
  sampleShape: [1, 4, 4],
  gradient: null,
  async predict(x, n) {
    const out = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      let mean = 0;
      for (let j = 0; j < 16; j++) mean += x[i * 16 + j] / 16;
      out[2 * i] = mean > 0.5 ? 0.1 : 0.9;
      out[2 * i + 1] = mean > 0.5 ? 0.9 : 0.1;
    }
    return out;
  },
};

/** Flat 4×4 images of the given gray levels, labelled by the level. */
function flatImages(levels: number[]): Dataset {
  const pixels = new Uint8Array(levels.length * 16);
  levels.forEach((v, i) => pixels.fill(v, i * 16, (i + 1) * 16));
  return {
    manifest: { id: 'flat', name: 'flat images', format: 'images', sha256: '3'.repeat(64), rows: levels.length },
    data: {
      kind: 'image', width: 4, height: 4, channels: 1, pixels,
      labels: levels.map((v) => (v > 127.5 ? 'bright' : 'dark')),
      names: levels.map((v, i) => `flat_${i}_${v}.png`),
    },
  };
}

const levels = [100, 110, 120, 127, 200];
const params = { ...corruptions.defaults, corruptions: ['brightness'], parameterSet: 'cifar-10-c', bootstrap: 200 };

describe('robustness/corruptions', () => {
  it('gives the hand-computed accuracy per severity for brightness (CIFAR-10-C: +0.05 … +0.3 of the range)', async () => {
    const data = prepareData(flatImages(levels), binding);
    const m = await corruptions.run(contextFor(brightnessModel, data, params));
    // +12.75: 113, 123 stay dark; 133, 140 turn bright (wrong); 213 bright → 3/5. +25.5: only 100 → 126 stays dark → 2/5.
    // +38.25, +51, +76.5: every dark image turns bright → 1/5.
    const cells = (m.details!.corruptions as { severities: { severity: number; accuracy: number; n: number }[] }[])[0].severities;
    expect(cells.map((c) => c.accuracy)).toEqual([0.6, 0.4, 0.2, 0.2, 0.2]);
    expect(m.value).toBeCloseTo(0.32, 12);
    expect(m.secondary.clean_accuracy.value).toBe(1);
    expect(m.secondary.accuracy_drop.value).toBeCloseTo(0.68, 12);
    expect(m.secondary.relative_drop.value).toBeCloseTo(0.68, 12);
    expect(m.secondary.worst_corruption_accuracy.value).toBeCloseTo(0.32, 12);
    expect(m.groups).toEqual([expect.objectContaining({ group: 'Brightness', value: m.value, n: 5 })]);
    expect(m.n).toBe(5);
    expect(m.interval!.low).toBeLessThanOrEqual(0.32);
    expect(m.interval!.high).toBeGreaterThanOrEqual(0.32);
  });

  it('keeps a contact sheet of the first evaluated image at every severity, as decodable PNGs of the corrupted pixels', async () => {
    const data = prepareData(flatImages(levels), binding);
    const m = await corruptions.run(contextFor(brightnessModel, data, params));
    const sheet = m.details!.contactSheet as { name: string; clean: string; cells: { corruption: string; severity: number; png: string }[] };
    expect(sheet.name).toBe('flat_0_100.png');
    expect(sheet.cells.map((c) => `${c.corruption}/${c.severity}`)).toEqual([1, 2, 3, 4, 5].map((s) => `brightness/${s}`));
    const png = (b64: string) => decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
    const clean = png(sheet.clean);
    expect([clean.width, clean.height, clean.channels]).toEqual([4, 4, 1]);
    expect(new Set(clean.data)).toEqual(new Set([100]));
    expect(new Set(png(sheet.cells[4].png).data)).toEqual(new Set([177])); // 100 + 76.5, rounded
  });

  it('measures a model that ignores its input as losing nothing, on every corruption', async () => {
    const constant: Classifier = { ...brightnessModel, predict: async (_x, n) => Float32Array.from({ length: n * 2 }, (_, i) => (i % 2 === 0 ? 0.7 : 0.3)) };
    const data = prepareData(flatImages(levels), binding);
    const m = await corruptions.run(contextFor(constant, data, { ...corruptions.defaults, bootstrap: 0, contactSheet: false }));
    expect(m.value).toBeCloseTo(0.8, 12);
    expect(m.secondary.accuracy_drop.value).toBeCloseTo(0, 12);
    expect(m.groups).toHaveLength(15);
    expect(m.details!.contactSheet).toBeNull();
    expect(m.interval).toBeNull();
  });

  it('evaluates a seeded sample when there are more labelled images than `samples`, the same one for the same seed', async () => {
    const many = Array.from({ length: 40 }, (_, i) => 60 + i * 4);
    const run = async (seed: number) => corruptions.run(contextFor(brightnessModel, prepareData(flatImages(many), binding), { ...params, samples: 10, bootstrap: 0 }, { seed }));
    const [a, b, c] = await Promise.all([run(1), run(1), run(2)]);
    expect(a.n).toBe(10);
    expect(a).toEqual(b);
    expect((a.details!.contactSheet as { name: string }).name).not.toBe((c.details!.contactSheet as { name: string }).name);
    expect(a.notes[0]).toMatch(/seeded random sample of the 40 labelled/);
  });

  it('names the valid corruptions when a suite asks for one that does not exist', async () => {
    const data = prepareData(flatImages(levels), binding);
    await expect(corruptions.run(contextFor(brightnessModel, data, { ...params, corruptions: ['rain'] }))).rejects.toThrow(/no corruption "rain".*gaussian_noise/);
    await expect(corruptions.run(contextFor(brightnessModel, data, { ...params, severities: [0] }))).rejects.toThrow(/severities/);
    await expect(corruptions.run(contextFor(brightnessModel, data, { ...params, parameterSet: 'svhn' }))).rejects.toThrow(/parameterSet/);
  });
});

describe('robustness/mnist-c', () => {
  it('runs the affine corruptions at each severity and the stroke ones once', async () => {
    const data = prepareData(flatImages(levels), binding);
    const m = await mnistC.run(contextFor(brightnessModel, data, { ...mnistC.defaults, bootstrap: 0, severities: [1, 3] }));
    const cells = m.details!.corruptions as { id: string; severities: { severity: number }[] }[];
    expect(cells.map((c) => [c.id, c.severities.map((s) => s.severity)])).toEqual([
      ['shear', [1, 3]], ['rotate', [1, 3]], ['scale', [1, 3]], ['translate', [1, 3]],
      ['stripe', [1]], ['zigzag', [1]], ['dotted_line', [1]], ['canny_edges', [1]],
    ]);
    // Stripe inverts the outer quarter columns (0 and 3 of 4): the first image, flat 100, becomes 155 100 100 155 per row.
    const sheet = m.details!.contactSheet as { cells: { corruption: string; png: string }[] };
    const stripe = sheet.cells.find((c) => c.corruption === 'stripe')!;
    const pixels = decode(Uint8Array.from(atob(stripe.png), (ch) => ch.charCodeAt(0))).data;
    expect(Array.from(pixels.slice(0, 8))).toEqual([155, 100, 100, 155, 155, 100, 100, 155]);
  });
});
