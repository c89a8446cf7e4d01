/**
 * Opens a real model and dataset the way the engine does (runtime adapter, binding, classifier)
 * and hands out probe contexts, so explainability probes and methods can be checked on reference
 * and demo models without running a whole suite.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { prepareData } from '../../src/core/binding';
import type { Classifier, PreparedData, ProbeContext } from '../../src/core/probe';
import { createRng } from '../../src/core/rng';
import type { Binding, Json } from '../../src/core/types';
import { loadDataset } from '../../src/datasets/load';
import { createClassifier } from '../../src/engine/classifier';
import type { ModelAdapter } from '../../src/runtime/adapter';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles } from '../fixtures/models/read-model-files';

export interface Opened {
  adapter: ModelAdapter;
  model: Classifier;
  data: PreparedData;
  context<P extends Record<string, Json>>(params: P, seed?: number): ProbeContext<P>;
  dispose(): Promise<void>;
}

function dataFiles(paths: string[]) {
  return paths.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).sort().map((name) => join(p, name)) : [p]))
    .map((p) => ({ path: basename(p), bytes: new Uint8Array(readFileSync(p)) }));
}

export async function openForExplaining(args: { model: string | string[]; data: string[]; binding: Binding; limit?: number; backend?: 'auto' | 'node' | 'wasm' | 'cpu' }): Promise<Opened> {
  const files = typeof args.model === 'string' ? readModelFiles(args.model) : args.model.map((p) => ({ path: basename(p), bytes: new Uint8Array(readFileSync(p)) }));
  const adapter = await openModelInNode(files, args.backend ?? 'auto');
  const dataset = await loadDataset(dataFiles(args.data));
  const data = prepareData(dataset, args.binding, { limit: args.limit ?? null, sampleSize: adapter.sampleSize(args.binding.input), inputName: args.binding.input });
  const model = createClassifier(adapter, args.binding);
  return {
    adapter, model, data,
    context: (params, seed = 1) => ({
      model, data, params,
      auxiliary: () => null,
      rng: createRng(seed),
      signal: new AbortController().signal,
      progress: () => {},
    }),
    dispose: () => adapter.dispose(),
  };
}
