/** Worker handler of course-model training (one module per service, so a worker bundles only its own). */
import { exposeService } from '../rpc/expose.ts';
import { TrainingService } from '../rpc/training-service.ts';
import { idbStore } from './idb-store.ts';

/**
 * Course models: training, evaluation and saving (the `training` role of `connectCourses`).
 * @example
 * // train.worker.ts — the app's own worker file:
 * import { serveTraining } from 'linkrec/worker';
 * serveTraining();
 * // the page:
 * import { connectCourses } from 'linkrec';
 * const client = await connectCourses({
 *   workers: { training: () => new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }) },
 * });
 */
export function serveTraining(): void {
  exposeService(new TrainingService(idbStore()));
}
