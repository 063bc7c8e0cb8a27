/**
 * Full-ranking leave-one-out: each held-out item is ranked against every item the user did not see in
 * training (the stricter protocol; sampled metrics can reorder models, Krichene & Rendle, KDD 2020).
 */
import { InvalidArgumentError, UnknownIdError } from '../../errors.ts';
import { assertNonEmpty, assertPositiveInt, assertSameLength } from '../validate.ts';
import {
  RankAccumulator,
  cooperativeYielder,
  normaliseKs,
  perK,
  progressReporter,
  throwIfAborted,
  type RankingEvalCommon,
  type RankingResult,
} from './shared.ts';
import type { TieBreak } from '../metrics/ranking.ts';

/** Training items per user as CSR: user u saw `indices[indptr[u] .. indptr[u+1])`. */
export interface SeenItems {
  indptr: Int32Array;
  indices: Int32Array;
}

/** Input of {@link evaluateFullRanking}. */
export interface FullRankingEvalOptions extends RankingEvalCommon {
  /** One row per held-out item; a user may have several rows. */
  users: Int32Array;
  /** The held-out item of each row; must not be among the user's training items. */
  targets: Int32Array;
  /** Training items to exclude from the candidates. */
  seen: SeenItems;
  /** Catalogue size; scores are indexed by item id. */
  nItems: number;
  /** Scores every item for `user` (length `nItems`); called once per distinct user. */
  score: (user: number) => ArrayLike<number> | Promise<ArrayLike<number>>;
}

/** {@link RankingResult} plus precision and recall, averaged over distinct users. */
export interface FullRankingResult extends RankingResult {
  /** Precision@k: the user's held-out items ranked inside the top k, over k. */
  precision: Record<number, number>;
  /** Recall@k: the user's held-out items ranked inside the top k, over their count. */
  recall: Record<number, number>;
  /** Number of distinct users (equals `users` in leave-one-out). */
  distinctUsers: number;
}

/**
 * Runs the full-ranking protocol. HR, NDCG and MRR average over rows; precision and recall over
 * distinct users. A user's other held-out items are candidates too (they are unseen in training).
 * @example
 * const r = await evaluateFullRanking({ users, targets, seen: train, nItems, score: (u) => model.scoreAll(u) });
 */
export async function evaluateFullRanking(opts: FullRankingEvalOptions): Promise<FullRankingResult> {
  validateFull(opts);
  const ks = normaliseKs(opts.ks);
  const acc = new RankAccumulator(ks);
  const precision = ks.map(() => 0);
  const recall = ks.map(() => 0);
  const groups = rowsByUser(opts.users);
  const report = progressReporter(opts.users.length, opts.onProgress);
  const maybeYield = cooperativeYielder();
  const excluded = new Uint8Array(opts.nItems);
  let done = 0;
  for (const [user, rows] of groups) {
    throwIfAborted(opts.signal);
    const scores = await opts.score(user);
    throwIfAborted(opts.signal);
    const ranks = rankUserTargets(opts, user, rows, scores, excluded);
    for (const rank of ranks) acc.add(rank);
    ks.forEach((k, i) => {
      const hits = ranks.filter((r) => r < k).length;
      precision[i] += hits / k;
      recall[i] += hits / ranks.length;
    });
    done += rows.length;
    report(done);
    await maybeYield();
  }
  return {
    ...acc.result(),
    precision: perK(ks, precision, groups.size),
    recall: perK(ks, recall, groups.size),
    distinctUsers: groups.size,
  };
}

function validateFull(o: FullRankingEvalOptions): void {
  assertNonEmpty(o.users, 'evaluateFullRanking: users');
  assertSameLength(o.users, o.targets, 'evaluateFullRanking: users/targets');
  assertPositiveInt(o.nItems, 'evaluateFullRanking: nItems');
  const nUsers = o.seen.indptr.length - 1;
  for (let i = 0; i < o.users.length; i++) {
    if (!(o.users[i] >= 0 && o.users[i] < nUsers)) throw new UnknownIdError('user', o.users[i]);
    if (!(o.targets[i] >= 0 && o.targets[i] < o.nItems)) throw new UnknownIdError('item', o.targets[i]);
  }
}

/** Row indices grouped by user, users in order of first appearance, rows in input order. */
function rowsByUser(users: Int32Array): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  users.forEach((u, row) => {
    const rows = groups.get(u);
    if (rows) rows.push(row);
    else groups.set(u, [row]);
  });
  return groups;
}

/** 0-based rank of each of the user's targets among the user's unseen items. */
function rankUserTargets(
  o: FullRankingEvalOptions,
  user: number,
  rows: readonly number[],
  scores: ArrayLike<number>,
  excluded: Uint8Array,
): number[] {
  if (scores.length !== o.nItems) {
    throw new InvalidArgumentError(
      `evaluateFullRanking: score(${user}) returned ${scores.length} values for ${o.nItems} items`,
    );
  }
  const seen = o.seen.indices.subarray(o.seen.indptr[user], o.seen.indptr[user + 1]);
  markSeen(seen, excluded, o.nItems, 1);
  try {
    for (const row of rows) {
      if (excluded[o.targets[row]]) {
        throw new InvalidArgumentError(
          `evaluateFullRanking: user ${user}'s held-out item ${o.targets[row]} is also a training item`,
        );
      }
    }
    assertNoNaNCandidates(scores, excluded, user);
    return rows.map((row) => countAbove(scores, excluded, o.targets[row], o.ties ?? 'pessimistic'));
  } finally {
    markSeen(seen, excluded, o.nItems, 0);
  }
}

function markSeen(seen: Int32Array, excluded: Uint8Array, nItems: number, value: 0 | 1): void {
  for (const item of seen) {
    if (!(item >= 0 && item < nItems)) throw new UnknownIdError('item', item);
    excluded[item] = value;
  }
}

/** Checks candidate items only: a model may legitimately put NaN on seen items it masks. */
function assertNoNaNCandidates(scores: ArrayLike<number>, excluded: Uint8Array, user: number): void {
  for (let j = 0; j < scores.length; j++) {
    if (!excluded[j] && Number.isNaN(scores[j])) {
      throw new InvalidArgumentError(`evaluateFullRanking: score(${user}) is NaN for item ${j}`);
    }
  }
}

/** Candidates other than the target that rank above it. */
function countAbove(scores: ArrayLike<number>, excluded: Uint8Array, target: number, ties: TieBreak): number {
  const t = scores[target];
  let rank = 0;
  for (let j = 0; j < scores.length; j++) {
    if (j === target || excluded[j]) continue;
    if (ties === 'pessimistic' ? scores[j] >= t : scores[j] > t) rank++;
  }
  return rank;
}
