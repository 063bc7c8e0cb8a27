/** Worker handlers of the feed. */
import { exposeService } from '../rpc/expose.ts';
import { FeedService } from '../systems/feed/service.ts';
import { idbStore } from './idb-store.ts';

/**
 * The feed: trains and evaluates its second-pass ranker (the `training` role of `connectFeed`).
 * @example
 * // feed-train.worker.ts — the app's own worker file:
 * import { serveFeedTraining } from 'linkrec/worker';
 * serveFeedTraining();
 * // the page:
 * import { connectFeed } from 'linkrec';
 * const client = await connectFeed({
 *   workers: { training: () => new Worker(new URL('./feed-train.worker.ts', import.meta.url), { type: 'module' }) },
 * });
 */
export function serveFeedTraining(): void {
  exposeService(new FeedService(idbStore()));
}

/**
 * The feed: assembles feeds with a trained ranker (the `ranking` role of `connectFeed`).
 * @example
 * // feed-rank.worker.ts — the app's own worker file:
 * import { serveFeedRanking } from 'linkrec/worker';
 * serveFeedRanking();
 * // the page:
 * import { connectFeed } from 'linkrec';
 * const client = await connectFeed({
 *   workers: { ranking: () => new Worker(new URL('./feed-rank.worker.ts', import.meta.url), { type: 'module' }) },
 * });
 */
export function serveFeedRanking(): void {
  exposeService(new FeedService(idbStore()));
}
