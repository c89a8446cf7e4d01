import type { Binding } from '../core/types';
import type { Classifier } from '../core/probe';
import { throwIfCancelled } from '../core/probe';
import { toProbabilities } from '../core/binding';
import { toLogits } from '../core/encode-output';
import type { ModelAdapter } from '../runtime/adapter';
import { createBreather } from './yield';

/** The model as probes see it: encoded inputs in, class probabilities in binding-label order out. */
export function createClassifier(adapter: ModelAdapter, binding: Binding, breathe: () => Promise<void> = createBreather()): Classifier {
  const size = adapter.sampleSize(binding.input);
  /** Before every model call: give a pending cancel its turn now and then, then honour it. */
  const checkpoint = async (signal?: AbortSignal) => {
    await breathe();
    if (signal) throwIfCancelled(signal);
  };
  return {
    info: adapter.info,
    labels: binding.output.labels,
    sampleShape: sampleShapeOf(binding, size),
    async predict(x, n, signal) {
      await checkpoint(signal);
      let raw: { values: Float32Array; width: number };
      try {
        raw = await adapter.predict(x, n, { input: binding.input, output: binding.output.tensor, signal });
      } catch (error) {
        throw asModelFailure(error, adapter.engine);
      }
      return toProbabilities(raw.values, raw.width, n, binding.output);
    },
    ...(binding.output.kind !== 'probabilities'
      ? {
          async logits(x: Float32Array, n: number, signal?: AbortSignal) {
            await checkpoint(signal);
            let raw: { values: Float32Array; width: number };
            try {
              raw = await adapter.predict(x, n, { input: binding.input, output: binding.output.tensor, signal });
            } catch (error) {
              throw asModelFailure(error, adapter.engine);
            }
            return toLogits(raw.values, raw.width, n, binding.output)!;
          },
        }
      : {}),
    async raw(x, n, signal) {
      await checkpoint(signal);
      return adapter.predict(x, n, { input: binding.input, output: binding.output.tensor, signal });
    },
    gradient: adapter.gradient
      ? async (x, n, loss, signal) => {
          await checkpoint(signal);
          return adapter.gradient!(x, n, loss, binding.output, { input: binding.input, output: binding.output.tensor, signal });
        }
      : null,
    ...(adapter.randomizedCopy
      ? {
          randomized: async (seed: number) => {
            const copy = await adapter.randomizedCopy!(seed);
            return { ...createClassifier(copy, binding, breathe), dispose: () => copy.dispose() };
          },
        }
      : {}),
  };
}

/** Errors raised inside an inference engine, said in words a user can act on; ours pass through. */
function asModelFailure(error: unknown, engine: string): unknown {
  if (!(error instanceof Error) || error.name !== 'Error') return error;
  const detail = error.message.split('\n')[0];
  return new Error(`The model failed inside ${engine} while predicting: ${detail}. The model cannot run on these inputs; check that its input shape matches the binding, or try another backend.`);
}

function sampleShapeOf(binding: Binding, size: number | null): number[] {
  if (binding.kind === 'image') {
    return binding.layout === 'NCHW'
      ? [binding.channels, binding.height, binding.width]
      : [binding.height, binding.width, binding.channels];
  }
  return [size ?? binding.features.reduce((sum, f) => sum + (f.kind === 'one-hot' ? f.vocabulary.length : 1), 0)];
}
