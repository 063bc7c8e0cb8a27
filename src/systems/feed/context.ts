/**
 * What every feed stage reads: the world's observable parts (never its latent truth) plus indexes
 * built once — activities per inventory / family / company, members' skill-family profiles and the
 * member × actor interaction history taken from training logs only.
 */
import { groupBy, type SparseRows } from '../../data/index.ts';
import { ActorType, Inventory } from '../../world/feed-enums.ts';
import type { World } from '../../world/types.ts';

/** The observable world the feed reads (latent fields such as `interests` are never touched). */
export type FeedWorldView = Pick<World, 'k' | 'now' | 'members' | 'jobs' | 'companies' | 'catalog'> & {
  feed: Pick<World['feed'], 'connections' | 'follows' | 'activities'>;
};

/** Past member × actor impressions and clicks (from training logs), keyed `member * 2^24 + actorKey`. */
export interface InteractionHistory {
  shown: Map<number, number>;
  clicked: Map<number, number>;
}

/** Everything the FPRs, the SPR and the re-ranker share. */
export interface FeedContext {
  world: FeedWorldView;
  /** Activity ids per inventory. */
  byInventory: SparseRows<Uint32Array>;
  /** Network activities per acting member. */
  networkByActor: SparseRows<Uint32Array>;
  /** News activities per publishing company. */
  newsByCompany: SparseRows<Uint32Array>;
  /** News activities per family. */
  newsByFamily: SparseRows<Uint32Array>;
  /** The PYMK activity of each member, or -1. */
  pymkOf: Int32Array;
  /** Members' share of skills per family, row-major `members × K`. */
  skillShare: Float32Array;
  /** Family of each member's title (observable; -1 when unknown). */
  titleFamily: Int16Array;
  history: InteractionHistory;
}

/** One key per actor across actor types. */
export const actorKey = (actorType: number, actor: number): number => actor * 2 + actorType;
/** Key of a (member, actor) pair in the history maps. */
export const pairKey = (member: number, aKey: number): number => member * 2 ** 24 + aKey;

function skillShares(w: FeedWorldView): Float32Array {
  const m = w.members,
    k = w.k,
    out = new Float32Array(m.count * k);
  const fam = w.catalog.skillFamily;
  for (let i = 0; i < m.count; i++) {
    const lo = m.skills.indptr[i],
      hi = m.skills.indptr[i + 1];
    for (let p = lo; p < hi; p++) out[i * k + fam[m.skills.indices[p]]] += 1 / (hi - lo);
  }
  return out;
}

/** Builds the shared indexes (O(activities + members · skills)). */
export function buildFeedContext(
  w: FeedWorldView,
  history: InteractionHistory = { shown: new Map(), clicked: new Map() },
): FeedContext {
  const a = w.feed.activities,
    n = w.members.count,
    nc = w.companies.count;
  const keyed = (f: (i: number) => number): Uint32Array => Uint32Array.from({ length: a.count }, (_, i) => f(i));
  const news = (i: number): boolean => a.inventory[i] === Inventory.NEWS;
  const pymkOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < a.count; i++) if (a.inventory[i] === Inventory.PYMK) pymkOf[a.actor[i]] = i;
  const titleFamily = Int16Array.from(w.members.title, (t) => w.catalog.titleFamily[t] ?? -1);
  return {
    world: w,
    byInventory: groupBy(a.inventory, 4),
    networkByActor: groupBy(
      keyed((i) => (a.inventory[i] === Inventory.NETWORK && a.actorType[i] === ActorType.MEMBER ? a.actor[i] : n)),
      n + 1,
    ),
    newsByCompany: groupBy(
      keyed((i) => (news(i) ? a.actor[i] : nc)),
      nc + 1,
    ),
    newsByFamily: groupBy(
      keyed((i) => (news(i) ? a.family[i] : w.k)),
      w.k + 1,
    ),
    pymkOf,
    skillShare: skillShares(w),
    titleFamily,
    history,
  };
}

/**
 * Member × actor history from logged impressions (pass only the training sessions' impressions, so
 * evaluation never sees its own outcomes).
 */
export function historyFromLog(w: Pick<World, 'feed'>, impressions: Iterable<number>): InteractionHistory {
  const { session, activity, outcome } = w.feed.log.impressions;
  const a = w.feed.activities,
    member = w.feed.log.sessions.member;
  const h: InteractionHistory = { shown: new Map(), clicked: new Map() };
  for (const i of impressions) {
    const act = activity[i];
    const key = pairKey(member[session[i]], actorKey(a.actorType[act], a.actor[act]));
    h.shown.set(key, (h.shown.get(key) ?? 0) + 1);
    if (outcome[i] !== 0) h.clicked.set(key, (h.clicked.get(key) ?? 0) + 1);
  }
  return h;
}

/** Age of an activity in days at `time` (never negative). */
export function ageDays(ctx: FeedContext, activity: number, time: number): number {
  return Math.max(0, time - ctx.world.feed.activities.createdAt[activity]) / 86400;
}
