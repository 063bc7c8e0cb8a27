/**
 * Every system's default workers behind one function, for apps that pick a role at run time. The
 * clients import only their own system's module (`courses.ts`, `talent.ts`, `feed.ts`), so a bundler
 * builds only the workers an app can start.
 */
import { defaultCoursesWorker } from './courses.ts';
import { defaultFeedWorker } from './feed.ts';
import type { LocatedWorker } from './located.ts';
import { defaultTalentWorker } from './talent.ts';

/** What a worker does: one per service. */
export type WorkerRole = 'training' | 'ranking' | 'talent' | 'feed-training' | 'feed-ranking' | 'baselines';

/**
 * Starts the package's module worker for `role` (named `linkrec-<role>` in devtools). The worker
 * carries its script's `url`, so a script that fails to load is named in the `WorkerLoadError`.
 * @example
 * import { defaultWorker } from 'linkrec/models';
 * const ranking = defaultWorker('ranking'); // the package's own ranking worker
 */
export function defaultWorker(role: WorkerRole): LocatedWorker {
  if (role === 'talent') return defaultTalentWorker();
  if (role === 'feed-training' || role === 'feed-ranking') return defaultFeedWorker(role);
  return defaultCoursesWorker(role);
}
