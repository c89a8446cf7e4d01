/**
 * The hostile corpus (scripts/make-hostile-corpus.ts) through the real entry points: inspection and
 * opening in Node either succeed with findings recorded on the model or refuse with a ModelError;
 * nothing crashes; and nothing outside a model's own files is ever read — not by the model API,
 * which only takes files in memory, and not by the CLI, which reads only the model's folder.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ModelError } from '../../src/runtime/errors';
import { auditModelFiles } from '../../src/runtime/hygiene';
import { inspectModel } from '../../src/runtime/inspect';
import { openModelInNode } from '../../src/runtime/open-node';
import { readModelFiles as readFixture } from '../fixtures/models/read-model-files';
import type { CorpusEntry } from '../../scripts/make-hostile-corpus';

/** Every path the CLI asks the file system to read, recorded by wrapping node:fs/promises. */
const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...original,
    readFile: (async (path: Parameters<typeof original.readFile>[0], ...rest: unknown[]) => {
      reads.push(String(path));
      return (original.readFile as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as typeof original.readFile,
  };
});
const { readModelFiles: readModelFilesCli } = await import('../../src/cli/files');

const CORPUS = fileURLToPath(new URL('../fixtures/hostile-corpus/', import.meta.url));
const entries: CorpusEntry[] = JSON.parse(readFileSync(`${CORPUS}corpus.json`, 'utf8')).entries;

describe('every hostile corpus entry is inspected and opened without a crash', () => {
  it.each(entries.map((e) => [e.path, e] as const))('%s', async (_path, entry) => {
    const files = readFixture(`${CORPUS}${entry.path}`);
    const inspected = await inspectModel(files).catch((e: unknown) => e);
    if (entry.inspect === 'refused') {
      expect(inspected).toBeInstanceOf(ModelError);
      expect((inspected as Error).message.length).toBeGreaterThan(40);
    } else {
      expect(inspected).not.toBeInstanceOf(Error);
      const hygiene = (inspected as Awaited<ReturnType<typeof inspectModel>>).hygiene!;
      expect(hygiene.map((f) => f.code)).toEqual(expect.arrayContaining(entry.codes));
    }
    const opened = await openModelInNode(files, 'auto').catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    if (opened instanceof Error) {
      expect(entry.open, `${entry.path} opened: ${opened.message}`).not.toBe('ok');
      expect(opened).toBeInstanceOf(ModelError);
    } else {
      expect(entry.open, `${entry.path} should have been refused`).not.toBe('refused');
      expect(opened.info.hygiene!.map((f) => f.code)).toEqual(expect.arrayContaining(entry.codes));
      await opened.dispose();
    }
  });
});

describe('nothing outside the model\'s own files is read', () => {
  const root = mkdtempSync(join(tmpdir(), 'trustgrade-corpus-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // The traversal target exists beside the corpus folder with exactly the bytes the manifest
  // promises: if anything followed '../secret/group1-shard1of1.bin', the model would open.
  const model = join(root, 'corpus', 'tfjs-path-traversal');
  cpSync(`${CORPUS}tfjs-path-traversal`, model, { recursive: true });
  const decoy = join(root, 'corpus', 'secret', 'group1-shard1of1.bin');
  mkdirSync(join(root, 'corpus', 'secret'), { recursive: true });
  writeFileSync(decoy, new Uint8Array(new Float32Array([1, -1, 0.5, 0.25, -2, 1, 0.1, -0.2]).buffer));

  it('the CLI reads only the files of the model\'s folder, never the decoy', async () => {
    reads.length = 0;
    const files = await readModelFilesCli(join(model, 'model.json'));
    expect(files.map((f) => f.path)).toEqual(['model.json']);
    const folderFiles = await readModelFilesCli(model);
    expect(folderFiles.map((f) => f.path)).toEqual(['model.json']);
    expect(reads.length).toBeGreaterThan(0);
    for (const path of reads) expect(resolve(path).startsWith(`${model}/`), path).toBe(true);
    expect(reads.map((p) => resolve(p))).not.toContain(decoy);

    await expect(openModelInNode(files, 'auto')).rejects.toThrow(/'\.\.\/secret\/group1-shard1of1\.bin', which was refused/);
    expect(reads.map((p) => resolve(p))).not.toContain(decoy);
    expect(auditModelFiles(files).map((f) => f.code)).toContain('tfjs-path-outside-folder');
  });

  it('the model API refuses the traversal even when the decoy is handed over under that very path', async () => {
    const files = readFixture(model);
    files.push({ path: '../secret/group1-shard1of1.bin', bytes: new Uint8Array(readFileSync(decoy)) });
    await expect(inspectModel(files)).rejects.toThrow(ModelError);
    await expect(openModelInNode(files, 'auto')).rejects.toThrow(ModelError);
    expect(auditModelFiles(files).map((f) => f.code)).toEqual(expect.arrayContaining(['tfjs-path-outside-folder', 'dropped-path-unsafe']));
  });

  it('an ONNX file whose weights live next to it is refused before any engine could follow the path', async () => {
    const files = readFixture(`${CORPUS}onnx-external-data`);
    expect(files.map((f) => f.path).sort()).toEqual(['model.onnx', 'weights.bin']);
    await expect(openModelInNode(files, 'node')).rejects.toThrow(/keeps 1 weight tensor\(s\) in separate files \(W → weights\.bin\), which TrustGrade never opens/);
  });
});
