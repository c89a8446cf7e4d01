import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseIdxImages, parseIdxLabels, readIdx } from '../../src/datasets/idx';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/data/${name}`, import.meta.url)));
const file = (name: string) => ({ path: name, bytes: fixture(name) });

describe('IDX reader', () => {
  it('reads images and labels, plain or gzipped, to the same pixels', async () => {
    for (const suffix of ['', '.gz']) {
      const d = await readIdx(file(`tiny-images-idx3-ubyte${suffix}`), file(`tiny-labels-idx1-ubyte${suffix}`));
      expect(d.manifest).toMatchObject({ format: 'idx', rows: 3, name: 'tiny' });
      expect(d.data).toEqual({
        kind: 'image', width: 2, height: 2, channels: 1,
        pixels: Uint8Array.from([0, 255, 255, 0, 10, 20, 30, 40, 255, 255, 255, 255]),
        labels: ['7', '2', '1'],
        names: [`tiny-images-idx3-ubyte${suffix}#0`, `tiny-images-idx3-ubyte${suffix}#1`, `tiny-images-idx3-ubyte${suffix}#2`],
      });
    }
  });

  it('reads images without labels as unlabelled', async () => {
    const d = await readIdx(file('tiny-images-idx3-ubyte'), null);
    expect(d.data.kind === 'image' && d.data.labels).toEqual([null, null, null]);
  });

  it('rejects a wrong magic number and says when files are swapped', () => {
    expect(() => parseIdxImages(fixture('tiny-labels-idx1-ubyte'))).toThrow('should be an images file (magic 2051) but starts with magic number 2049. It is a labels file: did you swap');
    expect(() => parseIdxLabels(fixture('people.csv'))).toThrow('should be a labels file (magic 2049) but starts with magic number');
  });

  it('rejects truncated files and files with extra bytes', () => {
    expect(() => parseIdxImages(fixture('truncated-images-idx3-ubyte'))).toThrow('declares 3 images of 2×2 pixels (28 bytes) but holds 20 bytes. It is truncated');
    const long = new Uint8Array([...fixture('tiny-labels-idx1-ubyte'), 9]);
    expect(() => parseIdxLabels(long)).toThrow('declares 3 labels but holds 4. It has extra bytes');
    expect(() => parseIdxImages(Uint8Array.from([0, 0, 8, 3, 0, 0]))).toThrow('too short for its 16-byte header');
    const gz = gzipSync(fixture('tiny-images-idx3-ubyte'));
    expect(() => parseIdxImages(gz.subarray(0, gz.length - 6))).toThrow('starts like a gzip file but cannot be unpacked');
  });

  it('rejects images and labels of different counts', async () => {
    const twoLabels = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 7, 2]);
    await expect(readIdx(file('tiny-images-idx3-ubyte'), { path: 'two', bytes: twoLabels })).rejects.toThrow('has 3 images but the labels file \'two\' has 2 labels');
  });
});
