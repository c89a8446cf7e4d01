import type { OpenModel } from './adapter';
import { openOnFirstBackend, type BackendLoader } from './open-first';
import type { OnnxWebBackend } from './onnx-web';
import type { TfjsBackend } from './tfjs';

/**
 * Node (CLI, tests): ONNX on onnxruntime-node, falling back to onnxruntime-web's wasm build where
 * the native binary cannot load; TF.js on its wasm backend, then cpu.
 */
const loadInNode: BackendLoader = async (source, backend) => {
  if (source.format === 'onnx') {
    const adapter = backend === 'node'
      ? await (await import('./onnx-node')).openOnnxNode(source)
      : await (await import('./onnx-web')).openOnnxWeb(source, backend as OnnxWebBackend);
    const { withTranslatedGradient } = await import('./onnx-to-tfjs-check');
    return withTranslatedGradient(adapter, source, { backends: ['wasm', 'cpu'] });
  }
  const { openTfjs } = await import('./tfjs');
  return openTfjs(source, backend as TfjsBackend);
};

export const openModelInNode: OpenModel = (files, choice) => openOnFirstBackend(files, choice, 'node', loadInNode);
