/**
 * Encodes raw table rows into model input exactly as a TabularBinding declares it
 * (src/core/types.ts): numeric value = (raw − offset) / divisor with `impute` for missing cells;
 * one-hot in vocabulary order, unknown values all zeros. The demo models are trained on this
 * encoding, so the engine's binding encoder must give the same numbers.
 */
import type { Cell, FeatureSpec, NumericFeature, OneHotFeature } from '../../src/core/types';

export function featureWidth(feature: FeatureSpec): number {
  return feature.kind === 'numeric' ? 1 : feature.vocabulary.length;
}

export function encodedWidth(features: FeatureSpec[]): number {
  return features.reduce((sum, f) => sum + featureWidth(f), 0);
}

function numericValue(raw: Cell, feature: NumericFeature): number {
  const parsed = raw === null || raw === '' || raw === '?' ? NaN : Number(raw);
  const value = Number.isFinite(parsed) ? parsed : (feature.impute ?? 0);
  return (value - (feature.offset ?? 0)) / (feature.divisor ?? 1);
}

function oneHotIndex(raw: Cell, feature: OneHotFeature): number {
  return raw === null ? -1 : feature.vocabulary.indexOf(String(raw));
}

export function encodeRows(rows: Record<string, Cell>[], features: FeatureSpec[]): Float32Array {
  const width = encodedWidth(features);
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, r) => {
    let offset = r * width;
    for (const feature of features) {
      if (feature.kind === 'numeric') {
        out[offset] = numericValue(row[feature.column] ?? null, feature);
      } else {
        const index = oneHotIndex(row[feature.column] ?? null, feature);
        if (index >= 0) out[offset + index] = 1;
      }
      offset += featureWidth(feature);
    }
  });
  return out;
}

/** Mean and population standard deviation of a numeric column, rounded to 3 decimals for a readable binding. */
export function standardScaling(rows: Record<string, Cell>[], column: string): { offset: number; divisor: number } {
  const values = rows.map((r) => Number(r[column]));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  const round3 = (v: number) => Math.round(v * 1000) / 1000;
  return { offset: round3(mean), divisor: round3(std) || 1 };
}
