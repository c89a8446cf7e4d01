/**
 * The reference MNIST CNN (ONNX) on the MNIST test set with a declared OOD set, run by the engine
 * as the CLI runs it. Shared by the OOD conformance test and the app's re-run test. Needs
 * ../shared/reference.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseKnownBinding } from '../../src/core/binding';
import type { BackendChoice, Run, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';

export const REF = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MNIST_CNN = `${REF}models/mnist-cnn-onnx/mnist.onnx`;
export const MNIST_TEST = ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].map((f) => `${REF}datasets/mnist-test/${f}`);

const read = (path: string) => ({ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

export interface MnistOodRun {
  suite: Suite;
  oodFiles: string[];
  /** The name the OOD set is opened under (the OOD probe reports it by name). */
  oodName: string;
  backend: BackendChoice;
  seed: number;
  limit: number;
}

export async function runMnistWithOod(options: MnistOodRun): Promise<Run> {
  const service = createEvalService(nodeHost);
  const model = await service.openModel([read(MNIST_CNN)], options.backend);
  const mnist = await service.openDataset(MNIST_TEST.map(read));
  const ood = await service.openDataset(options.oodFiles.map(read), options.oodName);
  const binding = parseKnownBinding(JSON.parse(readFileSync(`${ROOT}src/bindings/mnist-cnn-onnx.json`, 'utf8'))).binding;
  try {
    return await service.run({
      runId: `mnist-ood-${options.seed}`, modelSha256: model.sha256, datasetSha256: mnist.manifest.sha256, binding,
      suite: options.suite, seed: options.seed, limit: options.limit,
      auxiliary: [{ role: 'ood', datasetSha256: ood.manifest.sha256 }],
    });
  } finally {
    await service.closeModel(model.sha256);
  }
}
