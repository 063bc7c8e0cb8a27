import { InvalidArgumentError } from '../../errors.ts';
import type { InteractionLog } from '../interactions.ts';
import { itemCounts } from '../interactions.ts';
import type { Rng } from '../rng.ts';
import { AliasSampler, type IndexSampler } from './alias.ts';

/** Draws items uniformly from 0..nItems-1. */
export class UniformItemSampler implements IndexSampler {
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size <= 0)
      throw new InvalidArgumentError(`nItems must be a positive integer, got ${size}`);
  }

  /** One uniform draw. */
  sample(rng: Rng): number {
    return rng.int(this.size);
  }
}

/**
 * Draws index i with probability proportional to degree[i]^power (word2vec / LINE use 0.75:
 * popular items are drawn more, but less than in proportion). Zero-degree items are never drawn
 * when power > 0.
 */
export class DegreeSampler implements IndexSampler {
  private readonly table: AliasSampler;

  /** @param degrees per-index counts or weighted degrees (finite, >= 0, not all zero). */
  constructor(
    degrees: ArrayLike<number>,
    readonly power = 0.75,
  ) {
    if (!Number.isFinite(power)) throw new InvalidArgumentError(`power must be finite, got ${power}`);
    const weights = new Float64Array(degrees.length);
    for (let i = 0; i < degrees.length; i++) {
      const d = degrees[i];
      if (!(d >= 0)) throw new InvalidArgumentError(`degree ${i} is ${d}; degrees must be >= 0`);
      weights[i] = d === 0 && power > 0 ? 0 : d ** power;
    }
    this.table = new AliasSampler(weights);
  }

  /** Item sampler over a log's item popularity (interaction counts). */
  static fromLog(log: InteractionLog, power = 0.75): DegreeSampler {
    return new DegreeSampler(itemCounts(log), power);
  }

  /** Number of indices. */
  get size(): number {
    return this.table.size;
  }

  /** The probability of drawing index `i`. */
  probability(i: number): number {
    return this.table.probability(i);
  }

  /** One draw. */
  sample(rng: Rng): number {
    return this.table.sample(rng);
  }
}
