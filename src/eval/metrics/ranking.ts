/**
 * Per-user ranking metrics. A protocol computes the 0-based rank of each held-out item once, then every
 * metric is a cheap function of that rank, so HR, NDCG and MRR always agree on how ties were broken.
 */
import { InvalidArgumentError } from '../../errors.ts';
import { assertNoNaN, assertNonNegativeInt, assertPositiveInt } from '../validate.ts';

/**
 * How an item whose score equals the target's is ordered. `'pessimistic'` puts every tied item above
 * the target (the default: a model that scores everything equally must not look perfect, and optimistic
 * ties inflate HR@10 badly on MovieLens); `'optimistic'` puts them all below it.
 */
export type TieBreak = 'pessimistic' | 'optimistic';

/**
 * 0-based rank of the target among `otherScores` (higher score = better): the number of other items
 * ranked above it. Throws `InvalidArgumentError` on a NaN score.
 * @example
 * ```ts
 * import { rankOfTarget } from 'linkrec/eval';
 * rankOfTarget(0.5, [0.9, 0.5, 0.1]); // 2 (pessimistic: the tie ranks above)
 * ```
 */
export function rankOfTarget(
  targetScore: number,
  otherScores: ArrayLike<number>,
  ties: TieBreak = 'pessimistic',
): number {
  if (Number.isNaN(targetScore)) throw new InvalidArgumentError('rankOfTarget: target score is NaN');
  assertNoNaN(otherScores, 'rankOfTarget: otherScores');
  return ties === 'pessimistic' ? countAtLeast(otherScores, targetScore) : countAbove(otherScores, targetScore);
}

function countAtLeast(xs: ArrayLike<number>, t: number): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] >= t) c++;
  return c;
}

function countAbove(xs: ArrayLike<number>, t: number): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] > t) c++;
  return c;
}

/**
 * 1 when the 0-based `rank` is inside the top `k`, else 0 (averaged over users: HR@k).
 * @example
 * ```ts
 * import { hitRateAt } from 'linkrec/eval';
 * hitRateAt(3, 10); // 1: the 4th place is in the top 10
 * ```
 */
export function hitRateAt(rank: number, k: number): number {
  assertNonNegativeInt(rank, 'hitRateAt: rank');
  assertPositiveInt(k, 'hitRateAt: k');
  return rank < k ? 1 : 0;
}

/**
 * NDCG@k of a single relevant item at 0-based `rank`: `1 / log2(rank + 2)` inside the top k, else 0
 * (the ideal DCG of one relevant item is 1, so no normalisation is needed).
 * @example
 * ```ts
 * import { ndcgAt } from 'linkrec/eval';
 * ndcgAt(1, 10); // 1 / log2(3) ≈ 0.631
 * ```
 */
export function ndcgAt(rank: number, k: number): number {
  assertNonNegativeInt(rank, 'ndcgAt: rank');
  assertPositiveInt(k, 'ndcgAt: k');
  return rank < k ? 1 / Math.log2(rank + 2) : 0;
}

/**
 * Reciprocal rank `1 / (rank + 1)` of a 0-based rank (no cut-off; averaged over users: MRR).
 * @example
 * ```ts
 * import { reciprocalRank } from 'linkrec/eval';
 * reciprocalRank(2); // 1 / 3
 * ```
 */
export function reciprocalRank(rank: number): number {
  assertNonNegativeInt(rank, 'reciprocalRank: rank');
  return 1 / (rank + 1);
}

/**
 * Precision@k: distinct relevant items among the first `k` of `recommended`, divided by `k` (not by the
 * list length, as in LightFM and implicit, so a short list is not rewarded).
 * @example
 * ```ts
 * import { precisionAt } from 'linkrec/eval';
 * precisionAt([5, 3, 9, 1], [3, 1, 7], 4); // 0.5: items 3 and 1 of 4
 * ```
 */
export function precisionAt(recommended: ArrayLike<number>, relevant: Iterable<number>, k: number): number {
  assertPositiveInt(k, 'precisionAt: k');
  return hitsInTopK(recommended, new Set(relevant), k) / k;
}

/**
 * Recall@k: distinct relevant items among the first `k` of `recommended`, divided by the number of
 * distinct relevant items. Throws when `relevant` is empty (recall is undefined; skip such users).
 * @example
 * ```ts
 * import { recallAt } from 'linkrec/eval';
 * recallAt([5, 3, 9, 1], [3, 1, 7], 4); // 2 / 3: item 7 was missed
 * ```
 */
export function recallAt(recommended: ArrayLike<number>, relevant: Iterable<number>, k: number): number {
  assertPositiveInt(k, 'recallAt: k');
  const rel = new Set(relevant);
  if (rel.size === 0) throw new InvalidArgumentError('recallAt: no relevant items');
  return hitsInTopK(recommended, rel, k) / rel.size;
}

/** Counts each relevant item once, even if a buggy list repeats it. */
function hitsInTopK(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  const found = new Set<number>();
  const end = Math.min(k, recommended.length);
  for (let i = 0; i < end; i++) if (relevant.has(recommended[i])) found.add(recommended[i]);
  return found.size;
}
