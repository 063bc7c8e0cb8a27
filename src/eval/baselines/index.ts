export { PopularityScorer } from '../../models/popular/scorer.ts';
export { ItemKnnScorer } from '../../models/itemknn/scorer.ts';
export {
  runBaselines,
  type BaselineOptions,
  type BaselineProgress,
  type BaselineReport,
  type BaselineRow,
} from './run.ts';
