import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/runtime/errors';
import { looksLikeZip, stripCommonFolder, unzipModelFiles } from '../../src/runtime/zip';

const text = (s: string) => new TextEncoder().encode(s);
const paths = (files: { path: string }[]) => files.map((f) => f.path).sort();

describe('unzipModelFiles', () => {
  it('strips one common top folder and drops archiver junk', () => {
    const bytes = zipSync({
      'adult/model.json': text('{}'),
      'adult/weights/shard.bin': text('abcd'),
      '__MACOSX/adult/._model.json': text('x'),
      'adult/.DS_Store': text('x'),
    });
    expect(looksLikeZip(bytes)).toBe(true);
    const files = unzipModelFiles(bytes);
    expect(paths(files)).toEqual(['model.json', 'weights/shard.bin']);
    expect(new TextDecoder().decode(files.find((f) => f.path === 'weights/shard.bin')!.bytes)).toBe('abcd');
  });

  it('strips nested common folders but keeps folders that differ', () => {
    expect(paths(stripCommonFolder([{ path: 'a/b/m.json', bytes: text('') }, { path: 'a/b/s.bin', bytes: text('') }]))).toEqual(['m.json', 's.bin']);
    expect(paths(stripCommonFolder([{ path: 'a/m.json', bytes: text('') }, { path: 'b/s.bin', bytes: text('') }]))).toEqual(['a/m.json', 'b/s.bin']);
    expect(paths(stripCommonFolder([{ path: 'a/m.json', bytes: text('') }, { path: 's.bin', bytes: text('') }]))).toEqual(['a/m.json', 's.bin']);
  });

  it.each([
    ['../evil.onnx', /contains '\.\.'/],
    ['model/../../evil.onnx', /contains '\.\.'/],
    ['/etc/passwd', /absolute path/],
    ['C:/Windows/evil.dll', /absolute path/],
    ['..\\evil.onnx', /contains '\.\.'/],
  ])('refuses the entry %s', (name, reason) => {
    const bytes = zipSync({ 'model.onnx': text('x'), [name]: text('y') });
    expect(() => unzipModelFiles(bytes, "'m.zip'")).toThrow(ModelError);
    expect(() => unzipModelFiles(bytes, "'m.zip'")).toThrow(reason);
  });

  it('refuses an empty zip and a damaged one with advice', () => {
    expect(() => unzipModelFiles(zipSync({}))).toThrow(/contains no files/);
    const damaged = zipSync({ 'model.onnx': text('x'.repeat(1000)) }).subarray(0, 40);
    expect(() => unzipModelFiles(damaged, "'m.zip'")).toThrow(/'m\.zip' could not be unpacked .* zip the model files again/);
  });
});
