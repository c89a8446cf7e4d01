/**
 * Hygiene of an ONNX file, read from its protobuf alone (onnx/onnx.proto, IR spec
 * https://onnx.ai/onnx/repo-docs/IR.html): versions, operator domains, external data, tensors whose
 * declared size does not match what they hold, graph size and nesting, metadata.
 */
import type { onnx as OnnxTypes } from 'onnx-proto';
import type { HygieneFinding } from '../core/types';
import { messageOf } from './errors';
import { LONG_TEXT, excerpt, finding, formatBytes, looksLikeMarkup, plural } from './hygiene-finding';
import { onnx, toNumber } from './onnx-proto';
import { unsafePathReason } from './paths';

/** The operator domains of the ONNX standard ('' is ai.onnx). */
const STANDARD_DOMAINS: ReadonlySet<string> = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training']);

/** Widely used vendor domains: not standard, but their operators ship with onnxruntime itself. */
const RUNTIME_DOMAINS: ReadonlySet<string> = new Set(['com.microsoft', 'com.microsoft.nchwc', 'com.microsoft.experimental', 'com.ms.internal.nhwc']);

/** The newest IR version and ai.onnx opset this version of TrustGrade knows (onnx 1.19). */
export const NEWEST_KNOWN = { ir: 12, opset: 24 } as const;
/** Older than these, the file predates ONNX 1.2 (2018) and few runtimes still read it faithfully. */
const OLDEST_USUAL = { ir: 3, opset: 7 } as const;

/** Above these the graph is unusually large or deeply nested for a classifier. */
export const LIMITS = { nodes: 200_000, nesting: 16, weightBytes: 2 * 1024 ** 3 } as const;

/** Bytes per element in raw_data by TensorProto.DataType; 0.5 for the packed 4-bit types. */
const RAW_BYTES: Readonly<Record<number, number>> = Object.freeze({
  1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 14: 8, 15: 16, 16: 2,
  17: 1, 18: 1, 19: 1, 20: 1, 21: 0.5, 22: 0.5, 23: 0.5,
});

export function auditOnnx(bytes: Uint8Array, file: string): HygieneFinding[] {
  if (bytes.length === 0) {
    return [finding('file-empty', 'medium', file, `'${file}' is empty (0 bytes). It cannot be a model; export or copy it again.`)];
  }
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    return [finding('onnx-unreadable', 'medium', file,
      `'${file}' is not readable ONNX protobuf (${excerpt(messageOf(error), 120)}). A damaged, truncated or disguised file; ` +
        'TrustGrade refuses to open it. Export the model again or check where it came from.')];
  }
  const found: HygieneFinding[] = [];
  found.push(...versionFindings(model, file));
  const walk = model.graph ? walkGraph(model.graph) : null;
  if (!walk) {
    found.push(finding('onnx-no-graph', 'medium', file, `'${file}' decodes as ONNX but holds no graph, so there is nothing to run. Export the model again.`));
  } else {
    const pinned = (model.opsetImport ?? []).some((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx');
    if (!pinned && (walk.operators.has('') || walk.operators.has('ai.onnx'))) {
      found.push(finding('onnx-no-default-opset', 'low', file,
        `'${file}' uses standard operators but imports no ai.onnx opset, so their meaning is not pinned. Export it again.`));
    }
    found.push(...domainFindings(model, walk, file));
    found.push(...tensorFindings(walk, file));
    found.push(...sizeFindings(walk, file));
  }
  found.push(...textFindings(model, walk, file));
  if ((model.trainingInfo ?? []).length > 0) {
    found.push(finding('onnx-training-info', 'info', file,
      `'${file}' carries ${plural(model.trainingInfo!.length, 'training-info block')} (training algorithms stored with the model). Inference ignores them.`));
  }
  return found;
}

function versionFindings(model: OnnxTypes.ModelProto, file: string): HygieneFinding[] {
  const ir = toNumber(model.irVersion);
  const opsets = (model.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: toNumber(o.version) }));
  const main = opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ') || 'not recorded';
  const out = [finding('onnx-versions', 'info', file,
    `IR version ${ir}; opsets ${opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || 'none declared'}; producer ${excerpt(producer)}.`)];
  if (ir > NEWEST_KNOWN.ir || (main && main.version > NEWEST_KNOWN.opset)) {
    out.push(finding('onnx-unknown-version', 'low', file,
      `'${file}' declares IR version ${ir}${main ? ` and opset ${main.version}` : ''}, newer than the newest this TrustGrade knows ` +
        `(IR ${NEWEST_KNOWN.ir}, opset ${NEWEST_KNOWN.opset}). Either it comes from a very new exporter or the versions are made up; ` +
        'export it with a released opset if it does not open.'));
  }
  if ((ir > 0 && ir < OLDEST_USUAL.ir) || (main && main.version < OLDEST_USUAL.opset)) {
    out.push(finding('onnx-old-version', 'low', file,
      `'${file}' declares IR version ${ir}${main ? ` and opset ${main.version}` : ''}, older than ONNX 1.2 (IR ${OLDEST_USUAL.ir}, opset ${OLDEST_USUAL.opset}). ` +
        'Operators changed meaning since; export the model again with a current exporter.'));
  }
  return out;
}

