/** Runs an ONNX model with onnxruntime-node and compares it with the TF.js model it came from. */
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';

/** Outputs of the model's first output for a float32 batch `x` of shape `shape`. */
export async function runOnnx(onnxBytes: Uint8Array, x: Float32Array, shape: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(onnxBytes);
  try {
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', x, shape) };
    const result = await session.run(feeds);
    return result[session.outputNames[0]].data as Float32Array;
  } finally {
    await session.release();
  }
}

export function runTfjs(model: tf.LayersModel, x: Float32Array, shape: number[]): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor(x, shape)) as tf.Tensor).dataSync() as Float32Array);
}

export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Output lengths differ: ${a.length} vs ${b.length}.`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Largest absolute difference between ONNX (onnxruntime-node) and TF.js outputs on the same inputs. */
export async function onnxVersusTfjs(onnxBytes: Uint8Array, model: tf.LayersModel, x: Float32Array, shape: number[]): Promise<number> {
  return maxAbsDifference(await runOnnx(onnxBytes, x, shape), runTfjs(model, x, shape));
}
