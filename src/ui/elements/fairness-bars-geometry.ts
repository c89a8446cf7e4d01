/**
 * Where things go on a per-group bar chart (tg-fairness-group-bars and the exported report's
 * copy of it): label column, plot, count column, one row per group and an axis of round ticks.
 * Pure numbers, so the app and the report draw the same chart.
 */
import { barAxis, stepDecimals, ticks, type BarRow } from './fairness-chart-math';

export const BARS = { labelW: 200, plotW: 260, countW: 150, rowH: 24, top: 8, axisH: 26 } as const;

export interface BarsLayout {
  width: number;
  height: number;
  plotBottom: number;
  /** Largest value on the axis (the axis starts at 0). */
  top: number;
  x: (v: number) => number;
  /** Row i's top edge. */
  rowTop: (i: number) => number;
  ticks: { at: number; text: string }[];
}

export function barsLayout(rows: BarRow[], limit = 1): BarsLayout {
  const { top: hi, step } = barAxis(rows, limit);
  const x = (v: number) => BARS.labelW + (Math.min(hi, Math.max(0, v)) / hi) * BARS.plotW;
  const plotBottom = BARS.top + rows.length * BARS.rowH;
  return {
    width: BARS.labelW + BARS.plotW + BARS.countW,
    height: plotBottom + BARS.axisH,
    plotBottom,
    top: hi,
    x,
    rowTop: (i) => BARS.top + i * BARS.rowH,
    ticks: ticks(hi, step).map((t) => ({ at: x(t), text: t.toFixed(stepDecimals(step)) })),
  };
}

/** A label cut to fit its column, with an ellipsis; the full text stays in the tooltip. */
export function shorten(text: string, max = 30): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
