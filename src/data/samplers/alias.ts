import { InvalidArgumentError } from '../../errors';
import type { Rng } from '../rng';

/** Anything that draws an index in 0..size-1 from an {@link Rng}. */
export interface IndexSampler {
  /** Number of indices it can return. */
  readonly size: number;
  /** One draw. */
  sample(rng: Rng): number;
}

/**
 * Walker's alias method (Vose's stable construction): O(n) setup, O(1) draws of index i with
 * probability weights[i] / sum(weights). Weights must be finite, >= 0 and not all zero.
 */
export class AliasSampler implements IndexSampler {
  /** Probability of keeping the column's own index rather than its alias. */
  private readonly keep: Float64Array;
  private readonly alias: Int32Array;
  private readonly probs: Float64Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    const total = checkedTotal(weights);
    this.probs = Float64Array.from(weights, (w) => w / total);
    this.keep = new Float64Array(n);
    this.alias = new Int32Array(n);
    this.build();
  }

  /** Number of indices. */
  get size(): number {
    return this.keep.length;
  }

  /** The normalised probability of index `i`. */
  probability(i: number): number {
    return this.probs[i] ?? 0;
  }

  /** Index i with probability weights[i] / sum: a uniform column, then a biased coin. */
  sample(rng: Rng): number {
    // Two draws: reusing the fraction of one would leave the coin few bits when n is large.
    const column = rng.int(this.keep.length);
    return rng.next() < this.keep[column] ? column : this.alias[column];
  }

  private build(): void {
    const n = this.probs.length;
    const scaled = Float64Array.from(this.probs, (p) => p * n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) (scaled[i] < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.keep[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1; // Vose: subtract this way to limit rounding drift
      (scaled[l] < 1 ? small : large).push(l);
    }
    // Leftovers are 1 up to rounding; they always keep their own index.
    for (const i of large) this.keep[i] = 1;
    for (const i of small) this.keep[i] = 1;
  }
}

function checkedTotal(weights: ArrayLike<number>): number {
  if (weights.length === 0) throw new InvalidArgumentError('alias table needs at least one weight');
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) throw new InvalidArgumentError(`weight ${i} is ${w}; weights must be finite and >= 0`);
    total += w;
  }
  if (!(total > 0)) throw new InvalidArgumentError('all weights are zero');
  if (!Number.isFinite(total)) throw new InvalidArgumentError('weights sum to infinity');
  return total;
}
