/**
 * Evaluation: pure metric functions and protocol harnesses that see models only through plain score
 * callbacks, so any model (or a baseline) can be measured the same way.
 */
export {
  rankOfTarget,
  hitRateAt,
  ndcgAt,
  reciprocalRank,
  precisionAt,
  recallAt,
  type TieBreak,
} from './metrics/ranking';
export { auc, logLoss, microF1, macroF1 } from './metrics/classification';
export { oeRatio, oeRatioByGroup, type OeGroup } from './metrics/calibration';
export {
  DEFAULT_KS,
  type EvalProgress,
  type RankingEvalCommon,
  type RankingResult,
} from './protocol/shared';
export { evaluateSampled, type SampledEvalOptions } from './protocol/sampled';
export {
  evaluateFullRanking,
  type FullRankingEvalOptions,
  type FullRankingResult,
  type SeenItems,
} from './protocol/full-ranking';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type ObjectiveWithGradient } from './lbfgs';
export { fitOneVsRest, type LogisticOptions, type OneVsRestModel } from './logistic';
export {
  nodeClassificationF1,
  type NodeClassificationOptions,
  type NodeClassificationResult,
} from './node-classification';
export {
  holdOutEdges,
  linkPredictionAuc,
  type EdgeList,
  type EdgeSplit,
  type NodePairs,
} from './link-prediction';
export { adamicAdarScorer, cosine, dot, embeddingScorer, type EdgeScorer } from './link-scorers';
export { replayEstimate, type LoggedEvent, type ReplayContext, type ReplayResult } from './replay';
