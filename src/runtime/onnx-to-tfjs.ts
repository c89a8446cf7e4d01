/**
 * ONNX graph → TF.js operations, so that ONNX models get input gradients (TF.js's tape) while
 * onnxruntime keeps doing their predictions. Covers the operators of common exported classifiers
 * (tables in onnx-to-tfjs-ops-*.ts); a graph with any other operator on the way to its float
 * outputs is not translated, and the reason names the operators. The translation is only
 * trusted after onnx-to-tfjs-check.ts has compared it with onnxruntime on the same inputs.
 */
import * as tf from '@tensorflow/tfjs';
import type { onnx as OnnxTypes } from 'onnx-proto';
import type { TensorInfo } from '../core/types';
import { onnx, toNumber } from './onnx-proto';
import { mathOps } from './onnx-to-tfjs-ops-math';
import { nnOps, type Op } from './onnx-to-tfjs-ops-nn';
import { tensorOps } from './onnx-to-tfjs-ops-tensor';
import { isFloatType } from './onnx-to-tfjs-tensors';
import { constantValue, NodeView, tensorOf, UntranslatableError, type OpContext, type Value } from './onnx-to-tfjs-values';
import { messageOf } from './errors';

/** Every operator the translation knows, by ONNX op type (default domain only). */
export const TRANSLATED_OPERATORS: Readonly<Record<string, Op>> = Object.freeze({ ...nnOps, ...mathOps, ...tensorOps });

/** What can be decided from the file alone: which nodes feed the float outputs, and whether all are known. */
export type TranslationPlan =
  | { ok: true; model: OnnxTypes.ModelProto; opset: number; inputName: string; outputs: string[]; nodes: Map<string, NodeView[]> }
  | { ok: false; reason: string };

/** A translated graph, holding its weights as TF.js tensors until disposed. */
export interface TranslatedGraph {
  inputName: string;
  /** The float outputs it computes. */
  outputs: string[];
  /** Raw output `name` for an input batch, as TF.js ops (call inside tf.tidy or a gradient scope). */
  forward(x: tf.Tensor, name: string): tf.Tensor;
  dispose(): void;
}

const isDefaultDomain = (domain: string | null | undefined): boolean => !domain || domain === 'ai.onnx';

/** Nodes needed for each output, in file order (ONNX requires nodes to be topologically sorted). */
function nodesFor(graph: OnnxTypes.IGraphProto, output: string): OnnxTypes.INodeProto[] {
  const producer = new Map<string, OnnxTypes.INodeProto>();
  for (const node of graph.node ?? []) for (const name of node.output ?? []) if (name) producer.set(name, node);
  const needed = new Set<OnnxTypes.INodeProto>();
  const stack = [output];
  while (stack.length > 0) {
    const node = producer.get(stack.pop() as string);
    if (!node || needed.has(node)) continue;
    needed.add(node);
    for (const name of node.input ?? []) if (name) stack.push(name);
  }
  return (graph.node ?? []).filter((n) => needed.has(n));
}

const opName = (node: OnnxTypes.INodeProto): string => (isDefaultDomain(node.domain) ? node.opType ?? '' : `${node.domain}.${node.opType}`);

/**
 * Decides whether a model can be translated: one float input, float outputs, and only known
 * operators on the way to them. Needs no TF.js backend.
 */
export function planTranslation(bytes: Uint8Array, inputs: TensorInfo[]): TranslationPlan {
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    return { ok: false, reason: `the ONNX file could not be decoded (${messageOf(error)})` };
  }
  const graph = model.graph;
  if (!graph) return { ok: false, reason: 'the file holds no graph' };
  const input = inputs[0];
  if (!input || !['float32', 'float16', 'float64'].includes(input.dtype)) {
    return { ok: false, reason: `the input takes ${input?.dtype ?? 'no'} values, which have no gradient` };
  }
  const opset = toNumber((model.opsetImport ?? []).find((o) => isDefaultDomain(o.domain))?.version ?? 0);
  const outputs = (graph.output ?? [])
    .filter((o) => isFloatType(o.type?.tensorType?.elemType ?? 0))
    .map((o) => o.name ?? '');
  if (outputs.length === 0) return { ok: false, reason: 'the model has no floating-point tensor output to differentiate' };
  const nodes = new Map<string, NodeView[]>();
  const unknown = new Map<string, number>();
  for (const output of outputs) {
    const list = nodesFor(graph, output);
    for (const node of list) {
      if (!isDefaultDomain(node.domain) || !Object.hasOwn(TRANSLATED_OPERATORS, node.opType ?? '')) {
        unknown.set(opName(node), (unknown.get(opName(node)) ?? 0) + 1);
      }
    }
    nodes.set(output, list.map((node) => new NodeView(node, (graph.node ?? []).indexOf(node))));
  }
  if (unknown.size > 0) {
    const names = [...unknown.keys()].sort();
    return {
      ok: false,
      reason: `the graph uses ${names.length === 1 ? 'an operator' : 'operators'} the TF.js translation does not cover (${names.join(', ')}), so the model has no differentiable path; black-box attacks still apply`,
    };
  }
  return { ok: true, model, opset, inputName: input.name, outputs, nodes };
}

/** Builds the TF.js form of a planned translation; creates the weights on the current backend. */
export function buildTranslation(plan: Extract<TranslationPlan, { ok: true }>, declaredBatch: number | null): TranslatedGraph {
  const graph = plan.model.graph as OnnxTypes.IGraphProto;
  const constants = new Map<string, Value>();
  const cache = new Map<string, tf.Tensor>();
  const dispose = (): void => {
    for (const v of constants.values()) if (v.kind === 'tensor') v.t.dispose();
    for (const t of cache.values()) t.dispose();
    constants.clear();
    cache.clear();
  };
  try {
    for (const tensor of graph.initializer ?? []) constants.set(tensor.name ?? '', constantValue(tensor));
  } catch (error) {
    dispose();
    throw new UntranslatableError(messageOf(error));
  }
  return {
    inputName: plan.inputName,
    outputs: plan.outputs,
    forward(x, name) {
      const nodes = plan.nodes.get(name);
      if (!nodes) throw new UntranslatableError(`the output '${name}' is not one the translation computes (${plan.outputs.join(', ')})`);
      const values = new Map(constants);
      values.set(plan.inputName, { kind: 'tensor', t: x });
      const ctx: OpContext = { opset: plan.opset, declaredBatch, batch: x.shape[0], cache };
      for (const node of nodes) {
        const inputs = (node.node.input ?? []).map((input) => {
          if (!input) return undefined;
          const v = values.get(input);
          if (!v) throw new UntranslatableError(`${node.label}: its input '${input}' is neither a graph input, a weight nor an earlier node's output`);
          return v;
        });
        const outputs = TRANSLATED_OPERATORS[node.op](node, inputs, ctx);
        (node.node.output ?? []).forEach((out, i) => {
          if (out && outputs[i]) values.set(out, outputs[i]);
        });
      }
      const result = values.get(name);
      if (!result) throw new UntranslatableError(`no node produces the output '${name}'`);
      return tensorOf(result);
    },
    dispose,
  };
}
