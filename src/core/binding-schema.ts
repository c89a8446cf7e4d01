/**
 * Runtime validation of bindings (user-edited JSON, shipped bindings, bindings inside imported
 * runs). Structure comes from zod; the rules zod cannot state (positive label among the labels,
 * ascending bin edges, per-channel mean/std) are checked after it. Every problem is reported as
 * one sentence with its path, e.g. "binding.features[3].vocabulary must be a list of strings".
 */
import { z } from 'zod';
import { BindingError } from './binding-error';
import type { Binding, KnownBinding } from './types';

const text = z.string().min(1);
const stringList = z.custom<string[]>(
  (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
  { error: 'must be a list of strings' },
);
const numberList = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((s) => typeof s === 'number' && Number.isFinite(s)),
  { error: 'must be a list of numbers' },
);
const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });

const outputSchema = z.strictObject({
  tensor: text.optional(),
  kind: z.enum(['logits', 'probabilities', 'sigmoid']),
  labels: stringList,
  positive: z.string().optional(),
});

const numericSchema = z.strictObject({
  column: text,
  kind: z.literal('numeric'),
  offset: finite.optional(),
  divisor: finite.optional(),
  impute: finite.optional(),
});

const oneHotSchema = z.strictObject({
  column: text,
  kind: z.literal('one-hot'),
  vocabulary: stringList,
});

const mapSchema = z.strictObject({
  name: text,
  from: text,
  kind: z.literal('map'),
  map: z.record(z.string(), z.string()),
  otherwise: z.string().optional(),
});

const binsSchema = z.strictObject({
  name: text,
  from: text,
  kind: z.literal('bins'),
  edges: numberList,
  labels: stringList,
});

const tabularSchema = z.strictObject({
  kind: z.literal('tabular'),
  input: text.optional(),
  derive: z.array(z.discriminatedUnion('kind', [mapSchema, binsSchema])).optional(),
  features: z.array(z.discriminatedUnion('kind', [numericSchema, oneHotSchema])),
  target: text,
  sensitive: stringList,
  split: z.strictObject({ column: text, member: z.string() }).optional(),
  output: outputSchema,
});

const imageSchema = z.strictObject({
  kind: z.literal('image'),
  input: text.optional(),
  layout: z.enum(['NCHW', 'NHWC']),
  channels: z.union([z.literal(1), z.literal(3)], { error: 'must be 1 or 3' }),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  range: z.tuple([finite, finite]),
  mean: numberList.optional(),
  std: numberList.optional(),
  channelOrder: z.enum(['RGB', 'BGR']),
  output: outputSchema,
});

export const bindingSchema: z.ZodType<Binding> = z.discriminatedUnion('kind', [tabularSchema, imageSchema]);

export const knownBindingSchema: z.ZodType<KnownBinding> = z.strictObject({
  id: text,
  title: text,
  modelSha256: z.array(z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 in 64 lower-case hex digits' })),
  dataset: text,
  binding: bindingSchema,
  source: text,
});

type Path = readonly PropertyKey[];

function formatPath(root: string, path: Path): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

function valueAt(input: unknown, path: Path): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const typeWords: Record<string, string> = {
  string: 'text', number: 'a number', array: 'a list', object: 'an object', boolean: 'true or false', int: 'a whole number',
};

/** One plain sentence for a zod issue. */
function describeIssue(root: string, issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(root, issue.path);
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `${where} is missing` : `${where} must be ${typeWords[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        return `${where} ${value === undefined ? 'is missing; it' : ''} must be one of ${(issue.options as unknown[]).map((v) => `'${String(v)}'`).join(', ')}`.replace('  ', ' ');
      }
      return `${where} ${issue.message}`;
    case 'unrecognized_keys':
      return `${where} has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'} ${issue.keys.map((k) => `'${k}'`).join(', ')} (check the spelling)`;
    case 'too_small':
      return issue.origin === 'array'
        ? `${where} must have ${issue.minimum === 1 ? 'at least one item' : `at least ${String(issue.minimum)} items`}`
        : issue.origin === 'string'
          ? `${where} must not be empty`
          : `${where} must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `${where} must have at most ${String(issue.maximum)} items`
        : `${where} must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_format':
    case 'custom':
    default:
      return `${where} ${issue.message}`;
  }
}

