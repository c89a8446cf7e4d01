/**
 * Writes one trained model as TF.js files and as ONNX (own exporter), checks that the files
 * reproduce the trained model and that ONNX (onnxruntime-node) agrees with TF.js, and returns
 * the manifest entries for both formats.
 */
import type * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoModel } from '../../src/bindings/demo-manifest';
import { exportLayersModelToOnnx } from './onnx-export';
import { maxAbsDifference, onnxVersusTfjs, runTfjs } from './onnx-verify';
import { DEMO_DIR } from './paths';
import { loadLayersModel, serializeLayersModel, sha256Hex, tfjsModelSha256, writeModelFiles, MODEL_JSON, WEIGHTS_BIN } from './tfjs-files';

export const ONNX_TOLERANCE = 1e-4;

export interface PublishRequest {
  id: string;
  title: string;
  family: string;
  version: string;
  description: string;
  dataset: string;
  metrics: Record<string, number>;
  /** Inputs for the ONNX check: n samples back to back, and the full batch shape. */
  check: { x: Float32Array; shape: number[] };
}

export interface Published {
  entries: DemoModel[];
  tfjsSha256: string;
  onnxSha256: string;
  onnxMaxAbsDiff: number;
  bytes: number;
}

export async function publishModel(model: tf.LayersModel, request: PublishRequest, log: (line: string) => void): Promise<Published> {
  const folder = `models/${request.id}`;
  const files = await serializeLayersModel(model);
  writeModelFiles(join(DEMO_DIR, folder), files);
  const tfjsSha256 = tfjsModelSha256(files);

  const reloaded = await loadLayersModel(files);
  const { x, shape } = request.check;
  const roundTrip = maxAbsDifference(runTfjs(model, x, shape), runTfjs(reloaded, x, shape));
  if (roundTrip !== 0) throw new Error(`${request.id}: the saved TF.js files give outputs up to ${roundTrip} away from the trained model. The save handler is broken.`);

  const onnxBytes = exportLayersModelToOnnx(files, {
    docString: `${request.title}. ${request.description} Exported from the TF.js model (SHA-256 ${tfjsSha256}) by scripts/demo/onnx-export.ts.`,
    metadata: { 'trustgrade.family': request.family, 'trustgrade.version': request.version, 'trustgrade.tfjs_sha256': tfjsSha256 },
  });
  const onnxFile = `${folder}/${request.id}.onnx`;
  writeFileSync(join(DEMO_DIR, onnxFile), onnxBytes);
  const onnxMaxAbsDiff = await onnxVersusTfjs(onnxBytes, reloaded, x, shape);
  reloaded.dispose();
  log(`  ${request.id}: ONNX vs TF.js max |Δ| = ${onnxMaxAbsDiff.toExponential(2)} on ${shape[0]} samples; ` +
    `TF.js ${files.modelJson.length + files.weights.length} bytes, ONNX ${onnxBytes.length} bytes`);
  if (!(onnxMaxAbsDiff <= ONNX_TOLERANCE)) throw new Error(`${request.id}: ONNX and TF.js outputs differ by ${onnxMaxAbsDiff} (> ${ONNX_TOLERANCE}). The exporter mistranslates a layer.`);

  const common = { family: request.family, version: request.version, dataset: request.dataset, binding: `demo-${request.id}`, description: request.description, metrics: { ...request.metrics, onnxMaxAbsDiff } };
  return {
    entries: [
      { id: `${request.id}-tfjs`, title: `${request.title} (TF.js)`, format: 'tfjs', files: [`${folder}/${MODEL_JSON}`, `${folder}/${WEIGHTS_BIN}`], sha256: tfjsSha256, ...common },
      { id: `${request.id}-onnx`, title: `${request.title} (ONNX)`, format: 'onnx', files: [onnxFile], sha256: sha256Hex(onnxBytes), ...common },
    ],
    tfjsSha256,
    onnxSha256: sha256Hex(onnxBytes),
    onnxMaxAbsDiff,
    bytes: files.modelJson.length + files.weights.length + onnxBytes.length,
  };
}
