/**
 * linkrec — on-device recommenders for the web. This file is the whole public surface: everything a
 * page, a worker or another app may import, with named exports only.
 */

// Errors: every error linkrec raises on purpose, by name.
export {
  AbortError,
  BackendUnavailableError,
  DataFormatError,
  GpuLimitError,
  InvalidArgumentError,
  LinkrecError,
  MissingKernelError,
  UnknownIdError,
} from './errors';

// Backends: capability detection, ordered fallback, kernel preflight.
export {
  assertKernels,
  assertModelKernels,
  BACKEND_ORDER,
  currentBackend,
  getCapabilities,
  initBackend,
  KERNELS,
  missingKernels,
  MODEL_KERNELS,
  registerUnsortedSegmentSum,
  requestComputeDevice,
  useWebgpuDevice,
} from './backend';
export type {
  AdapterInfo,
  BackendName,
  BackendPreference,
  BackendReport,
  Capabilities,
  ComputeDevice,
  ComputeDeviceRequest,
  InitOptions,
  KernelRequirements,
} from './backend';

// Data: typed-array id maps, logs, CSR, graphs, streaming loaders, splits, samplers, the seeded PRNG.
export {
  AliasSampler,
  cooToCsr,
  csrHas,
  csrRow,
  DegreeSampler,
  describeGraphLoad,
  describeInteractionLoad,
  graphAdjacency,
  graphDegrees,
  IdMap,
  InteractionLogBuilder,
  itemCounts,
  leaveOneOutLatest,
  loadGraph,
  loadInteractions,
  loadItemTitles,
  makeInteractionLog,
  parseGraph,
  Rng,
  sampleNegatives,
  toCsr,
  transpose,
  UniformItemSampler,
  userCounts,
} from './data';
export type {
  Csr,
  DataSource,
  ExternalId,
  Graph,
  GraphRepeatPolicy,
  IndexSampler,
  InteractionFormat,
  InteractionLog,
  InteractionRepeatPolicy,
  LeaveOneOutSplit,
  LoadedGraph,
  LoadedInteractions,
  LoadInteractionsOptions,
  LoadItemTitlesOptions,
  ReadOptions,
} from './data';

// Evaluation: metrics, protocols, baselines.
export {
  adamicAdarScorer,
  auc,
  embeddingScorer,
  evaluateFullRanking,
  evaluateSampled,
  fitOneVsRest,
  hitRateAt,
  holdOutEdges,
  linkPredictionAuc,
  logLoss,
  macroF1,
  microF1,
  ndcgAt,
  nodeClassificationF1,
  oeRatio,
  oeRatioByGroup,
  precisionAt,
  rankOfTarget,
  recallAt,
  reciprocalRank,
  replayEstimate,
} from './eval';
export type {
  EdgeScorer,
  EdgeSplit,
  FullRankingResult,
  LoggedEvent,
  NodeClassificationResult,
  RankingResult,
  ReplayResult,
  TieBreak,
} from './eval';
export { ItemKnnScorer, PopularityScorer, runBaselines } from './eval/baselines';
export type { BaselineOptions, BaselineProgress, BaselineReport, BaselineRow } from './eval/baselines';

// Workers: typed clients of the services the worker entry files expose.
export { BaselineClient } from './rpc/baseline-client';
export type { BaselineApi, BaselineRunOptions } from './rpc/baseline-protocol';

// The seeded professional world: members, companies, courses, jobs, recruiter and feed logs, with ground truth.
export {
  generateWorld,
  inmailAcceptProb,
  isRelevant,
  isRelevantWatch,
  simulatePolicyCtr,
  trueCourseAffinity,
  trueEngagementProb,
  uniformPolicyCtr,
  describeActivity,
  describeMember,
  Inventory,
  INVENTORY_NAMES,
  worldCounts,
} from './world';
export type { FeedPolicy, PolicyContext, World, WorldOptions } from './world';

// Model store: IndexedDB (schema-versioned, atomic saves) and memory stores, the cross-tab training lock.
export { ModelNotFoundError, StorageQuotaError, StoreVersionError, TrainingLockedError } from './errors';
export {
  DB_VERSION,
  DEFAULT_DB_NAME,
  IdbModelStore,
  InProcessLocks,
  MemoryModelStore,
  trainingLockName,
  withTrainingLock,
} from './store';
export type {
  ConnectionEvents,
  IdbStoreOptions,
  LockRequester,
  MemoryStoreOptions,
  ModelInfo,
  ModelStore,
  QuarantineInfo,
  QuarantineRecord,
  SaveOptions,
  StorageEstimate,
  TrainingLockOptions,
} from './store';

// Workers and client: one typed API over the training and ranking workers (or in-thread services).
export { StaleModelError, WorkerLostError } from './errors';
export { connectRecommender } from './rpc/client';
export type {
  ConnectOptions,
  InThreadConnectOptions,
  RecommenderClient,
  ServiceBackends,
  TrainingHandle,
  TrainOptions,
  WorkerConnectOptions,
} from './rpc/client';
export { installErrorTransfer } from './rpc/errors';
export { RankingService, type RankingServiceOptions } from './rpc/ranking-service';
export { TrainingService, type TrainingServiceOptions } from './rpc/training-service';
export type { WorkerLike } from './rpc/worker-slot';
export type {
  DeviceLossReport,
  ExplainedItems,
  Heartbeat,
  LoadedModel,
  ModelRef,
  RankedItems,
  RankingApi,
  RecommendRequest,
  ScoreRequest,
  SimilarItemsRequest,
  TrainingApi,
  TrainingData,
  TrainProgress,
  TrainRequest,
  TrainResult,
  WireProgress,
} from './rpc/protocol';

