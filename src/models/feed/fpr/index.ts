/**
 * The first-pass rankers, one line per inventory. Adding an inventory is one ranker file plus one
 * line here.
 */
import type { FeedContext } from '../context';
import { jobsFpr } from './jobs';
import { networkFpr } from './network';
import { newsFpr } from './news';
import { pymkFpr } from './pymk';
import type { FirstPassRanker, FprFactory } from './types';

/** Factories of the registered FPRs, by name. */
export const FPR_FACTORIES: Readonly<Record<string, FprFactory>> = {
  network: networkFpr,
  jobs: (ctx) => jobsFpr(ctx),
  news: newsFpr,
  pymk: pymkFpr,
};

/** Every registered FPR built over `ctx`, indexed by the inventory code it ranks. */
export function buildFprs(ctx: FeedContext, factories: Readonly<Record<string, FprFactory>> = FPR_FACTORIES): FirstPassRanker[] {
  const out: FirstPassRanker[] = [];
  for (const make of Object.values(factories)) {
    const r = make(ctx);
    out[r.inventory] = r;
  }
  return out;
}

export { commonConnections } from './pymk';
export { skillEmbeddings, type JobEmbeddings } from './embeddings';
export { talentEmbeddings, type EntityVectors } from './talent-embeddings';
export { jobsFpr } from './jobs';
export { TopK, recency } from './top-k';
export type { FeedRequest, FirstPassRanker, FprFactory, FprResult } from './types';
