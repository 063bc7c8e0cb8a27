/**
 * The first-pass ranker interface: one per inventory, each independent of the others, so a new
 * inventory is one new file plus one line in `fpr/index.ts`.
 */
import type { FeedContext } from '../context.ts';

/** Who the feed is for and when. */
export interface FeedRequest {
  member: number;
  /** Unix seconds. */
  time: number;
}

/** A ranked top-k of one inventory; scores lie in [0, 1] so FPR scores compare across inventories. */
export interface FprResult {
  items: Int32Array;
  scores: Float32Array;
}

/** A first-pass ranker over one inventory. */
export interface FirstPassRanker {
  /** Name shown in the demo (`network`, `jobs`, …). */
  readonly name: string;
  /** The `Inventory` code it ranks. */
  readonly inventory: number;
  /** Its top-k for the request, best first. */
  topK(req: FeedRequest, k: number): FprResult;
  /** The score it would give `activity` (one of its inventory's) for this request, in [0, 1]. */
  score(req: FeedRequest, activity: number): number;
}

/** Builds a ranker over a feed context. */
export type FprFactory = (ctx: FeedContext) => FirstPassRanker;
