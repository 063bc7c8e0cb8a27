/**
 * `linkrec/talent`: talent search — entity graphs, LINE (CPU loop and WebGPU kernels), two-tower,
 * pooled relevance, stage combiners, evaluation, and the service the talent worker hosts.
 *
 * @module linkrec/talent
 */
export { cooccurrenceGraph, entityGraph, entityGraphs, memberBags } from './systems/talent/graph/index.ts';
export type { Bags, EntityGraphs, EntityKind, WeightedEdges } from './systems/talent/graph/index.ts';
export {
  LineModel,
  LINE_DEFAULTS,
  LINE_STATE_VERSION,
  buildLineTables,
  requestLineDevice,
  trainLineGpu,
  browserLineThreads,
  serveLineShard,
} from './models/line/index.ts';
export type {
  BrowserLineThreadsOptions,
  BrowserLinePoolStats,
  LineCpuKernel,
  LineConfig,
  LineGraph,
  LineOrder,
  LineSettings,
  LineGpuOptions,
  LineGpuResult,
  LineRuntime,
  LineThreadPool,
  LineThreadPoolFactory,
  LineBackendPreference,
  LineFitResult,
  LineGpuRuntime,
} from './models/line/index.ts';
// LINE's probes (the paper's link prediction and node classification) live with the evaluation.
export { lineLinkPrediction, lineNodeClassification } from './eval/line/evaluate.ts';
export type { F1Pair, LineProbeOptions, LinkPredictionReport } from './eval/line/evaluate.ts';
export { nodeClassificationCv, type CvProbeOptions, type CvProbeResult } from './eval/line/probe.ts';
export {
  TwoTowerModel,
  TWO_TOWER_KIND,
  TWO_TOWER_STATE_VERSION,
  twoTowerFromState,
  twoTowerToState,
} from './models/two-tower/index.ts';
export type { IdBags, Triples, TwoTowerConfig } from './models/two-tower/index.ts';
export {
  TalentRanker,
  evaluateTalent,
  explainMatch,
  fitRanker,
  parseQueryText,
  pca2,
  poolRows,
  trainEntitySpace,
  trainTower,
  worldQuery,
} from './systems/talent/index.ts';
export type {
  EntitySpace,
  Pooling,
  TalentEvalOptions,
  TalentEvalResult,
  TalentQuery,
  TalentResult,
  TalentStage,
} from './systems/talent/index.ts';
export { formToQuery, MAP_INTERVAL_MS, TalentService } from './systems/talent/service.ts';
export type { NewMemberRank, TalentInspection } from './systems/talent/service.ts';
// What the search tab shows beside a search: the query's reading and the pipeline's live figures.
export { readTalentQuery } from './systems/talent/inspect.ts';
export type {
  TalentGraphFigures,
  TalentLineFigures,
  TalentPipelineFigures,
  TalentPoolingFigures,
  TalentQueryReading,
  TalentTowerFigures,
} from './systems/talent/inspect.ts';
export { newMemberTable } from './systems/talent/new-member.ts';
export type { NewMemberProfile, UnknownEntities } from './systems/talent/new-member.ts';
// Entity vectors trained elsewhere (word2vec / PBG files, one per graph) in place of LINE's.
export { describeEntityVectors, entityToken, matchEntityVectors } from './systems/talent/entity-vectors.ts';
export type { EntityVectorReport, EntityVectors } from './systems/talent/entity-vectors.ts';
export {
  restoreTalent,
  TALENT_MODEL_ID,
  talentState,
  talentWorld,
  type RestoredTalent,
  type TalentWorldSpec,
} from './systems/talent/stored.ts';
export type { TalentOptions } from './systems/talent/client.ts';
