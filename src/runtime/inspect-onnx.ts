import type { onnx as OnnxTypes } from 'onnx-proto';
import type { OnnxFacts, TensorInfo } from '../core/types';
import { onnxDtypeName } from './dtype';
import { ModelError, messageOf } from './errors';
import { onnx, toNumber } from './onnx-proto';

/** What an ONNX file says about itself, read without running it. */
export interface OnnxInspection {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  facts: OnnxFacts;
}

/**
 * Decodes an ONNX ModelProto and reads its inputs, outputs and facts (onnx/onnx.proto).
 * Anything that is not a usable ONNX model raises a ModelError that names the file.
 */
export function inspectOnnx(bytes: Uint8Array, name: string): OnnxInspection {
  if (bytes.length === 0) {
    throw new ModelError(`'${name}' is empty (0 bytes). Copy or export the model again and drop the new file.`);
  }
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelError(
      `'${name}' is not a readable ONNX model: its data ends early or is not ONNX protobuf (${messageOf(error)}). ` +
        'If it was downloaded or copied, do that again; otherwise export the model to ONNX again.',
      { cause: error },
    );
  }
  const graph = model.graph;
  if (!graph || toNumber(model.irVersion) < 1) {
    throw new ModelError(
      `'${name}' does not contain an ONNX graph (IR version ${toNumber(model.irVersion)}, ` +
        `${graph ? 'graph present' : 'no graph'}), so there is nothing to run. ` +
        'Check that it is an ONNX model file and export it again if needed.',
    );
  }
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  // Before IR version 4 every initializer was also listed as a graph input; those are weights, not inputs.
  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? '')).map(valueInfo);
  const outputs = (graph.output ?? []).map(valueInfo);
  if (inputs.length === 0) {
    throw new ModelError(
      `'${name}' has an ONNX graph with no inputs, so no data can be fed to it. ` +
        'Export the model again with its input declared (for example torch.onnx.export with input_names).',
    );
  }
  if (outputs.length === 0) {
    throw new ModelError(`'${name}' has an ONNX graph with no outputs. Export the model again with its outputs declared.`);
  }
  return {
    inputs,
    outputs,
    facts: {
      irVersion: toNumber(model.irVersion),
      producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
      opsets: (model.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: toNumber(o.version) })),
      operators: countOperators(graph),
      metadata: Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
      externalData: externalInitializers(graph),
    },
  };
}

function valueInfo(v: OnnxTypes.IValueInfoProto): TensorInfo {
  const { dtype, shape } = describeType(v.type);
  return { name: v.name ?? '', shape, dtype };
}

/** A tensor type becomes dtype + shape; other types become a readable string with shape []. */
function describeType(type: OnnxTypes.ITypeProto | null | undefined): { dtype: string; shape: TensorInfo['shape'] } {
  if (type?.tensorType) {
    const dims = type.tensorType.shape?.dim ?? [];
    return { dtype: onnxDtypeName(type.tensorType.elemType ?? 0), shape: dims.map(dimension) };
  }
  return { dtype: typeName(type), shape: [] };
}

function dimension(dim: OnnxTypes.TensorShapeProto.IDimension): number | string | null {
  // `value` names the member of the dim_value / dim_param oneof that was set; neither = unknown.
  const which = (dim as OnnxTypes.TensorShapeProto.Dimension).value;
  if (which === 'dimParam') return dim.dimParam ?? null;
  if (which === 'dimValue') return toNumber(dim.dimValue);
  return null;
}

/** e.g. 'float32', 'sequence(map(int64,float32))', 'optional(float32)'. */
function typeName(type: OnnxTypes.ITypeProto | null | undefined): string {
  if (!type) return 'unknown';
  if (type.tensorType) return onnxDtypeName(type.tensorType.elemType ?? 0);
  if (type.sequenceType) return `sequence(${typeName(type.sequenceType.elemType)})`;
  if (type.mapType) return `map(${onnxDtypeName(type.mapType.keyType ?? 0)},${typeName(type.mapType.valueType)})`;
  if (type.optionalType) return `optional(${typeName(type.optionalType.elemType)})`;
  if (type.sparseTensorType) return `sparse_tensor(${onnxDtypeName(type.sparseTensorType.elemType ?? 0)})`;
  return 'unknown';
}

/** Every graph an attribute holds (If/Loop/Scan bodies). */
function subgraphs(node: OnnxTypes.INodeProto): OnnxTypes.IGraphProto[] {
  return (node.attribute ?? []).flatMap((a) => [...(a.g ? [a.g] : []), ...(a.graphs ?? [])]);
}

/** Operator counts over the graph and all nested subgraphs, most frequent first. */
function countOperators(graph: OnnxTypes.IGraphProto): OnnxFacts['operators'] {
  const counts = new Map<string, { domain: string; opType: string; count: number }>();
  const visit = (g: OnnxTypes.IGraphProto): void => {
    for (const node of g.node ?? []) {
      const domain = node.domain ?? '';
      const opType = node.opType ?? '';
      const key = `${domain}\u0000${opType}`;
      const entry = counts.get(key) ?? { domain, opType, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
      subgraphs(node).forEach(visit);
    }
  };
  visit(graph);
  return [...counts.values()].sort((a, b) => b.count - a.count || a.opType.localeCompare(b.opType));
}

/** Initializers whose data lives in another file, as 'name → location'. */
function externalInitializers(graph: OnnxTypes.IGraphProto): string[] {
  const found: string[] = [];
  const visit = (g: OnnxTypes.IGraphProto): void => {
    for (const t of g.initializer ?? []) {
      if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
        const location = (t.externalData ?? []).find((e) => e.key === 'location')?.value ?? '?';
        found.push(`${t.name ?? ''} → ${location}`);
      }
    }
    for (const node of g.node ?? []) subgraphs(node).forEach(visit);
  };
  visit(graph);
  return found;
}
