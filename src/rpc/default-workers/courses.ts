/**
 * The package's own course workers, used when an app passes no worker factory of its own. One module per
 * system, so an app's bundler builds only the workers of the systems it connects.
 *
 * Each `new Worker(new URL('<literal>', import.meta.url), { type: 'module' })` is written out in full
 * (literal options too): the pattern Vite, webpack 5 and Rollup recognise to bundle a worker. The URLs
 * name the source entries (`workers/*.worker.ts`); the build bundles those into `dist/workers/*.worker.js`
 * at the same relative path and rewrites the extension here (scripts/build.mjs).
 */
import { located, type LocatedWorker } from './located.ts';

/** The course system's worker roles. */
export type CoursesRole = 'training' | 'ranking' | 'baselines';

/** Starts the package's module worker for a course `role` (named `linkrec-<role>` in devtools). */
export function defaultCoursesWorker(role: CoursesRole): LocatedWorker {
  switch (role) {
    case 'training':
      return located(
        new Worker(new URL('../../../workers/train.worker.ts', import.meta.url), {
          type: 'module',
          name: 'linkrec-training',
        }),
        '../../../workers/train.worker.ts',
      );
    case 'ranking':
      return located(
        new Worker(new URL('../../../workers/rank.worker.ts', import.meta.url), {
          type: 'module',
          name: 'linkrec-ranking',
        }),
        '../../../workers/rank.worker.ts',
      );
    case 'baselines':
      return located(
        new Worker(new URL('../../../workers/baselines.worker.ts', import.meta.url), {
          type: 'module',
          name: 'linkrec-baselines',
        }),
        '../../../workers/baselines.worker.ts',
      );
  }
}
