import type { BackendChoice, ModelFile, ModelInfo, OutputBinding } from '../core/types';
import type { GradientLoss, GradientResult } from '../core/probe';

/** Options for one prediction call. */
export interface PredictOptions {
  /** Model input to feed; default the first input. */
  input?: string;
  /** Output tensor to read; default the first floating-point tensor output. */
  output?: string;
  /** Checked between batches; an aborted call rejects with core's CancelledError. */
  signal?: AbortSignal;
}

/**
 * One opened model behind one narrow interface, whatever the engine. Calls are serialized:
 * WASM and WebGPU sessions are not re-entrant, so a second predict waits for the first.
 */
export interface ModelAdapter {
  /** What is known about the model, including the backend actually used and differentiability. */
  info: ModelInfo;
  /** Engine name and version for the run's provenance, e.g. 'onnxruntime-web 1.30.0'. */
  engine: string;
  /** Threads the engine uses (1 unless multi-threaded wasm or native). */
  threads: number;
  /**
   * Raw output tensor values for n samples. `x` is n × sampleSize floats, reshaped to the input's
   * shape with batch dimension n. Models with a fixed batch (the reference MNIST CNN's [1,1,28,28])
   * are fed that many samples at a time; dynamic-batch models in chunks of at most 256.
   * Returns n × width floats (non-float outputs are converted) and the width per sample.
   */
  predict(x: Float32Array, n: number, opts?: PredictOptions): Promise<{ values: Float32Array; width: number }>;
  /**
   * Input gradients of a loss on the binding's class probabilities, when the model is
   * differentiable (TF.js models; ONNX models through their TF.js translation). Absent otherwise.
   */
  gradient?(x: Float32Array, n: number, loss: GradientLoss, output: OutputBinding, opts?: PredictOptions): Promise<GradientResult>;
  /**
   * The same model opened again with its learned weights replaced by seeded random ones (TF.js
   * weights, ONNX initializers), for the randomisation sanity check; see randomize.ts.
   */
  randomizedCopy?(seed: number): Promise<ModelAdapter>;
  /** Values one sample must have for `input` (product of its non-batch dims), or null if unknown. */
  sampleSize(input?: string): number | null;
  dispose(): Promise<void>;
}

/** Opens a model's files on the first backend that works for the choice. */
export type OpenModel = (files: ModelFile[], choice: BackendChoice) => Promise<ModelAdapter>;
