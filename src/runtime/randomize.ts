/**
 * Randomised-weights copies of a model, for the model-parameter randomisation test (Adebayo et al.
 * 2018, "Sanity Checks for Saliency Maps", §3.1: re-initialise the learned weights and check that
 * explanations change). Only the learned parameters are replaced, not the graph, the input
 * scaling or the normalisation statistics:
 * - TF.js: float32 weights named as learned layer parameters (…/kernel, …/bias, embeddings,
 *   depthwise/pointwise/recurrent kernels); in graph models, float32 weights of rank ≥ 2 and
 *   rank-1 weights named like a bias;
 * - ONNX: float initializers read by Conv, ConvTranspose, Gemm and MatMul, and the bias an Add
 *   puts on their output; tree ensembles get their leaf values (class_weights, target_weights).
 * Each replaced tensor gets values drawn from a normal with that tensor's own mean and standard
 * deviation, so activations keep their scale (the paper re-draws from the layer's initialiser,
 * which is not stored in the file). Seeded through core/rng, so a copy is the same every time.
 */
import type { onnx as OnnxTypes } from 'onnx-proto';
import { createRng, type Rng } from '../core/rng';
import type { Backend } from '../core/types';
import type { ModelAdapter } from './adapter';
import { ModelError } from './errors';
import type { ModelSource } from './inspect';
import { onnx } from './onnx-proto';

/** What a randomisation replaced. */
export interface RandomizedSource {
  source: ModelSource;
  /** Names of the tensors or attributes whose values were replaced. */
  replaced: string[];
}

/** Replaces `values` in place with normals of the same mean and standard deviation. */
export function redraw(values: Float32Array, rng: Rng): void {
  const n = values.length;
  if (n === 0) return;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  const std = Math.sqrt(variance / n);
  if (n === 1) {
    // A lone value has no spread of its own: flip its sign and rescale it at random instead.
    values[0] = values[0] * (rng.next() * 2 - 1) * 2;
    return;
  }
  for (let i = 0; i < n; i++) values[i] = mean + std * rng.normal();
}

const LEARNED_LAYER_WEIGHT = /(^|\/)(kernel|bias|embeddings|depthwise_kernel|pointwise_kernel|recurrent_kernel)(:0)?$/;

const TFJS_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

function randomizeTfjs(source: Extract<ModelSource, { format: 'tfjs' }>, rng: Rng): RandomizedSource {
  const total = source.tfjs.shards.reduce((s, f) => s + f.bytes.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const shard of source.tfjs.shards) {
    bytes.set(shard.bytes, at);
    at += shard.bytes.length;
  }
  const graph = source.tfjs.facts.modelType === 'graph-model';
  const replaced: string[] = [];
  let offset = 0;
  for (const spec of source.tfjs.weightSpecs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const stored = spec.quantization?.dtype ?? spec.dtype;
    const length = count * (TFJS_BYTES[stored] ?? 4);
    const learned = graph ? spec.shape.length >= 2 || (spec.shape.length === 1 && /bias/i.test(spec.name)) : LEARNED_LAYER_WEIGHT.test(spec.name);
    if (learned && spec.dtype === 'float32' && !spec.quantization && offset + length <= bytes.length) {
      const values = new Float32Array(bytes.slice(offset, offset + length).buffer);
      redraw(values, rng.fork(spec.name));
      bytes.set(new Uint8Array(values.buffer), offset);
      replaced.push(spec.name);
    }
    offset += length;
  }
  return {
    source: {
      ...source,
      inspected: { ...source.inspected, name: `${source.inspected.name} (randomised weights)` },
      tfjs: { ...source.tfjs, shards: [{ path: 'randomized-weights.bin', bytes }] },
    },
    replaced,
  };
}

const WEIGHTED_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);
const TREE_LEAF_ATTRIBUTES = new Set(['class_weights', 'target_weights']);
const FLOAT = 1;

function floatValues(tensor: OnnxTypes.ITensorProto): Float32Array | null {
  if (tensor.dataType !== FLOAT || tensor.dataLocation === 1) return null;
  if (tensor.rawData && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    return new Float32Array(raw.slice().buffer, 0, Math.floor(raw.length / 4));
  }
  return tensor.floatData && tensor.floatData.length > 0 ? Float32Array.from(tensor.floatData) : null;
}

function randomizeOnnx(source: Extract<ModelSource, { format: 'onnx' }>, rng: Rng): RandomizedSource {
  const model = onnx.ModelProto.decode(source.bytes);
  const graph = model.graph;
  if (!graph) throw new ModelError(`${source.inspected.name} has no graph to randomise.`);
  const nodes = graph.node ?? [];
  const producedByWeighted = new Set<string>();
  for (const node of nodes) if (WEIGHTED_OPS.has(node.opType ?? '')) for (const out of node.output ?? []) producedByWeighted.add(out);
  const learned = new Set<string>();
  for (const node of nodes) {
    const op = node.opType ?? '';
    const inputs = node.input ?? [];
    if (WEIGHTED_OPS.has(op)) inputs.forEach((name, i) => i >= 1 && learned.add(name));
    if (op === 'Add' && inputs.some((name) => producedByWeighted.has(name))) inputs.forEach((name) => learned.add(name));
  }
  const replaced: string[] = [];
  for (const tensor of graph.initializer ?? []) {
    const name = tensor.name ?? '';
    if (!learned.has(name)) continue;
    const values = floatValues(tensor);
    if (!values) continue;
    redraw(values, rng.fork(name));
    tensor.rawData = new Uint8Array(values.buffer.slice(0));
    tensor.floatData = [];
    replaced.push(name);
  }
  for (const node of nodes) {
    for (const attribute of node.attribute ?? []) {
      if (!TREE_LEAF_ATTRIBUTES.has(attribute.name ?? '') || !attribute.floats?.length) continue;
      const values = Float32Array.from(attribute.floats);
      redraw(values, rng.fork(`${node.name ?? node.opType}/${attribute.name}`));
      attribute.floats = Array.from(values);
      replaced.push(`${node.name || node.opType}.${attribute.name}`);
    }
  }
  const bytes = onnx.ModelProto.encode(model).finish();
  return {
    source: { ...source, inspected: { ...source.inspected, name: `${source.inspected.name} (randomised weights)` }, bytes },
    replaced,
  };
}

/** A copy of a model source with its learned parameters redrawn (see the file comment). */
export function randomizeSource(source: ModelSource, seed: number): RandomizedSource {
  const rng = createRng(seed >>> 0).fork('randomize-weights');
  const result = source.format === 'onnx' ? randomizeOnnx(source, rng) : randomizeTfjs(source, rng);
  if (result.replaced.length === 0) {
    throw new ModelError(
      `${source.inspected.name} has no learned weights TrustGrade can randomise (it looks for dense and convolution weights and tree leaf values), so the randomisation sanity check cannot run on it.`,
    );
  }
  return result;
}

/**
 * Gives an adapter `randomizedCopy(seed)`: the same source randomised and opened again on the
 * same backend by the same loader (so a copy of a differentiable model has gradients too).
 */
export function withRandomizedCopy(
  adapter: ModelAdapter,
  source: ModelSource,
  backend: Backend,
  load: (source: ModelSource, backend: Backend) => Promise<ModelAdapter>,
): ModelAdapter {
  adapter.randomizedCopy = (seed) => load(randomizeSource(source, seed).source, backend);
  return adapter;
}
