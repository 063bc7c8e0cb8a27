/**
 * The sampled leave-one-out protocol of NCF (He et al., WWW 2017): each user's held-out item is ranked
 * against a fixed set of sampled negatives (99 in the paper), never against the whole catalogue.
 */
import { InvalidArgumentError } from '../../errors.ts';
import { rankOfTarget } from '../metrics/ranking.ts';
import { assertNonEmpty, assertPositiveInt, assertSameLength } from '../validate.ts';
import {
  RankAccumulator,
  cooperativeYielder,
  normaliseKs,
  progressReporter,
  throwIfAborted,
  type RankingEvalCommon,
  type RankingResult,
} from './shared.ts';

/** Input of {@link evaluateSampled}. */
export interface SampledEvalOptions extends RankingEvalCommon {
  /** One row per held-out interaction. */
  users: Int32Array;
  /** The held-out item of each row. */
  targets: Int32Array;
  /** `users.length × nNeg` sampled negatives, row-major; none may equal its row's target. */
  negatives: Int32Array;
  /** Negatives per row (99 in NCF). */
  nNeg: number;
  /**
   * Scores `items` for `user`; `items[0]` is the target, `items[1..]` the row's negatives. A fresh array
   * is passed each call, so the scorer may keep or transfer it.
   */
  score: (user: number, items: Int32Array) => ArrayLike<number> | Promise<ArrayLike<number>>;
}

/**
 * Runs the NCF protocol: HR@k, NDCG@k and MRR of each target ranked against its row's negatives.
 * Rows are scored in order, one at a time, so a given input always gives the same result.
 * @example
 * const r = await evaluateSampled({ users, targets, negatives, nNeg: 99, score: (u, items) => model.score(u, items) });
 * r.hr[10]; r.ndcg[10];
 */
export async function evaluateSampled(opts: SampledEvalOptions): Promise<RankingResult> {
  const { users, targets, negatives, nNeg, score, signal } = opts;
  validateSampled(opts);
  const acc = new RankAccumulator(normaliseKs(opts.ks));
  const report = progressReporter(users.length, opts.onProgress);
  const maybeYield = cooperativeYielder();
  for (let row = 0; row < users.length; row++) {
    throwIfAborted(signal);
    const items = rowItems(targets[row], negatives, row, nNeg);
    const scores = await score(users[row], items);
    throwIfAborted(signal);
    if (scores.length !== nNeg + 1) {
      throw new InvalidArgumentError(`evaluateSampled: score returned ${scores.length} values for ${nNeg + 1} items`);
    }
    const others = Float64Array.from({ length: nNeg }, (_, j) => scores[j + 1]);
    acc.add(rankOfTarget(scores[0], others, opts.ties));
    report(row + 1);
    await maybeYield();
  }
  return acc.result();
}

function validateSampled(o: SampledEvalOptions): void {
  assertNonEmpty(o.users, 'evaluateSampled: users');
  assertSameLength(o.users, o.targets, 'evaluateSampled: users/targets');
  assertPositiveInt(o.nNeg, 'evaluateSampled: nNeg');
  if (o.negatives.length !== o.users.length * o.nNeg) {
    throw new InvalidArgumentError(
      `evaluateSampled: negatives has ${o.negatives.length} entries, expected ${o.users.length} × ${o.nNeg}`,
    );
  }
}

/** `[target, ...negatives of row]`; a negative equal to the target is a sampler bug, not a tie. */
function rowItems(target: number, negatives: Int32Array, row: number, nNeg: number): Int32Array {
  const items = new Int32Array(nNeg + 1);
  items[0] = target;
  items.set(negatives.subarray(row * nNeg, (row + 1) * nNeg), 1);
  for (let j = 1; j <= nNeg; j++) {
    if (items[j] === target)
      throw new InvalidArgumentError(`evaluateSampled: row ${row} samples its target ${target} as a negative`);
  }
  return items;
}
