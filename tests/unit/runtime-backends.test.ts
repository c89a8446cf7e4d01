import { describe, expect, it } from 'vitest';
import { BACKEND_PREFERENCE, DEFAULT_BACKEND_CHOICE, backendChoices, resolveBackendOrder } from '../../src/runtime/backends';
import { ModelError } from '../../src/runtime/errors';

describe('backend preference table', () => {
  it('is the documented order and cannot be changed at run time', () => {
    expect(BACKEND_PREFERENCE.browser.onnx).toEqual(['webgpu', 'wasm']);
    expect(BACKEND_PREFERENCE.browser.tfjs).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(BACKEND_PREFERENCE.node.onnx).toEqual(['node', 'wasm']);
    expect(BACKEND_PREFERENCE.node.tfjs).toEqual(['wasm', 'cpu']);
    expect(Object.isFrozen(BACKEND_PREFERENCE.browser.tfjs)).toBe(true);
    expect(() => (BACKEND_PREFERENCE.browser.onnx as string[]).push('cpu')).toThrow();
    expect(DEFAULT_BACKEND_CHOICE).toBe('wasm');
  });

  it("walks the whole table for 'auto' and tries only a forced backend", () => {
    expect(resolveBackendOrder('tfjs', 'auto', 'browser')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(resolveBackendOrder('onnx', 'auto', 'node')).toEqual(['node', 'wasm']);
    expect(resolveBackendOrder('onnx', 'wasm', 'browser')).toEqual(['wasm']);
    expect(resolveBackendOrder('tfjs', 'cpu', 'node')).toEqual(['cpu']);
  });

  it('refuses a backend the format does not have on the host, naming the valid choices', () => {
    expect(() => resolveBackendOrder('onnx', 'webgl', 'browser')).toThrow(ModelError);
    expect(() => resolveBackendOrder('onnx', 'webgl', 'browser')).toThrow(
      "The backend 'webgl' is not available for ONNX models in the browser. Choose one of: auto, webgpu, wasm.",
    );
    expect(() => resolveBackendOrder('tfjs', 'webgpu', 'node')).toThrow('Choose one of: auto, wasm, cpu.');
    expect(backendChoices('onnx', 'node')).toEqual(['auto', 'node', 'wasm']);
  });
});
