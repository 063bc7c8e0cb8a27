import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

const TWO_POW_32 = 4294967296;

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the whole word. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The one seeded PRNG of linkrec (xoroshiro128+ from pure-rand). Every sampler, split and simulator
 * takes an `Rng` so a seed reproduces a run exactly, in Node and in the browser alike.
 */
export class Rng {
  private readonly gen: JumpableRandomGenerator;

  constructor(readonly seed: number) {
    // xoroshiro128+ seeded with a small integer starts with a run of near-1 outputs; scrambling the
    // seed (murmur3's finaliser) and skipping a few draws gives a well-mixed state from the first call.
    this.gen = xoroshiro128plus(fmix32(seed | 0));
    for (let i = 0; i < 8; i++) this.gen.next();
  }

  /** Uniform float in [0, 1) with 32 random bits (enough for sampling; ~10 ns). */
  next(): number {
    return (this.gen.next() >>> 0) / TWO_POW_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal draw (Box–Muller; one of the pair is discarded to stay stateless). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Bernoulli draw with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** In-place Fisher–Yates shuffle; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** Uniform pick from a non-empty array. */
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }

  /**
   * An independent child stream named by `label`, so adding draws to one component of a program does
   * not shift the numbers every other component sees.
   */
  fork(label: string | number): Rng {
    let h = 2166136261 ^ this.seed;
    const s = String(label);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return new Rng(h ^ (h >>> 15));
  }
}
