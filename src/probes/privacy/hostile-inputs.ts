/**
 * Hostile inputs in the encoded input space, built from real samples: NaN, ±Infinity, values far
 * outside the range the model was fed, all zeros, and extreme magnitudes. Each kind alternates
 * between spoiling one value of a sample and spoiling all of them.
 */
import type { Rng } from '../../core/rng';

export interface HostileKind {
  id: string;
  title: string;
  description: string;
}

export const HOSTILE_KINDS: readonly HostileKind[] = [
  { id: 'nan', title: 'NaN', description: 'A value that is not a number (a missing cell that slipped through encoding).' },
  { id: 'positive-infinity', title: '+Infinity', description: 'Positive infinity (an overflow or a division by zero upstream).' },
  { id: 'negative-infinity', title: '−Infinity', description: 'Negative infinity.' },
  { id: 'out-of-range', title: 'Far outside the range', description: 'Values 10, 1,000 and 1,000,000 times the observed range away from its centre.' },
  { id: 'zeros', title: 'All zeros', description: 'An input of zeros only (an empty or failed encoding).' },
  { id: 'extreme', title: 'Extreme magnitude', description: '±1e30 and ±3e38 (near the float32 maximum): finite, but large enough to overflow arithmetic.' },
];

/** Per encoded position: the lowest and highest value the model is fed. */
export interface InputRanges {
  low: Float32Array;
  high: Float32Array;
}

export interface HostileInput {
  kind: string;
  /** "one value (position 3)" or "every value". */
  variant: string;
  x: Float32Array;
}

/** The observed range of each position over the samples, or one range for all (an image's input range). */
export function inputRanges(x: Float32Array, n: number, size: number, fixed: [number, number] | null): InputRanges {
  const low = new Float32Array(size).fill(fixed ? fixed[0] : Infinity);
  const high = new Float32Array(size).fill(fixed ? fixed[1] : -Infinity);
  if (!fixed) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < size; j++) {
        const v = x[i * size + j];
        if (!Number.isFinite(v)) continue;
        if (v < low[j]) low[j] = v;
        if (v > high[j]) high[j] = v;
      }
    }
    for (let j = 0; j < size; j++) {
      if (low[j] > high[j]) {
        low[j] = 0;
        high[j] = 1;
      }
    }
  }
  return { low, high };
}

const FACTORS = [10, 1e3, 1e6];
const EXTREMES = [1e30, -1e30, 3e38, -3e38];

/** Value of kind `kind` for position j, the c-th input of that kind. */
function hostileValue(kind: string, ranges: InputRanges, j: number, c: number): number {
  switch (kind) {
    case 'nan': return NaN;
    case 'positive-infinity': return Infinity;
    case 'negative-infinity': return -Infinity;
    case 'zeros': return 0;
    case 'extreme': return EXTREMES[c % EXTREMES.length];
    default: {
      const centre = (ranges.low[j] + ranges.high[j]) / 2;
      const span = Math.max(ranges.high[j] - ranges.low[j], 1e-3);
      const sign = c % 2 === 0 ? 1 : -1;
      return centre + sign * span * FACTORS[Math.floor(c / 2) % FACTORS.length];
    }
  }
}

/**
 * `perKind` hostile inputs of every kind (one for all zeros, which has only one form), each made
 * from a random real sample. Positions and samples come from `rng`, so a seed gives the same set.
 */
export function buildHostileInputs(x: Float32Array, n: number, size: number, ranges: InputRanges, perKind: number, rng: Rng): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const kind of HOSTILE_KINDS) {
    const count = kind.id === 'zeros' ? 1 : perKind;
    for (let c = 0; c < count; c++) {
      const base = rng.int(n);
      const sample = kind.id === 'zeros' ? new Float32Array(size) : x.slice(base * size, (base + 1) * size);
      const every = kind.id === 'zeros' || c % 2 === 1;
      if (every) {
        for (let j = 0; j < size; j++) sample[j] = hostileValue(kind.id, ranges, j, c);
        inputs.push({ kind: kind.id, variant: 'every value', x: sample });
      } else {
        const j = rng.int(size);
        sample[j] = hostileValue(kind.id, ranges, j, c);
        inputs.push({ kind: kind.id, variant: `one value (position ${j})`, x: sample });
      }
    }
  }
  return inputs;
}
