/**
 * Minimal ε per sample by bisection (as in Carlini et al. 2019, §5.2, "report the minimal
 * perturbation"): between an ε where the attack failed and one where it succeeded, halve the
 * bracket a fixed number of times, attacking all unresolved samples at their midpoints at once.
 * The result is the smallest ε at which the attack was seen to succeed: an upper bound on the true
 * minimal adversarial ε (a stronger attack can only lower it).
 */
export type AttackAt = (indices: Int32Array, eps: Float32Array) => Promise<Uint8Array>;

export async function bisectMinimalEpsilon(
  attack: AttackAt,
  low: ArrayLike<number>,
  high: ArrayLike<number>,
  steps: number,
  onStep: (done: number) => void = () => {},
): Promise<Float64Array> {
  const lo = Float64Array.from(low);
  const hi = Float64Array.from(high);
  const open = Int32Array.from({ length: hi.length }, (_, i) => i).filter((i) => Number.isFinite(hi[i]) && hi[i] > lo[i]);
  for (let step = 0; step < steps && open.length > 0; step++) {
    const mid = Float64Array.from(open, (i) => (lo[i] + hi[i]) / 2);
    const success = await attack(open, Float32Array.from(mid));
    open.forEach((i, r) => {
      if (success[r]) hi[i] = mid[r];
      else lo[i] = mid[r];
    });
    onStep(step + 1);
  }
  return hi;
}
