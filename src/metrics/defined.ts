/** A metric value that may be undefined; when it is, `reason` says why (never NaN). */
export interface Defined {
  value: number | null;
  reason?: string;
}

/** numerator / denominator, or null with `reason` when the denominator is 0. */
export function ratio(numerator: number, denominator: number, reason: string): Defined {
  return denominator === 0 ? { value: null, reason } : { value: numerator / denominator };
}

/** Mean of the defined values, or null with `reason` when none is defined. */
export function meanOfDefined(values: Defined[], reason: string): Defined {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v.value !== null) {
      sum += v.value;
      count++;
    }
  }
  return count === 0 ? { value: null, reason } : { value: sum / count };
}
