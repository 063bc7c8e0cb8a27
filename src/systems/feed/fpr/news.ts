/** News FPR: articles of followed companies and of the member's strongest skill families. */
import { csrHas } from '../../../data/index.ts';
import { Inventory } from '../../../world/feed-enums.ts';
import { ageDays, type FeedContext } from '../context.ts';
import { TopK } from '../../../models/shared/topk.ts';
import { recency } from './recency.ts';
import type { FeedRequest, FirstPassRanker } from './types.ts';

const HALF_LIFE_DAYS = 7;
/** How many of the member's skill families to draw articles from. */
const TOP_FAMILIES = 2;

function topFamilies(ctx: FeedContext, member: number): number[] {
  const k = ctx.world.k,
    row = ctx.skillShare.subarray(member * k, member * k + k);
  return Array.from(row.keys())
    .sort((x, y) => row[y] - row[x])
    .slice(0, TOP_FAMILIES);
}

/** Creates the news ranker. */
export function newsFpr(ctx: FeedContext): FirstPassRanker {
  const w = ctx.world,
    a = w.feed.activities,
    follows = w.feed.follows;
  const score = (req: FeedRequest, act: number): number => {
    const pop = Math.log1p(a.likes[act] + 2 * a.comments[act] + 3 * a.shares[act]);
    const topical = 0.3 + 0.7 * ctx.skillShare[req.member * w.k + a.family[act]];
    const followed = csrHas(follows, req.member, a.actor[act]) ? 1 : 0.6;
    return recency(ageDays(ctx, act, req.time), HALF_LIFE_DAYS) * topical * followed * (pop / (1 + pop));
  };
  return {
    name: 'news',
    inventory: Inventory.NEWS,
    score,
    topK(req, k) {
      const top = new TopK(k),
        seen = new Set<number>();
      const offer = (act: number): void => {
        if (!seen.has(act)) top.push(act, score(req, act));
        seen.add(act);
      };
      const byCo = ctx.newsByCompany,
        byFam = ctx.newsByFamily;
      for (let p = follows.indptr[req.member]; p < follows.indptr[req.member + 1]; p++) {
        const c = follows.indices[p];
        for (let q = byCo.indptr[c]; q < byCo.indptr[c + 1]; q++) offer(byCo.indices[q]);
      }
      for (const f of topFamilies(ctx, req.member))
        for (let q = byFam.indptr[f]; q < byFam.indptr[f + 1]; q++) offer(byFam.indices[q]);
      return top.result();
    },
  };
}
