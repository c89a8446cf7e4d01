/** The picture of an explained image, as stored beside its heat maps (8-bit, at the dataset's size). */
import type { PreparedData } from '../../core/probe';
import { encodeImage, type EncodedImage } from '../../explain/encode-map';

export function imagePicture(data: PreparedData, index: number): EncodedImage | null {
  const source = data.dataset.data;
  if (source.kind !== 'image') return null;
  const per = source.width * source.height * source.channels;
  const pixels = source.pixels.subarray(index * per, (index + 1) * per);
  if (pixels.length < per) return null;
  return encodeImage(pixels, source.width, source.height, source.channels);
}
