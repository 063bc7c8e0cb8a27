/**
 * The package's own feed workers, used when an app passes no worker factory of its own. One module per
 * system, so an app's bundler builds only the workers of the systems it connects.
 *
 * Each `new Worker(new URL('<literal>', import.meta.url), { type: 'module' })` is written out in full
 * (literal options too): the pattern Vite, webpack 5 and Rollup recognise to bundle a worker. The URLs
 * name the source entries (`workers/*.worker.ts`); the build bundles those into `dist/workers/*.worker.js`
 * at the same relative path and rewrites the extension here (scripts/build.mjs).
 */
import { located, type LocatedWorker } from './located.ts';

/** The feed's worker roles. */
export type FeedRole = 'feed-training' | 'feed-ranking';

/** Starts the package's module worker for a feed `role` (named `linkrec-<role>` in devtools). */
export function defaultFeedWorker(role: FeedRole): LocatedWorker {
  switch (role) {
    case 'feed-training':
      return located(
        new Worker(new URL('../../../workers/feed-train.worker.ts', import.meta.url), {
          type: 'module',
          name: 'linkrec-feed-training',
        }),
        '../../../workers/feed-train.worker.ts',
      );
    case 'feed-ranking':
      return located(
        new Worker(new URL('../../../workers/feed-rank.worker.ts', import.meta.url), {
          type: 'module',
          name: 'linkrec-feed-ranking',
        }),
        '../../../workers/feed-rank.worker.ts',
      );
  }
}
