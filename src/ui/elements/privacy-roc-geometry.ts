/**
 * The two axes of the membership-inference ROC chart: linear 0–1 (the area is the AUC) and log–log
 * from a floor set by the number of non-members (the low false-positive region). Pure numbers,
 * shared by <tg-privacy-roc-curve> and the exported HTML report.
 */
import { logAxisFloor, logPosition } from './privacy-details';

export const ROC_CHART = { size: 260, pad: { left: 46, right: 12, top: 12, bottom: 40 } } as const;
export const ROC_WIDTH = ROC_CHART.pad.left + ROC_CHART.size + ROC_CHART.pad.right;
export const ROC_HEIGHT = ROC_CHART.pad.top + ROC_CHART.size + ROC_CHART.pad.bottom;

export interface RocAxis {
  scale: 'linear' | 'log';
  domain: [number, number];
  ticks: [number, string][];
  /** Pixel position of a rate on x and on y. */
  x: (v: number) => number;
  y: (v: number) => number;
}

/** Powers of ten from the floor to 1. */
export function decades(floor: number): number[] {
  const out: number[] = [];
  for (let v = floor; v <= 1 + 1e-12; v *= 10) out.push(Number(v.toPrecision(1)));
  return out;
}

/** A tick label on the log axis: 0.01 and above as decimals, smaller as 1e−3. */
export function formatTick(v: number): string {
  return v >= 0.01 ? String(v) : `1e${Math.round(Math.log10(v))}`.replace('-', '\u2212');
}

function axis(scale: RocAxis['scale'], pos: (v: number) => number, domain: [number, number], ticks: [number, string][]): RocAxis {
  const { size: SIZE, pad: PAD } = ROC_CHART;
  return {
    scale, domain, ticks,
    x: (v) => PAD.left + pos(Math.max(domain[0], v)) * SIZE,
    y: (v) => PAD.top + (1 - pos(Math.max(domain[0], v))) * SIZE,
  };
}

/** The linear and the log–log axes for a test with `nonMembers` non-members. */
export function rocAxes(nonMembers: number): { linear: RocAxis; log: RocAxis; floor: number } {
  const floor = logAxisFloor(nonMembers);
  return {
    floor,
    linear: axis('linear', (v) => v, [0, 1], [0, 0.25, 0.5, 0.75, 1].map((t) => [t, t.toFixed(2)])),
    log: axis('log', (v) => logPosition(v, floor), [floor, 1], decades(floor).map((t) => [t, formatTick(t)])),
  };
}
