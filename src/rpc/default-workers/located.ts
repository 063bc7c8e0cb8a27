/** A worker that knows the URL its script was loaded from, so a load failure can name it. */

/** A module worker with the URL of its script. */
export type LocatedWorker = Worker & { readonly url: string };

/**
 * Where the package's files are. Held in a variable because webpack reads `new URL(<expression>,
 * import.meta.url)` as a request for every file the expression could name ("Critical dependency").
 */
const packageBase: string = import.meta.url;

/**
 * `worker` with the URL its script was loaded from (resolved like the literal beside it). Under a
 * bundler the script is the emitted chunk, so this then names the package's file, not the chunk.
 */
export function located(worker: Worker, path: string): LocatedWorker {
  return Object.assign(worker, { url: new URL(path, packageBase).href });
}
