/**
 * `connectFeed`: the page's client of the feed, in the shape every system's client has, over a
 * training and a ranking worker (each hosting a `FeedService`) or the services in this thread
 * (`inThread: true`, loaded on demand so the page bundle carries none of them). `train` runs in the
 * first; the SPR's state is then handed to the second, which assembles feeds.
 */
import { proxy, type Remote } from 'comlink';
import type { ModelInfo } from '../../store/types.ts';
import {
  inThreadStore,
  isInThread,
  stoppable,
  workerFactory,
  type ConnectOptions,
  type TrainingHandle,
} from '../../rpc/connect-options.ts';
import { defaultFeedWorker } from '../../rpc/default-workers/feed.ts';
import { installErrorTransfer } from '../../rpc/errors.ts';
import { callWorker, WorkerSlot } from '../../rpc/worker-slot.ts';
import type { FeedInteraction } from './local-history.ts';
import type { FeedService } from './service.ts';
import type {
  FeedProgress,
  FeedRestoreResult,
  FeedTiming,
  FeedTrainRequest,
  FeedTrainResult,
  FeedWorldSpec,
  WireFeed,
} from './wire.ts';

/** Options of {@link connectFeed}: `{ workers?: { training, ranking }, wasmPaths? }` or `{ inThread: true, … }`. */
export type FeedOptions = ConnectOptions<'training' | 'ranking'>;

/** Whose feed to assemble, and how long. */
export interface FeedRankRequest {
  member: number;
  /** Items (default 20). */
  size?: number;
}

/** A feed request with the member's own interaction history (see {@link FeedClient.rankFor}). */
export interface FeedRankForRequest extends FeedRankRequest {
  history: FeedInteraction[];
}

/** The page's API over the feed. */
export interface FeedClient {
  /** Trains and evaluates in the training worker, then loads the SPR into the ranking worker. */
  train(request: FeedTrainRequest, onProgress?: (p: FeedProgress) => void): TrainingHandle<FeedTrainResult>;
  /** A member's assembled feed. */
  rank(request: FeedRankRequest): Promise<WireFeed>;
  /** `rank`, every item with its sources, changes and top feature groups (feed items always carry them). */
  explain(request: FeedRankRequest): Promise<WireFeed>;
  /**
   * The member's feed ranked from their own interaction history (kept on this device) instead of the
   * world's logged one; activity ids the world lacks come back in `unknownActivities`.
   */
  rankFor(request: FeedRankForRequest): Promise<WireFeed & { unknownActivities: number[] }>;
  /** The stored feed, if any (no weights read). */
  list(): Promise<ModelInfo[]>;
  /** Deletes the stored feed (`FEED_MODEL_ID`). */
  delete(id: string): Promise<void>;
  /** Stores the trained feed on this device (`StorageQuotaError` when it does not fit). */
  keep(): Promise<ModelInfo>;
  /** The stored feed's info, or null. */
  stored(): Promise<ModelInfo | null>;
  /** Loads the stored feed into the ranking worker (`ModelNotFoundError` when it vanished). */
  restore(): Promise<FeedRestoreResult>;
  /** `count` members spread over the world, each described. */
  members(count: number): Promise<{ id: number; text: string }[]>;
  /** Assembly latency over `members` random members, measured in the ranking worker. */
  time(members?: number): Promise<FeedTiming>;
  /** Terminates the workers. */
  dispose(): void;
}

type Call = <R>(fn: (service: Remote<FeedService>) => Promise<R>) => Promise<R>;

/** The two sides, and a way to stop a running training. */
interface FeedEngine {
  training: Call;
  ranking: Call;
  stopTraining(): void;
  dispose(): void;
}

/** The world fields of a request (the ranking side's `load` takes nothing else). */
function worldSpecOf(req: FeedTrainRequest): FeedWorldSpec {
  const spec: FeedWorldSpec = { members: req.members, seed: req.seed };
  if (req.sessions !== undefined) spec.sessions = req.sessions;
  if (req.trainShare !== undefined) spec.trainShare = req.trainShare;
  return spec;
}

