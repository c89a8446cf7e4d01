/**
 * Every registered probe, run on hand-built models and data: declared range respected, same
 * numbers for the same seed, plain JSON out, skips explained by unmetRequirement, prompt cancel.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, unmetRequirement, type Classifier, type PreparedData, type ProbeDefinition, type ProbeRequirements } from '../../src/core/probe';
import type { Estimate, MetricSpec, Modality, TaskKind } from '../../src/core/types';
import { probes } from '../../src/probes/registry';
import { contextFor, imageMulticlassData, tabularBinaryData } from './probes-fixtures';

type Facts = Parameters<typeof unmetRequirement>[1];

const fixtures: Record<string, () => { model: Classifier; data: PreparedData }> = {
  'tabular binary': () => tabularBinaryData(),
  'image multiclass': () => imageMulticlassData(),
};

function factsOf(model: Classifier, data: PreparedData): Facts {
  return {
    modality: data.binding.kind,
    task: model.labels.length === 2 ? 'binary-classification' : 'multiclass-classification',
    sensitive: data.binding.kind === 'tabular' ? data.binding.sensitive.length : 0,
    labelled: data.y.filter((c) => c >= 0).length,
    split: data.member !== null,
    differentiable: model.info.differentiable,
  };
}

const MODALITIES: Modality[] = ['tabular', 'image'];
const TASKS: TaskKind[] = ['binary-classification', 'multiclass-classification'];

/** Facts that break exactly one declared requirement, for each requirement that can be broken. */
function violations(req: ProbeRequirements, base: Facts): [string, Facts][] {
  const out: [string, Facts][] = [];
  const otherModality = MODALITIES.find((m) => req.modality && !req.modality.includes(m));
  if (otherModality) out.push(['modality', { ...base, modality: otherModality }]);
  const otherTask = TASKS.find((t) => req.task && !req.task.includes(t));
  if (otherTask) out.push(['task', { ...base, task: otherTask }]);
  if (req.sensitive) out.push(['sensitive', { ...base, sensitive: 0 }]);
  if (req.labels) out.push(['labels', { ...base, labelled: 0 }]);
  if (req.split) out.push(['split', { ...base, split: false }]);
  if (req.differentiable) out.push(['differentiable', { ...base, differentiable: false }]);
  return out;
}

const satisfying: Facts = { modality: 'tabular', task: 'binary-classification', sensitive: 1, labelled: 10, split: true, differentiable: true };

function expectInRange(estimate: Estimate, spec: MetricSpec, where: string): void {
  const [low, high] = spec.range;
  if (estimate.value === null) {
    expect(estimate.undefinedReason, `${where}: a null value needs a reason`).toBeTruthy();
  } else {
    expect(Number.isFinite(estimate.value), `${where}: value is finite`).toBe(true);
    expect(estimate.value, `${where}: value ≥ ${low}`).toBeGreaterThanOrEqual(low);
    expect(estimate.value, `${where}: value ≤ ${high}`).toBeLessThanOrEqual(high);
  }
  if (estimate.interval) {
    expect(estimate.interval.low, `${where}: interval low ≥ range low`).toBeGreaterThanOrEqual(low);
    expect(estimate.interval.high, `${where}: interval high ≤ range high`).toBeLessThanOrEqual(high);
    expect(estimate.interval.low, `${where}: interval is ordered`).toBeLessThanOrEqual(estimate.interval.high);
  }
  expect(Number.isInteger(estimate.n) && estimate.n >= 0, `${where}: n is a count`).toBe(true);
}

describe.each([...probes.values()].map((p) => [p.id, p] as [string, ProbeDefinition]))('probe %s', (_id, probe) => {
  it('declares itself completely', () => {
    expect(probe.id.startsWith(`${probe.pillar}/`)).toBe(true);
    expect(Number.isInteger(probe.version) && probe.version >= 1).toBe(true);
    expect(probe.title.length).toBeGreaterThan(0);
    expect(probe.description.length).toBeGreaterThan(40);
    for (const spec of [probe.metric, ...(probe.secondary ?? [])]) {
      expect(spec.range[0], `${spec.name} range`).toBeLessThan(spec.range[1]);
      expect(spec.definition.length, `${spec.name} cites a definition`).toBeGreaterThan(10);
    }
    const names = (probe.secondary ?? []).map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(JSON.parse(JSON.stringify(probe.defaults))).toEqual(probe.defaults);
  });

  it('explains every requirement it can fail, and runs when all are met', () => {
    // A probe for one modality or task (image-only attacks) is satisfied by its own.
    const met: Facts = { ...satisfying, modality: probe.requires.modality?.[0] ?? satisfying.modality, task: probe.requires.task?.[0] ?? satisfying.task };
    expect(unmetRequirement(probe.requires, met)).toBeNull();
    for (const [requirement, facts] of violations(probe.requires, met)) {
      const reason = unmetRequirement(probe.requires, facts);
      expect(reason, `unmet ${requirement}`).toMatch(/^needs /);
    }
  });

  const runnable = Object.entries(fixtures).filter(([, make]) => {
    const { model, data } = make();
    return unmetRequirement(probe.requires, factsOf(model, data)) === null;
  });

  it('runs on at least one of the hand-built fixtures (or needs a differentiable model)', () => {
    if (!probe.requires.differentiable) expect(runnable.length).toBeGreaterThan(0);
  });

  describe.each(runnable)('on %s data', (_name, make) => {
    it('stays within its declared ranges, with declared secondary metrics and plain-JSON output', async () => {
      const { model, data } = make();
      const m = await probe.run(contextFor(model, data, { ...probe.defaults }, { seed: 42 }));
      expectInRange(m, probe.metric, 'headline');
      for (const group of m.groups) expectInRange(group, probe.metric, `group ${group.group}`);
      const declared = (probe.secondary ?? []).map((s) => s.name).sort();
      expect(Object.keys(m.secondary).sort()).toEqual(declared);
      for (const spec of probe.secondary ?? []) expectInRange(m.secondary[spec.name], spec, spec.name);
      expect(m.n).toBeLessThanOrEqual(data.n);
      expect(m.notes.every((note) => typeof note === 'string')).toBe(true);
      // NaN and undefined do not survive JSON: a measurement must be plain data as it is.
      expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    });

    it('gives the same measurement for the same seed', async () => {
      const first = make();
      const second = make();
      const a = await probe.run(contextFor(first.model, first.data, { ...probe.defaults }, { seed: 42 }));
      const b = await probe.run(contextFor(second.model, second.data, { ...probe.defaults }, { seed: 42 }));
      expect(b).toEqual(a);
    });

    it('throws CancelledError promptly when the signal is already aborted', async () => {
      const { model, data } = make();
      const controller = new AbortController();
      controller.abort();
      const started = performance.now();
      await expect(probe.run(contextFor(model, data, { ...probe.defaults }, { signal: controller.signal }))).rejects.toThrow(CancelledError);
      expect(performance.now() - started).toBeLessThan(500);
    });

    it('throws CancelledError when the signal aborts while it runs', async () => {
      const { model, data } = make();
      const controller = new AbortController();
      const ctx = contextFor(model, data, { ...probe.defaults }, { signal: controller.signal });
      ctx.progress = () => controller.abort();
      await expect(probe.run(ctx)).rejects.toThrow(CancelledError);
    });
  });
});
