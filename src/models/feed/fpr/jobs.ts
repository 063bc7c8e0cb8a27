/** Job FPR: cosine of member and job embeddings (talent-search space), times recency. */
import { Inventory, ObjectType } from '../../../world/feed-enums';
import { ageDays, type FeedContext } from '../context';
import { type JobEmbeddings, skillEmbeddings } from './embeddings';
import { recency, TopK } from './top-k';
import type { FeedRequest, FirstPassRanker } from './types';

const HALF_LIFE_DAYS = 30;

/** Creates the job ranker over `embeddings` (default: skill-family embeddings). */
export function jobsFpr(ctx: FeedContext, embeddings: JobEmbeddings = skillEmbeddings(ctx)): FirstPassRanker {
  const a = ctx.world.feed.activities, { dim, members, jobs } = embeddings;
  const list = ctx.byInventory;
  const score = (req: FeedRequest, act: number): number => {
    if (a.objectType[act] !== ObjectType.JOB) return 0;
    let dot = 0;
    const mo = req.member * dim, jo = a.object[act] * dim;
    for (let d = 0; d < dim; d++) dot += members[mo + d] * jobs[jo + d];
    return Math.max(0, dot) * recency(ageDays(ctx, act, req.time), HALF_LIFE_DAYS);
  };
  return {
    name: 'jobs',
    inventory: Inventory.JOBS,
    score,
    topK(req, k) {
      const top = new TopK(k);
      for (let p = list.offsets[Inventory.JOBS]; p < list.offsets[Inventory.JOBS + 1]; p++) top.push(list.values[p], score(req, list.values[p]));
      return top.result();
    },
  };
}
