/** Talent search: entity space (LINE on entity graphs), pooled relevance, stage combiners, evaluation. */
export { evaluateTalent, gradedNdcg, type TalentEvalOptions, type TalentEvalResult } from './evaluate';
export { LINE_FEATURES, STRUCTURED_FEATURES, lineFeatures, memberEntities, poolMember, poolQuery, structuredFeatures, type PooledBag } from './features';
export { parseQueryText, worldQuery, type TalentQuery } from './query';
export { explainMatch } from './reasons';
export { TalentRanker, type LabelledPair, type TalentResult, type TalentStage } from './ranker';
export { cosineSim, poolRows, trainEntitySpace, type EntitySpace, type EntitySpaceOptions, type Pooling } from './space';
export { memberIds, queryIds, toIdBags, towerVocab, type TowerVocab } from './tower-inputs';
export { pca2 } from './pca';
export { fitRanker, logRowsOf, trainTower, type TalentTrainOptions } from './train';
export { TalentClient } from './client';
export { formToQuery, lineBackendLabel, MAP_INTERVAL_MS, TalentService, type TalentHit, type TalentProgress, type TalentSearchForm, type TalentTrainRequest, type TalentTrainResult } from './service';
export { restoreTalent, TALENT_MODEL_ID, talentState, talentWorld, type RestoredTalent, type TalentWorldSpec } from './stored';
