import { throwIfCancelled, type ProbeContext } from '../core/probe';

/** The parts of a probe context that predicting the whole dataset needs. */
export type PredictionContext = Pick<ProbeContext<unknown>, 'model' | 'data' | 'signal' | 'progress'>;

export interface PredictAllOptions {
  /** Samples per call to the model; default 512. The runtime may split it further. */
  batchSize?: number;
  /** Share of the probe's progress (0–1) that predicting takes; default 1. */
  share?: number;
}

/** Thrown when the model's output cannot be read as one probability row per sample. */
export class PredictionShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PredictionShapeError';
  }
}

/**
 * Class probabilities for every sample of `ctx.data` (n × labels.length, row-major), predicted in
 * batches, reporting progress and stopping with CancelledError between batches once the signal
 * aborts. Throws PredictionShapeError when the model returns the wrong number of values or a
 * value that is not finite.
 */
export async function predictAll(ctx: PredictionContext, options: PredictAllOptions = {}): Promise<Float32Array> {
  // Several probes of a run need the clean predictions; the engine passes every probe the same
  // model and data objects, so they are predicted once per run.
  const cached = cache.get(ctx.data);
  if (cached && cached.model === ctx.model) {
    ctx.progress(options.share ?? 1, 'Reused the predictions of an earlier probe');
    return cached.probs;
  }
  const probs = await predictBatches(ctx, options);
  cache.set(ctx.data, { model: ctx.model, probs });
  return probs;
}

const cache = new WeakMap<object, { model: object; probs: Float32Array }>();

async function predictBatches(ctx: PredictionContext, options: PredictAllOptions): Promise<Float32Array> {
  const { model, data, signal } = ctx;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 512));
  const share = options.share ?? 1;
  const k = model.labels.length;
  const out = new Float32Array(data.n * k);
  for (let start = 0; start < data.n; start += batchSize) {
    throwIfCancelled(signal);
    const count = Math.min(batchSize, data.n - start);
    const x = data.x.subarray(start * data.sampleSize, (start + count) * data.sampleSize);
    const probs = await model.predict(x, count, signal);
    checkBatch(probs, start, count, k);
    out.set(probs, start * k);
    ctx.progress((share * (start + count)) / data.n, `Predicted ${start + count} of ${data.n} samples`);
  }
  throwIfCancelled(signal);
  return out;
}

function checkBatch(probs: Float32Array, start: number, count: number, k: number): void {
  if (probs.length !== count * k) {
    throw new PredictionShapeError(
      `The model returned ${probs.length} values for a batch of ${count} samples; expected ${count} × ${k} = ${count * k} ` +
        `(one probability per class label). Check that the binding's output labels match the model's output.`,
    );
  }
  for (let j = 0; j < probs.length; j++) {
    if (!Number.isFinite(probs[j])) {
      throw new PredictionShapeError(
        `The model returned a value that is not a finite number (${probs[j]}) for sample ${start + Math.floor(j / k)}. ` +
          `Check the binding's input scaling and output kind (logits, probabilities or sigmoid).`,
      );
    }
  }
}
