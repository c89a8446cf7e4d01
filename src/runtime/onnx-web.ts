import type { ModelAdapter } from './adapter';
import type { ModelSource } from './inspect';
import { createOnnxAdapter, type OrtModule } from './onnx-session';

type OrtWeb = typeof import('onnxruntime-web');
export type OnnxWebBackend = 'wasm' | 'webgpu';

/** Whether this code runs in Node (where the package's node build runs wasm single-threaded). */
const inNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * Threads for onnxruntime-web's wasm build. Several threads need SharedArrayBuffer, which only a
 * cross-origin-isolated page has; two were fastest on a 2-core machine, four slower (RECIPE.md).
 */
export function wasmThreads(): number {
  if (inNode || !globalThis.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency ?? 1));
}

const modules: Partial<Record<OnnxWebBackend, Promise<OrtWeb>>> = {};

/**
 * The onnxruntime-web build for a backend. In the browser, wasm uses the wasm-only entry: its
 * binary is half the size of the WebGPU (JSEP) build and first inference comes about twice as
 * soon (RECIPE.md). Each build has its own `env`, configured once before its first session.
 */
function ortFor(backend: OnnxWebBackend): Promise<OrtWeb> {
  modules[backend] ??= (inNode || backend === 'webgpu' ? import('onnxruntime-web') : import('onnxruntime-web/wasm')).then((ort) => {
    ort.env.wasm.numThreads = wasmThreads();
    return ort;
  });
  return modules[backend];
}

/** Opens an ONNX model with onnxruntime-web on its wasm or WebGPU execution provider. */
export async function openOnnxWeb(source: Extract<ModelSource, { format: 'onnx' }>, backend: OnnxWebBackend): Promise<ModelAdapter> {
  if (backend === 'webgpu' && !(globalThis.navigator && 'gpu' in globalThis.navigator)) {
    throw new Error('this environment has no WebGPU (navigator.gpu is missing)');
  }
  const ort = await ortFor(backend);
  return createOnnxAdapter({
    ort: ort as unknown as OrtModule,
    bytes: source.bytes,
    inspected: source.inspected,
    backend,
    options: { executionProviders: [backend], graphOptimizationLevel: 'all' },
    runtime: {
      engine: `onnxruntime-web ${ort.env.versions.web ?? ''}`.trim(),
      threads: backend === 'wasm' ? (ort.env.wasm.numThreads ?? 1) : 1,
    },
  });
}
