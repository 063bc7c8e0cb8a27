/**
 * `linkrec/eval`: pure ranking, classification and calibration metrics, the evaluation protocols
 * (sampled and full ranking, link prediction, node classification, replay).
 *
 * @module linkrec/eval
 */
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
} from './eval/index.ts';
export type {
  EdgeScorer,
  EdgeSplit,
  FullRankingResult,
  LoggedEvent,
  NodeClassificationResult,
  RankingResult,
  ReplayResult,
  TieBreak,
} from './eval/index.ts';
