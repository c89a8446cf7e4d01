/**
 * The German credit classifier the project trains (scripts/german-credit/train.ts) as committed:
 * the shipped binding names its SHA-256, and it opens and predicts through the runtime with the
 * binding's width and output (two softmax probabilities). Needs no reference data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bindingById, findBinding } from '../../src/bindings/index';
import { encodedWidth } from '../../src/core/binding';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles } from '../fixtures/models/read-model-files';

const opened: ModelAdapter[] = [];
afterAll(async () => { await Promise.all(opened.map((m) => m.dispose())); });

describe('the project-trained German credit model', () => {
  it('is the model the shipped binding names, takes its 58 inputs and returns P(good) and P(bad)', async () => {
    const metrics = JSON.parse(readFileSync(new URL('../fixtures/models/german-credit/metrics.json', import.meta.url), 'utf8')) as { sha256: string; binding: string };
    const model = await openModelInNode(readModelFiles('german-credit'), 'cpu');
    opened.push(model);
    const known = bindingById(metrics.binding)!;
    expect(model.info.sha256).toBe(metrics.sha256);
    expect(known.modelSha256).toEqual([model.info.sha256]);
    expect(findBinding(model.info.sha256)?.id).toBe('german-credit-mlp');
    expect(model.sampleSize()).toBe(encodedWidth(known.binding));
    const { values, width } = await model.predict(new Float32Array(3 * 58).fill(0.5), 3);
    expect(width).toBe(2);
    for (let i = 0; i < 3; i++) expect(values[2 * i] + values[2 * i + 1]).toBeCloseTo(1, 5);
  });
});
