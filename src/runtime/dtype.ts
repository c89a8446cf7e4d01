/**
 * Element types: ONNX TensorProto.DataType codes to the names TrustGrade shows, and conversion of
 * whatever typed array an engine returns to float32.
 */

/** TensorProto.DataType (onnx/onnx.proto) → name. Codes beyond 16 are the float8/int4 family. */
export const ONNX_DTYPE_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0: 'undefined',
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
});

export function onnxDtypeName(code: number): string {
  return ONNX_DTYPE_NAMES[code] ?? `unknown(${code})`;
}

/** Floating-point element types an output can be read from as scores. */
export const FLOAT_DTYPES: ReadonlySet<string> = new Set(['float32', 'float16', 'float64', 'bfloat16']);

/** Numeric element types that can be converted to float32 (precision aside). */
export const NUMERIC_DTYPES: ReadonlySet<string> = new Set([
  'float32', 'float16', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'bool',
]);

/** IEEE 754 half-precision bits → number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** number → IEEE 754 half-precision bits, rounding to nearest even. */
export function floatToHalf(value: number): number {
  scratch[0] = value;
  const x = scratchBits[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    let half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    if (rest > midpoint || (rest === midpoint && half & 1)) half += 1;
    return sign | half;
  }
  let half = (e << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (and overflows to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half += 1;
  return sign | half;
}

/** bfloat16 bits are the top half of a float32. */
function bfloat16ToFloat(bits: number): number {
  scratchBits[0] = bits << 16;
  return scratch[0];
}

type NumericArray =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array
  | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

/**
 * Engine output data as float32. `dtype` matters where the bits are ambiguous: float16 and
 * bfloat16 arrive as Uint16Array (or a Float16Array where the platform has one).
 */
export function toFloat32(data: unknown, dtype: string): Float32Array {
  if (data instanceof Float32Array) return data;
  if (data instanceof Uint16Array && dtype === 'float16') return Float32Array.from(data, halfToFloat);
  if (data instanceof Uint16Array && dtype === 'bfloat16') return Float32Array.from(data, bfloat16ToFloat);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    return Float32Array.from(data as BigInt64Array, (v) => Number(v));
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) return Float32Array.from(data as NumericArray as Float64Array);
  if (Array.isArray(data) && data.every((v) => typeof v === 'number' || typeof v === 'boolean')) {
    return Float32Array.from(data, Number);
  }
  throw new TypeError(`Cannot convert ${dtype} output data to float32.`);
}

/** float32 values → the typed array an ONNX input of that element type needs. */
const ENCODERS: Readonly<Record<string, (values: Float32Array) => ArrayBufferView>> = Object.freeze({
  float32: (v) => v,
  float64: (v) => Float64Array.from(v),
  float16: (v) => Uint16Array.from(v, floatToHalf),
  int32: (v) => Int32Array.from(v, Math.round),
  int64: (v) => BigInt64Array.from(v, (x) => BigInt(Math.round(x))),
  int8: (v) => Int8Array.from(v, Math.round),
  uint8: (v) => Uint8Array.from(v, Math.round),
  bool: (v) => Uint8Array.from(v, (x) => (x !== 0 ? 1 : 0)),
});

/** float32 input values as the typed array an ONNX input of `dtype` needs, or null if unsupported. */
export function fromFloat32(values: Float32Array, dtype: string): ArrayBufferView | null {
  const encode = ENCODERS[dtype];
  return encode ? encode(values) : null;
}
