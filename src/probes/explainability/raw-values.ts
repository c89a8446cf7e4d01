/** Raw-column readings of encoded rows, for showing next to their attributions. */
import { featureSlices } from '../../core/binding';
import type { TabularBinding } from '../../core/types';

/** The value of each raw column as the model saw it: numbers unscaled, one-hot groups as their category. */
export function displayValues(binding: TabularBinding, x: Float32Array): string[] {
  return featureSlices(binding).map((slice, f) => {
    const spec = binding.features[f];
    if (spec.kind === 'numeric') {
      const raw = x[slice.start] * (spec.divisor ?? 1) + (spec.offset ?? 0);
      return String(Number(raw.toPrecision(6)));
    }
    for (let k = 0; k < slice.width; k++) if (x[slice.start + k] >= 0.5) return spec.vocabulary[k];
    return '(not in the vocabulary)';
  });
}

/** Raw numeric values of one numeric feature over rows, and the map back to its encoded slot. */
export function numericColumn(binding: TabularBinding, feature: number, x: Float32Array, n: number, size: number): { raw: Float64Array; encode: (raw: number) => number; slot: number } | null {
  const spec = binding.features[feature];
  if (spec.kind !== 'numeric') return null;
  const slot = featureSlices(binding)[feature].start;
  const divisor = spec.divisor ?? 1;
  const offset = spec.offset ?? 0;
  return {
    raw: Float64Array.from({ length: n }, (_, i) => x[i * size + slot] * divisor + offset),
    encode: (raw) => (raw - offset) / divisor,
    slot,
  };
}

/**
 * Raw columns that carry a sensitive attribute: the binding's sensitive columns and, for a derived
 * sensitive column (German credit's sex from personal_status), the columns it is derived from.
 */
export function sensitiveSources(binding: TabularBinding): Set<string> {
  const out = new Set<string>();
  for (const name of binding.sensitive) {
    let column: string | undefined = name;
    const seen = new Set<string>();
    while (column !== undefined && !seen.has(column)) {
      seen.add(column);
      out.add(column);
      column = (binding.derive ?? []).find((d) => d.name === column)?.from;
    }
  }
  return out;
}
