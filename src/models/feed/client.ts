/**
 * The page's side of the feed: a training worker and a ranking worker, each hosting a `FeedService`.
 * `train` runs in the first, the SPR's state is handed to the second, which assembles feeds.
 */
import { proxy, wrap, type Remote } from 'comlink';
import { installErrorTransfer } from '../../rpc/errors';
import type { FeedService } from './service';
import type { ModelInfo } from '../../store/types';
import type { FeedProgress, FeedRestoreResult, FeedTiming, FeedTrainRequest, FeedTrainResult, FeedWorldSpec, WireFeed } from './wire';

/** The two endpoints (dedicated workers, or MessagePorts in tests). */
export interface FeedEndpoints {
  training: Worker | MessagePort;
  ranking: Worker | MessagePort;
}

/** What the demo calls. */
export interface FeedClient {
  /** Trains and evaluates in the training worker, then loads the SPR into the ranking worker. */
  train(req: FeedTrainRequest, onProgress?: (p: FeedProgress) => void): Promise<FeedTrainResult>;
  /** Stores the trained feed on this device (StorageQuotaError when it does not fit). */
  keep(): Promise<ModelInfo>;
  /** The stored feed's info without reading its weights, or null when none is stored. */
  stored(): Promise<ModelInfo | null>;
  /** Loads the stored feed into the ranking worker (ModelNotFoundError when it vanished). */
  restore(): Promise<FeedRestoreResult>;
  members(count: number): Promise<{ id: number; text: string }[]>;
  feed(member: number, size?: number): Promise<WireFeed>;
  time(members?: number): Promise<FeedTiming>;
}

/** The world fields of a request (the ranking side's `load` takes nothing else). */
function worldSpecOf(req: FeedTrainRequest): FeedWorldSpec {
  const spec: FeedWorldSpec = { members: req.members, seed: req.seed };
  if (req.sessions !== undefined) spec.sessions = req.sessions;
  if (req.trainShare !== undefined) spec.trainShare = req.trainShare;
  return spec;
}

/** Connects to the feed workers. */
export function connectFeed(endpoints: FeedEndpoints): FeedClient {
  installErrorTransfer();
  const training: Remote<FeedService> = wrap<FeedService>(endpoints.training);
  const ranking: Remote<FeedService> = wrap<FeedService>(endpoints.ranking);
  return {
    async train(req, onProgress) {
      const result = await training.train(req, onProgress ? proxy(onProgress) : undefined);
      // The ranking side rebuilds the world from its spec alone (the SPR's options travel in its state).
      await ranking.load(worldSpecOf(req), result.state);
      return result;
    },
    keep: () => training.keep(),
    stored: () => ranking.stored(),
    restore: () => ranking.restore(),
    members: (count) => ranking.members(count),
    feed: (member, size) => ranking.feed(member, size),
    time: (members) => ranking.time(members),
  };
}
