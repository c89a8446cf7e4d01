import type { Backend, BackendChoice, ModelFormat } from '../core/types';
import { ModelError } from './errors';

export type Host = 'browser' | 'node';

/**
 * Backends to try, best first, per host and model format. `node` is onnxruntime-node's native CPU
 * provider. onnxruntime-web's WebGL provider is left out: it is not in the default entry and
 * covers fewer operators than wasm (RECIPE.md).
 */
export const BACKEND_PREFERENCE: Readonly<Record<Host, Readonly<Record<ModelFormat, readonly Backend[]>>>> = Object.freeze({
  browser: Object.freeze({
    onnx: Object.freeze(['webgpu', 'wasm'] as Backend[]),
    tfjs: Object.freeze(['webgpu', 'webgl', 'wasm', 'cpu'] as Backend[]),
  }),
  node: Object.freeze({
    onnx: Object.freeze(['node', 'wasm'] as Backend[]),
    tfjs: Object.freeze(['wasm', 'cpu'] as Backend[]),
  }),
});

/** What the app asks for when the user has not chosen: WebAssembly, which works everywhere. */
export const DEFAULT_BACKEND_CHOICE: BackendChoice = 'wasm';

const FORMAT_NAMES: Readonly<Record<ModelFormat, string>> = Object.freeze({ onnx: 'ONNX', tfjs: 'TF.js' });

/** The choices that make sense for a format on a host ('auto' first). */
export function backendChoices(format: ModelFormat, host: Host): BackendChoice[] {
  return ['auto', ...BACKEND_PREFERENCE[host][format]];
}

/**
 * Backends to try in order: the whole table for 'auto', otherwise only the forced one.
 * A backend that does not exist for the format on this host is a ModelError naming the valid choices.
 */
export function resolveBackendOrder(format: ModelFormat, choice: BackendChoice, host: Host): Backend[] {
  const table = BACKEND_PREFERENCE[host][format];
  if (choice === 'auto') return [...table];
  if (!table.includes(choice)) {
    throw new ModelError(
      `The backend '${choice}' is not available for ${FORMAT_NAMES[format]} models in ${host === 'node' ? 'Node' : 'the browser'}. ` +
        `Choose one of: ${backendChoices(format, host).join(', ')}.`,
    );
  }
  return [choice];
}
