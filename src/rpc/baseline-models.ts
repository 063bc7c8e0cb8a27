/**
 * Stored models on the baselines' protocol: the same leave-one-out split and the same sampled negatives
 * as `runBaselines` (the one `leaveLatestOutTask`, from the same log and seed), scored through the
 * model interface with the model's own id maps, so a learner can compare a trained model with the
 * baselines row by row.
 */
import type { IdMap } from '../data/idmap.ts';
import type { InteractionLog } from '../data/interactions.ts';
import { toCsr } from '../data/index.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { BaselineRow } from '../eval/baselines/index.ts';
import { evaluateFullRanking, type SeenItems } from '../eval/protocol/full-ranking.ts';
import { leaveLatestOutTask, type LeaveLatestOutTask } from '../eval/protocol/leave-latest-out.ts';
import { evaluateSampled } from '../eval/protocol/sampled.ts';
import type { RankingResult } from '../eval/protocol/shared.ts';
import type { Recommender } from '../models/recommender.ts';
import type { ModelData } from '../models/registry.ts';

/** The leave-one-out task of `runBaselines`, in the log's own dense indices. */
export interface LooProtocol extends LeaveLatestOutTask {
  log: InteractionLog;
  /** Training items per user: what full ranking leaves out of the candidates. */
  seen: SeenItems;
}

/** The split and negatives exactly as `runBaselines(source, { seed, negatives: nNeg })` draws them. */
export function looProtocol(log: InteractionLog, seed: number, nNeg = 99): LooProtocol {
  const task = leaveLatestOutTask(log, seed, nNeg);
  return { log, ...task, seen: toCsr(task.train, 'user') };
}

/** A model with the id maps its dense indices come from. */
export interface MappedModel {
  model: Recommender<ModelData>;
  users: IdMap;
  items: IdMap;
}

/** A model's figures on the protocol, and how much of the protocol it could not see. */
export interface ModelFigures {
  sampled: BaselineRow;
  full: BaselineRow;
  unknownItems: number;
  unknownUsers: number;
}

/** Options of {@link evaluateOnProtocol}. */
export interface ProtocolEvalOptions {
  /** `done`/`total` count users over both passes (sampled, then full ranking). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Users scored per `model.score` call in the full-ranking pass (default 16). */
  usersPerCall?: number;
}

/**
 * HR@10, NDCG@10 and MRR of `m` on `p`, sampled and full ranking (ties pessimistic). Ids are matched by
 * external id: an item the model has no index for scores lowest, a user it has none for ties on every
 * item (a miss).
 */
export async function evaluateOnProtocol(
  m: MappedModel,
  p: LooProtocol,
  options: ProtocolEvalOptions = {},
): Promise<ModelFigures> {
  const { onProgress, signal, usersPerCall = 16 } = options;
  const itemOf = modelIndices(p.log.itemIds, m.items);
  const userOf = modelIndices(p.log.userIds, m.users);
  const total = 2 * p.users.length;
  const scores = await sampledScores(m.model, p, userOf, itemOf);
  let row = 0;
  const sampled = await evaluateSampled({
    users: p.users,
    targets: p.targets,
    negatives: p.negatives,
    nNeg: p.nNeg,
    signal,
    score: () => scores.subarray(row * (p.nNeg + 1), ++row * (p.nNeg + 1)),
    onProgress: ({ done }) => onProgress?.(done, total),
  });
  const full = await evaluateFullRanking({
    users: p.users,
    targets: p.targets,
    seen: p.seen,
    nItems: p.log.itemIds.size,
    signal,
    score: fullScorer(m.model, p.users, userOf, itemOf, usersPerCall),
    onProgress: ({ done }) => onProgress?.(p.users.length + done, total),
  });
  return {
    sampled: figures(sampled),
    full: figures(full),
    unknownItems: itemOf.filter((i) => i < 0).length,
    unknownUsers: p.users.filter((u) => userOf[u] < 0).length,
  };
}

/** For each dense index of `protocol`, the model's index of the same external id, or -1. */
function modelIndices(protocol: IdMap, model: IdMap): Int32Array {
  return Int32Array.from({ length: protocol.size }, (_, i) => model.indexOrMinusOne(protocol.id(i)));
}

