/**
 * The bundled demo's manifest, `public/demo/demo.json` (written by `scripts/make-demo.ts`): which
 * datasets and models ship with the app, where their files are (relative to the manifest), which
 * binding each model uses, and what the "Try the demo" button grades. Pure: no I/O here.
 */
import type { ModelFormat } from '../core/types';

export const DEMO_MANIFEST_SCHEMA = 'trustgrade.demo/1';

export interface DemoDataset {
  /** Matches KnownBinding.dataset of the bindings meant for it. */
  id: string;
  title: string;
  /** Paths relative to the manifest's folder; for IDX: images file first, then labels. */
  files: string[];
  format: 'csv' | 'json' | 'idx' | 'images';
  source: string;
  license: string;
  /** Rows or images. */
  rows?: number;
  /** SHA-256 of each file in `files`, same order. */
  sha256?: string[];
  description?: string;
}

export interface DemoModel {
  /** e.g. 'wages-v2-tfjs'. */
  id: string;
  title: string;
  /** Model family and version, for comparisons across versions (Run.label). */
  family: string;
  version: string;
  format: ModelFormat;
  /** Paths relative to the manifest's folder: model.json first, then its shards (TF.js); the .onnx file (ONNX). */
  files: string[];
  /** A DemoDataset id. */
  dataset: string;
  /** A KnownBinding id (src/bindings/demo-<model>.json). */
  binding: string;
  /** ModelInfo.sha256 of these files. */
  sha256?: string;
  description?: string;
  /** Figures measured when the model was made, e.g. { trainAccuracy: 0.81 }; for the README, not for grading. */
  metrics?: Record<string, number>;
}

export interface DemoManifest {
  schema: typeof DEMO_MANIFEST_SCHEMA;
  datasets: DemoDataset[];
  models: DemoModel[];
  /** What "Try the demo" grades. */
  default: { model: string; dataset: string };
}

export class DemoManifestError extends Error {
  override name = 'DemoManifestError';
}

const DATASET_FORMATS = ['csv', 'json', 'idx', 'images'] as const;
const MODEL_FORMATS = ['onnx', 'tfjs'] as const;

type Obj = Record<string, unknown>;

function fail(where: string, problem: string): never {
  throw new DemoManifestError(`demo.json: ${where} ${problem}. Regenerate it with \`npx tsx scripts/make-demo.ts\` or fix it by hand.`);
}

function object(value: unknown, where: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be an object');
  return value as Obj;
}

function text(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) fail(`${where}.${key}`, 'must be a non-empty string');
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, options: readonly T[], where: string): T {
  const v = text(o, key, where);
  if (!(options as readonly string[]).includes(v)) fail(`${where}.${key}`, `is '${v}' but should be one of: ${options.join(', ')}`);
  return v as T;
}

/** Relative paths inside the demo folder only: no absolute paths, no '..', no URLs. */
function files(o: Obj, where: string): string[] {
  const v = o.files;
  if (!Array.isArray(v) || v.length === 0) fail(`${where}.files`, 'must be a non-empty array of relative paths');
  return v.map((f, i) => {
    if (typeof f !== 'string' || f.length === 0 || f.startsWith('/') || f.includes('\\') || /^[a-z]+:/i.test(f) || f.split('/').includes('..')) {
      fail(`${where}.files[${i}]`, `(${JSON.stringify(f)}) must be a relative path inside the demo folder`);
    }
    return f;
  });
}

function optional<T>(o: Obj, key: string, check: (v: unknown) => boolean, expected: string, where: string): T | undefined {
  if (o[key] === undefined) return undefined;
  if (!check(o[key])) fail(`${where}.${key}`, `must be ${expected}`);
  return o[key] as T;
}

const isText = (v: unknown) => typeof v === 'string';
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isHex64 = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isNumberRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((n) => typeof n === 'number');

