/** Worker handler of course-model ranking (one module per service, so a worker bundles only its own). */
import { exposeService } from '../rpc/expose.ts';
import { RankingService } from '../rpc/ranking-service.ts';
import { idbStore } from './idb-store.ts';

/**
 * Course models: ranking, never behind a training step (the `ranking` role of `connectCourses`). The
 * store opens at once, while the backend starts, off the path to the first answer.
 * @example
 * // rank.worker.ts — the app's own worker file:
 * import { serveRanking } from 'linkrec/worker';
 * serveRanking();
 * // the page:
 * import { connectCourses } from 'linkrec';
 * const client = await connectCourses({
 *   workers: { ranking: () => new Worker(new URL('./rank.worker.ts', import.meta.url), { type: 'module' }) },
 * });
 */
export function serveRanking(): void {
  exposeService(new RankingService(idbStore(true)));
}
