/**
 * The leave-one-out task behind every MovieLens figure here (He et al., WWW 2017): each user's latest
 * interaction held out (file order breaks ties), ranked against `nNeg` items the user never touched,
 * drawn by `Rng(seed)` user by user. One construction, so the baselines, the course models and the
 * demo's trained-model rows rank exactly the same targets against exactly the same negatives.
 */
import { leaveOneOutLatest, Rng, sampleNegatives, toCsr, type InteractionLog } from '../../data/index.ts';

/** A leave-latest-out ranking task in the log's own dense indices. */
export interface LeaveLatestOutTask {
  /** The log without each user's latest interaction. */
  train: InteractionLog;
  /** One row per held-out interaction. */
  users: Int32Array;
  targets: Int32Array;
  /** `users.length × nNeg`, row-major. */
  negatives: Int32Array;
  nNeg: number;
}

/** Holds out each user's latest interaction and samples its negatives. */
export function leaveLatestOutTask(log: InteractionLog, seed = 42, nNeg = 99): LeaveLatestOutTask {
  const split = leaveOneOutLatest(log);
  const everything = toCsr(log, 'user');
  const nItems = log.itemIds.size;
  const users = Int32Array.from(split.testItem.keys()).filter((u) => split.testItem[u] >= 0);
  const targets = users.map((u) => split.testItem[u]);
  const rng = new Rng(seed);
  const negatives = new Int32Array(users.length * nNeg);
  users.forEach((u, r) => negatives.set(sampleNegatives(everything, u, nNeg, nItems, rng), r * nNeg));
  return { train: split.train, users, targets, negatives, nNeg };
}
