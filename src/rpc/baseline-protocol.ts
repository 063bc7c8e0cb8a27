/**
 * The baseline-evaluation RPC contract, types only: the worker's service implements it, the client
 * speaks it through comlink. Kept apart from the transport so either side can be swapped in tests.
 */
import type { BackendPreference, BackendReport } from '../backend/types.ts';
import type { BaselineProgress, BaselineReport } from '../eval/baselines/index.ts';
import type { ServiceConfig } from './protocol.ts';

/** What to evaluate: a same-origin ratings CSV (MovieLens `userId,movieId,rating,timestamp`). */
export interface BaselineRunOptions {
  /** Absolute URL, or a path resolved against the worker's location; must be same-origin. */
  ratingsUrl: string;
  /** Seed of the negative sampling (default: runBaselines' default). */
  seed?: number;
}

/** The methods a baseline worker exposes. */
export interface BaselineApi {
  /** Applies client settings; call before `init` (a backend already started keeps its wasm). */
  configure(config: ServiceConfig): Promise<void>;
  /** Starts tfjs in the worker on the preferred backend and says what runs there. */
  init(prefer: BackendPreference): Promise<BackendReport>;
  /** Fetches the ratings and runs most-popular and item-kNN, reporting progress as it goes. */
  run(options: BaselineRunOptions, onProgress: (p: BaselineProgress) => void): Promise<BaselineReport>;
}
