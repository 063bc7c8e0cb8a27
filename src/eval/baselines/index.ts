export { PopularityScorer, type SparseRows } from './popular';
export { ItemKnnScorer } from './item-knn';
export {
  runBaselines,
  type BaselineOptions,
  type BaselineProgress,
  type BaselineReport,
  type BaselineRow,
} from './run';
