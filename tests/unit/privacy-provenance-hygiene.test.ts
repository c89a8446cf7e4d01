import { describe, expect, it } from 'vitest';
import type { HygieneFinding } from '../../src/core/types';
import hygiene from '../../src/probes/privacy/model-file-hygiene';
import provenance from '../../src/probes/privacy/provenance';
import { contextFor, modelInfo, tabularBinaryData } from './probes-fixtures';

const findings: HygieneFinding[] = [
  { code: 'tfjs-path-outside-folder', severity: 'high', file: 'model.json', message: 'The manifest names a file outside the folder.' },
  { code: 'onnx-metadata-markup', severity: 'low', file: 'model.json', message: 'Markup in metadata.' },
  { code: 'tfjs-summary', severity: 'info', file: 'model.json', message: 'layers model; 1 weight group.' },
];

describe('the model-file hygiene probe', () => {
  it('reads the findings recorded on the model: worst severity, counts, every finding in details', async () => {
    const { model, data } = tabularBinaryData(20);
    const m = await hygiene.run(contextFor({ ...model, info: { ...modelInfo, hygiene: findings } }, data, {}));
    expect(m.value).toBe(3);
    expect(m.details!.severityCounts).toEqual({ high: 1, medium: 0, low: 1, info: 1 });
    expect(m.details!.findings).toEqual(findings);
    expect(m.notes[0]).toBe('1 high, 0 medium and 1 low-severity findings in fake.onnx.');
  });

  it('gives 0 for information only, and no value when the model was never audited', async () => {
    const { model, data } = tabularBinaryData(20);
    const clean = await hygiene.run(contextFor({ ...model, info: { ...modelInfo, hygiene: [findings[2]] } }, data, {}));
    expect(clean.value).toBe(0);
    expect(clean.notes[0]).toMatch(/^No problem was found in fake\.onnx; 1 informational finding\.$/);
    const unaudited = await hygiene.run(contextFor(model, data, {}));
    expect(unaudited.value).toBeNull();
    expect(unaudited.undefinedReason).toMatch(/not audited when it was opened/);
  });
});

describe('the provenance probe', () => {
  it('is complete when both hashes are well formed and the binding is valid; source and licence are advice', async () => {
    const { model, data } = tabularBinaryData(20);
    const m = await provenance.run(contextFor(model, data, {}));
    expect(m.value).toBe(1);
    expect(m.groups.map((g) => [g.group, g.value])).toEqual([
      ['Model SHA-256', 1], ['Dataset SHA-256', 1], ['Binding', 1], ['Dataset source', 0], ['Dataset licence', 0],
    ]);
    expect(m.notes.join(' ')).toMatch(/Record where the dataset comes from/);
  });

  it('is incomplete, naming what is missing, when a hash is absent or malformed', async () => {
    const { model, data } = tabularBinaryData(20);
    const noHash = { ...data, dataset: { ...data.dataset, manifest: { ...data.dataset.manifest, sha256: 'not-a-hash', source: 'x', license: 'CC0' } } };
    const m = await provenance.run(contextFor({ ...model, info: { ...modelInfo, sha256: '' } }, noHash, {}));
    expect(m.value).toBe(0);
    expect(m.notes[0]).toBe('Provenance is incomplete: Model SHA-256, Dataset SHA-256.');
    expect(m.details!.checks).toContainEqual({ name: 'Dataset SHA-256', required: true, passed: false, recorded: 'not-a-hash' });
  });

  it('fails the binding check for a binding that does not validate', async () => {
    const { model, data } = tabularBinaryData(20);
    const broken = { ...data, binding: { ...data.binding, output: { ...data.binding.output, positive: 'maybe' } } };
    const m = await provenance.run(contextFor(model, broken, {}));
    expect(m.value).toBe(0);
    expect(m.groups.find((g) => g.group === 'Binding')!.value).toBe(0);
  });
});
