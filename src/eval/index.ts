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
} from './metrics/ranking.ts';
export { auc, logLoss, microF1, macroF1 } from './metrics/classification.ts';
export { oeRatio, oeRatioByGroup, type OeGroup } from './metrics/calibration.ts';
export {
  DEFAULT_KS,
  type EvalProgress,
  type RankingEvalCommon,
  type RankingResult,
} from './protocol/shared.ts';
export { evaluateSampled, type SampledEvalOptions } from './protocol/sampled.ts';
export { leaveLatestOutTask, type LeaveLatestOutTask } from './protocol/leave-latest-out.ts';
export {
  evaluateFullRanking,
  type FullRankingEvalOptions,
  type FullRankingResult,
  type SeenItems,
} from './protocol/full-ranking.ts';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type ObjectiveWithGradient } from './lbfgs.ts';
export { fitOneVsRest, type LogisticOptions, type OneVsRestModel } from './logistic.ts';
export {
  nodeClassificationF1,
  type NodeClassificationOptions,
  type NodeClassificationResult,
} from './node-classification.ts';
export {
  holdOutEdges,
  linkPredictionAuc,
  type EdgeList,
  type EdgeSplit,
  type NodePairs,
} from './link-prediction.ts';
export { adamicAdarScorer, cosine, dot, embeddingScorer, type EdgeScorer } from './link-scorers.ts';
export { replayEstimate, type LoggedEvent, type ReplayContext, type ReplayResult } from './replay.ts';
