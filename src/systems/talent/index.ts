/** Talent search: entity space (LINE on entity graphs), pooled relevance, stage combiners, evaluation. */
export { evaluateTalent, gradedNdcg, type TalentEvalOptions, type TalentEvalResult } from './evaluate.ts';
export {
  LINE_FEATURES,
  NO_COMPANY,
  NO_TITLE,
  STRUCTURED_FEATURES,
  lineFeatures,
  memberEntities,
  poolMember,
  poolQuery,
  structuredFeatures,
  type PooledBag,
} from './features.ts';
export { parseQueryText, worldQuery, type TalentQuery } from './query.ts';
export { explainMatch } from './reasons.ts';
export { TalentRanker, type LabelledPair, type TalentResult, type TalentStage } from './ranker.ts';
export {
  cosineSim,
  poolRows,
  trainEntitySpace,
  type EntitySpace,
  type EntitySpaceOptions,
  type Pooling,
} from './space.ts';
export { memberIds, queryIds, toIdBags, towerVocab, type TowerVocab } from './tower-inputs.ts';
export { pca2 } from './pca.ts';
export {
  poolingFigures,
  readTalentQuery,
  type TalentGraphFigures,
  type TalentLineFigures,
  type TalentPipelineFigures,
  type TalentPoolingFigures,
  type TalentQueryReading,
  type TalentTowerFigures,
} from './inspect.ts';
export {
  describeEntityVectors,
  importedLineState,
  matchEntityVectors,
  type EntityVectorMatch,
  type EntityVectorReport,
  type EntityVectors,
} from './entity-vectors.ts';
export { newMemberTable, type NewMemberProfile, type UnknownEntities } from './new-member.ts';
export { fitRanker, logRowsOf, trainTower, type TalentTrainOptions } from './train.ts';
export { connectTalent, type TalentClient, type TalentOptions } from './client.ts';
export {
  formToQuery,
  lineBackendLabel,
  MAP_INTERVAL_MS,
  TalentService,
  type NewMemberRank,
  type TalentHit,
  type TalentInspection,
  type TalentProgress,
  type TalentSearchForm,
  type TalentTrainRequest,
  type TalentTrainResult,
} from './service.ts';
export {
  restoreTalent,
  TALENT_MODEL_ID,
  talentState,
  talentWorld,
  type RestoredTalent,
  type TalentWorldSpec,
} from './stored.ts';
