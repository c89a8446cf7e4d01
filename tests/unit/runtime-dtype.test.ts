import { describe, expect, it } from 'vitest';
import { floatToHalf, fromFloat32, halfToFloat, onnxDtypeName, toFloat32 } from '../../src/runtime/dtype';

describe('ONNX dtype names', () => {
  it('maps TensorProto.DataType codes', () => {
    expect([1, 2, 3, 6, 7, 9, 10, 11, 16].map(onnxDtypeName)).toEqual([
      'float32', 'uint8', 'int8', 'int32', 'int64', 'bool', 'float16', 'float64', 'bfloat16',
    ]);
    expect(onnxDtypeName(99)).toBe('unknown(99)');
  });
});

describe('float16', () => {
  // Reference bit patterns from IEEE 754 binary16.
  const KNOWN: [number, number][] = [
    [0, 0x0000], [1, 0x3c00], [-2, 0xc000], [0.5, 0x3800], [65504, 0x7bff],
    [2 ** -24, 0x0001], [2 ** -14, 0x0400], [Infinity, 0x7c00], [-Infinity, 0xfc00],
  ];
  it.each(KNOWN)('%f ⇄ 0x%s', (value, bits) => {
    expect(floatToHalf(value)).toBe(bits);
    expect(halfToFloat(bits)).toBe(value);
  });
  it('rounds to the nearest half and overflows to infinity', () => {
    expect(floatToHalf(0.1)).toBe(0x2e66);
    expect(halfToFloat(0x2e66)).toBeCloseTo(0.0999755859375, 12);
    expect(floatToHalf(1e6)).toBe(0x7c00);
    expect(Number.isNaN(halfToFloat(floatToHalf(Number.NaN)))).toBe(true);
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
  });
});

describe('toFloat32 / fromFloat32', () => {
  it('converts engine outputs of every numeric kind', () => {
    expect(Array.from(toFloat32(new BigInt64Array([1n, -3n]), 'int64'))).toEqual([1, -3]);
    expect(Array.from(toFloat32(new Float64Array([0.25, 2]), 'float64'))).toEqual([0.25, 2]);
    expect(Array.from(toFloat32(new Uint16Array([0x3c00, 0xc000]), 'float16'))).toEqual([1, -2]);
    expect(Array.from(toFloat32(new Uint16Array([0x3f80]), 'bfloat16'))).toEqual([1]);
    expect(Array.from(toFloat32(new Uint8Array([1, 0]), 'bool'))).toEqual([1, 0]);
    expect(Array.from(toFloat32(new Int32Array([7]), 'int32'))).toEqual([7]);
    expect(() => toFloat32(['a'], 'string')).toThrow(/Cannot convert string/);
  });
  it('encodes inputs for the dtype a model declares', () => {
    const v = new Float32Array([1.4, -2.6, 0]);
    expect(fromFloat32(v, 'float32')).toBe(v);
    expect(Array.from(fromFloat32(v, 'int64') as BigInt64Array)).toEqual([1n, -3n, 0n]);
    expect(Array.from(fromFloat32(v, 'float16') as Uint16Array).map(halfToFloat)).toEqual([1.400390625, -2.599609375, 0]);
    expect(Array.from(fromFloat32(v, 'bool') as Uint8Array)).toEqual([1, 1, 0]);
    expect(fromFloat32(v, 'string')).toBeNull();
  });
});
