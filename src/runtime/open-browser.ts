import type { OpenModel } from './adapter';
import { openOnFirstBackend, type BackendLoader } from './open-first';
import type { OnnxWebBackend } from './onnx-web';
import type { TfjsBackend } from './tfjs';

/**
 * Browser and worker: onnxruntime-web (webgpu → wasm) and TF.js (webgpu → webgl → wasm → cpu).
 * Engines are imported on first use. An ONNX model whose graph the TF.js translation covers also
 * loads TF.js, for its gradients (onnx-to-tfjs-check.ts).
 */
const loadInBrowser: BackendLoader = async (source, backend) => {
  const prepareWasm = async () => (await import('./tfjs-wasm-paths')).useBundledTfjsWasm();
  if (source.format === 'onnx') {
    const { openOnnxWeb } = await import('./onnx-web');
    const adapter = await openOnnxWeb(source, backend as OnnxWebBackend);
    // Gradients come from a TF.js translation checked against onnxruntime (TF.js loads only if the graph translates).
    const { withTranslatedGradient } = await import('./onnx-to-tfjs-check');
    return withTranslatedGradient(adapter, source, { backends: ['wasm', 'cpu'], prepareWasm });
  }
  const { openTfjs } = await import('./tfjs');
  return openTfjs(source, backend as TfjsBackend, { prepareWasm });
};

export const openModelInBrowser: OpenModel = (files, choice) => openOnFirstBackend(files, choice, 'browser', loadInBrowser);
