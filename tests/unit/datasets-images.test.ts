import { readFileSync } from 'node:fs';
import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/datasets/decode-image';
import { labelFromFileName, readImages } from '../../src/datasets/images';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/data/${name}`, import.meta.url)));
const file = (name: string) => ({ path: name, bytes: fixture(name) });

describe('labelFromFileName', () => {
  it('takes the part after the last underscore', () => {
    expect(labelFromFileName('mnist_07_9.png')).toBe('9');
    expect(labelFromFileName('some/dir/sports_car_sports car.jpeg')).toBe('sports car');
    expect(labelFromFileName('0001.jpeg')).toBeNull();
    expect(labelFromFileName('trailing_.png')).toBeNull();
  });
});

describe('decodeImage', () => {
  it('decodes 8-bit gray, RGB, RGBA (alpha dropped), 16-bit, palette and 1-bit PNGs', () => {
    const gray = decodeImage(fixture('images/digit_00_3.png'), 'g');
    expect(gray).toEqual({ width: 2, height: 2, channels: 1, pixels: Uint8Array.from([0, 64, 128, 255]) });
    const rgb = decodeImage(fixture('rgb_2.png'), 'rgb');
    expect(rgb.channels).toBe(3);
    expect(Array.from(rgb.pixels)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const rgba = decodeImage(encodePng({ width: 1, height: 2, channels: 4, depth: 8, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }), 'rgba');
    expect(rgba).toEqual({ width: 1, height: 2, channels: 3, pixels: Uint8Array.from([1, 2, 3, 5, 6, 7]) });
    const deep = decodeImage(encodePng({ width: 2, height: 1, channels: 1, depth: 16, data: Uint16Array.from([0x1234, 0xff00]) }), '16');
    expect(Array.from(deep.pixels)).toEqual([0x12, 0xff]);
    const palette = decodeImage(encodePng({ width: 2, height: 1, channels: 1, depth: 8, data: Uint8Array.from([1, 0]), palette: [[10, 20, 30], [40, 50, 60]] }), 'pal');
    expect(palette).toEqual({ width: 2, height: 1, channels: 3, pixels: Uint8Array.from([40, 50, 60, 10, 20, 30]) });
    const bits = decodeImage(encodePng({ width: 3, height: 1, channels: 1, depth: 1, data: Uint8Array.from([0b10100000]) }), '1bit');
    expect(Array.from(bits.pixels)).toEqual([255, 0, 255]);
  });

  it('decodes a JPEG to RGB', () => {
    const jpeg = decodeImage(fixture('flat_1.jpg'), 'jpeg');
    expect([jpeg.width, jpeg.height, jpeg.channels]).toEqual([8, 8, 3]);
    for (const v of jpeg.pixels) expect(Math.abs(v - 200)).toBeLessThanOrEqual(2);
  });

  it('refuses bytes that are neither PNG nor JPEG, and damaged PNGs', () => {
    expect(() => decodeImage(fixture('people.csv'), "'people.csv'")).toThrow("'people.csv' is neither a PNG nor a JPEG");
    expect(() => decodeImage(fixture('rgb_2.png').subarray(0, 30), "'cut.png'")).toThrow("The PNG image 'cut.png' cannot be decoded");
  });
});

describe('readImages', () => {
  it('labels from file names, sorted by path', async () => {
    const d = await readImages([file('images/digit_01_5.png'), file('images/digit_00_3.png')], { name: 'digits' });
    expect(d.manifest).toMatchObject({ name: 'digits', format: 'images', rows: 2 });
    expect(d.data).toEqual({
      kind: 'image', width: 2, height: 2, channels: 1,
      pixels: Uint8Array.from([0, 64, 128, 255, 255, 128, 64, 0]),
      labels: ['3', '5'],
      names: ['digit_00_3.png', 'digit_01_5.png'],
    });
  });

  it('labels from a labels CSV when given', async () => {
    const d = await readImages([file('images/digit_00_3.png'), file('images/digit_01_5.png')], { labelsCsv: file('images/labels.csv') });
    expect(d.data.kind === 'image' && d.data.labels).toEqual(['8', '9']);
  });

  it('stores a mixed gray and RGB set as RGB', async () => {
    const d = await readImages([file('images/digit_00_3.png'), file('rgb_2.png')]);
    expect(d.data.kind === 'image' && d.data.channels).toBe(3);
    expect(d.data.kind === 'image' && Array.from(d.data.pixels.subarray(0, 6))).toEqual([0, 0, 0, 64, 64, 64]);
    expect(d.data.kind === 'image' && d.data.labels).toEqual(['3', '2']);
  });

  it('names the image whose size differs', async () => {
    await expect(readImages([file('images/digit_00_3.png'), file('big_4.png')])).rejects.toThrow(
      "All images must have the same size, but 'images/digit_00_3.png' is 2×2 while 'big_4.png' is 3×3",
    );
  });

  it('rejects a labels CSV without file,label columns', async () => {
    await expect(readImages([file('images/digit_00_3.png')], { labelsCsv: file('people.csv') })).rejects.toThrow("needs the columns 'file' and 'label'");
  });
});
