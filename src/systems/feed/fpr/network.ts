/**
 * Network FPR: shares, likes and title changes of connections — and, at half the score, of their
 * connections (second degree, as a connection's like surfaces a stranger's post) — by recency × affinity.
 */
import { csrHas } from '../../../data/index.ts';
import { Inventory } from '../../../world/feed-enums.ts';
import { actorKey, ageDays, type FeedContext, pairKey } from '../context.ts';
import { TopK } from '../../../models/shared/topk.ts';
import { recency } from './recency.ts';
import type { FeedRequest, FirstPassRanker } from './types.ts';

const HALF_LIFE_DAYS = 7;

/** Affinity in [0.5, 1): grows with past clicks on the actor and the member's skills in the topic. */
function affinity(ctx: FeedContext, member: number, activity: number): number {
  const a = ctx.world.feed.activities;
  const clicks = ctx.history.clicked.get(pairKey(member, actorKey(a.actorType[activity], a.actor[activity]))) ?? 0;
  const share = ctx.skillShare[member * ctx.world.k + a.family[activity]];
  return 1 - 1 / (2 + clicks + 3 * share);
}

/** Creates the network-activity ranker. */
export function networkFpr(ctx: FeedContext): FirstPassRanker {
  const w = ctx.world,
    a = w.feed.activities,
    conn = w.feed.connections;
  const score = (req: FeedRequest, act: number): number => {
    const base = recency(ageDays(ctx, act, req.time), HALF_LIFE_DAYS) * affinity(ctx, req.member, act);
    // Activity of a non-connection only reaches the feed as a fallback: halve it.
    return csrHas(conn, req.member, a.actor[act]) ? base : 0.5 * base;
  };
  return {
    name: 'network',
    inventory: Inventory.NETWORK,
    score,
    topK(req, k) {
      const top = new TopK(k),
        by = ctx.networkByActor,
        me = req.member;
      const seen = new Set<number>([me]);
      const offerActor = (actor: number): void => {
        if (seen.has(actor)) return;
        seen.add(actor);
        for (let q = by.indptr[actor]; q < by.indptr[actor + 1]; q++)
          top.push(by.indices[q], score(req, by.indices[q]));
      };
      for (let p = conn.indptr[me]; p < conn.indptr[me + 1]; p++) offerActor(conn.indices[p]);
      for (let p = conn.indptr[me]; p < conn.indptr[me + 1]; p++) {
        const friend = conn.indices[p];
        for (let q = conn.indptr[friend]; q < conn.indptr[friend + 1]; q++) offerActor(conn.indices[q]);
      }
      return top.result();
    },
  };
}
