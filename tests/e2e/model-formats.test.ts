import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { openPage, SCREENSHOTS, startApp, visibleText, type AppHarness } from './browser';

const MODELS = fileURLToPath(new URL('../fixtures/models/', import.meta.url));

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('what the app learns from a dropped model', () => {
  it('reads a TF.js model from a zip, and from model.json with its shard', async () => {
    const { page, errors } = await openPage(app);
    await page.getByTestId('model-input').setInputFiles(`${MODELS}zip/layers-dense.zip`);
    await page.locator('tg-model-card').waitFor();
    const fromZip = await visibleText(page, 'tg-model-card');
    expect(fromZip).toMatch(/tfjs|TF\.js/i);
    expect(fromZip).toContain('layers-model');
    expect(fromZip).toContain('probs_input');
    expect(fromZip).toContain('wasm');

    await page.getByTestId('model-input').setInputFiles([`${MODELS}tfjs/layers-dense/model.json`, `${MODELS}tfjs/layers-dense/group1-shard1of1.bin`]);
    await expect.poll(() => visibleText(page, 'tg-model-card')).toContain('layers-model');
    expect(await visibleText(page, 'tg-model-card')).toContain('a2895b82d942');
    expect(errors).toEqual([]);
  });

  it('shows ONNX facts: input dtypes including float16, opset and operators, the backend used', async () => {
    const { page } = await openPage(app);
    await page.getByTestId('model-input').setInputFiles(`${MODELS}onnx/half-input.onnx`);
    await page.locator('tg-model-card').waitFor();
    const card = await visibleText(page, 'tg-model-card');
    expect(card).toContain('float16');
    expect(card).toContain('Cast');
    expect(card).toMatch(/opset|13/i);
    expect(card).toContain('2d99b6f12bc2');
    expect(card).toContain('wasm');
    await page.locator('tg-model-card').screenshot({ path: `${SCREENSHOTS}model-card.png` });
  });
});
