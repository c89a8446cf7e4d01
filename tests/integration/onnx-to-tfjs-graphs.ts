/**
 * Small ONNX graphs written with onnx-proto for the translation tests: one operator (or a short
 * chain) on a seeded input, so each can be compared with onnxruntime on its own.
 */
import type { onnx as OnnxTypes } from 'onnx-proto';
import { createRng } from '../../src/core/rng';
import type { ModelFile } from '../../src/core/types';
import { onnx } from '../../src/runtime/onnx-proto';

const { DataType } = onnx.TensorProto;
const AttrType = onnx.AttributeProto.AttributeType;

export type Attr = OnnxTypes.IAttributeProto;
export const int = (name: string, i: number): Attr => ({ name, type: AttrType.INT, i });
export const ints = (name: string, values: number[]): Attr => ({ name, type: AttrType.INTS, ints: values });
export const float = (name: string, f: number): Attr => ({ name, type: AttrType.FLOAT, f });
export const text = (name: string, s: string): Attr => ({ name, type: AttrType.STRING, s: new TextEncoder().encode(s) });
export const tensorAttr = (name: string, t: OnnxTypes.ITensorProto): Attr => ({ name, type: AttrType.TENSOR, t });

export const node = (opType: string, input: string[], output: string[], attribute: Attr[] = [], domain = ''): OnnxTypes.INodeProto =>
  ({ opType, input, output, attribute, domain, name: `${opType}_${output[0]}` });

/** A float initializer with seeded values in [−1, 1) (times `scale`), or the given values. */
export function weights(name: string, dims: number[], seed: number | number[], scale = 1): OnnxTypes.ITensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  const values = Array.isArray(seed) ? seed : (() => {
    const rng = createRng(seed);
    return Array.from({ length: count }, () => (2 * rng.next() - 1) * scale);
  })();
  return { name, dims, dataType: DataType.FLOAT, floatData: values };
}

export const int64s = (name: string, values: number[], dims = [values.length]): OnnxTypes.ITensorProto =>
  ({ name, dims, dataType: DataType.INT64, int64Data: values });

type Dim = number | string | null;
const typeOf = (elemType: number, dims: Dim[]): OnnxTypes.ITypeProto => ({
  tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {})) } },
});

export interface GraphSpec {
  nodes: OnnxTypes.INodeProto[];
  initializers?: OnnxTypes.ITensorProto[];
  input: Dim[];
  /** Output name and its dims; float32 unless `dtype` says otherwise. */
  outputs: { name: string; dims: Dim[]; dtype?: number }[];
  opset?: number;
  extraOpsets?: [string, number][];
}

/** The model as one dropped .onnx file. */
export function onnxModel(spec: GraphSpec, name = 'graph.onnx'): ModelFile[] {
  const bytes = onnx.ModelProto.encode(onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'trustgrade-tests',
    opsetImport: [{ domain: '', version: spec.opset ?? 13 }, ...(spec.extraOpsets ?? []).map(([domain, version]) => ({ domain, version }))],
    graph: {
      name: 'g',
      node: spec.nodes,
      initializer: spec.initializers ?? [],
      input: [{ name: 'x', type: typeOf(DataType.FLOAT, spec.input) }],
      output: spec.outputs.map((o) => ({ name: o.name, type: typeOf(o.dtype ?? DataType.FLOAT, o.dims) })),
    },
  })).finish();
  return [{ path: name, bytes }];
}

export { DataType };
