/**
 * What the image robustness benchmark runs and measures, shared by its Node and browser halves
 * (scripts/bench/robustness-image.ts): the robustness probes of the standard image suite on the
 * reference MNIST CNN (fixed batch 1), with the Fashion-MNIST samples as the OOD set.
 *
 * Harness overhead = total time − bare inference of the same inputs. To know the bare inference,
 * the engine's model is wrapped: every predict and gradient call is recorded (its size, and its
 * inputs' first bytes are kept as a pool), then replayed on the same, warm session with nothing
 * else around it. The replay feeds the same numbers of samples in the same call sizes; the CNN's
 * time does not depend on the pixel values, so this is the inference time of the run.
 */
import type { GradientLoss } from '../../src/core/probe';
import type { Suite } from '../../src/core/types';
import type { EvalHost } from '../../src/engine/service';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { robustnessSuites } from '../../src/suites/pillars/robustness';

export const MODEL_PATH = 'models/mnist-cnn-onnx/mnist.onnx';
export const MNIST_FILES = ['datasets/mnist-test/t10k-images-idx3-ubyte.gz', 'datasets/mnist-test/t10k-labels-idx1-ubyte.gz'];
export const OOD_DIR = 'datasets/image-samples/';
export const isOodFile = (name: string) => /^fashionMNIST_.*\.png$/.test(name);

/** The robustness probes of the standard image suite (corruptions, MNIST-C, OOD, stability, attacks). */
export function benchSuite(): Suite {
  return {
    id: 'bench-robustness-image',
    version: 1,
    title: 'Standard image robustness',
    description: "The robustness part of the standard image suite, with the suite's own parameters.",
    modality: 'image',
    task: 'multiclass-classification',
    probes: robustnessSuites.standard('image', 'multiclass-classification'),
  };
}

/** The probes written by the corruption/OOD/stability part of the pillar (the rest are attacks). */
export const NON_ATTACK_PROBES = ['robustness/corruptions', 'robustness/mnist-c', 'robustness/ood', 'robustness/stability'];

type Call = ({ kind: 'predict'; n: number; input?: string; output?: string } | { kind: 'gradient'; n: number; loss: GradientLoss; output: Parameters<NonNullable<ModelAdapter['gradient']>>[3]; input?: string; outputName?: string }) & {
  /** Milliseconds the call took during the run. */
  ms: number;
};

export interface Recorder {
  host: EvalHost;
  calls: Call[];
  /** Milliseconds spent inside the model's calls during the run. */
  insideMs: number;
  adapter: ModelAdapter | null;
  /** The first inputs seen (up to POOL samples), reused when replaying. */
  pool: Float32Array | null;
  sampleSize: number;
}

const POOL = 1000;

/** An EvalHost whose models record every call. */
export function recordingHost(host: EvalHost): Recorder {
  const recorder: Recorder = { host: host, calls: [], insideMs: 0, adapter: null, pool: null, sampleSize: 0 };
  const keep = (x: Float32Array, n: number) => {
    if (recorder.pool || n === 0) return;
    recorder.sampleSize = x.length / n;
    recorder.pool = x.slice(0, Math.min(n, POOL) * recorder.sampleSize);
  };
  recorder.host = {
    environment: host.environment,
    async openModel(files, choice) {
      const adapter = await host.openModel(files, choice);
      recorder.adapter = adapter;
      const wrapped: ModelAdapter = {
        ...adapter,
        info: adapter.info,
        async predict(x, n, opts) {
          keep(x, n);
          const call: Call = { kind: 'predict', n, input: opts?.input, output: opts?.output, ms: 0 };
          recorder.calls.push(call);
          const started = performance.now();
          try {
            return await adapter.predict(x, n, opts);
          } finally {
            call.ms = performance.now() - started;
            recorder.insideMs += call.ms;
          }
        },
        sampleSize: (input) => adapter.sampleSize(input),
        dispose: () => adapter.dispose(),
      };
      if (adapter.gradient) {
        wrapped.gradient = async (x, n, loss, output, opts) => {
          keep(x, n);
          const call: Call = { kind: 'gradient', n, loss, output, input: opts?.input, outputName: opts?.output, ms: 0 };
          recorder.calls.push(call);
          const started = performance.now();
          try {
            return await adapter.gradient!(x, n, loss, output, opts);
          } finally {
            call.ms = performance.now() - started;
            recorder.insideMs += call.ms;
          }
        };
      }
      return wrapped;
    },
  };
  return recorder;
}

/** Inputs for n samples, cycling through the pool. */
function inputsFor(recorder: Recorder, n: number): Float32Array {
  const size = recorder.sampleSize;
  const pool = recorder.pool!;
  const have = pool.length / size;
  if (n <= have) return pool.subarray(0, n * size);
  const x = new Float32Array(n * size);
  for (let i = 0; i < n; i++) x.set(pool.subarray((i % have) * size, ((i % have) + 1) * size), i * size);
  return x;
}

