/**
 * Pictures the run keeps as numbers (attack examples as pixel arrays), turned into PNG data URLs
 * for the report: the page's policy allows images from data: and nothing else. Pure (fast-png),
 * so the app and the CLI write the same bytes.
 */
import { encode } from 'fast-png';
import { toBase64 } from '../../explain/encode-map';
import { thumbnailRgba, type Thumbnail } from '../../ui/elements/robustness-attack-shapes';

/** A thumbnail of the attack details as a PNG data URL. */
export function thumbnailUrl(t: Thumbnail): string {
  const data = new Uint8Array(thumbnailRgba(t));
  return `data:image/png;base64,${toBase64(encode({ width: t.width, height: t.height, data, channels: 4, depth: 8 }))}`;
}
