/** People-you-may-know FPR: friends of friends with a PYMK item, by common connections. */
import { csrHas } from '../../../data/index.ts';
import { Inventory } from '../../../world/feed-enums.ts';
import type { FeedContext } from '../context.ts';
import { TopK } from '../../../models/shared/topk.ts';
import type { FirstPassRanker } from './types.ts';

/** Common connections c map to c / (c + 3): 1 → 0.25, 3 → 0.5, 9 → 0.75. */
const squash = (c: number): number => c / (c + 3);

/** Number of common connections of two members (sorted-row intersection). */
export function commonConnections(ctx: FeedContext, x: number, y: number): number {
  const { indptr: offsets, indices: values } = ctx.world.feed.connections;
  let i = offsets[x],
    j = offsets[y],
    c = 0;
  const ie = offsets[x + 1],
    je = offsets[y + 1];
  while (i < ie && j < je) {
    if (values[i] === values[j]) c++, i++, j++;
    else if (values[i] < values[j]) i++;
    else j++;
  }
  return c;
}

/** Creates the PYMK ranker. */
export function pymkFpr(ctx: FeedContext): FirstPassRanker {
  const w = ctx.world,
    conn = w.feed.connections,
    a = w.feed.activities;
  return {
    name: 'pymk',
    inventory: Inventory.PYMK,
    score: (req, act) => squash(commonConnections(ctx, req.member, a.actor[act])),
    topK(req, k) {
      const common = new Map<number, number>();
      for (let p = conn.indptr[req.member]; p < conn.indptr[req.member + 1]; p++) {
        const f = conn.indices[p];
        for (let q = conn.indptr[f]; q < conn.indptr[f + 1]; q++) {
          const ff = conn.indices[q];
          if (ff !== req.member && ctx.pymkOf[ff] >= 0) common.set(ff, (common.get(ff) ?? 0) + 1);
        }
      }
      const top = new TopK(k);
      for (const [who, c] of common) if (!csrHas(conn, req.member, who)) top.push(ctx.pymkOf[who], squash(c));
      return top.result();
    },
  };
}
