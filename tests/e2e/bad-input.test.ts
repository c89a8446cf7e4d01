import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openPage, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';

const FIX = fileURLToPath(new URL('../fixtures/', import.meta.url));
const HOSTILE = `${FIX}models/hostile/`;
const GOOD_MODEL = `${FIX}models/onnx/linear-softmax.onnx`;
const PEOPLE = `${FIX}data/people.csv`;
const PEOPLE_BINDING = readFileSync(`${FIX}data/people.binding.json`, 'utf8');

let app: AppHarness;
let page: Page;
let errors: string[];
let demoRunId: string;

async function errorShown(): Promise<string> {
  const banner = page.locator('tg-evaluate-view [data-testid="error"]');
  await banner.waitFor({ timeout: 30_000 });
  return visibleText(page, 'tg-evaluate-view [data-testid="error"]');
}

async function dismissError() {
  await page.locator('tg-evaluate-view [data-testid="error"] button').first().click();
}

async function openModel(files: string[]) {
  await page.getByTestId('model-input').setInputFiles(files);
}

async function openDataset(files: string[]) {
  await page.getByTestId('dataset-input').setInputFiles(files);
}

describe('bad input in the app: a clear message, nothing lost, the app keeps working', () => {
  beforeAll(async () => {
    app = await startApp();
    ({ page, errors } = await openPage(app));
    await page.getByTestId('try-demo').click();
    demoRunId = await waitForRunPage(page);
    await page.goto(app.url);
    await page.getByTestId('try-demo').waitFor();
  });
  afterAll(async () => { await app?.close(); });

  const badModels: [string, string[], RegExp][] = [
    ['an empty file', [`${HOSTILE}empty.onnx`], /empty/i],
    ['random bytes named .onnx', [`${HOSTILE}random-bytes.onnx`], /ONNX/],
    ['a truncated ONNX file', [`${HOSTILE}truncated.onnx`], /truncated|incomplete|cut off|could not be read/i],
    ['a model.json whose shard is missing', [`${HOSTILE}missing-shard/model.json`], /shard|missing/i],
    ['a shard with the wrong byte length', [`${HOSTILE}wrong-length/model.json`, `${HOSTILE}wrong-length/group1-shard1of1.bin`], /bytes/i],
    ['a model.json that is not JSON', [`${HOSTILE}invalid-json/model.json`, `${HOSTILE}invalid-json/group1-shard1of1.bin`], /JSON/],
    ['an ONNX model whose only probability output is a ZipMap', [`${FIX}models/onnx/zipmap.onnx`], /ZipMap/],
  ];
  it.each(badModels)('refuses %s as a model', async (_name, files, message) => {
    await openModel(files);
    expect(await errorShown()).toMatch(message);
    await dismissError();
  });

  const badData: [string, string, RegExp][] = [
    ['a ragged CSV', 'ragged.csv', /line 3 has 2/],
    ['a header-only CSV', 'header-only.csv', /no rows|header/i],
    ['an empty CSV', 'empty.csv', /empty/i],
    ['invalid JSON rows', 'invalid.json', /JSON/],
  ];
  it.each(badData)('refuses %s as a dataset', async (_name, file, message) => {
    await openDataset([`${FIX}data/${file}`]);
    expect(await errorShown()).toMatch(message);
    await dismissError();
  });

  it('explains a numeric column with text in it, and a binding wider than the model input, when Run is pressed', async () => {
    await openModel([GOOD_MODEL]);
    await page.locator('tg-model-card').waitFor();
    await openDataset([`${FIX}data/numeric-text.csv`]);
    await page.getByTestId('dataset-summary').waitFor();
    await page.getByTestId('binding').fill(PEOPLE_BINDING);
    await page.getByTestId('run').click();
    expect(await errorShown()).toMatch(/'abc'/);
    await dismissError();

    await openDataset([PEOPLE]);
    await expect.poll(() => visibleText(page, '[data-testid="dataset-summary"]')).toContain('people');
    const wide = JSON.parse(PEOPLE_BINDING);
    wide.features[1].vocabulary.push('Other');
    await page.getByTestId('binding').fill(JSON.stringify(wide));
    await page.getByTestId('run').click();
    const message = await errorShown();
    expect(message).toMatch(/4/);
    expect(message).toMatch(/3/);
    await dismissError();
  });

  it('says what is wrong with an invalid binding before it can be run', async () => {
    await page.getByTestId('binding').fill('{"kind": "tabular", "features": 3}');
    expect(await visibleText(page, '[data-testid="binding-error"]')).toMatch(/features/);
    expect(await page.getByTestId('run').isDisabled()).toBe(true);
  });

  it('still works afterwards, and the earlier run is untouched', async () => {
    await page.getByTestId('binding').fill(PEOPLE_BINDING);
    await page.getByTestId('suite').selectOption('quick');
    await page.getByTestId('run').click();
    const id = await waitForRunPage(page);
    expect(id).not.toBe(demoRunId);
    await page.goto(`${app.url}#/run/${demoRunId}`);
    await expect.poll(() => visibleText(page, '[data-testid="run-status"]')).toMatch(/complete/i);
    await page.goto(`${app.url}#/history`);
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
