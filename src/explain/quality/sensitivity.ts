/**
 * Max-sensitivity (Yeh et al. 2019, "On the (In)fidelity and Sensitivity of Explanations",
 * NeurIPS, def. 3.1; Quantus's `MaxSensitivity`): the largest change of an explanation when the
 * input moves a little. Here the change is relative, ‖Φ(x) − Φ(x′)‖₂ / max(‖Φ(x)‖₂, ‖Φ(x′)‖₂),
 * so that it does not depend on the units of the attribution and lies in [0, 2]: 0 = the same
 * explanation, 1 = a change as large as the explanation itself, 2 = the opposite explanation.
 */
import { l2 } from '../stats';

export function relativeChange(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const denominator = Math.max(l2(a), l2(b));
  if (!(denominator > 0)) return null;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.min(2, Math.sqrt(s) / denominator);
}

/** The largest relative change between an explanation and those of perturbed inputs (null if none is defined). */
export function maxRelativeChange(reference: ArrayLike<number>, perturbed: ArrayLike<number>[]): number | null {
  let worst: number | null = null;
  for (const p of perturbed) {
    const change = relativeChange(reference, p);
    if (change !== null && (worst === null || change > worst)) worst = change;
  }
  return worst;
}
