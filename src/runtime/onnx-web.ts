import * as ort from 'onnxruntime-web';
import type { ModelAdapter } from './adapter';
import type { ModelSource } from './inspect';
import { createOnnxAdapter, type OrtModule } from './onnx-session';

/** Whether this code runs in Node (where the same package runs its wasm build single-threaded). */
const inNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * Threads for onnxruntime-web's wasm build. Several threads need SharedArrayBuffer, which only a
 * cross-origin-isolated page has; two were fastest on a 2-core machine, four slower (RECIPE.md).
 */
export function wasmThreads(): number {
  if (inNode || !globalThis.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency ?? 1));
}

let configured = false;

/** Settings read when the first session is created; set once. */
function configure(): void {
  if (configured) return;
  ort.env.wasm.numThreads = wasmThreads();
  configured = true;
}

/** Opens an ONNX model with onnxruntime-web on its wasm or WebGPU execution provider. */
export async function openOnnxWeb(source: Extract<ModelSource, { format: 'onnx' }>, backend: 'wasm' | 'webgpu'): Promise<ModelAdapter> {
  configure();
  if (backend === 'webgpu' && !(globalThis.navigator && 'gpu' in globalThis.navigator)) {
    throw new Error('this environment has no WebGPU (navigator.gpu is missing)');
  }
  return createOnnxAdapter({
    ort: ort as unknown as OrtModule,
    bytes: source.bytes,
    inspected: source.inspected,
    backend,
    options: { executionProviders: [backend], graphOptimizationLevel: 'all' },
    runtime: { engine: `onnxruntime-web ${ort.env.versions.web ?? ''}`.trim(), threads: backend === 'wasm' ? ort.env.wasm.numThreads ?? 1 : 1 },
  });
}
