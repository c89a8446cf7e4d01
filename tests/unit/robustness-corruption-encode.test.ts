/** The corruption probes' fast pixel encoder gives exactly what the binding's encodeImages gives. */
import { describe, expect, it } from 'vitest';
import { encodeImages } from '../../src/core/binding';
import type { ImageBinding } from '../../src/core/types';
import { pixelEncoder } from '../../src/probes/robustness/encode-pixels';

const base: Pick<ImageBinding, 'kind' | 'width' | 'height' | 'channelOrder' | 'output'> = {
  kind: 'image', width: 3, height: 2, channelOrder: 'RGB', output: { kind: 'logits', labels: ['a', 'b'] },
};
const bindings: [string, ImageBinding][] = [
  ['gray NCHW 0–255', { ...base, layout: 'NCHW', channels: 1, range: [0, 255] }],
  ['gray NHWC 0–1', { ...base, layout: 'NHWC', channels: 1, range: [0, 1] }],
  ['RGB NCHW with mean/std', { ...base, layout: 'NCHW', channels: 3, range: [0, 1], mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }],
  ['BGR NHWC −1…1', { ...base, layout: 'NHWC', channels: 3, range: [-1, 1], channelOrder: 'BGR', mean: [0.1], std: [0.5] }],
];

describe('pixelEncoder', () => {
  it.each(bindings)('%s: identical to encodeImages', (_name, binding) => {
    const shape = { width: 3, height: 2, channels: binding.channels };
    const n = 4;
    const pixels = Uint8Array.from({ length: n * 6 * binding.channels }, (_, i) => (i * 97 + 13) % 256);
    expect(Array.from(pixelEncoder(shape, binding)(pixels, n))).toEqual(Array.from(encodeImages(pixels, n, 3, 2, binding.channels, binding)));
  });

  it('falls back to encodeImages when the images must be resized or converted', () => {
    const binding: ImageBinding = { ...base, layout: 'NCHW', channels: 3, range: [0, 1] };
    const pixels = Uint8Array.from({ length: 2 * 16 }, (_, i) => i * 7);
    expect(Array.from(pixelEncoder({ width: 4, height: 4, channels: 1 }, binding)(pixels, 2))).toEqual(Array.from(encodeImages(pixels, 2, 4, 4, 1, binding)));
  });
});
