import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/runtime/errors';
import { openModelInNode } from '../../src/runtime/open-node';
import { FIXTURES, readModelFiles } from '../fixtures/models/read-model-files';

const HOSTILE = readdirSync(`${FIXTURES}hostile`).sort();

describe('opening hostile files in Node fails cleanly', () => {
  it('has the whole hostile set to try', () => {
    expect(HOSTILE).toHaveLength(13);
  });

  it.each(HOSTILE)('hostile/%s is refused with a ModelError on every backend choice', async (name) => {
    for (const choice of ['auto', 'wasm', 'cpu', 'node'] as const) {
      const error = await openModelInNode(readModelFiles(`hostile/${name}`), choice).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelError);
      expect((error as Error).message.length).toBeGreaterThan(40);
    }
  });

  it('keeps working after the refusals', async () => {
    const model = await openModelInNode(readModelFiles('onnx/linear-softmax.onnx'), 'wasm');
    const { width } = await model.predict(new Float32Array([1, 2, 3]), 1);
    expect(width).toBe(2);
    await model.dispose();
  });
});
