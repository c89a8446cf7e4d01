import type { ModelFile, ModelFormat, ModelInfo } from '../core/types';
import { ModelError } from './errors';
import { inspectOnnx } from './inspect-onnx';
import { inspectTfjs, type TfjsInspection } from './inspect-tfjs';
import { auditModelFiles } from './hygiene';
import { basename, normalizePath } from './paths';
import { sha256Hex } from '../core/sha256';
import { looksLikeZip, unzipModelFiles } from './zip';

/** What can be known about a model from its files alone: ModelInfo before a backend is chosen. */
export type Inspected = Omit<ModelInfo, 'backend' | 'backendNote' | 'differentiable'>;

/** An inspected model plus what an engine needs to open it. */
export type ModelSource =
  | { format: 'onnx'; inspected: Inspected; bytes: Uint8Array }
  | { format: 'tfjs'; inspected: Inspected; tfjs: TfjsInspection };

const ACCEPTED = 'an .onnx file, a TF.js model.json with its weight files, or a .zip of either';

/** Describes the model in `files` (format, SHA-256, inputs, outputs, facts); ModelError when it cannot. */
export async function inspectModel(files: ModelFile[]): Promise<Inspected> {
  return (await readModelSource(files)).inspected;
}

/**
 * Finds the model among the dropped files, checks it and describes it. A single zip is unpacked
 * first; a folder may hold other files (LICENSE, encoding.json) beside the model.
 * SHA-256: ONNX = the file's bytes; TF.js = model.json followed by its shards in manifest order.
 */
export async function readModelSource(dropped: ModelFile[]): Promise<ModelSource> {
  const files = expandZip(dropped).map((f) => ({ path: normalizePath(f.path), bytes: f.bytes }));
  const located = locate(files);
  const hygiene = auditModelFiles(dropped);
  if (located.format === 'onnx') {
    const file = located.file;
    const { inputs, outputs, facts } = inspectOnnx(file.bytes, file.path);
    const inspected: Inspected = {
      name: basename(file.path),
      format: 'onnx',
      sha256: await sha256Hex(file.bytes),
      sizeBytes: file.bytes.length,
      inputs,
      outputs,
      onnx: facts,
      hygiene,
    };
    return { format: 'onnx', inspected, bytes: file.bytes };
  }
  const tfjs = inspectTfjs(located.file, files);
  const hashed = [located.file.bytes, ...tfjs.shards.map((s) => s.bytes)];
  const inspected: Inspected = {
    name: basename(located.file.path),
    format: 'tfjs',
    sha256: await sha256Hex(hashed),
    sizeBytes: hashed.reduce((sum, b) => sum + b.length, 0),
    inputs: tfjs.inputs,
    outputs: tfjs.outputs,
    tfjs: tfjs.facts,
    hygiene,
  };
  return { format: 'tfjs', inspected, tfjs };
}

function expandZip(files: ModelFile[]): ModelFile[] {
  const zips = files.filter((f) => looksLikeZip(f.bytes) || /\.zip$/i.test(f.path));
  if (zips.length === 0) return files;
  if (files.length > 1) {
    throw new ModelError(
      `A zip (${basename(zips[0].path)}) was dropped together with other files. Drop either the zip alone or the model files without it.`,
    );
  }
  const inner = unzipModelFiles(files[0].bytes, `'${basename(files[0].path)}'`);
  if (inner.some((f) => looksLikeZip(f.bytes))) {
    throw new ModelError(`'${basename(files[0].path)}' contains another zip. Unpack it and drop the model files or a single zip of them.`);
  }
  return inner;
}

const extension = (path: string): string => {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/** A JSON file whose first character is '{' (TF.js model.json), told apart without parsing it. */
const looksLikeJson = (bytes: Uint8Array): boolean => {
  for (const b of bytes.subarray(0, 64)) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b === 0x7b;
  }
  return false;
};

function locate(files: ModelFile[]): { format: ModelFormat; file: ModelFile } {
  if (files.length === 0) throw new ModelError(`No files were given. Drop ${ACCEPTED}.`);
  const onnxFiles = files.filter((f) => extension(f.path) === 'onnx');
  const jsonFiles = files.filter((f) => extension(f.path) === 'json');
  const modelJsons = jsonFiles.filter((f) => basename(f.path) === 'model.json');
  if (onnxFiles.length > 1) {
    throw new ModelError(`Several ONNX files were dropped (${onnxFiles.map((f) => basename(f.path)).join(', ')}). Drop one model at a time.`);
  }
  if (onnxFiles.length === 1 && modelJsons.length > 0) {
    throw new ModelError(`Both an ONNX file (${basename(onnxFiles[0].path)}) and a TF.js model.json were dropped. Drop one model at a time.`);
  }
  if (onnxFiles.length === 1) return { format: 'onnx', file: onnxFiles[0] };
  if (modelJsons.length > 1) {
    throw new ModelError(`Several model.json files were dropped (${modelJsons.map((f) => f.path).join(', ')}). Drop one model at a time.`);
  }
  if (modelJsons.length === 1) return { format: 'tfjs', file: modelJsons[0] };
  // A renamed TF.js model.json: the only JSON file, or the only one that mentions a topology.
  const topologyJsons = jsonFiles.filter((f) => new TextDecoder().decode(f.bytes.subarray(0, 1 << 20)).includes('"modelTopology"'));
  if (topologyJsons.length === 1) return { format: 'tfjs', file: topologyJsons[0] };
  if (jsonFiles.length === 1 && files.length === 1) return { format: 'tfjs', file: jsonFiles[0] };
  // A single file with another extension: ONNX if it is not JSON (inspection then decides), else refuse.
  if (files.length === 1 && files[0].bytes.length > 0 && !looksLikeJson(files[0].bytes) && extension(files[0].path) !== 'json') {
    return sniffSingle(files[0]);
  }
  if (files.length === 1 && files[0].bytes.length === 0) {
    throw new ModelError(`'${basename(files[0].path)}' is empty (0 bytes) and its name does not say what it is. Drop ${ACCEPTED}.`);
  }
  throw new ModelError(
    `No model was found among ${files.map((f) => `'${basename(f.path)}'`).slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}. Drop ${ACCEPTED}.`,
  );
}

/** A single file with an unknown extension is accepted only if it decodes as an ONNX model. */
function sniffSingle(file: ModelFile): { format: ModelFormat; file: ModelFile } {
  try {
    inspectOnnx(file.bytes, file.path);
  } catch {
    throw new ModelError(`'${basename(file.path)}' is not a model TrustGrade can read. Drop ${ACCEPTED}.`);
  }
  return { format: 'onnx', file };
}
