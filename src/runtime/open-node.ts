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
    if (backend === 'node') {
      const { openOnnxNode } = await import('./onnx-node');
      return openOnnxNode(source);
    }
    const { openOnnxWeb } = await import('./onnx-web');
    return openOnnxWeb(source, backend as OnnxWebBackend);
  }
  const { openTfjs } = await import('./tfjs');
  return openTfjs(source, backend as TfjsBackend);
};

export const openModelInNode: OpenModel = (files, choice) => openOnFirstBackend(files, choice, 'node', loadInNode);
