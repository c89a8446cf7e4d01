/**
 * The real evaluation worker, in the real built app, dies in the middle of a run: once because it
 * ends itself without a word (`self.close()`: no error event reaches the page; the client notices
 * through the worker's liveness lock), once because an allocation fails in the worker outside any
 * call (an out-of-memory RangeError that nothing catches: the worker reports it as fatal). Each
 * time the run is stored as failed with the probes that had finished and the error, the page says
 * what happened and offers Retry, and the retry, on a fresh worker that re-opens the model, the
 * dataset and the second dataset, runs to the end.
 *
 * A JavaScript heap exhausted in the worker is not provoked here: Chromium then kills the whole
 * renderer (the page with it), which no page code can survive or report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Page, Worker as PlaywrightWorker } from 'playwright-core';
import { chooseBundled, openPage, readStoredRun, startApp, visibleText, waitForRunPage, type AppHarness } from './browser';

const DEMO = fileURLToPath(new URL('../../public/demo/', import.meta.url));

let app: AppHarness;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

/** The first `n` items of an IDX file (gzipped), as a new IDX file: a second dataset with its own hash. */
function idxHead(file: string, n: number, itemBytes: number, headerBytes: number): Buffer {
  const raw = gunzipSync(readFileSync(file));
  const out = Buffer.from(raw.subarray(0, headerBytes + n * itemBytes));
  out.writeUInt32BE(n, 4);
  return out;
}

/** The page's evaluation worker (onnxruntime and TF.js may start workers of their own). */
async function evalWorker(page: Page): Promise<PlaywrightWorker> {
  let found: PlaywrightWorker | undefined;
  await expect.poll(() => (found = page.workers().find((w) => /eval\.worker/.test(w.url()))) !== undefined).toBe(true);
  return found!;
}

/**
 * Makes the worker fail right after it has reported its `after`-th finished probe (Comlink sends
 * each result to the page through a MessagePort), on its next turn of the event loop: mid-run, at
 * a known point, whatever the speed of the machine. `close` ends the worker with `self.close()`;
 * `throw` makes, outside any call, an allocation far beyond memory, whose RangeError nothing catches.
 */
async function failAfterProbes(worker: PlaywrightWorker, after: number, how: 'close' | 'throw'): Promise<void> {
  await worker.evaluate(({ after, how }) => {
    const post = MessagePort.prototype.postMessage;
    let seen = 0;
    MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
      (post as (m: unknown, ...r: unknown[]) => void).call(this, message, ...rest);
      const sent = message as { type?: string; argumentList?: { value?: { probeId?: string; status?: string } }[] } | null;
      const result = sent?.type === 'APPLY' ? sent.argumentList?.[0]?.value : undefined;
      if (result?.probeId && result.status && ++seen === after) {
        setTimeout(() => {
          if (how === 'close') (self as unknown as { close(): void }).close();
          // A real allocation that fails: 32 GiB, the largest length Chromium accepts, is more than
          // it will give a page, so V8 throws "Array buffer allocation failed" and nothing catches it.
          else new ArrayBuffer(2 ** 35 - 8);
        }, 0);
      }
    } as typeof MessagePort.prototype.postMessage;
  }, { after, how });
}

/** The failed run the page offers to retry, as stored. */
async function storedFailedRun(page: Page) {
  const banner = page.getByTestId('run-failed');
  await banner.waitFor({ timeout: 30_000 });
  const href = await banner.locator('a').getAttribute('href');
  return { text: await visibleText(page, '[data-testid="run-failed"]'), run: await readStoredRun(page, decodeURIComponent(href!.slice('#/run/'.length))) };
}

