/**
 * The arithmetic behind the explanation charts: axes, bar geometry and line paths, kept apart from
 * the elements so it can be tested without a DOM.
 */

/** A linear map from a domain to a pixel range. */
export function linear(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** A domain that holds every value and zero, symmetric when values of both signs occur. */
export function zeroDomain(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  if (low < 0 && high > 0) {
    const m = Math.max(-low, high);
    return [-m, m];
  }
  if (low === 0 && high === 0) return [0, 1];
  return [low, high];
}

/** A domain from the smallest to the largest value, always holding zero (bars grow from zero). */
export function spanDomain(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  return low === high ? [0, 1] : [low, high];
}

/** An SVG path through points (x, y), skipping non-finite values. */
export function linePath(points: [number, number][]): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)}`;
    pen = true;
  }
  return d;
}

/** Indices ordered by |value|, largest first; ties keep their order. */
export function orderByMagnitude(values: number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => Math.abs(values[b]) - Math.abs(values[a]) || a - b);
}

/** Evenly spaced tick values over a domain, at most `count` + 1 of them, on round steps. */
export function ticks(domain: [number, number], count = 4): number[] {
  const [a, b] = domain;
  const span = b - a;
  if (!(span > 0)) return [a];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  return out;
}
