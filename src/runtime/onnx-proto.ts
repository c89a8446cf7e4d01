import * as onnxProtoModule from 'onnx-proto';

/**
 * The `onnx` protobuf namespace from the onnx-proto package. The package is CommonJS
 * (`module.exports = { onnx }`): bundlers expose `onnx` as a named export, while Node's ESM loader
 * only exposes it under `default`. Reading both keeps one import working everywhere.
 */
type Namespace = typeof onnxProtoModule.onnx;
const loaded = onnxProtoModule as unknown as { onnx?: Namespace; default?: { onnx?: Namespace } };
export const onnx: Namespace = (loaded.onnx ?? loaded.default?.onnx) as Namespace;

/** protobufjs gives 64-bit integers as numbers, or as Long objects where the 'long' package is present. */
export function toNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}
