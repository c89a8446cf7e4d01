/**
 * Gives an opened ONNX model a gradient through its TF.js translation, but only after checking
 * the translation against onnxruntime on the same inputs, every time the model is opened. The
 * result is recorded in `info.gradientPath` (kind, largest difference, tolerance, reason) and
 * `info.differentiable`; opening never fails because of it.
 */
import * as tf from '@tensorflow/tfjs';
import type { GradientPath, TensorInfo } from '../core/types';
import type { ModelAdapter } from './adapter';
import { fixedBatchOf, sampleDims } from './batching';
import { ModelError, messageOf } from './errors';
import { computeGradient, GRADIENT_BATCH } from './gradient';
import type { ModelSource } from './inspect';
import { buildTranslation, planTranslation, type TranslatedGraph } from './onnx-to-tfjs';
import { chooseInput, chooseOutput } from './tensors';
import { queue, startBackend, type TfjsBackend, type TfjsOptions } from './tfjs';
import { CHECK_SAMPLES, checkInputs, compareOutputs, TOLERANCE, type Comparison } from './onnx-to-tfjs-compare';

export interface TranslationOptions extends TfjsOptions {
  /** TF.js backends to try for the translation, in order (its gradients need their backward kernels). */
  backends: TfjsBackend[];
}

type OnnxSource = Extract<ModelSource, { format: 'onnx' }>;

function none(reason: string, comparison?: Comparison): GradientPath {
  return {
    kind: 'none',
    reason,
    ...(comparison && Number.isFinite(comparison.maxAbsDiff) ? { maxAbsDiff: comparison.maxAbsDiff, tolerance: comparison.tolerance } : {}),
  };
}