/** Replays the recorded calls on the same model; returns milliseconds for predict and gradient calls. */
export async function replay(recorder: Recorder, only?: (call: Call, index: number) => boolean): Promise<{ predictMs: number; gradientMs: number; predictSamples: number; gradientSamples: number }> {
  const adapter = recorder.adapter!;
  let predictMs = 0;
  let gradientMs = 0;
  let predictSamples = 0;
  let gradientSamples = 0;
  for (const [index, call] of recorder.calls.entries()) {
    if (only && !only(call, index)) continue;
    const x = inputsFor(recorder, call.n);
    const started = performance.now();
    if (call.kind === 'predict') {
      await adapter.predict(x, call.n, { input: call.input, output: call.output });
      predictMs += performance.now() - started;
      predictSamples += call.n;
    } else {
      await adapter.gradient!(x, call.n, call.loss, call.output, { input: call.input, output: call.outputName });
      gradientMs += performance.now() - started;
      gradientSamples += call.n;
    }
  }
  return { predictMs, gradientMs, predictSamples, gradientSamples };
}

export interface BenchReport {
  where: string;
  samples: number;
  probes: { probeId: string; status: string; durationMs: number; reason?: string; calls: number; samples: number; replayMs: number; insideMs: number }[];
  totalMs: number;
  insideMs: number;
  replayMs: number;
}

/** Lines that print a report: per probe, then total, bare inference, overhead and the targets. */
export function reportLines(r: BenchReport): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2).padStart(8)} s`;
  const lines = [`${r.where}, first ${r.samples.toLocaleString('en-US')} MNIST test images:`];
  lines.push(`  ${'probe'.padEnd(32)} ${'total'.padStart(10)} ${'replayed'.padStart(10)} ${'in-run'.padStart(10)} ${'samples fed'.padStart(12)}  status`);
  for (const p of r.probes) {
    lines.push(`  ${p.probeId.padEnd(32)} ${s(p.durationMs)} ${s(p.replayMs)} ${s(p.insideMs)} ${p.samples.toLocaleString('en-US').padStart(12)}  ${p.status}${p.reason ? ` (${p.reason.slice(0, 80)})` : ''}`);
  }
  const summary = (label: string, probes: BenchReport['probes']) => {
    const total = probes.reduce((a, p) => a + p.durationMs, 0);
    for (const [name, inference] of [
      ['bare inference replayed alone', probes.reduce((a, p) => a + p.replayMs, 0)],
      ['inference inside the run', probes.reduce((a, p) => a + p.insideMs, 0)],
    ] as const) {
      const overhead = total - inference;
      lines.push(`  ${label}: total ${(total / 1000).toFixed(2)} s; ${name} ${(inference / 1000).toFixed(2)} s; ratio ${(total / inference).toFixed(3)}; ` +
        `overhead ${(overhead / 1000).toFixed(2)} s = ${((100 * overhead) / total).toFixed(1)} % of the total ` +
        `(targets: total ≤ 60 s ${total <= 60_000 ? 'met' : 'NOT met'}, overhead ≤ 15 % ${overhead <= 0.15 * total ? 'met' : 'NOT met'})`);
    }
  };
  summary('whole robustness suite', r.probes);
  const mine = r.probes.filter((p) => NON_ATTACK_PROBES.includes(p.probeId));
  if (mine.length < r.probes.length) summary('without the attack probes', mine);
  return lines;
}

export interface BenchInputs {
  where: string;
  model: { path: string; bytes: Uint8Array }[];
  mnist: { path: string; bytes: Uint8Array }[];
  ood: { path: string; bytes: Uint8Array }[];
  backend: 'node' | 'wasm';
  samples: number;
  binding: import('../../src/core/types').Binding;
}

/** Runs the suite through the engine with a recording host, then replays each probe's model calls alone. */
export async function runBench(host: EvalHost, inputs: BenchInputs): Promise<BenchReport> {
  const { createEvalService } = await import('../../src/engine/service');
  const recorder = recordingHost(host);
  const service = createEvalService(recorder.host);
  const info = await service.openModel(inputs.model, inputs.backend);
  const dataset = await service.openDataset(inputs.mnist, 'MNIST test');
  const ood = await service.openDataset(inputs.ood, 'Fashion-MNIST samples');
  const boundaries: number[] = [];
  const started = performance.now();
  const run = await service.run(
    {
      runId: 'bench', modelSha256: info.sha256, datasetSha256: dataset.manifest.sha256, binding: inputs.binding,
      suite: benchSuite(), seed: 1, limit: inputs.samples, auxiliary: [{ role: 'ood', datasetSha256: ood.manifest.sha256 }],
    },
    undefined,
    () => { boundaries.push(recorder.calls.length); },
  );
  const totalMs = performance.now() - started;
  const probes: BenchReport['probes'] = [];
  let replayMs = 0;
  for (const [i, result] of run.results.entries()) {
    const from = i === 0 ? 0 : boundaries[i - 1];
    const to = boundaries[i];
    const timing = await replay(recorder, (_call, index) => index >= from && index < to);
    const ms = timing.predictMs + timing.gradientMs;
    replayMs += ms;
    probes.push({
      probeId: result.probeId, status: result.status, durationMs: result.durationMs, reason: result.reason,
      calls: to - from, samples: timing.predictSamples + timing.gradientSamples, replayMs: ms,
      insideMs: recorder.calls.slice(from, to).reduce((a, c) => a + c.ms, 0),
    });
  }
  await service.closeModel(info.sha256);
  return { where: `${inputs.where}, ${run.environment.engine} on ${info.backend} (${run.environment.threads} thread${run.environment.threads === 1 ? '' : 's'})`, samples: run.samples, probes, totalMs, insideMs: recorder.insideMs, replayMs };
}
