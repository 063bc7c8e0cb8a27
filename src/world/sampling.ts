/**
 * Samplers the generator draws from: weighted picks by binary search over cumulative weights, and
 * the same per group (e.g. "a company of family f, by size") without one array per group.
 */
import type { Rng } from '../data/rng.ts';
import { groupBy } from '../data/index.ts';

/** Logistic function. */
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** First index in `cum[lo, hi)` whose cumulative weight exceeds `x`. */
function search(cum: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Draws index i with probability weights[i] / Σ weights. */
export class WeightedSampler {
  private readonly cum: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cum = new Float64Array(weights.length);
    let s = 0;
    for (let i = 0; i < weights.length; i++) this.cum[i] = s += Math.max(0, weights[i]);
  }

  draw(rng: Rng): number {
    const n = this.cum.length;
    return Math.min(n - 1, search(this.cum, 0, n, rng.next() * this.cum[n - 1]));
  }
}

/**
 * Draws an item of a given group, weighted within the group (uniform when no weights are given).
 * Item i belongs to group `groupOf[i]`; a draw returns `ids[i]` when `ids` is given, else i.
 */
export class GroupSampler {
  private readonly offsets: Int32Array;
  private readonly items: Uint32Array;
  private readonly cum: Float64Array;
  /** Number of items (`groupOf.length`): the id space of its draws when no `ids` map them. */
  readonly count: number;

  constructor(groupOf: ArrayLike<number>, groups: number, weights?: ArrayLike<number>, ids?: ArrayLike<number>) {
    this.count = groupOf.length;
    const { indptr: offsets, indices: values } = groupBy(groupOf, groups);
    this.offsets = offsets;
    this.items = ids ? Uint32Array.from(values, (i) => ids[i]) : values;
    this.cum = new Float64Array(values.length);
    for (let g = 0; g < groups; g++) {
      let s = 0;
      for (let k = offsets[g]; k < offsets[g + 1]; k++)
        this.cum[k] = s += weights ? Math.max(0, weights[values[k]]) : 1;
    }
  }

  /** Number of items in group `g`. */
  size(g: number): number {
    return this.offsets[g + 1] - this.offsets[g];
  }

  /** A random item of group `g`, or -1 when the group is empty. */
  draw(g: number, rng: Rng): number {
    const lo = this.offsets[g],
      hi = this.offsets[g + 1];
    if (lo === hi) return -1;
    const k = search(this.cum, lo, hi, rng.next() * this.cum[hi - 1]);
    return this.items[Math.min(hi - 1, k)];
  }
}

/** Poisson draw (Knuth for small means, rounded normal above 30). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const l = Math.exp(-mean);
  let k = 0,
    p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Draws a category from a probability vector stored at `probs[offset .. offset + k)`. */
export function drawFromRow(rng: Rng, probs: Float32Array, offset: number, k: number): number {
  let x = rng.next();
  for (let i = 0; i < k - 1; i++) {
    x -= probs[offset + i];
    if (x < 0) return i;
  }
  return k - 1;
}

/** Clamps x into [lo, hi]. */
export const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
