/**
 * Model-file hygiene: what the files of a model reveal about its safety and upkeep, before and
 * without running it. Findings come with a severity and a plain explanation; the audit never
 * throws, so files that inspection refuses (path traversal, wrong lengths, damage) still get
 * findings explaining why. The result is recorded on ModelInfo.hygiene when a model is opened.
 */
import type { HygieneFinding, ModelFile } from '../core/types';
import { messageOf } from './errors';
import { bySeverity, excerpt, finding, plural } from './hygiene-finding';
import { auditOnnx } from './hygiene-onnx';
import { auditTfjs } from './hygiene-tfjs';
import { auditZip } from './hygiene-zip';
import { onnx } from './onnx-proto';
import { basename, unsafePathReason } from './paths';
import { looksLikeZip } from './zip';

export { SEVERITY_ORDER } from './hygiene-finding';

/** Findings about the dropped files, most serious first. Never throws. */
export function auditModelFiles(files: ModelFile[]): HygieneFinding[] {
  try {
    return bySeverity(auditDrop(files));
  } catch (error) {
    return [finding('audit-incomplete', 'low', files[0]?.path ?? '',
      `The audit of the model files stopped early (${excerpt(messageOf(error), 120)}), so its findings are incomplete. Please report this with the files.`)];
  }
}

function auditDrop(files: ModelFile[]): HygieneFinding[] {
  const out: HygieneFinding[] = [];
  const plain: ModelFile[] = [];
  for (const file of files) {
    if (!looksLikeZip(file.bytes) && !/\.zip$/i.test(file.path)) {
      plain.push(file);
      continue;
    }
    const zip = auditZip(file.bytes, file.path);
    out.push(...zip.findings);
    // Inner files are named by their path inside the zip, so a zipped model gets the same findings as its files.
    if (zip.files.length > 0) out.push(...auditFolder(zip.files));
  }
  if (plain.length > 0) out.push(...auditFolder(plain));
  return out;
}

const extension = (path: string): string => {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
};

function mentionsTopology(file: ModelFile): boolean {
  return new TextDecoder().decode(file.bytes.subarray(0, 1 << 20)).includes('"modelTopology"');
}

/** A file that decodes as an ONNX model with a graph, whatever its name. */
function decodesAsOnnx(file: ModelFile): boolean {
  if (file.bytes.length === 0 || file.bytes[0] === 0x7b) return false;
  try {
    return Boolean(onnx.ModelProto.decode(file.bytes).graph);
  } catch {
    return false;
  }
}

/** The files of one model folder (a drop, or a zip's contents). */
function auditFolder(files: ModelFile[]): HygieneFinding[] {
  const out: HygieneFinding[] = [];
  const unsafe = files.filter((f) => unsafePathReason(f.path) !== null);
  if (unsafe.length > 0) {
    out.push(finding('dropped-path-unsafe', 'high', unsafe[0].path,
      `${plural(unsafe.length, 'file was', 'files were')} given with a path that leaves the model's folder (${unsafe.slice(0, 3).map((f) => `'${excerpt(f.path)}'`).join(', ')}). ` +
        'Give model files by their names inside the folder.'));
  }
  const onnxFiles = files.filter((f) => extension(f.path) === 'onnx');
  const modelJsons = files.filter((f) => extension(f.path) === 'json' && (basename(f.path) === 'model.json' || mentionsTopology(f)));
  for (const f of onnxFiles) {
    out.push(...auditOnnx(f.bytes, f.path));
  }
  for (const f of modelJsons) {
    out.push(...auditTfjs(f, files));
  }
  if (onnxFiles.length === 0 && modelJsons.length === 0) {
    const sniffed = files.length === 1 && decodesAsOnnx(files[0]) ? files[0] : null;
    if (sniffed) {
      out.push(...auditOnnx(sniffed.bytes, sniffed.path));
    } else {
      out.push(finding('no-model-found', 'medium', files[0].path,
        `No model was found among ${files.slice(0, 5).map((f) => `'${excerpt(f.path, 40)}'`).join(', ')}${files.length > 5 ? ', …' : ''}: ` +
          'no .onnx file decodes as ONNX and no JSON file is a TF.js model.json. TrustGrade refuses the drop.'));
      return out;
    }
  }
  if (onnxFiles.length + modelJsons.length > 1) {
    out.push(finding('several-models', 'low', files[0].path,
      `${onnxFiles.length + modelJsons.length} models were given together; each was audited, but TrustGrade opens one model at a time.`));
  }
  return out;
}
