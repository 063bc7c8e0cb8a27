/**
 * A part of an interaction log: the rows of its first users and first items, id maps cut to those
 * (so an index means the same in the part and the whole): small, fast fixtures for fold-in tests
 * and quick checks on a real data set.
 */
import { IdMap, loadInteractions, makeInteractionLog, type InteractionLog } from '../data/index.ts';
import { fileSource } from '../data/node.ts';
import type { History, Ranked, RecommendForOptions, RecommendOptions } from '../models/recommender.ts';

const RATINGS = 'public/data/movielens-small/ratings.csv';

/** Rows of `log` whose user index is below `users` and item index below `items`. */
export function sliceLog(log: InteractionLog, users: number, items = log.itemIds.size): InteractionLog {
  const keep: number[] = [];
  for (let k = 0; k < log.length; k++) if (log.users[k] < users && log.items[k] < items) keep.push(k);
  const rows = Int32Array.from(keep);
  return makeInteractionLog({
    users: Int32Array.from(rows, (k) => log.users[k]),
    items: Int32Array.from(rows, (k) => log.items[k]),
    values: Float32Array.from(rows, (k) => log.values[k]),
    times: Float64Array.from(rows, (k) => log.times[k]),
    userIds: new IdMap(log.userIds.ids().slice(0, users), log.userIds.kind),
    itemIds: new IdMap(log.itemIds.ids().slice(0, items), log.itemIds.kind),
  });
}

/** The first `users` MovieLens ml-latest-small users on its first `items` movies. */
export async function movieLensSlice(users: number, items?: number): Promise<InteractionLog> {
  return sliceLog(await loadInteractions(fileSource(RATINGS), { file: RATINGS }), users, items);
}

/** User `u`'s training events (item, time) of `log`, in file order, as a fold-in history. */
export function historyOf(log: InteractionLog, u: number): History {
  const items: number[] = [];
  const times: number[] = [];
  for (let k = 0; k < log.length; k++) if (log.users[k] === u) items.push(log.items[k]), times.push(log.times[k]);
  return { items: Int32Array.from(items), times: Float64Array.from(times) };
}

/** What {@link overlaps} ranks with. */
interface RanksBoth {
  recommend(user: number, options?: RecommendOptions): Promise<Ranked>;
  recommendFor?(history: History, options?: RecommendForOptions): Promise<Ranked>;
}

/**
 * Mean top-k overlap of `recommendFor(history of u)` with `recommend(u)` (own), and of another
 * person's (u + 50) history with it (other), over the first `users` users.
 */
export async function overlaps(
  model: RanksBoth,
  log: InteractionLog,
  k = 10,
  users = 20,
): Promise<{ own: number; other: number }> {
  let own = 0;
  let other = 0;
  for (let u = 0; u < users; u++) {
    const top = new Set((await model.recommend(u, { k, excludeSeen: true })).items);
    const forUser = (v: number) =>
      (model.recommendFor as NonNullable<RanksBoth['recommendFor']>)(historyOf(log, v), { k, excludeSeen: true });
    const mine = await forUser(u);
    const theirs = await forUser(u + 50);
    own += mine.items.filter((i) => top.has(i)).length / k / users;
    other += theirs.items.filter((i) => top.has(i)).length / k / users;
  }
  return { own, other };
}
