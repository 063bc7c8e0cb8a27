/** Worker handler of the baseline evaluation. */
import { BaselineService } from '../rpc/baseline-service.ts';
import { exposeService } from '../rpc/expose.ts';
import { idbStore } from './idb-store.ts';

/**
 * Baseline evaluation (popularity, item-kNN) off the page's main thread (the `baselines` role of `connectCourses`),
 * and stored models (read from the shared IndexedDB store, opened on first use) on the same protocol.
 * @example
 * // baselines.worker.ts — the app's own worker file:
 * import { serveBaselines } from 'linkrec/worker';
 * serveBaselines();
 * // the page:
 * import { connectCourses } from 'linkrec';
 * const client = await connectCourses({
 *   workers: { baselines: () => new Worker(new URL('./baselines.worker.ts', import.meta.url), { type: 'module' }) },
 * });
 */
export function serveBaselines(): void {
  exposeService(new BaselineService({ store: idbStore() }));
}
