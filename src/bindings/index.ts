/**
 * Bindings the project ships, as JSON data, matched to models by SHA-256. Each file is validated
 * when this module loads, so a broken binding fails at start-up (and in the tests), not mid-run.
 *
 * The imports are listed by hand because the CLI runs this module in Node (tsx), where Vite's
 * import.meta.glob does not exist. To add a binding (demo bindings are demo-*.json): put its JSON
 * beside this file and add one import and one entry to `shipped` below. A unit test
 * (binding-shipped) fails when a JSON file here is not listed.
 */
import { parseKnownBinding } from '../core/binding-schema';
import type { KnownBinding } from '../core/types';
import adultIncomeMlpTfjs from './adult-income-mlp-tfjs.json';
import compasRiskMlpTfjs from './compas-risk-mlp-tfjs.json';
import demoMnistCnn from './demo-mnist-cnn.json';
import demoWagesOverfit from './demo-wages-overfit.json';
import demoWagesRegularised from './demo-wages-regularised.json';
import demoWagesV1 from './demo-wages-v1.json';
import demoWagesV2 from './demo-wages-v2.json';
import demoWagesV3 from './demo-wages-v3.json';
import germanCreditMlp from './german-credit-mlp.json';
import irisMlpOnnx from './iris-mlp-onnx.json';
import lendingClubXgboostOnnx from './lending-club-xgboost-onnx.json';
import mnistCnnOnnx from './mnist-cnn-onnx.json';
import tinyvgg4classTfjs from './tinyvgg-4class-tfjs.json';

const shipped: unknown[] = [
  // Reference models (../shared/reference/models, see its MANIFEST.md).
  mnistCnnOnnx,
  irisMlpOnnx,
  lendingClubXgboostOnnx,
  adultIncomeMlpTfjs,
  compasRiskMlpTfjs,
  tinyvgg4classTfjs,
  // Models the project trains itself.
  germanCreditMlp,
  // Demo models (src/bindings/demo-*.json, written by the demo scripts): add new ones here.
  demoWagesV1,
  demoWagesV2,
  demoWagesV3,
  demoWagesOverfit,
  demoWagesRegularised,
  demoMnistCnn,
];

export const knownBindings: KnownBinding[] = shipped.map(parseKnownBinding);

const bySha = new Map<string, KnownBinding>();
for (const known of knownBindings) {
  for (const sha of known.modelSha256) {
    const clash = bySha.get(sha);
    if (clash) throw new Error(`Shipped bindings '${clash.id}' and '${known.id}' both claim the model ${sha}; keep one.`);
    bySha.set(sha, known);
  }
}

/** The shipped binding for a model, by the model's SHA-256 (lower-case hex), if there is one. */
export function findBinding(sha256: string): KnownBinding | undefined {
  return bySha.get(sha256.toLowerCase());
}

/** A shipped binding by its id. */
export function bindingById(id: string): KnownBinding | undefined {
  return knownBindings.find((k) => k.id === id);
}
