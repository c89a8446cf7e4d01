/**
 * TF.js layers models as files: model.json plus one weights shard, written through a custom
 * `tf.io.withSaveHandler`, read back through `tf.io.fromMemory`, hashed the way ModelInfo.sha256
 * defines it for TF.js (SHA-256 of model.json's bytes followed by its shards in manifest order).
 */
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** What a layers-model model.json holds (the part the demo reads). */
export interface LayersModelJson {
  modelTopology: { class_name: string; config: { name?: string; layers: { class_name: string; config: Record<string, unknown> }[] } };
  format: string;
  generatedBy: string;
  convertedBy: string | null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

export interface SavedModelFiles {
  modelJson: Uint8Array;
  weights: Uint8Array;
}

/** Serialises a model to model.json + weights.bin bytes (nothing written yet). */
export async function serializeLayersModel(model: tf.LayersModel): Promise<SavedModelFiles> {
  let files: SavedModelFiles | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    if (!artifacts.weightSpecs || artifacts.weightData === undefined) throw new Error('TF.js gave no weights to save.');
    const json: LayersModelJson = {
      modelTopology: artifacts.modelTopology as LayersModelJson['modelTopology'],
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
    };
    const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
    files = { modelJson: new TextEncoder().encode(JSON.stringify(json)), weights };
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  }));
  if (!files) throw new Error('TF.js did not call the save handler.');
  return files;
}

export function writeModelFiles(dir: string, files: SavedModelFiles): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MODEL_JSON), files.modelJson);
  writeFileSync(join(dir, WEIGHTS_BIN), files.weights);
}

export function readModelFiles(modelJsonPath: string): SavedModelFiles {
  const modelJson = new Uint8Array(readFileSync(modelJsonPath));
  const json = parseModelJson(modelJson);
  const paths = json.weightsManifest.flatMap((group) => group.paths);
  if (paths.length !== 1) throw new Error(`${modelJsonPath} lists ${paths.length} weight shards; the demo writes exactly one.`);
  return { modelJson, weights: new Uint8Array(readFileSync(join(dirname(modelJsonPath), paths[0]))) };
}

export function parseModelJson(bytes: Uint8Array): LayersModelJson {
  return JSON.parse(new TextDecoder().decode(bytes)) as LayersModelJson;
}

export async function loadLayersModel(files: SavedModelFiles): Promise<tf.LayersModel> {
  const json = parseModelJson(files.modelJson);
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const { buffer, byteOffset, byteLength } = files.weights;
  return tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: json.modelTopology as unknown as tf.io.ModelJSON['modelTopology'],
    weightSpecs,
    weightData: buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer,
  }));
}

export function sha256Hex(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** ModelInfo.sha256 of a TF.js model: model.json bytes, then the shards in manifest order. */
export function tfjsModelSha256(files: SavedModelFiles): string {
  return sha256Hex(files.modelJson, files.weights);
}
