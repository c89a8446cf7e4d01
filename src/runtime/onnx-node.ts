import { availableParallelism } from 'node:os';
import type { ModelAdapter } from './adapter';
import type { ModelSource } from './inspect';
import { createOnnxAdapter, type OrtModule } from './onnx-session';

/**
 * Opens an ONNX model with onnxruntime-node's native CPU provider. The package is imported only
 * here and only when called, so browser bundles never include it and a missing or broken native
 * binary surfaces as an error the opener can fall back from.
 */
export async function openOnnxNode(source: Extract<ModelSource, { format: 'onnx' }>): Promise<ModelAdapter> {
  const ort = await import('onnxruntime-node');
  const threads = availableParallelism();
  return createOnnxAdapter({
    ort: ort as unknown as OrtModule,
    bytes: source.bytes,
    inspected: source.inspected,
    backend: 'node',
    options: { executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: threads },
    runtime: { engine: `onnxruntime-node ${ort.env.versions.node ?? ''}`.trim(), threads },
  });
}
