/** What the load test (`load.e2e.test.ts`, `npm run bench -- load`) and its page share. */
import type { ModelInfo, CourseTrainRequest, TrainProgress, TrainResult } from '../../index.ts';

/** The one model the pages train and rank with. */
export const LOAD_MODEL_ID = 'load-mf';

/**
 * MF on the real MovieLens file (same origin) on wasm, a checkpoint every few steps: long enough
 * that ranking storms and a reload land mid-training, with many versions stored on the way.
 */
export function loadRequest(origin: string, epochs = 4): CourseTrainRequest {
  return {
    modelId: LOAD_MODEL_ID,
    kind: 'mf',
    config: { dim: 16, epochs, batchSize: 1024, negatives: 2, seed: 7 },
    data: { ratingsUrl: `${origin}/data/movielens-small/ratings.csv` },
    checkpointEvery: 10,
    backend: 'wasm',
  };
}

/** A storm of `recommend` calls from one page. */
export interface StormOptions {
  calls: number;
  /** Calls go out in this many waves, `gapMs` apart, none waiting for another. */
  waves: number;
  gapMs: number;
  k: number;
  /** Every `staleEvery`-th call names the version before the newest one (0: never). */
  staleEvery: number;
  /** A call unanswered after this long counts as lost. */
  timeoutMs: number;
}

/** How one call ended. */
export interface CallOutcome {
  /** Milliseconds from the call to its answer or error. */
  ms: number;
  requested: number;
  /** The version answered, when answered. */
  version?: number;
  /** The error's name, when it failed ('Timeout' when it never settled). */
  error?: string;
  /** Why the answer is not a valid ranked list, when it is not. */
  problem?: string;
}

/** The stored final model, checked in the page. */
export interface FinalCheck {
  info: ModelInfo;
  /** Inconsistencies between info and weights, non-finite weights, bad scores (empty: none). */
  problems: string[];
  /** Items of the final model's ranking for one user. */
  items: number;
}

/** `window.loadPage`. */
export interface LoadPage {
  events: TrainProgress[];
  result: TrainResult | null;
  error: string | null;
  /** Whether this page load found a checkpoint and resumed it. */
  resumedOnLoad: boolean;
  /** Starts (or resumes) the training of `loadRequest(origin, ?epochs=)`, without waiting for it. */
  startTraining(): void;
  storm(options: StormOptions): Promise<CallOutcome[]>;
  finalCheck(version: number): Promise<FinalCheck>;
}
