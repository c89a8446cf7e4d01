/**
 * The only source of randomness in TrustGrade: a seeded sfc32 generator (Chris Doty-Humphrey's
 * Small Fast Counting generator, as in PractRand), seeded through splitmix32. Same seed, same
 * stream, in every browser and in Node.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** An independent stream derived from this seed and a name (e.g. a probe id). */
  fork(name: string): Rng;
}

const TWO_POW_32 = 4294967296;

/** FNV-1a hash of a string, used to derive named streams. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

// A class rather than closures: bootstraps draw tens of millions of numbers, and V8 keeps the
// four words of state in fields it can optimise.
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(private readonly seed: number) {
    const init = { s: seed >>> 0 };
    this.a = splitmix32(init);
    this.b = splitmix32(init);
    this.c = splitmix32(init);
    this.d = splitmix32(init);
    for (let i = 0; i < 12; i++) this.nextUint();
  }

  private nextUint(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint() / TWO_POW_32;
  }

  int(n: number): number {
    return Math.floor((this.nextUint() / TWO_POW_32) * n);
  }

  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  fork(name: string): Rng {
    return new Sfc32((hashString(name) ^ Math.imul(this.seed >>> 0, 0x9e3779b1)) >>> 0);
  }
}

export function createRng(seed: number): Rng {
  return new Sfc32(seed);
}