/** Every row's target and negatives scored in one call, unknown users and items at -Infinity. */
async function sampledScores(
  model: Recommender<ModelData>,
  p: LooProtocol,
  userOf: Int32Array,
  itemOf: Int32Array,
): Promise<Float32Array> {
  const width = p.nNeg + 1;
  const protoItems = new Int32Array(p.users.length * width);
  p.users.forEach((_, r) => {
    protoItems[r * width] = p.targets[r];
    protoItems.set(p.negatives.subarray(r * p.nNeg, (r + 1) * p.nNeg), r * width + 1);
  });
  const users = Int32Array.from(protoItems, (_, k) => Math.max(0, userOf[p.users[Math.floor(k / width)]]));
  const items = Int32Array.from(protoItems, (i) => Math.max(0, itemOf[i]));
  const scores = Float32Array.from(await model.score(users, items));
  checkLength(scores, items.length);
  protoItems.forEach((i, k) => {
    if (itemOf[i] < 0 || userOf[p.users[Math.floor(k / width)]] < 0) scores[k] = -Infinity;
  });
  return scores;
}

/**
 * `score(user)` for full ranking: the next `usersPerCall` users (in `users` order, the order the
 * evaluation asks in) scored in one call, since each call may be a GPU round trip.
 */
function fullScorer(
  model: Recommender<ModelData>,
  users: Int32Array,
  userOf: Int32Array,
  itemOf: Int32Array,
  usersPerCall: number,
): (user: number) => Promise<Float32Array> {
  const nItems = itemOf.length;
  const known = Int32Array.from(itemOf.keys()).filter((i) => itemOf[i] >= 0);
  const knownModel = known.map((i) => itemOf[i]);
  const rowOf = new Map<number, number>();
  users.forEach((u, r) => rowOf.set(u, r));
  let cache = new Map<number, Float32Array>();
  return async (user) => {
    const ready = cache.get(user);
    if (ready) return ready;
    const first = rowOf.get(user);
    const batch = first === undefined ? [user] : Array.from(users.subarray(first, first + usersPerCall));
    cache = new Map(batch.map((u) => [u, new Float32Array(nItems).fill(-Infinity)]));
    const scored = batch.filter((u) => userOf[u] >= 0);
    if (scored.length > 0 && known.length > 0) {
      const pairUsers = new Int32Array(scored.length * known.length);
      const pairItems = new Int32Array(scored.length * known.length);
      scored.forEach((u, b) => {
        pairUsers.fill(userOf[u], b * known.length, (b + 1) * known.length);
        pairItems.set(knownModel, b * known.length);
      });
      const s = await model.score(pairUsers, pairItems);
      checkLength(s, pairItems.length);
      scored.forEach((u, b) => {
        const out = cache.get(u)!;
        for (let j = 0; j < known.length; j++) out[known[j]] = s[b * known.length + j];
      });
    }
    return cache.get(user)!;
  };
}

function checkLength(scores: ArrayLike<number>, expected: number): void {
  if (scores.length !== expected)
    throw new InvalidArgumentError(`model.score returned ${scores.length} scores for ${expected} pairs`);
}

function figures(r: RankingResult): BaselineRow {
  return { hr10: r.hr[10], ndcg10: r.ndcg[10], mrr: r.mrr };
}

/**
 * The training split as MovieLens CSV (`userId,movieId,rating,timestamp`, file order kept): what a
 * model trains on to be compared fairly (it never sees a held-out rating).
 */
export function trainingCsv(train: InteractionLog): string {
  const lines = ['userId,movieId,rating,timestamp'];
  const text = (id: string | number, field: string): string => {
    const s = String(id);
    if (/[,"\r\n]/.test(s)) throw new InvalidArgumentError(`trainingCsv: ${field} '${s}' cannot be written unquoted`);
    return s;
  };
  for (let k = 0; k < train.length; k++) {
    const user = text(train.userIds.id(train.users[k]), 'userId');
    const item = text(train.itemIds.id(train.items[k]), 'movieId');
    lines.push(`${user},${item},${train.values[k]},${train.times[k]}`);
  }
  return `${lines.join('\n')}\n`;
}
