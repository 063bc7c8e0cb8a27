import * as Comlink from 'comlink';
import { wrapService } from './expose';
import type { BackendPreference, BackendReport } from '../backend/types';
import type { BaselineProgress, BaselineReport } from '../eval/baselines';
import type { BaselineApi, BaselineRunOptions } from './baseline-protocol';

/**
 * Talks to a {@link BaselineApi} behind any comlink endpoint: a dedicated worker running
 * `workers/baselines.worker.ts`, or a `MessagePort` in tests.
 *
 * @example
 * const worker = new Worker(new URL('../workers/baselines.worker.ts', import.meta.url), { type: 'module' });
 * const client = new BaselineClient(worker);
 * const backend = await client.init('auto');
 * const report = await client.run({ ratingsUrl: '/data/movielens-small/ratings.csv' }, (p) => console.log(p));
 */
export class BaselineClient {
  private readonly remote: Comlink.Remote<BaselineApi>;

  constructor(endpoint: Comlink.Endpoint) {
    this.remote = wrapService<BaselineApi>(endpoint);
  }

  /** Starts tfjs in the worker; see `initBackend`. */
  init(prefer: BackendPreference = 'auto'): Promise<BackendReport> {
    return this.remote.init(prefer);
  }

  /** Runs the baseline evaluation in the worker; `onProgress` is called on this side. */
  run(
    options: BaselineRunOptions,
    onProgress: (p: BaselineProgress) => void = () => undefined,
  ): Promise<BaselineReport> {
    return this.remote.run(options, Comlink.proxy(onProgress));
  }

  /** Releases the remote proxy (and closes a `MessagePort` endpoint); terminating a worker is the owner's job. */
  dispose(): void {
    this.remote[Comlink.releaseProxy]();
  }
}
