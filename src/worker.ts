/**
 * `linkrec/worker`: the worker side of every system. An app's own worker file is two lines, so its
 * bundler sees the worker and bundles it like any other entry.
 *
 * Each `serve…` constructs its service over the IndexedDB model store (opened on first use) and
 * exposes it with {@link exposeService}, which installs the named-error transfer first. Call one
 * `serve…` per worker, synchronously at the top of the module: a module worker may drop messages
 * that arrive during a top-level await.
 *
 * @example
 * ```ts
 * // train.worker.ts
 * import { serveTraining } from 'linkrec/worker';
 * serveTraining();
 * ```
 *
 * @module linkrec/worker
 */
export { exposeService } from './rpc/expose.ts';
// One module per service: a bundler that follows one `serve…` takes only that service's code.
export { serveBaselines } from './serve/baselines.ts';
export { serveRanking } from './serve/ranking.ts';
export { serveTraining } from './serve/training.ts';
export { serveFeedRanking, serveFeedTraining } from './serve/feed.ts';
export { serveTalent } from './serve/talent.ts';
