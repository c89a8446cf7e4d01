/**
 * Calibration per group: the expected calibration error of Guo et al. 2017 (see calibration.ts,
 * same 15 equal-width top-class confidence bins) computed within each group, so a model that is
 * calibrated overall but over-confident for one group shows it. Counted per cell and merged into
 * groups, like the slot counts in fairness-groups.ts, so a bootstrap resample is one pass.
 */
import type { TopClassSamples } from './calibration';

/** Per cell × bin: count, sum of confidence, number correct. */
const FIELDS = 3;

/**
 * Each sample's calibration cell as one code, (cell · bins + bin) · 2 + correct, or −1 when its
 * label is unknown; with the confidences, a resample is counted from two arrays.
 */
export function calibrationCodes(samples: TopClassSamples, cellOf: Int32Array): Int32Array {
  const codes = new Int32Array(cellOf.length);
  for (let i = 0; i < codes.length; i++) {
    codes[i] = samples.y[i] < 0 ? -1 : (cellOf[i] * samples.bins + samples.bin[i]) * 2 + samples.correct[i];
  }
  return codes;
}

/** Adds sample i (by its `calibrationCodes` code) into a cells × bins × 3 table. */
export function addCalibration(table: Float64Array, code: number, confidence: number): void {
  if (code < 0) return;
  const at = (code >> 1) * FIELDS;
  table[at]++;
  table[at + 1] += confidence;
  table[at + 2] += code & 1;
}

export function countCalibration(
  samples: TopClassSamples,
  cellOf: Int32Array,
  cells: number,
  indices?: Int32Array,
  into?: Float64Array,
): Float64Array {
  const bins = samples.bins;
  const table = into ?? new Float64Array(cells * bins * FIELDS);
  table.fill(0);
  const total = indices ? indices.length : samples.y.length;
  for (let j = 0; j < total; j++) {
    const i = indices ? indices[j] : j;
    if (samples.y[i] < 0) continue;
    const at = (cellOf[i] * bins + samples.bin[i]) * FIELDS;
    table[at]++;
    table[at + 1] += samples.confidence[i];
    table[at + 2] += samples.correct[i];
  }
  return table;
}

export function mergeCalibration(cellTable: Float64Array, groupOfCell: Int32Array, groups: number, bins: number, into?: Float64Array): Float64Array {
  const table = into ?? new Float64Array(groups * bins * FIELDS);
  table.fill(0);
  const width = bins * FIELDS;
  for (let c = 0; c < groupOfCell.length; c++) {
    const from = c * width;
    const to = groupOfCell[c] * width;
    for (let k = 0; k < width; k++) table[to + k] += cellTable[from + k];
  }
  return table;
}

/** ECE of one group: Σ_b (|B_b| / n)·|acc(B_b) − conf(B_b)|; null when the group has no labelled samples. */
export function groupEce(table: Float64Array, group: number, bins: number): number | null {
  let n = 0;
  let weighted = 0;
  const base = group * bins * FIELDS;
  for (let b = 0; b < bins; b++) {
    const at = base + b * FIELDS;
    const count = table[at];
    if (count === 0) continue;
    n += count;
    weighted += Math.abs(table[at + 2] - table[at + 1]);
  }
  return n === 0 ? null : weighted / n;
}
