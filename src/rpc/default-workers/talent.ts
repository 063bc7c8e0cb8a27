/**
 * The package's own talent-search worker, used when an app passes no worker factory of its own. One module per
 * system, so an app's bundler builds only the workers of the systems it connects.
 *
 * Each `new Worker(new URL('<literal>', import.meta.url), { type: 'module' })` is written out in full
 * (literal options too): the pattern Vite, webpack 5 and Rollup recognise to bundle a worker. The URLs
 * name the source entries (`workers/*.worker.ts`); the build bundles those into `dist/workers/*.worker.js`
 * at the same relative path and rewrites the extension here (scripts/build.mjs).
 */
import { located, type LocatedWorker } from './located.ts';

/** Starts the package's talent-search module worker (named `linkrec-talent` in devtools). */
export function defaultTalentWorker(): LocatedWorker {
  return located(
    new Worker(new URL('../../../workers/talent.worker.ts', import.meta.url), {
      type: 'module',
      name: 'linkrec-talent',
    }),
    '../../../workers/talent.worker.ts',
  );
}
