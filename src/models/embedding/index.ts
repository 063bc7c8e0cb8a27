export { EmbeddingModel, type NamedVectors, type SimilarOptions } from './model.ts';
export {
  alignToNames,
  matchToGraph,
  type AlignedVectors,
  type GraphMatch,
  type MatchToGraphOptions,
} from './align.ts';