function dataset(value: unknown, where: string): DemoDataset {
  const o = object(value, where);
  const d: DemoDataset = {
    id: text(o, 'id', where), title: text(o, 'title', where), files: files(o, where),
    format: oneOf(o, 'format', DATASET_FORMATS, where), source: text(o, 'source', where), license: text(o, 'license', where),
  };
  const rows = optional<number>(o, 'rows', isCount, 'a non-negative integer', where);
  const sha256 = optional<string[]>(o, 'sha256', (v) => Array.isArray(v) && v.length === d.files.length && v.every(isHex64), 'one lowercase hex SHA-256 per file', where);
  const description = optional<string>(o, 'description', isText, 'a string', where);
  return { ...d, ...(rows !== undefined && { rows }), ...(sha256 && { sha256 }), ...(description !== undefined && { description }) };
}

function model(value: unknown, where: string): DemoModel {
  const o = object(value, where);
  const m: DemoModel = {
    id: text(o, 'id', where), title: text(o, 'title', where), family: text(o, 'family', where), version: text(o, 'version', where),
    format: oneOf(o, 'format', MODEL_FORMATS, where), files: files(o, where), dataset: text(o, 'dataset', where), binding: text(o, 'binding', where),
  };
  if (m.format === 'tfjs' && !m.files[0].endsWith('.json')) fail(`${where}.files[0]`, 'must be the model.json of a TF.js model');
  if (m.format === 'onnx' && (m.files.length !== 1 || !m.files[0].endsWith('.onnx'))) fail(`${where}.files`, 'must be exactly one .onnx file for an ONNX model');
  const sha256 = optional<string>(o, 'sha256', isHex64, 'a lowercase hex SHA-256', where);
  const description = optional<string>(o, 'description', isText, 'a string', where);
  const metrics = optional<Record<string, number>>(o, 'metrics', isNumberRecord, 'an object of numbers', where);
  return { ...m, ...(sha256 && { sha256 }), ...(description !== undefined && { description }), ...(metrics && { metrics }) };
}

function uniqueIds(items: { id: string }[], where: string): void {
  const seen = new Set<string>();
  for (const { id } of items) {
    if (seen.has(id)) fail(where, `has the id '${id}' twice`);
    seen.add(id);
  }
}

/** Checks a parsed demo.json and returns it typed; throws DemoManifestError naming the first problem. */
export function validateDemoManifest(value: unknown): DemoManifest {
  const o = object(value, 'the manifest');
  if (o.schema !== DEMO_MANIFEST_SCHEMA) fail('schema', `is ${JSON.stringify(o.schema)} but should be '${DEMO_MANIFEST_SCHEMA}'`);
  if (!Array.isArray(o.datasets) || o.datasets.length === 0) fail('datasets', 'must be a non-empty array');
  if (!Array.isArray(o.models) || o.models.length === 0) fail('models', 'must be a non-empty array');
  const datasets = o.datasets.map((d, i) => dataset(d, `datasets[${i}]`));
  const models = o.models.map((m, i) => model(m, `models[${i}]`));
  uniqueIds(datasets, 'datasets');
  uniqueIds(models, 'models');
  const datasetIds = new Set(datasets.map((d) => d.id));
  models.forEach((m, i) => {
    if (!datasetIds.has(m.dataset)) fail(`models[${i}].dataset`, `is '${m.dataset}' but should be one of: ${[...datasetIds].join(', ')}`);
  });
  const def = object(o.default, 'default');
  const defaultModel = text(def, 'model', 'default');
  const defaultDataset = text(def, 'dataset', 'default');
  if (!models.some((m) => m.id === defaultModel)) fail('default.model', `is '${defaultModel}' but no model has that id`);
  if (!datasetIds.has(defaultDataset)) fail('default.dataset', `is '${defaultDataset}' but no dataset has that id`);
  return { schema: DEMO_MANIFEST_SCHEMA, datasets, models, default: { model: defaultModel, dataset: defaultDataset } };
}
