import { describe, expect, it } from 'vitest';
import { formatPath, parseRun, RunValidationError } from '../../src/core/run-schema';
import tabularRun from '../fixtures/storage/run-v1.json';
import imageRun from '../fixtures/storage/run-v1-image.json';

/** A deep copy of the tabular fixture, edited by `edit`. */
function runWith(edit: (run: any) => void): unknown {
  const run = structuredClone(tabularRun) as any;
  edit(run);
  return run;
}

function violationOf(json: unknown): string {
  try {
    parseRun(json);
  } catch (error) {
    expect(error).toBeInstanceOf(RunValidationError);
    return (error as RunValidationError).violation;
  }
  throw new Error('expected parseRun to reject the run');
}

describe('parseRun', () => {
  it('accepts the stored fixtures and returns the very same object, so key order survives re-export', () => {
    const copy = structuredClone(tabularRun);
    expect(parseRun(copy)).toBe(copy);
    expect(parseRun(structuredClone(imageRun)).binding.kind).toBe('image');
  });

  it('names an enum violation with its path and the allowed values', () => {
    expect(violationOf(runWith((r) => (r.results[0].status = 'done')))).toBe(
      'results[0].status must be one of ok, skipped, failed, cancelled, not "done"',
    );
  });

  it('names a missing field', () => {
    expect(violationOf(runWith((r) => delete r.id))).toBe('id is missing');
    expect(violationOf(runWith((r) => delete r.label.version))).toBe('label.version is missing');
  });

  it('names a wrong type, an integer where one is required, and a non-finite number', () => {
    expect(violationOf(runWith((r) => (r.samples = '32561')))).toBe('samples must be a number, not "32561"');
    expect(violationOf(runWith((r) => (r.results[0].measurement.n = 1.5)))).toBe('results[0].measurement.n must be an integer, not 1.5');
    expect(violationOf(runWith((r) => (r.results[0].durationMs = Infinity)))).toBe('results[0].durationMs must be a finite number');
  });

  it('rejects a field types.ts does not have, naming it', () => {
    expect(violationOf(runWith((r) => (r.results[0].measurement.groups[1].comment = 'x')))).toBe(
      'results[0].measurement.groups[1].comment is not a field of a TrustGrade run',
    );
    expect(violationOf(runWith((r) => (r.extra = 1)))).toBe('extra is not a field of a TrustGrade run');
  });

  it('records which TF.js backend computes gradients in model.gradientPath, strictly', () => {
    const path = { kind: 'tfjs', backend: 'cpu', reason: "TF.js's wasm backend has no 'DepthwiseConv2dNativeBackpropInput' kernel" };
    const run = runWith((r) => (r.model.gradientPath = path)) as any;
    expect(parseRun(run).model.gradientPath).toEqual(path);
    expect(violationOf(runWith((r) => (r.model.gradientPath = { ...path, backend: 'tpu' })))).toBe(
      'model.gradientPath.backend must be one of wasm, webgpu, webgl, cpu, node, not "tpu"',
    );
    expect(violationOf(runWith((r) => (r.model.gradientPath = { ...path, kernel: 'x' })))).toBe('model.gradientPath.kernel is not a field of a TrustGrade run');
  });

  it('checks intervals: level inside (0, 1) and low not above high', () => {
    expect(violationOf(runWith((r) => (r.results[0].measurement.interval.level = 95)))).toBe(
      'results[0].measurement.interval.level must be less than 1',
    );
    expect(violationOf(runWith((r) => (r.results[0].measurement.interval.low = 0.9)))).toBe(
      'results[0].measurement.interval.low must not be greater than high',
    );
    expect(violationOf(runWith((r) => (r.results[0].measurement.interval.method = 'normal')))).toBe(
      'results[0].measurement.interval.method must be one of bootstrap-percentile, wilson, exact, not "normal"',
    );
  });

  it('checks the schema tag, timestamps, the binding kind and nested JSON params', () => {
    expect(violationOf(runWith((r) => (r.schema = 'trustgrade.run/2')))).toBe('schema must be trustgrade.run/1, not "trustgrade.run/2"');
    expect(violationOf(runWith((r) => (r.createdAt = 'yesterday')))).toBe(
      'createdAt must be an ISO 8601 date and time such as 2025-01-31T09:30:00.000Z',
    );
    expect(violationOf(runWith((r) => (r.binding = { kind: 'audio' })))).toBe('binding.kind must be one of tabular, image, not "audio"');
    expect(violationOf(runWith((r) => (r.results[1].measurement.secondary.mce.n = -3)))).toBe(
      'results[1].measurement.secondary.mce.n must be at least 0',
    );
    expect(violationOf(runWith((r) => (r.model.sha256 = '')))).toBe('model.sha256 must not be empty');
  });

  it('validates the binding field by field, including the rules beyond its structure', () => {
    expect(violationOf(runWith((r) => (r.binding.features[0].kind = 'scaled')))).toBe(
      'binding.features[0].kind must be one of numeric, one-hot, not "scaled"',
    );
    expect(violationOf(runWith((r) => delete r.binding.target))).toBe('binding.target is missing');
    expect(violationOf(runWith((r) => (r.binding.output.positive = 'rich')))).toBe(
      "binding.output.positive is 'rich', which is not one of the labels '>50K', '<=50K'",
    );
  });

  it('reports the first violation in document order when there are several', () => {
    expect(
      violationOf(runWith((r) => {
        r.results[2].status = 'later';
        r.status = 'sideways';
      })),
    ).toBe('status must be one of running, complete, failed, cancelled, interrupted, not "sideways"');
  });

  it('says what to do in the error message', () => {
    expect(() => parseRun([])).toThrow('the run must be an object, not a list. The file is not a run written by TrustGrade, or it was edited');
  });
});

describe('formatPath', () => {
  it('writes indices in brackets and quotes keys that are not identifiers', () => {
    expect(formatPath(['results', 0, 'params', 'weird key'])).toBe('results[0].params["weird key"]');
    expect(formatPath([])).toBe('');
  });
});
