/**
 * ONNX TensorProto → plain numbers, for the TF.js translation of a graph (onnx-to-tfjs.ts).
 * Floating-point tensors become float32; integer and boolean tensors become JS numbers, because
 * they are shapes, axes and indices that the translation needs to know before anything runs.
 */
import type { onnx as OnnxTypes } from 'onnx-proto';
import { onnx, toNumber } from './onnx-proto';
import { onnxDtypeName } from './dtype';

const { DataType } = onnx.TensorProto;

/** A constant of the graph: float32 values, or integers known at translation time. */
export type ConstantValue =
  | { kind: 'float'; shape: number[]; data: Float32Array }
  | { kind: 'int'; shape: number[]; data: number[] };

/** Thrown when a tensor's element type has no place in the translation (strings, complex, float8…). */
export class UnsupportedTensorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTensorError';
  }
}

/** Raw little-endian bytes as a fresh, aligned ArrayBuffer. */
function aligned(raw: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(raw.length);
  copy.set(raw);
  return copy.buffer;
}

/** IEEE 754 half → float. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const product = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

/** The values of a TensorProto (raw_data or the typed field), shaped by its dims. */
export function decodeTensor(tensor: OnnxTypes.ITensorProto): ConstantValue {
  const shape = (tensor.dims ?? []).map((d) => toNumber(d));
  const count = product(shape);
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : null;
  const type = tensor.dataType ?? 0;
  switch (type) {
    case DataType.FLOAT:
      return { kind: 'float', shape, data: raw ? new Float32Array(aligned(raw), 0, count) : Float32Array.from(tensor.floatData ?? []) };
    case DataType.DOUBLE:
      return { kind: 'float', shape, data: Float32Array.from(raw ? new Float64Array(aligned(raw), 0, count) : (tensor.doubleData ?? [])) };
    case DataType.FLOAT16: {
      const bits = raw ? Array.from(new Uint16Array(aligned(raw), 0, count)) : (tensor.int32Data ?? []);
      return { kind: 'float', shape, data: Float32Array.from(bits, halfToFloat) };
    }
    case DataType.INT64:
      return { kind: 'int', shape, data: raw ? Array.from(new BigInt64Array(aligned(raw), 0, count), Number) : (tensor.int64Data ?? []).map((v) => toNumber(v)) };
    case DataType.UINT64:
      return { kind: 'int', shape, data: raw ? Array.from(new BigUint64Array(aligned(raw), 0, count), Number) : (tensor.uint64Data ?? []).map((v) => toNumber(v)) };
    case DataType.INT32:
      return { kind: 'int', shape, data: raw ? Array.from(new Int32Array(aligned(raw), 0, count)) : [...(tensor.int32Data ?? [])] };
    case DataType.INT8:
      return { kind: 'int', shape, data: raw ? Array.from(new Int8Array(aligned(raw), 0, count)) : [...(tensor.int32Data ?? [])] };
    case DataType.UINT8:
    case DataType.BOOL:
      return { kind: 'int', shape, data: raw ? Array.from(raw.subarray(0, count)) : [...(tensor.int32Data ?? [])] };
    case DataType.INT16:
      return { kind: 'int', shape, data: raw ? Array.from(new Int16Array(aligned(raw), 0, count)) : [...(tensor.int32Data ?? [])] };
    case DataType.UINT16:
      return { kind: 'int', shape, data: raw ? Array.from(new Uint16Array(aligned(raw), 0, count)) : [...(tensor.int32Data ?? [])] };
    default:
      throw new UnsupportedTensorError(`the constant '${tensor.name ?? ''}' holds ${onnxDtypeName(type)} values, which the TF.js translation does not handle`);
  }
}

/** Whether an ONNX element type code is a floating-point type. */
export function isFloatType(code: number): boolean {
  return code === DataType.FLOAT || code === DataType.DOUBLE || code === DataType.FLOAT16 || code === DataType.BFLOAT16;
}
