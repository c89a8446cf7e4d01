import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Run } from '../../src/core/types';
import { chooseBundled, openPage, runToCompletion, SCREENSHOTS, startApp, visibleText, type AppHarness } from './browser';

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

const WHITE = 'robustness/white-box-attacks';
const BLACK = 'robustness/black-box-attacks';

async function runQuick(page: Page, model: string, limit: number): Promise<Run> {
  await chooseBundled(page, model, 'mnist-demo', { suite: 'quick', limit });
  return runToCompletion(page);
}

function resultOf(run: Run, probeId: string) {
  const result = run.results.find((r) => r.probeId === probeId);
  expect(result, `${probeId} is in the run`).toBeTruthy();
  expect(result!.status, result!.reason).toBe('ok');
  return result!.measurement!;
}

type Check = { id: string; status: string };

describe('adversarial attacks in the app', () => {
  it('attacks the demo TF.js CNN white-box and black-box, and shows curves, checks and adversarial examples', async () => {
    const { page, errors } = await openPage(app);
    const run = await runQuick(page, 'mnist-cnn-tfjs', 40);
    // Gradients are taken on the backend predictions use (wasm has TrustGrade's Conv2DBackpropFilter).
    expect(run.model.gradientPath).toEqual({ kind: 'tfjs', backend: run.model.backend });

    const white = resultOf(run, WHITE);
    // The quick suite attacks the first 30 labelled images (maxSamples).
    expect(white.n).toBe(30);
    expect(white.groups.map((g) => g.group)).toEqual(['ε = 0.03', 'ε = 0.1', 'ε = 0.3']);
    const curve = white.groups.map((g) => g.value!);
    // The strongest attack's robust accuracy never rises with ε, and stays below clean accuracy.
    expect(curve[1]).toBeLessThanOrEqual(curve[0]);
    expect(curve[2]).toBeLessThanOrEqual(curve[1]);
    expect(white.value!).toBeLessThanOrEqual(white.secondary.clean_accuracy.value!);
    const whiteChecks = white.details!.maskingChecks as Check[];
    expect(whiteChecks.find((c) => c.id === 'zero-gradients')?.status).toBe('passed');
    expect(whiteChecks.find((c) => c.id === 'unbounded-attack')?.status).toBe('passed');

    const black = resultOf(run, BLACK);
    // Both ran on the same first samples, so the black-box probe compared itself with white-box.
    const blackChecks = black.details!.maskingChecks as Check[];
    expect(blackChecks.find((c) => c.id === 'black-box-beats-white-box')?.status).not.toBe('not-run');
    expect(black.value!).toBeLessThanOrEqual(black.secondary.black_box_robust_accuracy.value! + 1e-12);
    expect(black.secondary.queries_per_sample.value!).toBeGreaterThan(1);

    // What a person sees: the curve with one line per attack and the strongest, the checks, examples drawn.
    const card = page.locator(`article[data-probe-id="${WHITE}"]`);
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.locator('svg[data-testid="attack-curve"][data-norm="linf"] path.attack').count()).toBe(3);
    await expect.poll(() => card.locator('svg[data-testid="attack-curve"] path.strongest').count()).toBe(1);
    const text = await visibleText(page, `article[data-probe-id="${WHITE}"]`);
    expect(text).toContain('White-box adversarial attacks');
    expect(text).toContain(white.value!.toFixed(4));
    expect(text).toContain('Gradients come from the TF.js model itself.');
    expect(text).toMatch(/Gradient-masking checks/);
    expect(text).toMatch(/Median minimal ε/);
    const examples = card.locator('[data-testid="attack-example"]');
    expect(await examples.count()).toBeGreaterThanOrEqual(2);
    // The canvases hold the pictures: the adversarial image differs from the original.
    const drawn = await examples.first().evaluate((figure) => {
      const sum = (part: string) => {
        const canvas = figure.querySelector(`canvas[data-part="${part}"]`) as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        return Array.from(data).reduce((a, b) => a + b, 0);
      };
      return { original: sum('original'), adversarial: sum('adversarial') };
    });
    expect(drawn.original).toBeGreaterThan(0);
    expect(drawn.adversarial).not.toBe(drawn.original);
    const blackText = await visibleText(page, `article[data-probe-id="${BLACK}"]`);
    expect(blackText).toMatch(/Square \(100 queries\)/);
    expect(blackText).toMatch(/HopSkipJump \(100 queries\)/);
    expect(blackText).toMatch(/queries per sample: mean/);

    const first = await card.boundingBox();
    const last = await page.locator(`article[data-probe-id="${BLACK}"]`).boundingBox();
    const scroll = await page.evaluate(() => window.scrollY);
    const top = first!.y + scroll - 8;
    await page.screenshot({
      path: `${SCREENSHOTS}robustness-attacks.png`,
      fullPage: true,
      clip: { x: 0, y: top, width: 1280, height: last!.y + scroll + last!.height + 8 - top },
    });
    expect(errors).toEqual([]);
  });

  it('gives the demo ONNX CNN a gradient through its TF.js translation, checked against onnxruntime-web in the worker', async () => {
    const { page, errors } = await openPage(app);
    const run = await runQuick(page, 'mnist-cnn-onnx', 20);
    expect(run.model.gradientPath?.kind).toBe('onnx-translated');
    expect(run.model.gradientPath!.maxAbsDiff!).toBeLessThanOrEqual(run.model.gradientPath!.tolerance!);
    expect(run.model.differentiable).toBe(true);
    const white = resultOf(run, WHITE);
    expect(white.n).toBe(20);
    expect((white.details!.gradientPath as { kind: string }).kind).toBe('onnx-translated');
    const text = await visibleText(page, `article[data-probe-id="${WHITE}"]`);
    expect(text).toContain('Gradients come from a TF.js translation of the ONNX graph');
    expect(errors).toEqual([]);
  });
});
