/**
 * Colours and pictures for explanation heat maps, kept pure so they can be tested without a DOM.
 * Signed maps use a diverging scale (blue = against the class, red = for it; the ColorBrewer RdBu
 * ends, readable by people with the common colour-vision deficiencies), unsigned maps a yellow-to-
 * red ramp. Opacity grows with magnitude, so the picture underneath shows through where the map is
 * near zero. Heat maps and pictures become PNG data URLs (allowed by the page's img-src 'data:').
 */
import { encode } from 'fast-png';
import { decodeImage, decodeMap, toBase64, type EncodedImage, type EncodedMap } from '../../explain/encode-map';

export type Rgba = [number, number, number, number];

const FOR: [number, number, number] = [178, 24, 43];
const AGAINST: [number, number, number] = [33, 102, 172];
const LOW: [number, number, number] = [254, 217, 118];
const HIGH: [number, number, number] = [189, 0, 38];

/** Colour of a value already divided by the map's scale: t in [−1, 1] (signed) or [0, 1] (unsigned). */
export function heatColour(t: number, signed: boolean): Rgba {
  const m = Math.min(1, Math.abs(Number.isFinite(t) ? t : 0));
  const alpha = Math.round(255 * 0.9 * Math.pow(m, 0.75));
  if (signed) {
    const [r, g, b] = t >= 0 ? FOR : AGAINST;
    return [r, g, b, alpha];
  }
  const mix = (a: number, b: number) => Math.round(a + (b - a) * m);
  return [mix(LOW[0], HIGH[0]), mix(LOW[1], HIGH[1]), mix(LOW[2], HIGH[2]), alpha];
}

/** RGBA pixels of a map, each value divided by the map's own largest magnitude. */
export function heatPixels(values: Float32Array, scale: number, signed: boolean): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((v, i) => out.set(heatColour(scale > 0 ? v / scale : 0, signed), i * 4));
  return out;
}

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${toBase64(png)}`;

// A picture is drawn under every one of its maps: encode each stored object once.
const signedUrls = new WeakMap<object, string>();
const unsignedUrls = new WeakMap<object, string>();
const pictureUrls = new WeakMap<object, string>();

function cached(cache: WeakMap<object, string>, key: object, make: () => string): string {
  let url = cache.get(key);
  if (url === undefined) cache.set(key, (url = make()));
  return url;
}

/** A stored heat map as a transparent PNG data URL. */
export function heatMapUrl(map: EncodedMap, signed: boolean): string {
  return cached(signed ? signedUrls : unsignedUrls, map, () => {
    const values = decodeMap(map);
    return dataUrl(encode({ width: map.width, height: map.height, data: heatPixels(values, map.scale, signed), channels: 4, depth: 8 }));
  });
}

/** A stored picture as a PNG data URL (gray or RGB as stored). */
export function pictureUrl(image: EncodedImage): string {
  return cached(pictureUrls, image, () => dataUrl(encode({ width: image.width, height: image.height, data: decodeImage(image), channels: image.channels, depth: 8 })));
}

/** Colours along a colour bar from its low end to its high end, `steps` of them. */
export function scaleStops(signed: boolean, steps = 21): Rgba[] {
  return Array.from({ length: steps }, (_, i) => {
    const t = steps === 1 ? 1 : i / (steps - 1);
    return heatColour(signed ? 2 * t - 1 : t, signed);
  });
}

/** An rgba() string for an SVG fill attribute (attributes, not inline styles, are allowed by the CSP). */
export function rgbaText([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(3)})`;
}
