import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/runtime/errors';
import { inspectModel } from '../../src/runtime/inspect';
import { readModelFiles } from '../fixtures/models/read-model-files';

/** Each hostile fixture, and what the refusal must say (what is wrong + what to do). */
const CASES: [string, RegExp, RegExp][] = [
  ['hostile/empty.onnx', /'empty\.onnx' is empty \(0 bytes\)/, /export the model again/i],
  ['hostile/random-bytes.onnx', /'random-bytes\.onnx' is not a readable ONNX model/, /export the model to ONNX again/],
  ['hostile/truncated.onnx', /'truncated\.onnx' is not a readable ONNX model: its data ends early/, /download|export/],
  ['hostile/no-graph.onnx', /does not contain an ONNX graph/, /export it again/],
  ['hostile/no-inputs.onnx', /has an ONNX graph with no inputs/, /input declared/],
  ['hostile/unknown-type.txt', /'unknown-type\.txt' is not a model TrustGrade can read/, /Drop an \.onnx file, a TF\.js model\.json/],
  ['hostile/not-a-model.json', /has no modelTopology, so it is not a TF\.js model\.json/, /Drop the model\.json/],
  ['hostile/invalid-json', /'model\.json' is not valid JSON/, /export the TF\.js model again/],
  ['hostile/missing-shard', /The weight file 'group1-shard1of1\.bin' named in model\.json is missing/, /together with all its weight files/],
  ['hostile/wrong-length', /'group1-shard1of1\.bin' has 28 bytes, but model\.json says its weights \(W \[3,2\] float32, B \[2\] float32\) take 32 bytes/, /drop the matching weight files/],
  ['hostile/path-traversal', /names the file '\.\.\/graph-dense\/group1-shard1of1\.bin', which was refused because it contains '\.\.'/, /own folder/],
  ['hostile/absolute-path', /names the file '\/etc\/passwd', which was refused because it is an absolute path/, /own folder/],
  ['hostile/zip-slip.zip', /contains the entry '\.\.\/\.\.\/evil\.sh', which was refused/, /Zip the model folder again/],
];

describe('hostile model files are refused with a ModelError that says what is wrong and what to do', () => {
  it.each(CASES)('%s', async (path, what, todo) => {
    const error = await inspectModel(readModelFiles(path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(what);
    expect((error as Error).message).toMatch(todo);
  });

  it('refuses an empty drop and a mixed drop', async () => {
    await expect(inspectModel([])).rejects.toThrow(/No files were given/);
    const mixed = [...readModelFiles('onnx/linear-softmax.onnx'), ...readModelFiles('tfjs/layers-dense')];
    await expect(inspectModel(mixed)).rejects.toThrow(/Both an ONNX file .* and a TF\.js model\.json were dropped\. Drop one model at a time/);
    const two = [...readModelFiles('onnx/linear-softmax.onnx'), ...readModelFiles('onnx/zipmap.onnx')];
    await expect(inspectModel(two)).rejects.toThrow(/Several ONNX files were dropped \(linear-softmax\.onnx, zipmap\.onnx\)/);
  });

  it('never resolves a shard outside the model folder even when a file with that name was dropped', async () => {
    // The traversal target is present among the dropped files; it must still be refused.
    const files = readModelFiles('hostile/path-traversal').map((f) => ({ ...f, path: `m/${f.path}` }));
    files.push(...readModelFiles('tfjs/graph-dense').map((f) => ({ ...f, path: `graph-dense/${f.path}` })).filter((f) => f.path.endsWith('.bin')));
    await expect(inspectModel(files)).rejects.toThrow(ModelError);
  });
});
