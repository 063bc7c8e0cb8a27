/**
 * `linkrec/feed`: the feed — first-pass rankers per inventory → hashed-LR second-pass ranker →
 * re-ranker — with its offline evaluation (O/E, AUC, log-loss, replay next to the simulator's truth)
 * and the service the feed workers host.
 *
 * @module linkrec/feed
 */
export {
  assembleFeed,
  assembleFeedWithHistory,
  buildFeedContext,
  buildFprs,
  calibrationBins,
  chronologicalPolicy,
  evaluateFeed,
  FEATURE_GROUP_NAMES,
  FEATURE_TEMPLATE_NAMES,
  FeatureGroup,
  FEED_MODEL_ID,
  FeedService,
  FPR_FACTORIES,
  fprOnlyPolicy,
  historyFromInteractions,
  historyFromLog,
  MAX_LOCAL_INTERACTIONS,
  rerank,
  RERANK_DEFAULTS,
  skillEmbeddings,
  SPR_DEFAULTS,
  SprModel,
  sprRerankPolicy,
  trainFeed,
  traceFeed,
  traceFeedWithHistory,
} from './systems/feed/index.ts';
export type {
  AssembleOptions,
  CalibrationBin,
  FeedContext,
  FeedEvalOptions,
  FeedEvalReport,
  FeedInteraction,
  FeedItem,
  FeedPipeline,
  FeedRankForRequest,
  FeedReport,
  FeedRequest,
  FeedRestoreResult,
  FeedTiming,
  FeedTrace,
  FeedWorldSpec,
  FirstPassRanker,
  FprFactory,
  FprResult,
  JobEmbeddings,
  RerankConfig,
  RerankResult,
  SprConfig,
  WireFeedItem,
  WireGroupContribution,
} from './systems/feed/index.ts';
export type { FeedOptions } from './systems/feed/client.ts';
