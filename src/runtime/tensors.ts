import type { ModelInfo, TensorInfo } from '../core/types';
import { FLOAT_DTYPES, NUMERIC_DTYPES } from './dtype';
import { ModelError } from './errors';

/** ONNX sequence/map/optional outputs (e.g. a ZipMap's sequence(map(int64,float32))) are not tensors. */
export function isNonTensor(info: TensorInfo): boolean {
  return info.dtype.includes('(');
}

const names = (list: TensorInfo[]): string => list.map((t) => `'${t.name}'`).join(', ');

/** The input to feed: the named one, or the first. */
export function chooseInput(info: Pick<ModelInfo, 'inputs' | 'name'>, requested?: string): TensorInfo {
  if (requested === undefined) return info.inputs[0];
  const found = info.inputs.find((t) => t.name === requested);
  if (!found) {
    throw new ModelError(`The model has no input '${requested}'. Its inputs are: ${names(info.inputs)}. Pick one of those in the binding.`);
  }
  return found;
}

const zipMapAdvice =
  'It is a non-tensor output, typically a ZipMap that scikit-learn converters add, which TrustGrade cannot read. ' +
  'Export the model again without ZipMap (with skl2onnx: options={id(model): {"zipmap": False}}) so the probabilities are a plain tensor.';

/**
 * The output to read: the named one, or the first floating-point tensor, or else the first numeric
 * tensor (a label-only model). A non-tensor output can never be chosen.
 */
export function chooseOutput(info: Pick<ModelInfo, 'outputs' | 'name'>, requested?: string): TensorInfo {
  if (requested !== undefined) {
    const found = info.outputs.find((t) => t.name === requested);
    if (!found) {
      throw new ModelError(`The model has no output '${requested}'. Its outputs are: ${names(info.outputs)}. Pick one of those in the binding.`);
    }
    if (isNonTensor(found)) throw new ModelError(`The output '${found.name}' of ${info.name} has type ${found.dtype}. ${zipMapAdvice}`);
    if (!NUMERIC_DTYPES.has(found.dtype)) {
      throw new ModelError(`The output '${found.name}' of ${info.name} holds ${found.dtype} values, not numbers. Pick a numeric output: ${names(info.outputs)}.`);
    }
    return found;
  }
  const float = info.outputs.find((t) => FLOAT_DTYPES.has(t.dtype));
  if (float) return float;
  const nonTensor = info.outputs.find(isNonTensor);
  if (nonTensor) {
    throw new ModelError(
      `${info.name} has no tensor output with probabilities: '${nonTensor.name}' has type ${nonTensor.dtype}. ${zipMapAdvice}`,
    );
  }
  const numeric = info.outputs.find((t) => NUMERIC_DTYPES.has(t.dtype));
  if (numeric) return numeric;
  throw new ModelError(`${info.name} has no numeric output (outputs: ${names(info.outputs)}), so there is nothing to grade.`);
}

/**
 * Checks that can refuse a model before any engine is started: TrustGrade feeds exactly one input
 * tensor and reads one tensor output.
 */
export function assertRunnable(info: Pick<ModelInfo, 'inputs' | 'outputs' | 'name' | 'onnx'>): void {
  if (info.inputs.length !== 1) {
    throw new ModelError(
      `${info.name} has ${info.inputs.length} inputs (${names(info.inputs)}); TrustGrade feeds one input tensor. ` +
        'Export the model with a single input that holds all features.',
    );
  }
  if (isNonTensor(info.inputs[0]) || !NUMERIC_DTYPES.has(info.inputs[0].dtype)) {
    throw new ModelError(
      `The input '${info.inputs[0].name}' of ${info.name} takes ${info.inputs[0].dtype} values; TrustGrade feeds numbers. ` +
        'Export the model with a numeric (float32) input.',
    );
  }
  const external = info.onnx?.externalData ?? [];
  if (external.length > 0) {
    throw new ModelError(
      `${info.name} keeps ${external.length} weight tensor(s) in separate files (${external.slice(0, 3).join(', ')}), which TrustGrade never opens. ` +
        'Save the model with its weights inside the .onnx file (onnx.save_model(model, path, save_as_external_data=False)).',
    );
  }
  chooseOutput(info);
}
