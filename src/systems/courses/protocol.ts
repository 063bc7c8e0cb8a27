/**
 * The NCF evaluation protocol for course-style models: a training log and, per held-out row, the
 * target and its sampled negatives; metrics by sampled ranking (ties pessimistic) and by full ranking,
 * computed only through the model interface.
 */
import { type InteractionLog, userItemRows } from '../../data/index.ts';
import { evaluateFullRanking, evaluateSampled, leaveLatestOutTask, type LeaveLatestOutTask } from '../../eval/index.ts';
import type { Recommender } from '../../models/recommender.ts';

/** A leave-one-out ranking task, named. */
export interface RankingProtocol extends LeaveLatestOutTask {
  name: string;
}

/** HR@10, NDCG@10 and MRR. */
export interface RankFigures {
  hr10: number;
  ndcg10: number;
  mrr: number;
}

/** The latest interaction of each user held out, ranked against `nNeg` sampled unseen items. */
export function leaveLatestOut(log: InteractionLog, name: string, seed = 42, nNeg = 99): RankingProtocol {
  return { name, ...leaveLatestOutTask(log, seed, nNeg) };
}

/** Sampled-ranking figures of a fitted model (all pairs scored in one call). */
export async function sampledFigures(model: Recommender<InteractionLog>, p: RankingProtocol): Promise<RankFigures> {
  const width = p.nNeg + 1;
  const users = new Int32Array(p.users.length * width);
  const items = new Int32Array(p.users.length * width);
  p.users.forEach((u, r) => {
    users.fill(u, r * width, (r + 1) * width);
    items[r * width] = p.targets[r];
    items.set(p.negatives.subarray(r * p.nNeg, (r + 1) * p.nNeg), r * width + 1);
  });
  const scores = await model.score(users, items);
  let row = 0;
  const r = await evaluateSampled({
    users: p.users,
    targets: p.targets,
    negatives: p.negatives,
    nNeg: p.nNeg,
    score: () => scores.subarray(row * width, ++row * width),
  });
  return { hr10: r.hr[10], ndcg10: r.ndcg[10], mrr: r.mrr };
}

/** Full-ranking figures: each target against every item the user did not have in training. */
export async function fullFigures(model: Recommender<InteractionLog>, p: RankingProtocol): Promise<RankFigures> {
  const nItems = p.train.itemIds.size;
  const all = Int32Array.from({ length: nItems }, (_, i) => i);
  const r = await evaluateFullRanking({
    users: p.users,
    targets: p.targets,
    seen: userItemRows(p.train),
    nItems,
    score: (u) => model.score(new Int32Array(nItems).fill(u), all),
  });
  return { hr10: r.hr[10], ndcg10: r.ndcg[10], mrr: r.mrr };
}
