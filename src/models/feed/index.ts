/**
 * The feed: first-pass rankers per inventory → a hashed logistic-regression second-pass ranker over
 * the seed's feature groups → a rule-based re-ranker; plus its offline evaluation (O/E, AUC,
 * log-loss, replay next to the simulator's true CTR).
 */
export { actorKey, buildFeedContext, historyFromLog, type FeedContext, type FeedWorldView, type InteractionHistory } from './context';
export { buildFprs, FPR_FACTORIES, jobsFpr, skillEmbeddings, talentEmbeddings, TopK, type EntityVectors, type FeedRequest, type FirstPassRanker, type FprFactory, type FprResult, type JobEmbeddings } from './fpr';
export { FEATURE_GROUP_NAMES, FeatureGroup } from './spr/groups';
export { SPR_DEFAULTS, type SprConfig, type SprSettings } from './spr/config';
export { datasetFromLog, type SprDataset } from './spr/dataset';
export { SprModel, SPR_KIND, SPR_STATE_VERSION } from './spr/model';
export { rerank, RERANK_DEFAULTS, type RerankConfig, type RerankedItem, type RerankResult } from './rerank';
export { assembleFeed, chronologicalPolicy, fprOnlyPolicy, scoreCandidates, sprRerankPolicy, type AssembleOptions, type CandidatePolicy, type FeedItem, type FeedPipeline } from './pipeline';
export { calibrationBins, type CalibrationBin } from './calibration';
export { splitLog, worldWithSessions, type LogSplit } from './split';
export { evaluateFeed, trainFeed, type FeedEvalOptions, type FeedEvalReport, type ReplayVsTruth } from './evaluate';
export { FeedService } from './service';
export { connectFeed, type FeedClient, type FeedEndpoints } from './client';
export { FEED_MODEL_ID, feedState, readFeedState } from './stored';
export type { FeedProgress, FeedReport, FeedRestoreResult, FeedTiming, FeedTrainRequest, FeedTrainResult, FeedWorldSpec, WireFeed, WireFeedItem } from './wire';
