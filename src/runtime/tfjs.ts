import * as tf from '@tensorflow/tfjs';
import type { Backend, ModelInfo, TensorInfo } from '../core/types';
import type { ModelAdapter } from './adapter';
import { fixedBatchOf, predictInBatches, sampleDims, sampleSizeOf } from './batching';
import { toFloat32 } from './dtype';
import { ModelError, messageOf } from './errors';
import type { ModelSource } from './inspect';
import { concatBytes } from '../core/sha256';
import { createSerialQueue } from './serial';
import { computeGradient, GRADIENT_BATCH } from './gradient';
import { registerMissingKernels } from './tfjs-kernels';
import { chooseInput, chooseOutput } from './tensors';

type TfjsSource = Extract<ModelSource, { format: 'tfjs' }>;
export type TfjsBackend = Extract<Backend, 'webgpu' | 'webgl' | 'wasm' | 'cpu'>;

export interface TfjsOptions {
  /** Browser only: tells the wasm backend where its .wasm files are (setWasmPaths). */
  prepareWasm?: () => Promise<void>;
}

/** TF.js has one global backend and engine, so all TF.js adapters (and ONNX translations) share one queue. */
export const queue = createSerialQueue();

/** Registers and starts a backend; throws with the reason when it cannot start here. */
export async function startBackend(backend: TfjsBackend, options: TfjsOptions): Promise<void> {
  if (tf.getBackend() === backend) return;
  if (backend === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    registerMissingKernels('wasm');
    // The threaded build hangs in setBackend inside a bundled worker under COOP/COEP (RECIPE.md).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await options.prepareWasm?.();
  } else if (backend === 'webgpu') {
    if (!(globalThis.navigator && 'gpu' in globalThis.navigator)) {
      throw new Error('this environment has no WebGPU (navigator.gpu is missing)');
    }
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  let started: boolean;
  try {
    started = await tf.setBackend(backend);
  } catch (error) {
    throw new Error(`TF.js could not start its ${backend} backend (${messageOf(error)})`);
  }
  if (!started) throw new Error(`TF.js could not start its ${backend} backend here`);
  await tf.ready();
}

type LoadedModel = tf.LayersModel | tf.GraphModel;

async function loadModel(source: TfjsSource): Promise<LoadedModel> {
  const { json, weightSpecs, shards } = source.tfjs;
  const weights = concatBytes(shards.map((s) => s.bytes));
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const artifacts = await tf.io.getModelArtifactsForJSON(json as unknown as tf.io.ModelJSON, async () => [
    weightSpecs as unknown as tf.io.WeightsManifestEntry[],
    weightData,
  ]);
  const handler: tf.io.IOHandler = { load: async () => artifacts };
  try {
    return source.tfjs.facts.modelType === 'graph-model' ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
  } catch (error) {
    throw new ModelError(
      `TF.js could not build ${source.inspected.name} (${messageOf(error)}). ` +
        'The model may use a layer or op this TF.js version lacks; convert it again with a current tensorflowjs converter.',
      { cause: error },
    );
  }
}

const shapeOf = (shape: readonly (number | null)[] | undefined): TensorInfo['shape'] => (shape ? shape.map((d) => (d === -1 ? null : d)) : [null]);

/** Input and output names and shapes as the loaded model has them. */
function describe(model: LoadedModel, fallback: TfjsSource['inspected']): { inputs: TensorInfo[]; outputs: TensorInfo[] } {
  if (model instanceof tf.GraphModel) {
    // Graph outputs often carry no shape or dtype until run; keep what model.json said then.
    const tensors = (list: tf.ModelTensorInfo[], declared: TensorInfo[]) =>
      list.map((t) => {
        const known = declared.find((d) => d.name === t.name);
        return { name: t.name, shape: t.shape ? shapeOf(t.shape) : known?.shape ?? [null], dtype: t.dtype ?? known?.dtype ?? 'float32' };
      });
    return { inputs: tensors(model.inputs, fallback.inputs), outputs: tensors(model.outputs, fallback.outputs) };
  }
  // A symbolic tensor's source layer carries the Keras name ('dense_1_input', 'dense_3').
  const tensors = (list: tf.SymbolicTensor[], names: TensorInfo[]) =>
    list.map((t, i) => ({ name: t.sourceLayer?.name ?? names[i]?.name ?? t.name, shape: shapeOf(t.shape), dtype: t.dtype }));
  return { inputs: tensors(model.inputs, fallback.inputs), outputs: tensors(model.outputs, fallback.outputs) };
}

/** Graph models with control flow or dynamic shapes must use executeAsync; the others are faster with execute. */
const needsAsync = new WeakSet<tf.GraphModel>();

async function runModel(model: LoadedModel, input: tf.Tensor, inputName: string, outputIndex: number, outputName: string): Promise<tf.Tensor> {
  if (model instanceof tf.GraphModel) {
    if (!needsAsync.has(model)) {
      try {
        return model.execute({ [inputName]: input }, outputName) as tf.Tensor;
      } catch (error) {
        if (!messageOf(error).includes('executeAsync')) throw error;
        needsAsync.add(model);
      }
    }
    return (await model.executeAsync({ [inputName]: input }, outputName)) as tf.Tensor;
  }
  const result = model.predict(input);
  if (!Array.isArray(result)) return result;
  result.forEach((t, i) => i !== outputIndex && t.dispose());
  return result[outputIndex];
}

/**
 * The raw output as differentiable ops: `apply` records on the gradient tape where `predict`
 * would not; graph models run `execute` (an executeAsync-only graph has control flow, which
 * has no gradient here).
 */
function forwardOf(model: LoadedModel, inputName: string, outputIndex: number, outputName: string): (x: tf.Tensor) => tf.Tensor {
  if (model instanceof tf.GraphModel) {
    return (x) => {
      if (needsAsync.has(model)) {
        throw new ModelError('This TF.js graph model has control flow (it needs executeAsync), so TrustGrade cannot take its gradients. Use black-box probes for it.');
      }
      return model.execute({ [inputName]: x }, outputName) as tf.Tensor;
    };
  }
  return (x) => {
    const result = model.apply(x, { training: false }) as tf.Tensor | tf.Tensor[];
    return Array.isArray(result) ? result[outputIndex] : result;
  };
}

/** The kernel a backend lacks, read from TF.js's "Kernel 'X' not registered for backend 'Y'" error. */
export function missingKernelOf(error: unknown): { kernel: string; backend: string } | null {
  const match = /Kernel '([^']+)' not registered for backend '([^']+)'/.exec(messageOf(error));
  return match ? { kernel: match[1], backend: match[2] } : null;
}

/** A model loaded on the backend that takes its gradients (the inference model itself, or a cpu copy). */
interface GradientModel {
  backend: TfjsBackend;
  model: LoadedModel;
}

/**
 * One forward and backward pass on the current backend with an input of zeros, so that a missing
 * backward kernel (TF.js wasm has no DepthwiseConv2dNativeBackpropFilter, for one) shows when the
 * model is opened rather than in the middle of a run. Returns false when the input's dims are not
 * all known (then a missing kernel is found, and handled the same way, at the first gradient).
 */
async function probeGradient(forward: (x: tf.Tensor) => tf.Tensor, input: TensorInfo): Promise<boolean> {
  const dims = input.shape.slice(1);
  if (!dims.every((d) => typeof d === 'number')) return false;
  const rows = fixedBatchOf(input) ?? 1;
  const grad = tf.tidy(() => {
    const x = tf.zeros([rows, ...(dims as number[])]);
    const { grads } = tf.engine().gradients(() => {
      const out = forward(x).reshape([rows, -1]);
      return tf.sum(tf.mul(out, tf.linspace(1, 2, out.shape[1] as number)));
    }, [x], undefined, true);
    return grads[0] ?? tf.zerosLike(x);
  });
  try {
    // Reading the result runs every kernel, also on backends that queue their work (webgl, webgpu).
    await grad.data();
  } finally {
    grad.dispose();
  }
  return true;
}

/** Why gradients run on the cpu backend rather than on the backend predictions use. */
function cpuReason(backend: TfjsBackend, kernel: string): string {
  return `TF.js's ${backend} backend has no '${kernel}' kernel, which this model's gradient needs, so input gradients are computed on TF.js's cpu backend ` +
    `(a second copy of the weights, loaded once); predictions stay on ${backend}`;
}

/** Loads a TF.js layers or graph model on one backend. */
export async function openTfjs(source: TfjsSource, backend: TfjsBackend, options: TfjsOptions = {}): Promise<ModelAdapter> {
  const model = await queue.run(async () => {
    await startBackend(backend, options);
    return loadModel(source);
  });
  const described = describe(model, source.inspected);
  const floatInput = !['int32', 'bool', 'string'].includes(described.inputs[0]?.dtype ?? 'float32');
  const info: ModelInfo = {
    ...source.inspected, ...described, backend,
    differentiable: floatInput,
    gradientPath: floatInput ? { kind: 'tfjs', backend } : { kind: 'none', reason: `the input takes ${described.inputs[0]?.dtype} values, which have no gradient` },
  };
  let disposed = false;
  let gradientModel: GradientModel | null = floatInput ? { backend, model } : null;
  const forwardFor = (target: LoadedModel, inputName?: string, outputName?: string) => {
    const input = chooseInput(info, inputName);
    const output = chooseOutput(info, outputName);
    return forwardOf(target, input.name, info.outputs.indexOf(output), output.name);
  };

  /** Loads the cpu copy that takes gradients from now on, and records why in info.gradientPath. */
  const moveGradientsToCpu = async (kernel: string): Promise<GradientModel> => {
    await startBackend('cpu', options);
    const copy = { backend: 'cpu' as const, model: await loadModel(source) };
    gradientModel = copy;
    info.gradientPath = { kind: 'tfjs', backend: 'cpu', reason: cpuReason(backend, kernel) };
    return copy;
  };

  if (floatInput && backend !== 'cpu') {
    // Find out now which backend can take this model's gradients, so the run records it.
    await queue.run(async () => {
      try {
        await probeGradient(forwardFor(model), chooseInput(info));
      } catch (error) {
        const missing = missingKernelOf(error);
        if (!missing) return; // Not a backend matter; the gradient call itself will say what is wrong.
        try {
          const copy = await moveGradientsToCpu(missing.kernel);
          await probeGradient(forwardFor(copy.model), chooseInput(info));
        } catch (cpuError) {
          if (gradientModel && gradientModel.model !== model) gradientModel.model.dispose();
          gradientModel = null;
          info.differentiable = false;
          info.gradientPath = { kind: 'none', reason: `TF.js's ${backend} backend has no '${missing.kernel}' kernel, and its cpu backend could not take the gradient either (${messageOf(cpuError)})` };
        }
      } finally {
        await startBackend(backend, options);
      }
    });
  }

  return {
    info,
    engine: `tfjs ${tf.version.tfjs}`,
    threads: 1,
    sampleSize: (input) => sampleSizeOf(chooseInput(info, input)),
    predict: (x, n, opts = {}) =>
      queue.run(async () => {
        if (disposed) throw new ModelError(`${info.name} was closed. Open the model again.`);
        // Another TF.js model (or this one's gradients) may have switched the global backend.
        if (tf.getBackend() !== backend) await startBackend(backend, options);
        const input = chooseInput(info, opts.input);
        const output = chooseOutput(info, opts.output);
        const outputIndex = info.outputs.indexOf(output);
        const dims = sampleDims(input, x.length, n);
        return predictInBatches({
          x,
          n,
          sampleSize: dims.reduce((a, b) => a * b, 1),
          fixedBatch: fixedBatchOf(input),
          signal: opts.signal,
          runChunk: async (chunk, rows) => {
            const feed = tf.tensor(chunk, [rows, ...dims], input.dtype === 'int32' ? 'int32' : 'float32');
            let out: tf.Tensor | undefined;
            try {
              out = await runModel(model, feed, input.name, outputIndex, output.name);
              return toFloat32(await out.data(), out.dtype);
            } finally {
              feed.dispose();
              out?.dispose();
            }
          },
        });
      }),
    gradient: floatInput && gradientModel
      ? (x, n, loss, outputBinding, opts = {}) =>
          queue.run(async () => {
            if (disposed) throw new ModelError(`${info.name} was closed. Open the model again.`);
            const input = chooseInput(info, opts.input);
            const fixed = fixedBatchOf(input);
            const run = async (on: GradientModel) => {
              if (tf.getBackend() !== on.backend) await startBackend(on.backend, options);
              return computeGradient({
                x, n, loss, output: outputBinding, signal: opts.signal,
                dims: sampleDims(input, x.length, n),
                batch: fixed ?? GRADIENT_BATCH,
                fixed: fixed !== null,
                forward: forwardFor(on.model, opts.input, opts.output),
              });
            };
            const on = gradientModel;
            if (!on) throw new ModelError(`TrustGrade cannot take the gradients of ${info.name}: ${info.gradientPath?.reason ?? 'no backend can'}.`);
            try {
              return await run(on);
            } catch (error) {
              // Inputs whose dims were unknown when the model was opened are only checked here.
              const missing = missingKernelOf(error);
              if (!missing || on.backend === 'cpu') throw error;
              return run(await moveGradientsToCpu(missing.kernel));
            }
          })
      : undefined,
    dispose: () =>
      queue.run(async () => {
        if (disposed) return;
        disposed = true;
        if (gradientModel && gradientModel.model !== model) gradientModel.model.dispose();
        model.dispose();
      }),
  };
}
