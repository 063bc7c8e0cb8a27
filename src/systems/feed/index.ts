/**
 * The feed: first-pass rankers per inventory → a hashed logistic-regression second-pass ranker over
 * the seed's feature groups → a rule-based re-ranker; plus its offline evaluation (O/E, AUC,
 * log-loss, replay next to the simulator's true CTR).
 */
export {
  actorKey,
  buildFeedContext,
  historyFromLog,
  type FeedContext,
  type FeedWorldView,
  type InteractionHistory,
} from './context.ts';
export {
  buildFprs,
  FPR_FACTORIES,
  jobsFpr,
  skillEmbeddings,
  talentEmbeddings,
  TopK,
  type EntityVectors,
  type FeedRequest,
  type FirstPassRanker,
  type FprFactory,
  type FprResult,
  type JobEmbeddings,
} from './fpr/index.ts';
export { FEATURE_GROUP_NAMES, FEATURE_TEMPLATE_NAMES, FeatureGroup } from './spr/groups.ts';
export { SPR_DEFAULTS, type SprConfig, type SprSettings } from './spr/config.ts';
export { datasetFromLog, type SprDataset } from './spr/dataset.ts';
export { SprModel, SPR_KIND, SPR_STATE_VERSION } from './spr/model.ts';
export { rerank, RERANK_DEFAULTS, type RerankConfig, type RerankedItem, type RerankResult } from './rerank.ts';
export {
  assembleFeed,
  chronologicalPolicy,
  fprOnlyPolicy,
  scoreCandidates,
  sprRerankPolicy,
  traceFeed,
  type AssembleOptions,
  type CandidatePolicy,
  type FeedItem,
  type FeedPipeline,
  type FeedTrace,
} from './pipeline.ts';
export { calibrationBins, type CalibrationBin } from './calibration.ts';
export { splitLog, worldWithSessions, type LogSplit } from './split.ts';
export { evaluateFeed, trainFeed, type FeedEvalOptions, type FeedEvalReport, type ReplayVsTruth } from './evaluate.ts';
export { FeedService } from './service.ts';
export {
  connectFeed,
  type FeedClient,
  type FeedOptions,
  type FeedRankForRequest,
  type FeedRankRequest,
} from './client.ts';
export {
  assembleFeedWithHistory,
  historyFromInteractions,
  MAX_LOCAL_INTERACTIONS,
  traceFeedWithHistory,
  type FeedInteraction,
} from './local-history.ts';
export { FEED_MODEL_ID, feedState, readFeedState } from './stored.ts';
export type {
  FeedProgress,
  FeedReport,
  FeedRestoreResult,
  FeedTiming,
  FeedTrainRequest,
  FeedTrainResult,
  FeedWorldSpec,
  WireFeed,
  WireFeedItem,
  WireGroupContribution,
} from './wire.ts';
