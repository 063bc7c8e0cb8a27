/**
 * The first-pass rankers, one line per inventory. Adding an inventory is one ranker file plus one
 * line here.
 */
import type { FeedContext } from '../context.ts';
import { jobsFpr } from './jobs.ts';
import { networkFpr } from './network.ts';
import { newsFpr } from './news.ts';
import { pymkFpr } from './pymk.ts';
import type { FirstPassRanker, FprFactory } from './types.ts';

/** Factories of the registered FPRs, by name. */
export const FPR_FACTORIES: Readonly<Record<string, FprFactory>> = {
  network: networkFpr,
  jobs: (ctx) => jobsFpr(ctx),
  news: newsFpr,
  pymk: pymkFpr,
};

/** Every registered FPR built over `ctx`, indexed by the inventory code it ranks. */
export function buildFprs(
  ctx: FeedContext,
  factories: Readonly<Record<string, FprFactory>> = FPR_FACTORIES,
): FirstPassRanker[] {
  const out: FirstPassRanker[] = [];
  for (const make of Object.values(factories)) {
    const r = make(ctx);
    out[r.inventory] = r;
  }
  return out;
}

export { commonConnections } from './pymk.ts';
export { skillEmbeddings, type JobEmbeddings } from './embeddings.ts';
export { talentEmbeddings, type EntityVectors } from './talent-embeddings.ts';
export { jobsFpr } from './jobs.ts';
export { TopK } from '../../../models/shared/topk.ts';
export { recency } from './recency.ts';
export type { FeedRequest, FirstPassRanker, FprFactory, FprResult } from './types.ts';
