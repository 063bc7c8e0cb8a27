/**
 * The page's side of the feed: a training worker and a ranking worker, each hosting a `FeedService`.
 * `train` runs in the first, the SPR's state is handed to the second, which assembles feeds.
 */
import { proxy, wrap, type Remote } from 'comlink';
import { installErrorTransfer } from '../../rpc/errors';
import type { FeedService } from './service';
import type { FeedProgress, FeedTiming, FeedTrainRequest, FeedTrainResult, WireFeed } from './wire';

/** The two endpoints (dedicated workers, or MessagePorts in tests). */
export interface FeedEndpoints {
  training: Worker | MessagePort;
  ranking: Worker | MessagePort;
}

/** What the demo calls. */
export interface FeedClient {
  /** Trains and evaluates in the training worker, then loads the SPR into the ranking worker. */
  train(req: FeedTrainRequest, onProgress?: (p: FeedProgress) => void): Promise<FeedTrainResult>;
  members(count: number): Promise<{ id: number; text: string }[]>;
  feed(member: number, size?: number): Promise<WireFeed>;
  time(members?: number): Promise<FeedTiming>;
}

/** Connects to the feed workers. */
export function connectFeed(endpoints: FeedEndpoints): FeedClient {
  installErrorTransfer();
  const training: Remote<FeedService> = wrap<FeedService>(endpoints.training);
  const ranking: Remote<FeedService> = wrap<FeedService>(endpoints.ranking);
  return {
    async train(req, onProgress) {
      const result = await training.train(req, onProgress ? proxy(onProgress) : undefined);
      await ranking.load(req, result.state);
      return result;
    },
    members: (count) => ranking.members(count),
    feed: (member, size) => ranking.feed(member, size),
    time: (members) => ranking.time(members),
  };
}
