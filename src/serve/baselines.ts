/** Worker handler of the baseline evaluation. */
import { BaselineService } from '../rpc/baseline-service.ts';
import { exposeService } from '../rpc/expose.ts';

/**
 * Baseline evaluation (popularity, item-kNN) off the page's main thread (the `baselines` role of `connectCourses`).
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
  exposeService(new BaselineService());
}