interface GraphWalk {
  nodes: number;
  deepest: number;
  /** Operators by domain, with counts. */
  operators: Map<string, Map<string, number>>;
  initializers: OnnxTypes.ITensorProto[];
  docStrings: string[];
}

function walkGraph(root: OnnxTypes.IGraphProto): GraphWalk {
  const walk: GraphWalk = { nodes: 0, deepest: 0, operators: new Map(), initializers: [], docStrings: [] };
  // Iterative, so that a maliciously deep nesting cannot overflow the stack here.
  const stack: { graph: OnnxTypes.IGraphProto; depth: number }[] = [{ graph: root, depth: 0 }];
  while (stack.length > 0) {
    const { graph, depth } = stack.pop()!;
    walk.deepest = Math.max(walk.deepest, depth);
    walk.initializers.push(...(graph.initializer ?? []));
    if (graph.docString) walk.docStrings.push(graph.docString);
    for (const node of graph.node ?? []) {
      walk.nodes++;
      const domain = node.domain ?? '';
      const ops = walk.operators.get(domain) ?? new Map<string, number>();
      ops.set(node.opType ?? '', (ops.get(node.opType ?? '') ?? 0) + 1);
      walk.operators.set(domain, ops);
      if (node.docString) walk.docStrings.push(node.docString);
      for (const attribute of node.attribute ?? []) {
        for (const g of [...(attribute.g ? [attribute.g] : []), ...(attribute.graphs ?? [])]) stack.push({ graph: g, depth: depth + 1 });
      }
    }
  }
  return walk;
}

function domainFindings(model: OnnxTypes.ModelProto, walk: GraphWalk, file: string): HygieneFinding[] {
  const localFunctions = new Set((model.functions ?? []).map((f) => `${f.domain ?? ''}\u0000${f.name ?? ''}`));
  const out: HygieneFinding[] = [];
  for (const [domain, ops] of walk.operators) {
    if (STANDARD_DOMAINS.has(domain)) continue;
    const external = [...ops].filter(([op]) => !localFunctions.has(`${domain}\u0000${op}`));
    const list = (entries: [string, number][]) => entries.slice(0, 6).map(([op, n]) => `${op} ×${n}`).join(', ') + (entries.length > 6 ? ', …' : '');
    if (external.length === 0) {
      out.push(finding('onnx-local-functions', 'info', file,
        `'${file}' uses operators of domain '${domain}' (${list([...ops])}) that it defines itself as ONNX functions, built from standard operators.`));
    } else if (RUNTIME_DOMAINS.has(domain)) {
      out.push(finding('onnx-runtime-operators', 'low', file,
        `'${file}' uses onnxruntime's own operators from '${domain}' (${list(external)}). They are not part of the ONNX standard, ` +
          'so the model runs on onnxruntime only; other runtimes will refuse it.'));
    } else {
      out.push(finding('onnx-custom-operators', 'medium', file,
        `'${file}' uses operators from the non-standard domain '${excerpt(domain)}' (${list(external)}). Running them needs a ` +
          'custom-operator library, which is native code loaded into the runtime; TrustGrade never loads one, so the model cannot run here. ' +
          'Wherever it does run, that library has to be trusted as much as the model: ask its provider for it and its source.'));
    }
  }
  return out;
}

function tensorFindings(walk: GraphWalk, file: string): HygieneFinding[] {
  const out: HygieneFinding[] = [];
  const inside: string[] = [];
  const outside: string[] = [];
  const mismatched: string[] = [];
  for (const t of walk.initializers) {
    const name = excerpt(t.name ?? '(unnamed)', 40);
    if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
      const location = (t.externalData ?? []).find((e) => e.key === 'location')?.value ?? '';
      if (unsafePathReason(location) || /%2e|%2f|%5c/i.test(location)) outside.push(`${name} → '${excerpt(location)}'`);
      else inside.push(`${name} → '${excerpt(location)}'`);
      continue;
    }
    const problem = sizeProblem(t);
    if (problem) mismatched.push(`${name}: ${problem}`);
  }
  if (outside.length > 0) {
    out.push(finding('onnx-external-data-outside-folder', 'high', file,
      `'${file}' says ${plural(outside.length, 'weight tensor is', 'weight tensors are')} stored in files outside its own folder ` +
        `(${outside.slice(0, 3).join('; ')}${outside.length > 3 ? '; …' : ''}). A runtime that follows external-data paths would read those files. ` +
        'TrustGrade never follows them and refuses the model; do not run it elsewhere before the paths are explained.'));
  }
  if (inside.length > 0) {
    out.push(finding('onnx-external-data', 'medium', file,
      `'${file}' keeps ${plural(inside.length, 'weight tensor')} in separate files (${inside.slice(0, 3).join('; ')}${inside.length > 3 ? '; …' : ''}). ` +
        "The model's SHA-256 does not cover those weights, and TrustGrade does not open them, so it refuses the model. " +
        'Save the weights inside the .onnx file (onnx.save_model(model, path, save_as_external_data=False)).'));
  }
  if (mismatched.length > 0) {
    out.push(finding('onnx-tensor-size-mismatch', 'medium', file,
      `'${file}' has ${plural(mismatched.length, 'tensor')} whose declared shape does not match the data it holds (${mismatched.slice(0, 3).join('; ')}` +
        `${mismatched.length > 3 ? '; …' : ''}). A runtime may allocate for the declared shape or read past the data; the file is damaged or crafted. Export it again.`));
  }
  return out;
}

