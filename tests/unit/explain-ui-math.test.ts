import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { encodeImage, encodeMap, fromBase64 } from '../../src/explain/encode-map';
import { heatColour, heatMapUrl, heatPixels, pictureUrl, rgbaText, scaleStops } from '../../src/ui/elements/explain-colours';
import { linePath, linear, orderByMagnitude, spanDomain, ticks, zeroDomain } from '../../src/ui/elements/explain-chart-math';
import { readFaithfulness, readImageAttributions, readTabularAttributions } from '../../src/ui/elements/explain-details';

describe('explanation chart arithmetic', () => {
  it('maps domains linearly and keeps zero in bar domains', () => {
    expect(linear([0, 10], [100, 200])(2.5)).toBe(125);
    expect(zeroDomain([-0.2, 0.5])).toEqual([-0.5, 0.5]);
    expect(zeroDomain([0.1, 0.3])).toEqual([0, 0.3]);
    expect(zeroDomain([])).toEqual([0, 1]);
    expect(spanDomain([-0.01, 0.3])).toEqual([-0.01, 0.3]);
  });

  it('draws paths that break at missing values and orders by magnitude', () => {
    expect(linePath([[0, 1], [1, 2], [NaN, 3], [3, 4]])).toBe('M0.00,1.00L1.00,2.00M3.00,4.00');
    expect(orderByMagnitude([0.1, -0.5, 0.3])).toEqual([1, 2, 0]);
  });

  it('puts ticks on round steps', () => {
    expect(ticks([0, 1], 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks([-0.2, 0.2], 4)).toEqual([-0.2, -0.1, 0, 0.1, 0.2]);
  });
});

describe('heat-map colours and pictures', () => {
  it('colours signed values red for the class and blue against it, transparent at zero', () => {
    expect(heatColour(0, true)[3]).toBe(0);
    const plus = heatColour(1, true);
    const minus = heatColour(-1, true);
    expect(plus[0]).toBeGreaterThan(plus[2]);
    expect(minus[2]).toBeGreaterThan(minus[0]);
    expect(plus[3]).toBe(Math.round(255 * 0.9));
    expect(heatColour(0.5, false)[3]).toBeLessThan(heatColour(1, false)[3]);
    expect(scaleStops(true, 3).map((c) => c[3])).toEqual([230, 0, 230]);
    expect(rgbaText([1, 2, 3, 255])).toBe('rgba(1, 2, 3, 1.000)');
  });

  it('turns a stored map into a transparent PNG of the same size', () => {
    const map = encodeMap(Float32Array.from([0, 1, -1, 0.5]), 2, 2);
    const url = heatMapUrl(map, true);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = decode(fromBase64(url.slice('data:image/png;base64,'.length)));
    expect([png.width, png.height, png.channels]).toEqual([2, 2, 4]);
    expect(Array.from(png.data.slice(0, 8))).toEqual([...heatPixels(Float32Array.from([0, 1]), 1, true)]);
    const picture = decode(fromBase64(pictureUrl(encodeImage(Uint8Array.from([0, 50, 100, 255]), 2, 2, 1)).split(',')[1]));
    expect(Array.from(picture.data)).toEqual([0, 50, 100, 255]);
  });
});

describe('reading explainability details', () => {
  it('reads what the probes store and refuses what they do not', () => {
    const tab = readTabularAttributions({ features: ['a', 'b'], rows: [{ index: 0, label: null, predicted: 'y', class: 'y', probability: 0.7, base: 0.5, values: ['1', 'x'], shap: [0.1, 0.1], lime: [0.2, 0] }] });
    expect(tab?.rows[0].methods).toEqual({ 'kernel-shap': [0.1, 0.1], lime: [0.2, 0] });
    expect(readTabularAttributions({ features: ['a'], rows: [{ values: ['1'] }] })).toBeNull();
    const images = readImageAttributions({ methods: [{ id: 'occlusion', title: 'Occlusion', signed: true }], images: [{ index: 2, maps: { occlusion: { width: 2, height: 2, scale: 1, data: 'AAAA' } } }] });
    expect(images?.images[0].maps.occlusion.width).toBe(2);
    expect(readFaithfulness({ fractions: [0, 1], curves: { deletion: [1, 0], insertion: [0, 1], randomDeletion: [1, 0.5], randomInsertion: [0] } })).toBeNull();
  });
});
