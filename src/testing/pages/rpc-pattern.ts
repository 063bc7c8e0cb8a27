/** What the reload e2e test and its page share: the model, the request and the page's handle. */
import type { RankedItems, RecommendRequest, CourseTrainRequest, TrainProgress, TrainResult } from '../../index.ts';

/** The one model the page trains. */
export const RPC_MODEL_ID = 'reload-mf';

/**
 * MF on the real MovieLens file (same origin) on wasm: ~100 steps an epoch, a few ms each, so a
 * reload lands mid-training with checkpoints behind it.
 */
export function rpcRequest(origin: string): CourseTrainRequest {
  return {
    modelId: RPC_MODEL_ID,
    kind: 'mf',
    config: { dim: 16, epochs: 3, batchSize: 1024, negatives: 2, seed: 5 },
    data: { ratingsUrl: `${origin}/data/movielens-small/ratings.csv` },
    checkpointEvery: 20,
    backend: 'wasm',
  };
}

/** `window.rpcPage`. */
export interface RpcPage {
  events: TrainProgress[];
  result: TrainResult | null;
  error: string | null;
  /** Whether this page load found a checkpoint and resumed it. */
  resumedOnLoad: boolean;
  train(request?: CourseTrainRequest): Promise<TrainResult>;
  recommend(request: RecommendRequest): Promise<RankedItems>;
}