describe('the evaluation worker dies in the middle of a run', () => {
  it('ends itself without a word (self.close): the run is stored as failed with what finished, and Retry runs on a new worker with both datasets', async () => {
    const { page, errors } = await openPage(app);
    await chooseBundled(page, 'mnist-cnn-tfjs', 'mnist-demo');
    await page.getByTestId('auxiliary').locator('summary').click();
    await page.getByTestId('aux-role').selectOption('ood');
    await page.getByTestId('aux-input').setInputFiles([
      { name: 'ood-images.idx', mimeType: 'application/octet-stream', buffer: idxHead(`${DEMO}mnist-demo-images.idx.gz`, 100, 784, 16) },
      { name: 'ood-labels.idx', mimeType: 'application/octet-stream', buffer: idxHead(`${DEMO}mnist-demo-labels.idx.gz`, 100, 1, 8) },
    ]);
    await page.getByTestId('aux-summary').waitFor();
    await page.getByTestId('suite').selectOption('standard');
    await page.getByTestId('limit').fill('200');
    await page.getByTestId('limit').dispatchEvent('change');
    await failAfterProbes(await evalWorker(page), 3, 'close');
    await page.getByTestId('run').click();

    const { text, run } = await storedFailedRun(page);
    expect(text).toMatch(/The run failed/);
    expect(text).toMatch(/stopped without reporting an error/);
    expect(text).toMatch(/new evaluation worker/);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/stopped without reporting an error/);
    const finished = run.results.filter((r) => r.status === 'ok');
    // The probes that finished (at least the three before the failure) keep their own results;
    // every later one is failed and says why.
    const cut = run.results.findIndex((r) => /stopped without reporting an error/.test(r.reason ?? ''));
    expect(cut).toBeGreaterThanOrEqual(3);
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(finished.every((r) => r.measurement)).toBe(true);
    expect(run.results.slice(cut).map((r) => r.status)).toEqual(run.results.slice(cut).map(() => 'failed'));
    expect(page.workers().filter((w) => /eval\.worker/.test(w.url()))).toHaveLength(1);

    // Retry with a shorter suite: the new worker must have the model, the dataset and the OOD set.
    await page.getByTestId('suite').selectOption('quick');
    await page.getByTestId('retry').click();
    const next = await readStoredRun(page, await waitForRunPage(page));
    expect(next.status).toBe('complete');
    expect(next.id).not.toBe(run.id);
    expect(next.auxiliary?.map((a) => a.role)).toEqual(['ood']);
    expect(next.results.filter((r) => /no longer open/.test(r.reason ?? ''))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('fails to allocate memory outside any call (an uncaught RangeError): stored as failed with the error, and Retry works with the non-members set', async () => {
    const { page, errors } = await openPage(app);
    await chooseBundled(page, 'wages-v2-tfjs', 'cps-wages-1985');
    const csv = readFileSync(`${DEMO}cps-wages-1985.csv`, 'utf8').split('\n');
    await page.getByTestId('auxiliary').locator('summary').click();
    await page.getByTestId('aux-role').selectOption('non-members');
    await page.getByTestId('aux-input').setInputFiles({ name: 'non-members.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv.slice(0, 201).join('\n')}\n`) });
    await page.getByTestId('aux-summary').waitFor();
    await page.getByTestId('suite').selectOption('standard');
    // As a runtime's callback would: an allocation fails (V8's own words) and nothing catches it.
    await failAfterProbes(await evalWorker(page), 3, 'throw');
    await page.getByTestId('run').click();

    const { text, run } = await storedFailedRun(page);
    expect(text).toMatch(/The run failed.*crashed.*allocation failed/i);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/The evaluation worker crashed: .*allocation failed/i);
    const cut = run.results.findIndex((r) => /allocation failed/.test(r.reason ?? ''));
    expect(cut).toBeGreaterThanOrEqual(3);
    expect(run.results.slice(0, cut).filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(1);
    expect(run.results.slice(cut).map((r) => r.status)).toEqual(run.results.slice(cut).map(() => 'failed'));

    await page.getByTestId('suite').selectOption('quick');
    await page.getByTestId('retry').click();
    const next = await readStoredRun(page, await waitForRunPage(page));
    expect(next.status).toBe('complete');
    expect(next.auxiliary?.map((a) => a.role)).toEqual(['non-members']);
    expect(next.results.filter((r) => /no longer open/.test(r.reason ?? ''))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
