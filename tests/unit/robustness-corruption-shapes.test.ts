/** The report's readers for the corruption, perturbation, OOD and stability details: real shapes read, foreign ones refused. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/core/types';
import {
  readCorruptionDetails, readOodDetails, readPerturbationDetails, readStabilityDetails, safeBase64,
} from '../../src/ui/elements/robustness-perturbation-shapes';

describe('robustness detail readers', () => {
  it('read the corruption probes\' curves, clean reference and contact sheet', () => {
    const details: { [key: string]: Json } = {
      severities: [1, 2],
      clean: { accuracy: 0.99, low: 0.98, high: 1, n: 100 },
      parameterSet: { id: 'cifar-10-c', native: 32, scale: 0.875 },
      corruptions: [{ id: 'fog', title: 'Fog', severities: [{ severity: 1, accuracy: 0.9, low: 0.85, high: 0.94 }, { severity: 2, accuracy: null }] }],
      contactSheet: { name: 'x.png', label: '3', clean: 'iVBORw0KGgo=', cells: [{ corruption: 'fog', severity: 1, png: 'iVBORw0KGgo=' }] },
    };
    const d = readCorruptionDetails(details)!;
    expect(d.series).toEqual([{ id: 'fog', title: 'Fog', points: [{ x: 1, y: 0.9, low: 0.85, high: 0.94 }] }]);
    expect(d.clean).toEqual({ accuracy: 0.99, low: 0.98, high: 1 });
    expect(d.sheet?.cells).toHaveLength(1);
    expect(d.parameterSet).toBe('cifar-10-c');
    expect(readCorruptionDetails({ corruptions: [3] })).toBeNull();
    expect(readCorruptionDetails({ ...details, contactSheet: { clean: 5 } })!.sheet).toBeNull();
  });

  it('only let base64 text into an image address', () => {
    expect(safeBase64('iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
    expect(safeBase64('x" onerror="alert(1)')).toBeNull();
    expect(safeBase64('abc)def')).toBeNull();
  });

  it('group tabular settings into one flip-rate curve per perturbation family', () => {
    const d = readPerturbationDetails({
      cleanAccuracy: 0.8,
      settings: [
        { family: 'gaussian-noise', level: 0.1, flipRate: 0.01, low: 0, high: 0.03 },
        { family: 'gaussian-noise', level: 1, flipRate: 0.2, low: 0.15, high: 0.25 },
        { family: 'missing-values', level: 0.1, flipRate: 0.05, low: null, high: null },
      ],
    })!;
    expect(d.series.map((s) => [s.id, s.points.map((p) => p.x)])).toEqual([['gaussian-noise', [0.1, 1]], ['missing-values', [0.1]]]);
    expect(d.cleanAccuracy).toBe(0.8);
    expect(readPerturbationDetails({ settings: [{ family: 'x' }] })).toBeNull();
  });

  it('read OOD histograms (energy may be absent) and stability repeats', () => {
    const ood = readOodDetails({
      inDistribution: { name: 'MNIST', n: 10 },
      sources: [{ name: 'noise', kind: 'synthetic', n: 5 }],
      energyFrom: 'log-probabilities',
      histograms: { msp: { low: 0.1, high: 1, in: [1, 9], out: [[4, 1]] }, energy: null },
    })!;
    expect(ood.msp?.out).toEqual([[4, 1]]);
    expect(ood.energy).toBeNull();
    expect(ood.sources[0]).toEqual({ name: 'noise', kind: 'synthetic', n: 5 });
    expect(readOodDetails({ histograms: { msp: { low: 0, high: 1, in: [1, 2], out: [[1]] } }, sources: [] })!.msp).toBeNull();
    const s = readStabilityDetails({ backend: 'wasm', tolerance: 1e-6, outputDigest: 'abcd0123', repeats: [{ name: 'again', maxAbsDifference: 0, identical: 5, n: 5 }] })!;
    expect(s).toMatchObject({ backend: 'wasm', digest: 'abcd0123', repeats: [{ identical: 5 }] });
    expect(readStabilityDetails({ repeats: [] })).toBeNull();
  });
});
