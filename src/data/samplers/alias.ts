import { InvalidArgumentError } from '../../errors.ts';
import type { Rng } from '../rng.ts';

/** Anything that draws an index in 0..size-1 from an {@link Rng}. */
export interface IndexSampler {
  /** Number of indices it can return. */
  readonly size: number;
  /** One draw. */
  sample(rng: Rng): number;
}

/**
 * A Walker alias table as two flat arrays (the layout a GPU kernel or a worker reads): a uniform
 * column i keeps itself with probability `prob[i]`, else yields `alias[i]`.
 */
export interface AliasTable {
  prob: Float64Array;
  alias: Int32Array;
}

/**
 * The one alias-table builder (Vose's stable construction, O(n)): draws index i with probability
 * weights[i] / sum(weights). Weights must be finite, >= 0 and not all zero (InvalidArgumentError).
 * {@link AliasSampler} draws from it on the CPU; LINE narrows it to Float32 for its kernels.
 */
export function aliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  const total = checkedTotal(weights);
  // (w * n) / total, in this order: LINE's seeded training (CPU, GPU and its twins) reads these exact
  // tables. Only where w * n could overflow (weights near Number.MAX_VALUE) divide first.
  const safe = Number.isFinite(total * n);
  const scaled = Float64Array.from(weights, (w) => (safe ? (w * n) / total : (w / total) * n));
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) (scaled[i] < 1 ? small : large).push(i);
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1; // Vose: subtract this way to limit rounding drift
    (scaled[l] < 1 ? small : large).push(l);
  }
  // Leftovers are 1 up to rounding; they always keep their own index.
  for (const i of large) (prob[i] = 1), (alias[i] = i);
  for (const i of small) (prob[i] = 1), (alias[i] = i);
  return { prob, alias };
}

/** The probability of each index under an alias table (to check one). */
export function aliasProbabilities(t: { prob: ArrayLike<number>; alias: ArrayLike<number> }): Float64Array {
  const n = t.prob.length;
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    p[i] += t.prob[i] / n;
    p[t.alias[i]] += (1 - t.prob[i]) / n;
  }
  return p;
}

/** Walker's alias method over an alias table: O(n) setup, O(1) draws of index i ∝ weights[i]. */
export class AliasSampler implements IndexSampler {
  private readonly table: AliasTable;
  private readonly probs: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.table = aliasTable(weights);
    const total = checkedTotal(weights);
    this.probs = Float64Array.from(weights, (w) => w / total);
  }

  /** Number of indices. */
  get size(): number {
    return this.table.prob.length;
  }

  /** The normalised probability of index `i`. */
  probability(i: number): number {
    return this.probs[i] ?? 0;
  }

  /** Index i with probability weights[i] / sum: a uniform column, then a biased coin. */
  sample(rng: Rng): number {
    // Two draws: reusing the fraction of one would leave the coin few bits when n is large.
    const column = rng.int(this.table.prob.length);
    return rng.next() < this.table.prob[column] ? column : this.table.alias[column];
  }
}

function checkedTotal(weights: ArrayLike<number>): number {
  if (weights.length === 0) throw new InvalidArgumentError('alias table needs at least one weight');
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0)
      throw new InvalidArgumentError(`weight ${i} is ${w}; weights must be finite and >= 0`);
    total += w;
  }
  if (!(total > 0)) throw new InvalidArgumentError('all weights are zero');
  if (!Number.isFinite(total)) throw new InvalidArgumentError('weights sum to infinity');
  return total;
}
