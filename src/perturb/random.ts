/**
 * Random draws the corruptions need, from TrustGrade's seeded generator (core/rng) only, so every
 * corruption is the same for a seed in every browser and in Node. Where the published code calls a
 * numpy function, the algorithm here is the one numpy's legacy RandomState uses, so the
 * distributions match (the streams of course differ).
 */
import type { Rng } from '../core/rng';

/** Uniform in [low, high): numpy.random.uniform. */
export function uniform(rng: Rng, low: number, high: number): number {
  return low + (high - low) * rng.next();
}

/** Integer in [low, high): numpy.random.randint (the upper end is excluded). */
export function randint(rng: Rng, low: number, high: number): number {
  return low + rng.int(high - low);
}

/**
 * Tables of the ziggurat method for the standard normal (G. Marsaglia & W. W. Tsang 2000, "The
 * Ziggurat Method for Generating Random Variables", J. Statistical Software 5(8)), 128 layers.
 * The layer comes from the low 7 bits of a 32-bit draw and the value from the other 25, so the two
 * are independent (the correlation J. Doornik 2005 pointed out in the original does not arise).
 */
const ZIG = (() => {
  const m = 2 ** 24;
  let dn = 3.442619855899;
  let tn = dn;
  const vn = 9.91256303526217e-3;
  const kn = new Float64Array(128);
  const wn = new Float64Array(128);
  const fn = new Float64Array(128);
  const q = vn / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * m;
  kn[1] = 0;
  wn[0] = q / m;
  wn[127] = dn / m;
  fn[0] = 1;
  fn[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * m;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / m;
  }
  return { kn, wn, fn, r: 3.442619855899 };
})();

const TWO_POW_32 = 4294967296;

/** One standard normal draw by the ziggurat method. */
export function normal(rng: Rng): number {
  const { kn, wn, fn, r } = ZIG;
  for (;;) {
    const u = rng.int(TWO_POW_32) | 0;
    const iz = u & 127;
    const hz = u >> 7;
    const x = hz * wn[iz];
    if (Math.abs(hz) < kn[iz]) return x;
    if (iz === 0) {
      // The tail beyond r, by Marsaglia's exponential method.
      let tx: number;
      let ty: number;
      do {
        tx = -Math.log(1 - rng.next()) / r;
        ty = -Math.log(1 - rng.next());
      } while (ty + ty < tx * tx);
      return hz > 0 ? r + tx : -r - tx;
    }
    if (fn[iz] + rng.next() * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * x * x)) return x;
  }
}

/** Fills `out` with normal draws N(mean, sd²). */
export function fillNormal(rng: Rng, out: Float64Array, mean = 0, sd = 1): void {
  for (let i = 0; i < out.length; i++) out[i] = mean + sd * normal(rng);
}

const LOGGAM_A = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4,
  -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
];

/** log Γ(x) for x > 0, by numpy's `loggam` (Stirling series after shifting x above 7). */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  let x0 = x;
  let n = 0;
  if (x <= 7) {
    n = Math.floor(7 - x);
    x0 = x + n;
  }
  const x2 = 1 / (x0 * x0);
  let gl0 = LOGGAM_A[9];
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + LOGGAM_A[k];
  let gl = gl0 / x0 + 0.5 * Math.log(2 * Math.PI) + (x0 - 0.5) * Math.log(x0) - x0;
  if (x <= 7) {
    for (let k = 1; k <= n; k++) {
      gl -= Math.log(x0 - 1);
      x0 -= 1;
    }
  }
  return gl;
}

/**
 * A Poisson draw with mean `lam`, as numpy.random.poisson draws it: multiplication of uniforms
 * below λ = 10, above it the transformed rejection method PTRS (W. Hörmann 1993, "The transformed
 * rejection method for generating Poisson random variables", Insurance: Mathematics and Economics 12).
 */
export function poisson(rng: Rng, lam: number): number {
  if (lam <= 0) return 0;
  if (lam < 10) {
    const enlam = Math.exp(-lam);
    let x = 0;
    let prod = 1;
    for (;;) {
      prod *= rng.next();
      if (prod > enlam) x += 1;
      else return x;
    }
  }
  const slam = Math.sqrt(lam);
  const loglam = Math.log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logGamma(k + 1)) return k;
  }
}

/** numpy.arange(start, stop, step): ceil((stop − start) / step) values start + i·step. */
export function arange(start: number, stop: number, step: number): number[] {
  const count = Math.max(0, Math.ceil((stop - start) / step));
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** A random permutation of 0…n−1 (Fisher–Yates). */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
