/**
 * What flows between the translated ONNX operators (onnx-to-tfjs.ts): TF.js tensors, and small
 * integer tensors (shapes, axes, indices) kept as JS numbers so that Reshape and friends know
 * them without reading a tensor back from the backend, which would break nothing but cost a sync.
 */
import * as tf from '@tensorflow/tfjs';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { toNumber } from './onnx-proto';
import { decodeTensor } from './onnx-to-tfjs-tensors';

export type Value =
  | { kind: 'tensor'; t: tf.Tensor; /** Values when the tensor is a graph constant. */ constant?: Float32Array }
  | { kind: 'int'; shape: number[]; data: number[] };

/** An operator or attribute the translation does not handle; the message says which. */
export class UntranslatableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntranslatableError';
  }
}

/** What every operator may need besides its inputs. */
export interface OpContext {
  /** Version of the default ('' / ai.onnx) operator set the model imports. */
  opset: number;
  /** The batch the file declares (the MNIST CNN's 1) and the batch actually fed. */
  declaredBatch: number | null;
  batch: number;
  /** Rearranged weights (Conv filters in TF.js layout), kept across calls, by node and role. */
  cache: Map<string, tf.Tensor>;
}

/** A node with typed attribute readers. */
export class NodeView {
  constructor(readonly node: OnnxTypes.INodeProto, readonly index: number) {}

  get op(): string {
    return this.node.opType ?? '';
  }

  /** A readable name for messages: the op and its node name or first output. */
  get label(): string {
    return `${this.op} node '${this.node.name || this.node.output?.[0] || this.index}'`;
  }

  /** A key for cached per-node values. */
  key(role: string): string {
    return `${this.index}:${role}`;
  }

  private attr(name: string): OnnxTypes.IAttributeProto | undefined {
    return (this.node.attribute ?? []).find((a) => a.name === name);
  }

  has(name: string): boolean {
    return this.attr(name) !== undefined;
  }

  int(name: string, fallback: number): number {
    const a = this.attr(name);
    return a ? toNumber(a.i) : fallback;
  }

  ints(name: string, fallback: number[]): number[] {
    const a = this.attr(name);
    return a ? (a.ints ?? []).map((v) => toNumber(v)) : fallback;
  }

  float(name: string, fallback: number): number {
    const a = this.attr(name);
    return a ? (a.f ?? 0) : fallback;
  }

  string(name: string, fallback: string): string {
    const a = this.attr(name);
    return a && a.s ? new TextDecoder().decode(a.s) : fallback;
  }

  tensor(name: string): OnnxTypes.ITensorProto | null {
    return this.attr(name)?.t ?? null;
  }

  /** Refuses an attribute value the translation does not implement. */
  refuse(what: string): never {
    throw new UntranslatableError(`${this.label}: ${what} is not supported by the TF.js translation`);
  }
}

/** A value as a TF.js tensor (integers become int32). */
export function tensorOf(v: Value): tf.Tensor {
  return v.kind === 'tensor' ? v.t : tf.tensor(v.data, v.shape, 'int32');
}

/** A value as a float32 tensor. */
export function floatOf(v: Value): tf.Tensor {
  const t = tensorOf(v);
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

export function shapeOf(v: Value): number[] {
  return v.kind === 'tensor' ? v.t.shape : v.shape;
}

/** The numbers of a value known before running: integer constants and float graph constants. */
export function knownNumbers(v: Value | undefined, what: string, node: NodeView): number[] {
  if (!v) throw new UntranslatableError(`${node.label}: its ${what} input is missing`);
  if (v.kind === 'int') return v.data;
  if (v.constant) return Array.from(v.constant);
  throw new UntranslatableError(`${node.label}: its ${what} is computed from the data at run time, which the TF.js translation does not handle`);
}

/** A constant tensor as a Value: floats as a tensor kept across calls, integers as numbers. */
export function constantValue(tensor: OnnxTypes.ITensorProto): Value {
  const decoded = decodeTensor(tensor);
  if (decoded.kind === 'int') return { kind: 'int', shape: decoded.shape, data: decoded.data };
  return { kind: 'tensor', t: tf.keep(tf.tensor(decoded.data, decoded.shape, 'float32')), constant: decoded.data };
}

export const tensorValue = (t: tf.Tensor): Value => ({ kind: 'tensor', t });
export const intValue = (data: number[], shape: number[] = [data.length]): Value => ({ kind: 'int', shape, data });

/** A negative axis counted from the end, as ONNX allows. */
export function normalizeAxis(axis: number, rank: number, node: NodeView): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new UntranslatableError(`${node.label}: axis ${axis} is outside a rank-${rank} tensor`);
  return a;
}
