/**
 * Where things go on the robust-accuracy-against-ε chart: ε on x up to a little past the largest ε
 * tried, robust accuracy 0–1 on y. Pure numbers, shared by <tg-robustness-attack-curve> and the
 * exported HTML report, so both draw the same chart.
 */
import type { CurvePoint, StrongestRow } from './robustness-attack-shapes';

export const ATTACK_CHART = { width: 480, height: 290, plot: { left: 52, right: 16, top: 14, bottom: 44 }, ticksY: [0, 0.25, 0.5, 0.75, 1] } as const;

export interface AttackCurveGeometry {
  plotW: number;
  plotH: number;
  x: (epsilon: number) => number;
  y: (accuracy: number) => number;
  /** Path through the points that have a robust accuracy. */
  line: (points: Pick<CurvePoint, 'epsilon' | 'robustAccuracy'>[]) => string;
}

export function attackCurveGeometry(strongest: StrongestRow[], headlineEpsilon: number | null): AttackCurveGeometry {
  const { width: W, height: H, plot: PLOT } = ATTACK_CHART;
  const maxEps = Math.max(...strongest.map((p) => p.epsilon), headlineEpsilon ?? 0);
  const plotW = W - PLOT.left - PLOT.right;
  const plotH = H - PLOT.top - PLOT.bottom;
  const x = (e: number) => PLOT.left + (e / (maxEps * 1.04 || 1)) * plotW;
  const y = (v: number) => PLOT.top + (1 - v) * plotH;
  const line = (pts: Pick<CurvePoint, 'epsilon' | 'robustAccuracy'>[]) =>
    pts.filter((p) => p.robustAccuracy !== null).map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.epsilon).toFixed(1)},${y(p.robustAccuracy!).toFixed(1)}`).join(' ');
  return { plotW, plotH, x, y, line };
}
