import { describe, expect, it } from 'vitest';
import { channelRanges, encodeImages, inputRange, sampleShapeOf } from '../../src/core/binding';
import type { ImageBinding } from '../../src/core/types';

const base: ImageBinding = {
  kind: 'image', layout: 'NCHW', channels: 3, width: 2, height: 2, range: [0, 255], channelOrder: 'RGB',
  output: { kind: 'logits', labels: ['a', 'b'] },
};
const bind = (change: Partial<ImageBinding>): ImageBinding => ({ ...base, ...change });

// One 2×2 RGB image, interleaved HWC: top-left, top-right, bottom-left, bottom-right.
const rgb = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);

describe('encodeImages', () => {
  it('lays out NCHW as channel planes and NHWC as interleaved pixels', () => {
    expect(Array.from(encodeImages(rgb, 1, 2, 2, 3, base))).toEqual([10, 40, 70, 100, 20, 50, 80, 110, 30, 60, 90, 120]);
    expect(Array.from(encodeImages(rgb, 1, 2, 2, 3, bind({ layout: 'NHWC' })))).toEqual(Array.from(rgb));
  });

  it('swaps to BGR', () => {
    expect(Array.from(encodeImages(rgb, 1, 2, 2, 3, bind({ layout: 'NHWC', channelOrder: 'BGR' })))).toEqual([30, 20, 10, 60, 50, 40, 90, 80, 70, 120, 110, 100]);
    expect(Array.from(encodeImages(rgb, 1, 2, 2, 3, bind({ channelOrder: 'BGR' })))).toEqual([30, 60, 90, 120, 20, 50, 80, 110, 10, 40, 70, 100]);
  });

  it('scales to the range, then applies mean and std per model channel', () => {
    const unit = encodeImages(rgb, 1, 2, 2, 3, bind({ layout: 'NHWC', range: [0, 1] }));
    expect(unit[0]).toBe(Math.fround(10 / 255));
    expect(unit[11]).toBe(Math.fround(120 / 255));
    const normal = encodeImages(rgb, 1, 2, 2, 3, bind({ layout: 'NHWC', mean: [10, 20, 30], std: [2, 4, 5] }));
    expect(Array.from(normal)).toEqual([0, 0, 0, 15, 7.5, 6, 30, 15, 12, 45, 22.5, 18]);
    const signed = encodeImages(Uint8Array.from([0, 255]), 1, 2, 1, 1, bind({ channels: 1, width: 2, height: 1, range: [-1, 1] }));
    expect(Array.from(signed)).toEqual([-1, 1]);
  });

  it('converts RGB to gray with BT.601 luma and gray to RGB by repeating', () => {
    const gray = encodeImages(rgb, 1, 2, 2, 3, bind({ channels: 1 }));
    expect(gray[0]).toBeCloseTo(0.299 * 10 + 0.587 * 20 + 0.114 * 30, 4);
    expect(gray[3]).toBeCloseTo(0.299 * 100 + 0.587 * 110 + 0.114 * 120, 4);
    const fromGray = encodeImages(Uint8Array.from([1, 2, 3, 4]), 1, 2, 2, 1, base);
    expect(Array.from(fromGray)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('resizes bilinearly with half-pixel centres', () => {
    // 2×2 gray [0 100; 200 255] → 4×4. Source x for outputs 0..3: clamp(-0.25)=0, 0.25, 0.75, clamp(1.25)=1.
    const up = encodeImages(Uint8Array.from([0, 100, 200, 255]), 1, 2, 2, 1, bind({ channels: 1, width: 4, height: 4 }));
    expect(Array.from(up.subarray(0, 4))).toEqual([0, 25, 75, 100]);
    const row1 = [0.75 * 0 + 0.25 * 200, 0.75 * 25 + 0.25 * 213.75, 0.75 * 75 + 0.25 * 241.25, 0.75 * 100 + 0.25 * 255];
    Array.from(up.subarray(4, 8)).forEach((v, i) => expect(v).toBeCloseTo(row1[i], 4));
    expect(Array.from(up.subarray(12, 16))).toEqual([200, 213.75, 241.25, 255]);
    // 4×1 → 2×1 averages neighbouring pairs (source x 0.5 and 2.5).
    const down = encodeImages(Uint8Array.from([0, 10, 100, 200]), 1, 4, 1, 1, bind({ channels: 1, width: 2, height: 1 }));
    expect(Array.from(down)).toEqual([5, 150]);
  });

  it('encodes several images back to back', () => {
    const two = encodeImages(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2, 2, 2, 1, bind({ channels: 1 }));
    expect(Array.from(two)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('image input range and shape', () => {
  it('gives the encoded range over all channels', () => {
    expect(inputRange(base)).toEqual([0, 255]);
    expect(inputRange(bind({ range: [0, 1], mean: [0.5], std: [0.25] }))).toEqual([-2, 2]);
    const imagenet = bind({ range: [0, 1], mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
    expect(inputRange(imagenet)![0]).toBeCloseTo(-0.485 / 0.229, 10);
    expect(inputRange(imagenet)![1]).toBeCloseTo((1 - 0.406) / 0.225, 10);
    expect(channelRanges(imagenet)[1][0]).toBeCloseTo(-0.456 / 0.224, 10);
    expect(inputRange({ kind: 'tabular', features: [], target: 't', sensitive: [], output: base.output })).toBeNull();
  });

  it('gives the sample shape of each layout', () => {
    expect(sampleShapeOf(bind({ width: 4, height: 2 }))).toEqual([3, 2, 4]);
    expect(sampleShapeOf(bind({ width: 4, height: 2, layout: 'NHWC' }))).toEqual([2, 4, 3]);
  });
});