/** Why a tensor's declared shape and its stored data disagree, or null when they agree. */
function sizeProblem(t: OnnxTypes.ITensorProto): string | null {
  const dims = (t.dims ?? []).map((d) => toNumber(d));
  if (dims.some((d) => d < 0 || !Number.isFinite(d))) return `negative dimension in [${dims.join(', ')}]`;
  const elements = dims.reduce((a, b) => a * b, 1);
  const type = t.dataType ?? 0;
  if (type === onnx.TensorProto.DataType.STRING) {
    const stored = (t.stringData ?? []).length;
    return stored === elements ? null : `[${dims.join(', ')}] promises ${elements.toLocaleString('en-US')} strings, holds ${stored}`;
  }
  const raw = t.rawData?.length ?? 0;
  const perElement = RAW_BYTES[type];
  if (raw > 0) {
    if (perElement === undefined) return null;
    const expected = Math.ceil(elements * perElement);
    return raw === expected ? null : `[${dims.join(', ')}] promises ${formatBytes(expected)}, holds ${formatBytes(raw)}`;
  }
  const typed = [t.floatData, t.int32Data, t.int64Data, t.doubleData, t.uint64Data].reduce((n, list) => n + (list?.length ?? 0), 0);
  const perValue = type === 14 || type === 15 ? 2 : perElement !== undefined && perElement < 1 ? 0.5 : 1;
  const expected = Math.ceil(elements * perValue);
  return typed === expected ? null : `[${dims.join(', ')}] promises ${elements.toLocaleString('en-US')} values, holds ${typed}`;
}

function sizeFindings(walk: GraphWalk, file: string): HygieneFinding[] {
  const out: HygieneFinding[] = [];
  if (walk.nodes > LIMITS.nodes) {
    out.push(finding('onnx-very-large-graph', 'low', file,
      `'${file}' has ${plural(walk.nodes, 'node')} (more than ${LIMITS.nodes.toLocaleString('en-US')}), unusually many for a classifier. ` +
        'Expect slow loading; check that this is the model you meant.'));
  }
  if (walk.deepest > LIMITS.nesting) {
    out.push(finding('onnx-deep-nesting', 'medium', file,
      `'${file}' nests subgraphs ${walk.deepest} levels deep (If/Loop/Scan bodies; more than ${LIMITS.nesting}). ` +
        'Deep nesting is a known way to exhaust parsers and runtimes; real exporters rarely go past a few levels.'));
  }
  let declared = 0;
  for (const t of walk.initializers) {
    const elements = (t.dims ?? []).reduce<number>((a, d) => a * Math.max(0, toNumber(d)), 1);
    declared += elements * (RAW_BYTES[t.dataType ?? 0] ?? 4);
  }
  if (declared > LIMITS.weightBytes) {
    out.push(finding('onnx-very-large-weights', 'low', file,
      `'${file}' declares ${formatBytes(declared)} of weights, more than a browser tab can hold comfortably (${formatBytes(LIMITS.weightBytes)}).`));
  }
  return out;
}

function textFindings(model: OnnxTypes.ModelProto, walk: GraphWalk | null, file: string): HygieneFinding[] {
  const out: HygieneFinding[] = [];
  const props = (model.metadataProps ?? []).map((p) => ({ key: p.key ?? '', value: p.value ?? '' }));
  if (props.length > 0) {
    out.push(finding('onnx-metadata', 'info', file,
      `'${file}' carries ${plural(props.length, 'metadata property', 'metadata properties')}: ${props.slice(0, 8).map((p) => excerpt(p.key, 30)).join(', ')}` +
        `${props.length > 8 ? ', …' : ''}.`));
  }
  const texts = [
    ...props.flatMap((p) => [p.key, p.value]),
    model.docString ?? '', model.producerName ?? '', model.producerVersion ?? '', model.domain ?? '',
    ...(walk?.docStrings ?? []),
  ];
  const marked = texts.filter(looksLikeMarkup);
  if (marked.length > 0) {
    out.push(finding('onnx-metadata-markup', 'low', file,
      `'${file}' has markup or script in its metadata or documentation (e.g. "${excerpt(marked[0], 50)}"). TrustGrade shows it as plain text only, ` +
        'but a tool that renders model metadata as HTML could run it; treat the file with suspicion.'));
  }
  const long = texts.filter((t) => t.length > LONG_TEXT);
  if (long.length > 0) {
    out.push(finding('onnx-metadata-large', 'low', file,
      `'${file}' has ${plural(long.length, 'metadata or documentation text')} over ${formatBytes(LONG_TEXT)}; metadata is meant for short facts, not payloads.`));
  }
  return out;
}
