/**
 * Model-file hygiene from the files alone: every hostile corpus entry (scripts/make-hostile-corpus.ts)
 * gets the findings its manifest names; clean models get information only; the audit never throws.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import type { HygieneFinding, ModelFile } from '../../src/core/types';
import { SEVERITY_ORDER, auditModelFiles } from '../../src/runtime/hygiene';
import { inspectModel } from '../../src/runtime/inspect';
import { readModelFiles } from '../fixtures/models/read-model-files';
import type { CorpusEntry } from '../../scripts/make-hostile-corpus';

const CORPUS = fileURLToPath(new URL('../fixtures/hostile-corpus/', import.meta.url));
const entries: CorpusEntry[] = JSON.parse(readFileSync(`${CORPUS}corpus.json`, 'utf8')).entries;

const worst = (findings: HygieneFinding[]) => findings[0]?.severity ?? 'none';
const codes = (findings: HygieneFinding[]) => findings.map((f) => f.code);

describe('auditModelFiles on the hostile corpus', () => {
  it('has the whole corpus to audit', () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
  });

  it.each(entries.map((e) => [e.path, e] as const))('%s: reports what the corpus manifest expects', (_path, entry) => {
    const findings = auditModelFiles(readModelFiles(`${CORPUS}${entry.path}`));
    expect(codes(findings)).toEqual(expect.arrayContaining(entry.codes));
    expect(worst(findings)).toBe(entry.worst);
    for (const f of findings) {
      expect(f.message.length, `${f.code} explains itself`).toBeGreaterThan(30);
      expect(SEVERITY_ORDER).toContain(f.severity);
    }
    // Most serious first.
    const ranks = findings.map((f) => SEVERITY_ORDER.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('auditModelFiles on clean and known models', () => {
  it.each(['onnx/linear-softmax.onnx', 'tfjs/layers-dense', 'tfjs/graph-dense', 'tfjs/layers-old-keras', 'zip/layers-dense.zip'])(
    '%s: information only', (path) => {
      const findings = auditModelFiles(readModelFiles(path));
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.severity === 'info'), JSON.stringify(findings)).toBe(true);
    });

  it('names what inspect-features.onnx hides: an external file outside the folder, a custom domain, markup in metadata', () => {
    const findings = auditModelFiles(readModelFiles('onnx/inspect-features.onnx'));
    expect(codes(findings)).toEqual(expect.arrayContaining([
      'onnx-external-data-outside-folder', 'onnx-custom-operators', 'onnx-metadata-markup', 'onnx-metadata', 'onnx-versions',
    ]));
    const outside = findings.find((f) => f.code === 'onnx-external-data-outside-folder')!;
    expect(outside.severity).toBe('high');
    expect(outside.message).toContain("'../outside/weights.bin'");
    expect(findings.find((f) => f.code === 'onnx-custom-operators')!.message).toContain("'com.example' (Scramble ×1)");
  });

  it('gives the foundation\'s refused hostile files findings too', () => {
    expect(codes(auditModelFiles(readModelFiles('hostile/path-traversal')))).toContain('tfjs-path-outside-folder');
    expect(codes(auditModelFiles(readModelFiles('hostile/wrong-length')))).toContain('tfjs-shard-length');
    expect(codes(auditModelFiles(readModelFiles('hostile/zip-slip.zip')))).toContain('zip-unsafe-entry');
    expect(codes(auditModelFiles(readModelFiles('hostile/empty.onnx')))).toEqual(['file-empty']);
    expect(codes(auditModelFiles(readModelFiles('hostile/unknown-type.txt')))).toEqual(['no-model-found']);
  });

  it('is recorded on the inspected model, equal to a direct audit', async () => {
    const files = readModelFiles(`${CORPUS}onnx-metadata-markup.onnx`);
    const info = await inspectModel(files);
    expect(info.hygiene).toEqual(auditModelFiles(files));
    expect(info.hygiene!.some((f) => f.code === 'onnx-metadata-markup')).toBe(true);
  });
});

describe('auditModelFiles never throws', () => {
  it('on empty drops, random bytes and mangled copies of real models', () => {
    expect(auditModelFiles([])).toEqual([]);
    const rng = createRng(31);
    const sources = [
      ...readModelFiles('onnx/linear-softmax.onnx'),
      ...readModelFiles(`${CORPUS}onnx-deep-nesting.onnx`),
      ...readModelFiles('tfjs/layers-dense').filter((f) => f.path === 'model.json'),
      ...readModelFiles('zip/layers-dense.zip'),
    ];
    for (let trial = 0; trial < 200; trial++) {
      const source = sources[trial % sources.length];
      const bytes = source.bytes.slice(0, 1 + rng.int(source.bytes.length));
      for (let flips = rng.int(8); flips > 0; flips--) bytes[rng.int(bytes.length)] = rng.int(256);
      const files: ModelFile[] = [{ path: source.path, bytes }];
      const findings = auditModelFiles(files);
      expect(Array.isArray(findings)).toBe(true);
      for (const f of findings) expect(typeof f.message).toBe('string');
    }
  });
});