// Models: the one Recommender interface, the registry (create, load with upgrades) and the models.
export {
  createModel,
  ItemKnnModel,
  MF_DEFAULTS,
  MfModel,
  modelEntry,
  modelFromState,
  modelIdMaps,
  modelInput,
  modelKinds,
  PopularModel,
  upgradeState,
} from './models';
export { StateFormatError, StateVersionError } from './errors';
export type {
  Explained,
  FitOptions,
  FitProgress,
  FitResult,
  ItemKnnConfig,
  ItemReason,
  Json,
  MfConfig,
  MfSettings,
  ModelConfigs,
  ModelData,
  ModelDataOf,
  ModelEntry,
  ModelInput,
  ModelKind,
  ModelState,
  PopularConfig,
  Ranked,
  RecommendOptions,
  Recommender,
  StateTensor,
  StateUpgrade,
  TrainingCursor,
} from './models';

// Feed: first-pass rankers per inventory → hashed-LR second-pass ranker → re-ranker; offline O/E,
// AUC, log-loss and replay next to the simulator's truth; a training and a ranking worker.
export {
  assembleFeed,
  buildFeedContext,
  buildFprs,
  calibrationBins,
  chronologicalPolicy,
  connectFeed,
  evaluateFeed,
  FEATURE_GROUP_NAMES,
  FeatureGroup,
  FEED_MODEL_ID,
  FeedService,
  FPR_FACTORIES,
  fprOnlyPolicy,
  historyFromLog,
  rerank,
  RERANK_DEFAULTS,
  skillEmbeddings,
  SPR_DEFAULTS,
  SprModel,
  sprRerankPolicy,
  trainFeed,
} from './models/feed';
export type {
  AssembleOptions,
  CalibrationBin,
  FeedClient,
  FeedContext,
  FeedEvalOptions,
  FeedEvalReport,
  FeedItem,
  FeedPipeline,
  FeedProgress,
  FeedReport,
  FeedRequest,
  FeedRestoreResult,
  FeedTiming,
  FeedTrainRequest,
  FeedTrainResult,
  FeedWorldSpec,
  FirstPassRanker,
  FprFactory,
  FprResult,
  JobEmbeddings,
  RerankConfig,
  RerankResult,
  SprConfig,
  WireFeed,
  WireFeedItem,
} from './models/feed';

// Talent search (issue 5): entity graphs, LINE, pooled relevance, two-tower, stage combiners.
export { cooccurrenceGraph, entityGraph, entityGraphs, memberBags } from './graph';
export type { Bags, EntityGraphs, EntityKind, WeightedEdges } from './graph';
export { LineModel, LINE_DEFAULTS, LINE_STATE_VERSION, buildLineTables, lineLinkPrediction, lineNodeClassification, nodeClassificationCv, requestLineDevice, trainLineGpu } from './models/line';
export type { LineConfig, LineGraph, LineOrder, LineSettings, F1Pair, LineProbeOptions, LinkPredictionReport, CvProbeOptions, CvProbeResult, LineGpuOptions, LineGpuResult, LineRuntime, LineThreadPool, LineThreadPoolFactory, LineBackendPreference, LineFitResult, LineGpuRuntime } from './models/line';
export { TwoTowerModel, TWO_TOWER_KIND, TWO_TOWER_STATE_VERSION, twoTowerFromState, twoTowerToState } from './models/two-tower';
// State kinds beside the registry (LINE, two-tower, SPR and the talent / feed bundles the store keeps).
export { bundleStates, FEED_KIND, stateKind, stateKinds, TALENT_KIND, unbundleStates, upgradeKindState } from './models/state-kinds';
export type { StateKind, StateParts } from './models/state-kinds';
export type { IdBags, Triples, TwoTowerConfig } from './models/two-tower';
export { TalentRanker, evaluateTalent, explainMatch, fitRanker, parseQueryText, pca2, poolRows, trainEntitySpace, trainTower, worldQuery } from './models/talent';
export type { EntitySpace, Pooling, TalentEvalOptions, TalentEvalResult, TalentQuery, TalentResult, TalentStage } from './models/talent';
export { TalentClient, TalentService, TALENT_MODEL_ID, lineBackendLabel } from './models/talent';
export type { TalentHit, TalentProgress, TalentSearchForm, TalentTrainRequest, TalentTrainResult } from './models/talent';

// Course recommendations (issue 4): NCF (GMF, MLP, NeuMF, the seed variant), GLMix, the blender, and their evaluation.
export { NCF_DEFAULTS, NcfModel, coWatchRows, learnerRows } from './models/ncf';
export type { NcfArch, NcfConfig, NcfSettings, WeightedRows } from './models/ncf';
export { courseDataFromWire, courseDataToWire, GLMIX_DEFAULTS, GLMIX_STATE_VERSION, GlmixModel } from './models/glmix';
export type { CourseData, CourseFeatures, CourseSide, GlmixCoefficients, GlmixConfig, GlmixSettings, MemberFeatures, WireCourseData, WireWatchLog } from './models/glmix';
export { BLEND_STATE_VERSION, BlendModel, blendScore, fitBlendWeights, reasonFor } from './models/blend';
export type { BlendConfig, BlendOptions, BlendWeights, ExplainedRanked, Reason } from './models/blend';
export { courseDataFromWorld, relevantWatches } from './courses/world-data';
export { loadNcfSplit, parseNcfSplit, type LoadNcfSplitOptions, type NcfSplitSources, type NcfSplitTexts } from './courses/ncf-split';
export { fullFigures, leaveLatestOut, sampledFigures, type RankFigures, type RankingProtocol } from './courses/protocol';
export { heldOutRows, worldFigures, type WorldEvalOptions, type WorldFigures } from './courses/world-eval';
