/** Job FPR: cosine of member and job embeddings (talent-search space), times recency. */
import { Inventory, ObjectType } from '../../../world/feed-enums.ts';
import { ageDays, type FeedContext } from '../context.ts';
import { type JobEmbeddings, skillEmbeddings } from './embeddings.ts';
import { TopK } from '../../../models/shared/topk.ts';
import { recency } from './recency.ts';
import type { FeedRequest, FirstPassRanker } from './types.ts';

const HALF_LIFE_DAYS = 30;

/** Creates the job ranker over `embeddings` (default: skill-family embeddings). */
export function jobsFpr(ctx: FeedContext, embeddings: JobEmbeddings = skillEmbeddings(ctx)): FirstPassRanker {
  const a = ctx.world.feed.activities,
    { dim, members, jobs } = embeddings;
  const list = ctx.byInventory;
  const score = (req: FeedRequest, act: number): number => {
    if (a.objectType[act] !== ObjectType.JOB) return 0;
    let dot = 0;
    const mo = req.member * dim,
      jo = a.object[act] * dim;
    for (let d = 0; d < dim; d++) dot += members[mo + d] * jobs[jo + d];
    return Math.max(0, dot) * recency(ageDays(ctx, act, req.time), HALF_LIFE_DAYS);
  };
  return {
    name: 'jobs',
    inventory: Inventory.JOBS,
    score,
    topK(req, k) {
      const top = new TopK(k);
      for (let p = list.indptr[Inventory.JOBS]; p < list.indptr[Inventory.JOBS + 1]; p++)
        top.push(list.indices[p], score(req, list.indices[p]));
      return top.result();
    },
  };
}