function duplicate(values: string[]): string | null {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return null;
}

/** The rules the schema cannot state; each returns a sentence or null. */
function semanticProblems(b: Binding, root: string): string[] {
  const problems: string[] = [];
  const out = b.output;
  if (out.labels.length < 2) {
    problems.push(`${root}.output.labels must name at least two classes (for one sigmoid unit: [label when low, label when high])`);
  }
  const dupLabel = duplicate(out.labels);
  if (dupLabel !== null) problems.push(`${root}.output.labels lists '${dupLabel}' twice; every class needs its own label`);
  if (out.positive !== undefined && !out.labels.includes(out.positive)) {
    problems.push(`${root}.output.positive is '${out.positive}', which is not one of the labels ${out.labels.map((l) => `'${l}'`).join(', ')}`);
  }
  if (b.kind === 'tabular') {
    if (b.features.length === 0) problems.push(`${root}.features must list at least one feature`);
    b.features.forEach((f, i) => {
      if (f.kind === 'one-hot') {
        if (f.vocabulary.length === 0) problems.push(`${root}.features[${i}].vocabulary must list at least one value`);
        const dup = duplicate(f.vocabulary);
        if (dup !== null) problems.push(`${root}.features[${i}].vocabulary lists '${dup}' twice; each value gets one position`);
      } else if (f.divisor === 0) {
        problems.push(`${root}.features[${i}].divisor must not be 0`);
      }
    });
    const names = new Set<string>();
    (b.derive ?? []).forEach((d, i) => {
      if (names.has(d.name)) problems.push(`${root}.derive[${i}].name '${d.name}' is used twice; give each derived column its own name`);
      names.add(d.name);
      if (d.kind === 'bins') {
        for (let e = 1; e < d.edges.length; e++) {
          if (!(d.edges[e] > d.edges[e - 1])) {
            problems.push(`${root}.derive[${i}].edges must be in ascending order (${d.edges[e - 1]} comes before ${d.edges[e]})`);
            break;
          }
        }
        if (d.labels.length !== d.edges.length + 1) {
          problems.push(`${root}.derive[${i}].labels must have one more entry than edges (${d.edges.length} edges make ${d.edges.length + 1} bins) but has ${d.labels.length}`);
        }
      }
    });
  } else {
    if (!(b.range[0] < b.range[1])) problems.push(`${root}.range must be [low, high] with low < high, e.g. [0, 1] or [0, 255]`);
    for (const key of ['mean', 'std'] as const) {
      const v = b[key];
      if (v && v.length !== b.channels && v.length !== 1) {
        problems.push(`${root}.${key} must have one value per channel (${b.channels}) or a single value, but has ${v.length}`);
      }
    }
    if (b.std?.some((s) => !(s > 0))) problems.push(`${root}.std values must all be greater than 0`);
  }
  return problems;
}

function firstProblem(schema: z.ZodType, json: unknown, root: string): string | null {
  const result = schema.safeParse(json);
  if (!result.success) return describeIssue(root, result.error.issues[0], json);
  return null;
}

/** Validates JSON as a Binding; throws BindingError naming the first problem. */
export function parseBinding(json: unknown, root = 'binding'): Binding {
  const problem = firstProblem(bindingSchema, json, root);
  if (problem) throw new BindingError(`The binding is not valid: ${problem}.`);
  const binding = json as Binding;
  const semantic = semanticProblems(binding, root);
  if (semantic.length) throw new BindingError(`The binding is not valid: ${semantic[0]}.`);
  return binding;
}

/** Validates JSON as a KnownBinding (a shipped binding with the model hashes it is for). */
export function parseKnownBinding(json: unknown): KnownBinding {
  const id = json && typeof json === 'object' && typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : null;
  const root = id ? `knownBinding '${id}'` : 'knownBinding';
  const problem = firstProblem(knownBindingSchema, json, root);
  if (problem) throw new BindingError(`The shipped binding is not valid: ${problem}.`);
  const known = json as KnownBinding;
  const semantic = semanticProblems(known.binding, `${root}.binding`);
  if (semantic.length) throw new BindingError(`The shipped binding is not valid: ${semantic[0]}.`);
  return known;
}