/** The translation's outputs for n samples, fed `batch` at a time. */
async function translatedOutputs(graph: TranslatedGraph, x: Float32Array, n: number, dims: number[], batch: number, output: string): Promise<Float32Array> {
  const size = dims.reduce((a, b) => a * b, 1);
  const parts: Float32Array[] = [];
  for (let start = 0; start < n; start += batch) {
    const rows = Math.min(batch, n - start);
    const result = tf.tidy(() => graph.forward(tf.tensor(x.slice(start * size, (start + rows) * size), [rows, ...dims]), output).reshape([rows, -1]));
    parts.push((await result.data()) as Float32Array);
    result.dispose();
  }
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

interface Verified {
  graph: TranslatedGraph;
  backend: TfjsBackend;
  /** Samples per gradient pass and whether the model needs exactly that many. */
  batch: number;
  fixed: boolean;
  comparison: Comparison;
}

/** Builds the translation on one backend and compares every float output it computes with onnxruntime. */
async function verifyOn(
  backend: TfjsBackend,
  adapter: ModelAdapter,
  plan: Extract<ReturnType<typeof planTranslation>, { ok: true }>,
  input: TensorInfo,
  options: TranslationOptions,
): Promise<Verified> {
  await startBackend(backend, options);
  const declared = fixedBatchOf(input);
  const dims = sampleDims(input, 0, 0);
  const size = dims.reduce((a, b) => a * b, 1);
  const { x } = checkInputs(size);
  const graph = buildTranslation(plan, declared);
  try {
    const outputs = plan.outputs.filter((name) => adapter.info.outputs.some((o) => o.name === name));
    let batch = CHECK_SAMPLES;
    let comparison: Comparison = { maxAbsDiff: 0, tolerance: TOLERANCE.absolute as number, ratio: 0, ok: true };
    for (const output of outputs) {
      const reference = await adapter.predict(x, CHECK_SAMPLES, { output });
      let translated: Float32Array | null = null;
      try {
        translated = await translatedOutputs(graph, x, CHECK_SAMPLES, dims, batch, output);
      } catch (error) {
        if (declared === null || batch === declared) throw error;
      }
      let result = translated ? compareOutputs(reference.values, translated, CHECK_SAMPLES) : null;
      if ((!result || !result.ok) && declared !== null && batch !== declared) {
        // The graph may hard-code its batch somewhere the translation cannot generalise: feed it as declared.
        batch = declared;
        result = compareOutputs(reference.values, await translatedOutputs(graph, x, CHECK_SAMPLES, dims, batch, output), CHECK_SAMPLES);
      }
      if (!result) throw new Error('no outputs were compared');
      const worse = result.ratio > comparison.ratio ? result : comparison;
      comparison = { ...worse, maxAbsDiff: Math.max(comparison.maxAbsDiff, result.maxAbsDiff), ok: comparison.ok && result.ok };
    }
    const fixed = declared !== null && batch === declared;
    if (comparison.ok) {
      // The backward kernels must exist on this backend too: take one gradient of each output.
      for (const output of outputs) {
        const width = (await adapter.predict(x.subarray(0, size), 1, { output })).width;
        const labels = Array.from({ length: Math.max(2, width) }, (_, i) => String(i));
        const g = await computeGradient({
          x: x.subarray(0, 2 * size), n: 2, dims, batch: fixed ? batch : 2, fixed, signal: undefined,
          loss: { kind: 'class-probability', classes: Int32Array.from([0, 1]) },
          output: { kind: width === 1 ? 'sigmoid' : 'logits', labels: width === 1 ? ['0', '1'] : labels },
          forward: (t) => graph.forward(t, output),
        });
        if (!g.gradient.every(Number.isFinite)) throw new Error(`the gradient of '${output}' is not finite`);
      }
    }
    return { graph, backend, batch: fixed ? batch : GRADIENT_BATCH, fixed, comparison };
  } catch (error) {
    graph.dispose();
    throw error;
  }
}

/**
 * Returns the adapter with a `gradient` through the checked translation, or unchanged with
 * `info.gradientPath.kind = 'none'` and the reason. Never throws for a model it cannot translate.
 */
export async function withTranslatedGradient(adapter: ModelAdapter, source: OnnxSource, options: TranslationOptions): Promise<ModelAdapter> {
  const info = adapter.info;
  const refuse = (path: GradientPath): ModelAdapter => {
    info.differentiable = false;
    info.gradientPath = path;
    return adapter;
  };
  const plan = planTranslation(source.bytes, info.inputs);
  if (!plan.ok) return refuse(none(plan.reason));
  const input = chooseInput(info);
  if (input.shape.slice(1).some((d) => typeof d !== 'number')) {
    return refuse(none(`the input '${input.name}' has dimensions besides the batch that the file leaves open, so the translation cannot be checked before data arrives`));
  }
  const failures: string[] = [];
  let verified: Verified | null = null;
  for (const backend of options.backends) {
    try {
      verified = await queue.run(() => verifyOn(backend, adapter, plan, input, options));
      break;
    } catch (error) {
      failures.push(`${backend}: ${messageOf(error)}`);
    }
  }
  if (!verified) return refuse(none(`the TF.js translation could not be run (${failures.join('; ')})`));
  const { graph, backend, batch, fixed, comparison } = verified;
  const { description } = checkInputs(1);
  if (!comparison.ok) {
    graph.dispose();
    return refuse(none(
      `the TF.js translation differs from onnxruntime by up to ${comparison.maxAbsDiff.toPrecision(3)} where at most ${comparison.tolerance.toPrecision(3)} is allowed ` +
        `(${TOLERANCE.absolute} + ${TOLERANCE.relative} × the largest output) on ${description}, so its gradients cannot be trusted`,
      comparison,
    ));
  }
  info.differentiable = true;
  info.gradientPath = {
    kind: 'onnx-translated',
    backend,
    maxAbsDiff: comparison.maxAbsDiff,
    tolerance: comparison.tolerance,
    reason: `gradients from a TF.js translation of the ONNX graph (TF.js ${backend} backend${fixed ? `, ${batch} sample${batch === 1 ? '' : 's'} per pass as the file declares` : ''}), ` +
      `checked against onnxruntime on ${description}`,
  };
  let disposed = false;
  return {
    ...adapter,
    gradient: (x, n, loss, outputBinding, opts = {}) =>
      queue.run(async () => {
        if (disposed) throw new ModelError(`${info.name} was closed. Open the model again.`);
        const output = chooseOutput(info, opts.output);
        if (!graph.outputs.includes(output.name)) {
          throw new ModelError(`The output '${output.name}' of ${info.name} is not differentiable through the TF.js translation; the translated outputs are ${graph.outputs.join(', ')}.`);
        }
        if (tf.getBackend() !== backend) await startBackend(backend, options);
        return computeGradient({
          x, n, loss, output: outputBinding, signal: opts.signal, batch, fixed,
          dims: sampleDims(chooseInput(info, opts.input), x.length, n),
          forward: (t) => graph.forward(t, output.name),
        });
      }),
    dispose: async () => {
      await adapter.dispose();
      await queue.run(async () => {
        if (disposed) return;
        disposed = true;
        graph.dispose();
      });
    },
  };
}
