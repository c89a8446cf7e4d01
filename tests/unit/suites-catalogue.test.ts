import { describe, expect, it } from 'vitest';
import type { Modality, TaskKind } from '../../src/core/types';
import { getProbe } from '../../src/probes/registry';
import { findSuite, suites, UnknownSuiteError } from '../../src/suites/catalogue';
import { describeRequirements, describeSuite } from '../../src/suites/describe';
import { resolveProbeParams, SuiteParameterError } from '../../src/suites/params';

const MODALITIES: Modality[] = ['tabular', 'image'];
const TASKS: TaskKind[] = ['binary-classification', 'multiclass-classification'];

describe('suite catalogue', () => {
  it('has a quick and a standard suite for every modality and task, each unique', () => {
    for (const modality of MODALITIES) {
      for (const task of TASKS) {
        for (const id of ['quick', 'standard']) {
          const suite = findSuite(id, modality, task);
          expect([suite.id, suite.modality, suite.task]).toEqual([id, modality, task]);
        }
      }
    }
    const keys = suites.map((s) => `${s.id}|${s.modality}|${s.task}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('describes every suite with a version, title and description', () => {
    for (const suite of suites) {
      expect(Number.isInteger(suite.version) && suite.version >= 1).toBe(true);
      expect(suite.title.length).toBeGreaterThan(0);
      expect(suite.description.length).toBeGreaterThan(20);
      expect(suite.probes.length).toBeGreaterThan(0);
    }
  });

  it('lists only registered probes, with parameters they declare and of the right type', () => {
    for (const suite of suites) {
      for (const config of suite.probes) {
        expect(() => resolveProbeParams(getProbe(config.id), config)).not.toThrow();
      }
    }
  });

  it('runs accuracy with 200 resamples in quick and 1000 in standard, and calibration in both', () => {
    const quick = findSuite('quick', 'image', 'multiclass-classification');
    const standard = findSuite('standard', 'image', 'multiclass-classification');
    expect(resolveProbeParams(getProbe('validity/accuracy'), quick.probes[0])).toEqual({ bootstrap: 200, level: 0.95 });
    expect(resolveProbeParams(getProbe('validity/accuracy'), standard.probes[0])).toEqual({ bootstrap: 1000, level: 0.95 });
    for (const suite of [quick, standard]) expect(suite.probes.map((p) => p.id)).toContain('validity/calibration');
  });

  it('names the valid suites when asked for one that does not exist', () => {
    expect(() => findSuite('thorough', 'tabular', 'binary-classification')).toThrow(UnknownSuiteError);
    expect(() => findSuite('thorough', 'tabular', 'binary-classification'))
      .toThrow('There is no suite "thorough" for tabular binary-classification models. Choose one of: quick, standard.');
  });
});

describe('resolveProbeParams', () => {
  const accuracy = getProbe('validity/accuracy');

  it('merges suite values over the defaults', () => {
    expect(resolveProbeParams(accuracy, { id: accuracy.id, params: { level: 0.9 } })).toEqual({ bootstrap: 1000, level: 0.9 });
    expect(resolveProbeParams(accuracy, { id: accuracy.id })).toEqual({ bootstrap: 1000, level: 0.95 });
  });

  it('refuses an unknown parameter, naming the known ones', () => {
    expect(() => resolveProbeParams(accuracy, { id: accuracy.id, params: { resamples: 10 } }))
      .toThrow('Probe validity/accuracy has no parameter "resamples". Its parameters are: bootstrap, level.');
  });

  it('refuses a value of the wrong type', () => {
    expect(() => resolveProbeParams(accuracy, { id: accuracy.id, params: { bootstrap: '1000' } })).toThrow(SuiteParameterError);
  });
});

describe('describeSuite', () => {
  it('gives the catalogue page each probe with its pillar, parameters and needs', () => {
    const description = describeSuite(findSuite('quick', 'tabular', 'binary-classification'));
    expect(description).toMatchObject({ id: 'quick', modality: 'tabular', task: 'binary-classification' });
    expect(description.pillars[0]).toBe('validity');
    const validity = description.probes.filter((p) => p.pillar === 'validity');
    expect(validity.map((p) => [p.id, p.pillar, p.params, p.needs])).toEqual([
      ['validity/accuracy', 'validity', { bootstrap: 200, level: 0.95 }, ['labelled samples']],
      ['validity/calibration', 'validity', { bins: 15, bootstrap: 200, level: 0.95 }, ['labelled samples']],
    ]);
    expect(validity[1].metric).toMatchObject({ name: 'ece', direction: 'lower', range: [0, 1] });
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });

  it('puts every kind of requirement into words', () => {
    expect(describeRequirements({
      modality: ['image'], task: ['binary-classification'], sensitive: true, labels: true, split: true, differentiable: true,
    })).toEqual([
      'image data', 'a binary-classification model', 'at least one sensitive column in the binding', 'labelled samples',
      'a member/non-member split in the binding', 'a differentiable model',
    ]);
    expect(describeRequirements({ labels: false })).toEqual([]);
  });
});
