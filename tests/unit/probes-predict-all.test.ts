import { describe, expect, it } from 'vitest';
import { CancelledError, type Classifier } from '../../src/core/probe';
import { predictAll, PredictionShapeError } from '../../src/probes/predict-all';
import { contextFor, lookupClassifier, lookupData } from './probes-fixtures';

const labels = ['x', 'y'];
const rows = Array.from({ length: 1300 }, (_, i) => [i / 1300, 1 - i / 1300]);
const data = lookupData(labels, Array.from({ length: 1300 }, () => 0));

describe('predictAll', () => {
  it('predicts in batches of 512 and returns rows in sample order', async () => {
    const model = lookupClassifier(labels, rows);
    const ctx = contextFor(model, data, {});
    const probs = await predictAll(ctx);
    expect(model.calls).toEqual([512, 512, 276]);
    expect(probs.length).toBe(2600);
    expect(probs[2 * 1000]).toBeCloseTo(1000 / 1300, 6);
    expect(ctx.progressLog).toEqual([512 / 1300, 1024 / 1300, 1]);
  });

  it('scales its progress by its share of the probe', async () => {
    const ctx = contextFor(lookupClassifier(labels, rows), data, {});
    await predictAll(ctx, { batchSize: 650, share: 0.5 });
    expect(ctx.progressLog).toEqual([0.25, 0.5]);
  });

  it('stops between batches once the signal aborts', async () => {
    const controller = new AbortController();
    const model = lookupClassifier(labels, rows);
    const ctx = contextFor(model, data, {}, { signal: controller.signal });
    ctx.progress = () => controller.abort();
    await expect(predictAll(ctx)).rejects.toThrow(CancelledError);
    expect(model.calls).toEqual([512]);
  });

  it('refuses output of the wrong length, saying what was expected', async () => {
    const broken: Classifier = { ...lookupClassifier(labels, rows), predict: async (_x, n) => new Float32Array(n * 3) };
    await expect(predictAll(contextFor(broken, data, {}))).rejects.toThrow(/expected 512 × 2 = 1024/);
  });

  it('refuses output that is not finite, naming the sample', async () => {
    const nanRows = rows.map((r, i) => (i === 700 ? [Number.NaN, 1] : r));
    await expect(predictAll(contextFor(lookupClassifier(labels, nanRows), data, {}))).rejects.toThrow(PredictionShapeError);
    await expect(predictAll(contextFor(lookupClassifier(labels, nanRows), data, {}))).rejects.toThrow(/sample 700/);
  });
});
