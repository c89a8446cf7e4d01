/**
 * A zod schema of the Run record (types.ts), used to validate runs that come from outside the app:
 * imported files and CLI output. It mirrors types.ts exactly — a compile-time check at the bottom
 * fails when the two drift apart — and is strict: an unknown field is a violation, so a file from a
 * newer or edited app is rejected with the field named rather than silently trimmed.
 */
import { z } from 'zod';
import { BindingError } from './binding-error';
import { bindingSchema, parseBinding } from './binding-schema';
import type {
  DatasetManifest, Estimate, GradientPath, GroupEstimate, HygieneFinding, Interval, Json, Measurement, ModelInfo,
  OnnxFacts, ProbeResult, Run, RunEnvironment, TensorInfo, TfjsFacts,
} from './types';

const count = z.number().int().nonnegative();
/** `toISOString()` output; an offset is accepted so runs written elsewhere still validate. */
const timestamp = z.iso.datetime({ offset: true });

export const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonSchema), z.record(z.string(), jsonSchema)]),
);
const jsonObject = z.record(z.string(), jsonSchema);

const pillar = z.enum(['validity', 'robustness', 'fairness', 'explainability', 'privacy']);
const backend = z.enum(['wasm', 'webgpu', 'webgl', 'cpu', 'node']);
const modality = z.enum(['tabular', 'image']);
const taskKind = z.enum(['binary-classification', 'multiclass-classification']);

// ── Model ──

const tensorInfo = z.strictObject({
  name: z.string(),
  shape: z.array(z.union([z.number().int(), z.string(), z.null()])),
  dtype: z.string(),
}) satisfies z.ZodType<TensorInfo>;

const onnxFacts = z.strictObject({
  irVersion: z.number().int(),
  producer: z.string(),
  opsets: z.array(z.strictObject({ domain: z.string(), version: z.number().int() })),
  operators: z.array(z.strictObject({ domain: z.string(), opType: z.string(), count })),
  metadata: z.record(z.string(), z.string()),
  externalData: z.array(z.string()),
}) satisfies z.ZodType<OnnxFacts>;

const tfjsFacts = z.strictObject({
  modelType: z.string(),
  generatedBy: z.string().nullable(),
  convertedBy: z.string().nullable(),
  layers: z.array(z.string()),
  shards: z.array(z.strictObject({ path: z.string(), bytes: count })),
  weightCount: count,
}) satisfies z.ZodType<TfjsFacts>;

const hygieneFinding = z.strictObject({
  code: z.string(),
  severity: z.enum(['info', 'low', 'medium', 'high']),
  file: z.string(),
  message: z.string(),
}) satisfies z.ZodType<HygieneFinding>;

const gradientPath = z.strictObject({
  kind: z.enum(['tfjs', 'onnx-translated', 'none']),
  backend: backend.optional(),
  maxAbsDiff: z.number().optional(),
  tolerance: z.number().optional(),
  reason: z.string().optional(),
}) satisfies z.ZodType<GradientPath>;

export const modelInfoSchema = z.strictObject({
  name: z.string(),
  format: z.enum(['onnx', 'tfjs']),
  sha256: z.string().min(1),
  sizeBytes: count,
  inputs: z.array(tensorInfo),
  outputs: z.array(tensorInfo),
  onnx: onnxFacts.optional(),
  tfjs: tfjsFacts.optional(),
  backend,
  backendNote: z.string().optional(),
  differentiable: z.boolean(),
  gradientPath: gradientPath.optional(),
  hygiene: z.array(hygieneFinding).optional(),
}) satisfies z.ZodType<ModelInfo>;

// ── Binding ──

/**
 * The binding's structure comes from binding-schema.ts; the rules zod cannot state there (positive
 * label among the labels, ascending bin edges…) run after it, through parseBinding.
 */
const bindingField = bindingSchema.superRefine((binding, ctx) => {
  try {
    parseBinding(binding);
  } catch (error) {
    if (!(error instanceof BindingError)) throw error;
    // parseBinding's sentence already starts with the path ("binding.output.positive is …").
    const sentence = error.message.replace(/^The binding is not valid: /, '').replace(/\.$/, '');
    ctx.addIssue({ code: 'custom', message: sentence, params: { sentence: true } });
  }
});

// ── Dataset ──

export const datasetManifestSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  format: z.enum(['csv', 'json', 'idx', 'images']),
  sha256: z.string().min(1),
  rows: count,
  source: z.string().optional(),
  license: z.string().optional(),
}) satisfies z.ZodType<DatasetManifest>;

// ── Measurement ──

const interval = z
  .strictObject({
    low: z.number(),
    high: z.number(),
    level: z.number().gt(0).lt(1),
    method: z.enum(['bootstrap-percentile', 'wilson', 'exact']),
    resamples: z.number().int().positive().optional(),
    skipped: count.optional(),
  })
  .refine((i) => i.low <= i.high, { message: 'must not be greater than high', path: ['low'] }) satisfies z.ZodType<Interval>;

const estimateShape = {
  value: z.number().nullable(),
  interval: interval.nullable(),
  n: count,
  undefinedReason: z.string().optional(),
};
const estimate = z.strictObject(estimateShape) satisfies z.ZodType<Estimate>;

const groupEstimate = z.strictObject({
  ...estimateShape,
  group: z.string(),
  status: z.enum(['ok', 'insufficient-data']),
}) satisfies z.ZodType<GroupEstimate>;

