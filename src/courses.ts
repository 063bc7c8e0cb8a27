/**
 * `linkrec/courses`: the course models (popular, item-kNN, MF, the NCF family, GLMix, the blender),
 * their registry, the services the course workers host with their RPC types, the course-data and
 * MovieLens / He et al. split loaders, the ranking protocols and the baselines.
 *
 * @module linkrec/courses
 */

// The registry: create, load with upgrades, which data a kind takes.
export {
  createModel,
  modelEntry,
  modelFromState,
  modelInput,
  modelKinds,
  upgradeState,
} from './models/index.ts';
export type { ModelData, ModelDataOf, ModelEntry, ModelInput, StateUpgrade } from './models/index.ts';

// The models.
export { ItemKnnModel, MF_DEFAULTS, MfModel, PopularModel } from './models/index.ts';
export type { ItemKnnConfig, MfConfig, MfSettings, PopularConfig } from './models/index.ts';
export { NCF_DEFAULTS, NcfModel, coWatchRows, fitPretrainedNeuMF, learnerRows } from './models/ncf/index.ts';
export type { NcfArch, NcfConfig, NcfSettings, PretrainedNeuMF, PretrainOptions } from './models/ncf/index.ts';
export {
  courseDataFromWire,
  courseDataToWire,
  GLMIX_DEFAULTS,
  GLMIX_STATE_VERSION,
  GlmixModel,
} from './models/glmix/index.ts';
export type {
  CourseData,
  CourseFeatures,
  CourseSide,
  GlmixCoefficients,
  GlmixConfig,
  GlmixSettings,
  MemberFeatures,
  WireCourseData,
  WireWatchLog,
} from './models/glmix/index.ts';
export { BLEND_STATE_VERSION, BlendModel, blendScore, fitBlendWeights, reasonFor } from './models/blend/index.ts';
export type { BlendConfig, BlendOptions, BlendWeights, ExplainedRanked, Reason } from './models/blend/index.ts';

// Course data, the MovieLens / He et al. split, ranking protocols.
export { courseDataFromWorld, relevantWatches } from './systems/courses/world-data.ts';
export {
  loadNcfSplit,
  parseNcfSplit,
  type LoadNcfSplitOptions,
  type NcfSplitSources,
  type NcfSplitTexts,
} from './systems/courses/ncf-split.ts';
export {
  fullFigures,
  leaveLatestOut,
  sampledFigures,
  type RankFigures,
  type RankingProtocol,
} from './systems/courses/protocol.ts';
export { coursePipelineFigures, type CoursePipelineFigures } from './systems/courses/pipeline.ts';
export { heldOutRows, worldFigures, type WorldEvalOptions, type WorldFigures } from './systems/courses/world-eval.ts';

// Baselines: most-popular and item-kNN on a ratings file.
export { ItemKnnScorer, PopularityScorer, runBaselines } from './eval/baselines/index.ts';
export type { BaselineOptions, BaselineProgress, BaselineRow } from './eval/baselines/index.ts';

// The services the course workers host, and their RPC contract.
export { RankingService, type RankingServiceOptions } from './rpc/ranking-service.ts';
export { TrainingService, type TrainingServiceOptions } from './rpc/training-service.ts';
export { BaselineService, type BaselineServiceDeps } from './rpc/baseline-service.ts';
export type {
  BaselineApi,
  BaselineRunOptions,
  ModelEvalProgress,
  ProtocolProgress,
  ProtocolReport,
  ProtocolRunOptions,
  TrainedModelRow,
  TrainedOn,
} from './rpc/baseline-protocol.ts';
export type { CoursesInThreadOptions, CoursesWorkerOptions, ProtocolRequest, ServiceBackends } from './rpc/client.ts';
export type {
  DeviceLossReport,
  ExplainedForHistory,
  FoldInRequest,
  FoldInResult,
  Heartbeat,
  HistoryReport,
  LoadedModel,
  ModelRef,
  RankedForHistory,
  RankingApi,
  RecommendForRequest,
  ScoreRequest,
  ServiceConfig,
  SimilarItemsRequest,
  TrainingApi,
  TrainingData,
  TrainRequest,
  WireHistory,
  WireProgress,
} from './rpc/protocol.ts';

// Personal state on the device (the profile itself, `openProfile`, is in the root entry).
export { PROFILE_DB_NAME } from './personal/database.ts';
export type { ProfileClient, ProfileOptions, ProfileRankOptions } from './personal/profile.ts';
export type { Interaction, ProfileChange, ProfileState } from './personal/types.ts';
