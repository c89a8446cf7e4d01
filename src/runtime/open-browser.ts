import type { OpenModel } from './adapter';
import { openOnFirstBackend, type BackendLoader } from './open-first';
import type { OnnxWebBackend } from './onnx-web';
import type { TfjsBackend } from './tfjs';

/**
 * Browser and worker: onnxruntime-web (webgpu → wasm) and TF.js (webgpu → webgl → wasm → cpu).
 * Engines are imported on first use so a page that only opens ONNX never downloads TF.js.
 */
const loadInBrowser: BackendLoader = async (source, backend) => {
  if (source.format === 'onnx') {
    const { openOnnxWeb } = await import('./onnx-web');
    return openOnnxWeb(source, backend as OnnxWebBackend);
  }
  const { openTfjs } = await import('./tfjs');
  return openTfjs(source, backend as TfjsBackend, {
    prepareWasm: async () => (await import('./tfjs-wasm-paths')).useBundledTfjsWasm(),
  });
};

export const openModelInBrowser: OpenModel = (files, choice) => openOnFirstBackend(files, choice, 'browser', loadInBrowser);
