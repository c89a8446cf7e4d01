import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { Backend } from '../core/types';
import type { ModelAdapter } from './adapter';
import { fixedBatchOf, predictInBatches, sampleDims, sampleSizeOf } from './batching';
import { fromFloat32, toFloat32 } from './dtype';
import { ModelError } from './errors';
import type { Inspected } from './inspect';
import { createSerialQueue } from './serial';
import { chooseInput, chooseOutput } from './tensors';

/**
 * The part of an onnxruntime module the adapter uses. onnxruntime-web and onnxruntime-node both
 * re-export onnxruntime-common's InferenceSession and Tensor, so one adapter serves both.
 */
export interface OrtModule {
  InferenceSession: { create(model: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: new (type: Tensor.Type, data: Tensor.DataType, dims: readonly number[]) => Tensor;
}

/** Creates an inference session and wraps it as a ModelAdapter. Engine errors propagate as they are. */
export async function createOnnxAdapter(args: {
  ort: OrtModule;
  bytes: Uint8Array;
  inspected: Inspected;
  backend: Backend;
  options: InferenceSession.SessionOptions;
  runtime: Pick<ModelAdapter, 'engine' | 'threads'>;
}): Promise<ModelAdapter> {
  const { ort, bytes, inspected, backend, options, runtime } = args;
  const session = await ort.InferenceSession.create(bytes, options);
  const queue = createSerialQueue();
  let disposed = false;
  const info = { ...inspected, backend, differentiable: false };

  return {
    info,
    engine: runtime.engine,
    threads: runtime.threads,
    sampleSize: (input) => sampleSizeOf(chooseInput(info, input)),
    predict: (x, n, opts = {}) =>
      queue.run(async () => {
        if (disposed) throw new ModelError(`${info.name} was closed. Open the model again.`);
        const input = chooseInput(info, opts.input);
        const output = chooseOutput(info, opts.output);
        const dims = sampleDims(input, x.length, n);
        const sampleSize = dims.reduce((a, b) => a * b, 1);
        return predictInBatches({
          x,
          n,
          sampleSize,
          fixedBatch: fixedBatchOf(input),
          signal: opts.signal,
          runChunk: async (chunk, rows) => {
            const data = fromFloat32(chunk, input.dtype);
            if (!data) {
              throw new ModelError(`The input '${input.name}' takes ${input.dtype} values, which TrustGrade cannot feed. Export the model with a float32 input.`);
            }
            const feed = new ort.Tensor(input.dtype as Tensor.Type, data as Tensor.DataType, [rows, ...dims]);
            const result = await session.run({ [input.name]: feed }, [output.name]);
            const tensor = result[output.name];
            try {
              return toFloat32(tensor.data, tensor.type);
            } finally {
              feed.dispose();
              tensor.dispose();
            }
          },
        });
      }),
    dispose: () =>
      queue.run(async () => {
        if (disposed) return;
        disposed = true;
        await session.release();
      }),
  };
}
