/**
 * linkrec — on-device recommenders for the web. This file is the whole public surface: everything a
 * page, a worker or another app may import, with named exports only.
 */

// Errors: every error linkrec raises on purpose, by name.
export {
  AbortError,
  BackendUnavailableError,
  DataFormatError,
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
} from './backend';
export type {
  AdapterInfo,
  BackendName,
  BackendPreference,
  BackendReport,
  Capabilities,
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
  graphAdjacency,
  graphDegrees,
  IdMap,
  InteractionLogBuilder,
  itemCounts,
  leaveOneOutLatest,
  loadGraph,
  loadInteractions,
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
  IndexSampler,
  InteractionFormat,
  InteractionLog,
  LeaveOneOutSplit,
  LoadInteractionsOptions,
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