export const measurementSchema = z.strictObject({
  ...estimateShape,
  groups: z.array(groupEstimate),
  secondary: z.record(z.string(), estimate),
  notes: z.array(z.string()),
  details: jsonObject.optional(),
}) satisfies z.ZodType<Measurement>;

// ── Run ──

const probeResult = z.strictObject({
  probeId: z.string().min(1),
  probeVersion: z.number().int(),
  pillar,
  params: jsonObject,
  status: z.enum(['ok', 'skipped', 'failed', 'cancelled']),
  reason: z.string().optional(),
  measurement: measurementSchema.optional(),
  durationMs: z.number().nonnegative(),
}) satisfies z.ZodType<ProbeResult>;

const environment = z.strictObject({
  app: z.string(),
  host: z.enum(['browser', 'node']),
  agent: z.string(),
  engine: z.string(),
  backend,
  threads: count,
}) satisfies z.ZodType<RunEnvironment>;

export const runSchema = z.strictObject({
  schema: z.literal('trustgrade.run/1'),
  id: z.string().min(1),
  status: z.enum(['running', 'complete', 'failed', 'cancelled', 'interrupted']),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
  model: modelInfoSchema,
  label: z.strictObject({ family: z.string(), version: z.string() }).optional(),
  dataset: datasetManifestSchema,
  binding: bindingField,
  suite: z.strictObject({ id: z.string(), version: z.number().int(), modality, task: taskKind }),
  seed: z.number().int(),
  samples: count,
  limit: count.nullable(),
  results: z.array(probeResult),
  environment,
  auxiliary: z.array(z.object({ role: z.enum(['ood', 'non-members']), dataset: datasetManifestSchema }).strict()).optional(),
  dataNotes: z.array(z.string()).optional(),
  error: z.string().optional(),
  riskClass: z.enum(['minimal', 'limited', 'high']).optional(),
});

/** A run that does not match the schema; `violation` names the first problem, e.g. `results[0].status must be …`. */
export class RunValidationError extends Error {
  constructor(
    /** Where and what, without advice: "results[0].status must be one of ok, skipped, failed, cancelled". */
    readonly violation: string,
  ) {
    super(`${violation}. The file is not a run written by TrustGrade, or it was edited; export it again from TrustGrade.`);
    this.name = 'RunValidationError';
  }
}

/**
 * Validates a parsed JSON value as a Run. Returns the value itself, not a copy (the schema has no
 * defaults or transforms), so key order is kept and a re-export is byte-identical to the import.
 * Throws RunValidationError naming the first violation.
 */
export function parseRun(json: unknown): Run {
  const result = runSchema.safeParse(json);
  if (!result.success) throw new RunValidationError(describeIssue(result.error.issues[0], json));
  return json as Run;
}

/** One zod issue in words: "results[0].status must be one of ok, skipped, failed, cancelled". */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const where = (path: PropertyKey[]) => (path.length === 0 ? 'the run' : formatPath(path));
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(root, issue.path);
      if (actual === undefined) return `${where(issue.path)} is missing`;
      if (typeof actual === 'number' && issue.expected === 'number') return `${where(issue.path)} must be a finite number`;
      return `${where(issue.path)} must be ${withArticle(issue.expected)}, not ${describeValue(actual)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${where(issue.path)} must be ${String(issue.values[0])}, not ${describeValue(valueAt(root, issue.path))}`
        : `${where(issue.path)} must be one of ${issue.values.map(String).join(', ')}, not ${describeValue(valueAt(root, issue.path))}`;
    case 'unrecognized_keys':
      return `${formatPath([...issue.path, issue.keys[0]])} is not a field of a TrustGrade run`;
    case 'too_small':
      return `${where(issue.path)} ${bound(issue.origin, issue.inclusive ?? true, Number(issue.minimum), 'least')}`;
    case 'too_big':
      return `${where(issue.path)} ${bound(issue.origin, issue.inclusive ?? true, Number(issue.maximum), 'most')}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? `${where(issue.path)} must be an ISO 8601 date and time such as 2025-01-31T09:30:00.000Z`
        : `${where(issue.path)} must be in ${issue.format} format`;
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      return options?.length
        ? `${where(issue.path)} must be one of ${options.map(String).join(', ')}, not ${describeValue(valueAt(root, issue.path))}`
        : `${where(issue.path)} does not match any allowed form`;
    }
    default:
      if (issue.code === 'custom' && issue.params?.sentence) return issue.message;
      return `${where(issue.path)} ${issue.message}`;
  }
}

function bound(origin: string, inclusive: boolean, limit: number, end: 'least' | 'most'): string {
  if (origin === 'array') return `must have at ${end} ${limit} item${limit === 1 ? '' : 's'}`;
  if (origin === 'string') return limit === 1 && end === 'least' ? 'must not be empty' : `must have at ${end} ${limit} characters`;
  if (inclusive) return `must be at ${end} ${limit}`;
  return `must be ${end === 'least' ? 'greater' : 'less'} than ${limit}`;
}

/** `results[0].measurement.groups[1].n`; keys that are not identifiers are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return i === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function withArticle(expected: string): string {
  const names: Record<string, string> = { int: 'an integer', object: 'an object', array: 'a list', null: 'null' };
  return names[expected] ?? `a ${expected}`;
}

// Compile-time guard: the schema and types.ts must describe the same record.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesRunType: Equal<z.infer<typeof runSchema>, Run> = true;
void schemaMatchesRunType;
