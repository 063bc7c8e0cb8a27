/**
 * The re-ranker: after the SPR, (1) decays scores by freshness, (2) drops repeats of the same object
 * (keeping the best-scored), and (3) fills the feed greedily so that no more than N consecutive
 * updates share an actor or an inventory. Each rule can be switched off through the config.
 */
import { InvalidArgumentError } from '../../errors.ts';
import { actorKey, ageDays, type FeedContext } from './context.ts';

/** Re-ranker rules. */
export interface RerankConfig {
  /** Most consecutive updates from one actor (0 = no limit). Default 1. */
  maxSameActor: number;
  /** Most consecutive updates from one inventory (0 = no limit). Default 2. */
  maxSameInventory: number;
  /** Score halves every this many days of age (0 = no decay). Default 30. */
  freshnessHalfLifeDays: number;
  /** Drop later updates about an object already in the feed. Default true. */
  dedupe: boolean;
  /** Length of the feed (0 = everything). Default 0. */
  size: number;
}

/** Defaults of the re-ranker. */
export const RERANK_DEFAULTS: Readonly<RerankConfig> = Object.freeze({
  maxSameActor: 1,
  maxSameInventory: 2,
  freshnessHalfLifeDays: 30,
  dedupe: true,
  size: 0,
});

/** One update after re-ranking. */
export interface RerankedItem {
  activity: number;
  /** The SPR's score. */
  score: number;
  /** The score after freshness decay. */
  adjusted: number;
  /** Position by SPR score alone (0-based). */
  sprRank: number;
  /** Final position (0-based). */
  rank: number;
  /** Rules that moved it: 'freshness', 'actor-run', 'inventory-run', 'rule-relaxed'. */
  changes: string[];
}

/** The feed and what the re-ranker removed. */
export interface RerankResult {
  items: RerankedItem[];
  /** Updates dropped as repeats: `duplicateOf` is the kept activity with the same object. */
  dropped: { activity: number; duplicateOf: number }[];
}

/** Re-ranks `activities` scored `scores` for a request at `time`. */
export function rerank(
  ctx: FeedContext,
  activities: ArrayLike<number>,
  scores: ArrayLike<number>,
  time: number,
  config: Partial<RerankConfig> = {},
): RerankResult {
  const c = { ...RERANK_DEFAULTS, ...config };
  if (![c.maxSameActor, c.maxSameInventory, c.freshnessHalfLifeDays, c.size].every((x) => x >= 0))
    throw new InvalidArgumentError('rerank: limits must be >= 0');
  const a = ctx.world.feed.activities;
  const bySpr = Array.from({ length: activities.length }, (_, i) => i).sort((x, y) => scores[y] - scores[x] || x - y);
  let items: RerankedItem[] = bySpr.map((i, r) => {
    const decay =
      c.freshnessHalfLifeDays > 0 ? Math.pow(0.5, ageDays(ctx, activities[i], time) / c.freshnessHalfLifeDays) : 1;
    return {
      activity: activities[i],
      score: scores[i],
      adjusted: scores[i] * decay,
      sprRank: r,
      rank: -1,
      changes: [],
    };
  });
  items.sort((x, y) => y.adjusted - x.adjusted || x.sprRank - y.sprRank);
  items.forEach((it, r) => r !== it.sprRank && it.changes.push('freshness'));
  const dropped: RerankResult['dropped'] = [];
  if (c.dedupe) {
    const kept = new Map<number, number>();
    items = items.filter((it) => {
      const key = a.objectType[it.activity] * 2 ** 32 + a.object[it.activity];
      const first = kept.get(key);
      if (first === undefined) return (kept.set(key, it.activity), true);
      dropped.push({ activity: it.activity, duplicateOf: first });
      return false;
    });
  }
  const out = fillWithRunLimits(ctx, items, c);
  return { items: c.size > 0 ? out.slice(0, c.size) : out, dropped };
}

/** Greedy fill: the best pending item that breaks no run limit; when none can, the best pending one. */
function fillWithRunLimits(ctx: FeedContext, pending: RerankedItem[], c: RerankConfig): RerankedItem[] {
  const a = ctx.world.feed.activities,
    out: RerankedItem[] = [];
  const actorOf = (it: RerankedItem): number => actorKey(a.actorType[it.activity], a.actor[it.activity]);
  const invOf = (it: RerankedItem): number => a.inventory[it.activity];
  const runOf = (key: (it: RerankedItem) => number, v: number): number => {
    let n = 0;
    for (let i = out.length - 1; i >= 0 && key(out[i]) === v; i--) n++;
    return n;
  };
  const breaks = (it: RerankedItem): string | null =>
    c.maxSameActor > 0 && runOf(actorOf, actorOf(it)) >= c.maxSameActor
      ? 'actor-run'
      : c.maxSameInventory > 0 && runOf(invOf, invOf(it)) >= c.maxSameInventory
        ? 'inventory-run'
        : null;
  const queue = pending.slice();
  while (queue.length > 0) {
    let pick = queue.findIndex((it) => breaks(it) === null);
    if (pick < 0) {
      pick = 0;
      queue[0].changes.push('rule-relaxed');
    }
    // Everything skipped over was held back by a run rule.
    for (let s = 0; s < pick; s++) {
      const why = breaks(queue[s]);
      if (why && !queue[s].changes.includes(why)) queue[s].changes.push(why);
    }
    const [it] = queue.splice(pick, 1);
    it.rank = out.length;
    out.push(it);
  }
  return out;
}
