/**
 * The fairness views' pure parts: reading the probes' details (as they really write them, and
 * when they are malformed), bar axes, the four-fifths reading, heat-map grids and the disparity
 * table's rows.
 */
import { describe, expect, it } from 'vitest';
import groupMetrics from '../../src/probes/fairness/group-metrics';
import { barAxis, fourFifths, gridRange, heatGrid, heatLevel, stepDecimals, ticks, type BarRow } from '../../src/ui/elements/fairness-chart-math';
import { readCounterfactualDetails, readGroupDetails, readInequalityDetails, readProxyDetails } from '../../src/ui/elements/fairness-details';
import { disparityRows } from '../../src/ui/elements/fairness-group-view';
import { contextFor } from './probes-fixtures';
import { fairlearnExample, G2 } from './fairness-fixtures';

const params = { threshold: 0.5, favourable: '', attributes: [] as string[], intersections: 2, minGroupSize: 3, bootstrap: 50, level: 0.95 };
const row = (value: number | null, high: number | null = null): BarRow => ({ label: 'g', value, low: null, high, n: 10, status: 'ok', reason: null });

describe('fairness chart arithmetic', () => {
  it('puts bars on a round axis that holds every value and interval end', () => {
    expect(barAxis([row(0.31), row(0.55, 0.62)])).toEqual({ top: 0.8, step: 0.2 });
    expect(ticks(0.8, 0.2)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(barAxis([row(0.04, 0.07)])).toEqual({ top: 0.08, step: 0.02 });
    expect(barAxis([row(1.1)], 2)).toEqual({ top: 1.5, step: 0.5 });
    expect(barAxis([row(1, 1)])).toEqual({ top: 1, step: 0.25 });
    expect(barAxis([row(null)])).toEqual({ top: 0.01, step: 0.0025 });
    expect([stepDecimals(0.25), stepDecimals(0.1), stepDecimals(5)]).toEqual([2, 1, 0]);
  });

  it('reads a selection-rate ratio against four-fifths, interval included', () => {
    const r = (value: number | null, low: number | null, high: number | null) => ({ value, low, high, reason: null });
    expect(fourFifths(r(0.5, 0.4, 0.6))).toBe('below');
    expect(fourFifths(r(0.75, 0.6, 0.85))).toBe('likely-below');
    expect(fourFifths(r(0.9, 0.7, 0.95))).toBe('unclear');
    expect(fourFifths(r(0.9, 0.85, 0.95))).toBe('above');
    expect(fourFifths(r(0.7, null, null))).toBe('below');
    expect(fourFifths(r(null, null, null))).toBeNull();
  });

  it('shades heat-map cells from the lowest to the highest judged value', () => {
    expect([heatLevel(0, 0, 1), heatLevel(1, 0, 1), heatLevel(0.5, 0, 1)]).toEqual([1, 8, 4]);
    expect(heatLevel(null, 0, 1)).toBe(0);
    expect(heatLevel(0.3, 0.3, 0.3)).toBe(4);
  });
});

describe('fairness details readers', () => {
  it('read what the group-metrics probe writes, lay out its intersection as a grid, and pair differences with ratios', async () => {
    const { model, data } = fairlearnExample({ g2: G2 });
    const m = await groupMetrics.run(contextFor(model, data, params));
    const d = readGroupDetails(m.details)!;
    expect(d.rule).toBe("P('1') ≥ 0.5");
    expect(d.metrics.map((x) => x.name)).toEqual(['selection_rate', 'tpr', 'fpr', 'tnr', 'fnr', 'ppv', 'accuracy', 'ece']);
    expect(d.partitions.map((p) => p.name)).toEqual(['sf', 'g2', 'sf × g2']);
    expect(d.worst.dp_difference).toBe('sf × g2');

    const grid = heatGrid(d.partitions[2], 'selection_rate')!;
    expect([grid.rowAttribute, grid.columnAttribute]).toEqual(['sf', 'g2']);
    expect(grid.rows).toEqual(['c', 'b', 'a']);
    expect(grid.columns).toEqual(['6', '8']);
    // a × 6 and a × 8 have 2 rows each: under the minimum of 3, shown but not judged.
    expect(grid.cells[2].map((c) => c?.status)).toEqual(['insufficient-data', 'insufficient-data']);
    expect(grid.cells[2][1]!.value).toBe(1);
    expect(gridRange(grid)).toEqual([0.3333333333333333, 2 / 3]);
    expect(heatGrid(d.partitions[0], 'selection_rate')).toBeNull();

    const rows = disparityRows(d);
    expect([...new Set(rows.map((r) => r.criterion))]).toEqual([
      'Demographic parity', 'Equalized odds', 'Equal opportunity', 'Average odds', 'Predictive parity', 'Accuracy parity', 'Calibration parity',
    ]);
    const dp = rows.filter((r) => r.criterion === 'Demographic parity');
    expect(dp.map((r) => r.partition)).toEqual(['sf', 'g2', 'sf × g2']);
    expect(dp[0].difference!.value).toBe(0.25);
    expect(dp[0].ratio!.value).toBeCloseTo(2 / 3, 12);
    expect(dp.every((r) => r.fourFifths)).toBe(true);
    expect(dp.map((r) => r.worstDifference)).toEqual([false, false, true]);
    expect(rows.find((r) => r.criterion === 'Average odds')!.ratio).toBeNull();
  });

  it('return null, not a half-read object, for details of another shape', () => {
    expect(readGroupDetails(undefined)).toBeNull();
    expect(readGroupDetails({ partitions: [{ name: 'x', groups: [{ label: 1 }] }], metrics: [] })).toBeNull();
    expect(readProxyDetails({ columns: [] })).toBeNull();
    expect(readCounterfactualDetails({ attributes: 'sex' })).toBeNull();
    expect(readInequalityDetails({ partitions: [{ name: 'sex' }] })).toBeNull();
    expect(readProxyDetails({ flagAt: 0.3, columns: [{ column: 'a', kind: 'skipped', reason: 'r' }] })).toEqual({
      flagAt: 0.3, columns: [{ column: 'a', kind: 'skipped', reason: 'r', associations: [] }],
    });
  });
});
