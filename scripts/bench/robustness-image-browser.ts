/**
 * The browser half of scripts/bench/robustness-image.ts: runs the benchmark in a worker in headless
 * Chromium on the wasm backend, on the page scripts/bench/robustness-image-page/ (see bench-page.ts).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Binding } from '../../src/core/types';
import { withBenchPage } from './bench-page';
import { isOodFile, OOD_DIR, type BenchReport } from './robustness-image-core';

const PAGE = fileURLToPath(new URL('./robustness-image-page/', import.meta.url));

export async function inBrowser(reference: string, samples: number, binding: Binding): Promise<BenchReport> {
  const oodFiles = readdirSync(reference + OOD_DIR).filter(isOodFile).sort();
  return withBenchPage(PAGE, reference, (page) => page.evaluate(
    ([n, b, ood]) => (window as unknown as { runBench(n: number, b: Binding, ood: string[]): Promise<BenchReport> }).runBench(n, b, ood),
    [samples, binding, oodFiles] as const,
  ));
}