/**
 * Connects to the feed: the package's feed workers unless `workers` gives factories, or the services
 * in this thread with `{ inThread: true }`.
 * @example
 * ```ts
 * import { connectFeed } from 'linkrec';
 * const feed = await connectFeed();
 * const { report } = await feed.train({ members: 2000, seed: 1 }).done;
 * const { items } = await feed.rank({ member: 7, size: 20 });
 * ```
 */
export async function connectFeed(options: FeedOptions = {}): Promise<FeedClient> {
  installErrorTransfer();
  if (isInThread(options)) {
    const { FeedService } = await import('./service.ts');
    const store = await inThreadStore(options.store);
    // Two services, as in workers: the training one keeps the unsaved run, the ranking one serves.
    const [training, ranking] = [new FeedService(store), new FeedService(store)].map(
      (s) => s as unknown as Remote<FeedService>,
    );
    return new Client({
      training: async (fn) => fn(training),
      ranking: async (fn) => fn(ranking),
      stopTraining: () => undefined,
      dispose: () => undefined,
    });
  }
  const trainer = new WorkerSlot<FeedService>(
    workerFactory(options, 'training', () => defaultFeedWorker('feed-training')),
    undefined,
    'feed training',
  );
  const ranker = new WorkerSlot<FeedService>(
    workerFactory(options, 'ranking', () => defaultFeedWorker('feed-ranking')),
    undefined,
    'feed ranking',
  );
  return new Client({
    training: (fn) => callWorker(trainer, fn),
    ranking: (fn) => callWorker(ranker, fn),
    stopTraining: () => trainer.close(),
    dispose() {
      trainer.close();
      ranker.close();
    },
  });
}

class Client implements FeedClient {
  constructor(private readonly engine: FeedEngine) {}

  train(request: FeedTrainRequest, onProgress?: (p: FeedProgress) => void): TrainingHandle<FeedTrainResult> {
    const run = (async () => {
      const result = await this.engine.training((s) => s.train(request, onProgress ? proxy(onProgress) : undefined));
      // The ranking side rebuilds the world from its spec alone (the SPR's options travel in its state).
      await this.engine.ranking((s) => s.load(worldSpecOf(request), result.state));
      return result;
    })();
    return stoppable(run, () => this.engine.stopTraining(), 'feed training');
  }

  rank(request: FeedRankRequest): Promise<WireFeed> {
    return this.engine.ranking((s) => s.feed(request.member, request.size));
  }

  explain(request: FeedRankRequest): Promise<WireFeed> {
    return this.rank(request);
  }

  rankFor(request: FeedRankForRequest): Promise<WireFeed & { unknownActivities: number[] }> {
    return this.engine.ranking((s) => s.feedFor(request.member, request.history, request.size));
  }

  list(): Promise<ModelInfo[]> {
    return this.engine.ranking((s) => s.list());
  }

  async delete(id: string): Promise<void> {
    // The training side forgets its unsaved run too, so a later `keep` cannot bring the feed back.
    await this.engine.training((s) => s.delete(id));
    await this.engine.ranking((s) => s.delete(id));
  }

  keep(): Promise<ModelInfo> {
    return this.engine.training((s) => s.keep());
  }

  stored(): Promise<ModelInfo | null> {
    return this.engine.ranking((s) => s.stored());
  }

  restore(): Promise<FeedRestoreResult> {
    return this.engine.ranking((s) => s.restore());
  }

  members(count: number): Promise<{ id: number; text: string }[]> {
    return this.engine.ranking((s) => s.members(count));
  }

  time(members?: number): Promise<FeedTiming> {
    return this.engine.ranking((s) => s.time(members));
  }

  dispose(): void {
    this.engine.dispose();
  }
}
