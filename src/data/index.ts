/**
 * linkrec data layer: typed-array id maps, interaction logs (COO and CSR), graphs, streaming
 * loaders, splits, samplers and the seeded RNG. No tensors, no models; runs in browsers, workers
 * and Node alike (Node-only file helpers live in `./node`).
 */
export { Rng } from './rng.ts';
export { IdMap, type ExternalId, type IdMapJSON } from './idmap.ts';
export {
  cooToCsr,
  csrHas,
  csrIndices,
  csrLength,
  csrPosition,
  csrRow,
  distinctRows,
  groupBy,
  pairsToCsr,
  transpose,
  type IndexArray,
  type SparseRow,
  type SparseRows,
} from './sparse-rows.ts';
export {
  itemCounts,
  makeInteractionLog,
  selectRows,
  toCsr,
  userItemRows,
  userCounts,
  type InteractionColumns,
  type InteractionLog,
} from './interactions.ts';
export { InteractionLogBuilder } from './interaction-builder.ts';
export { graphAdjacency, graphDegrees, type Graph } from './graph.ts';
export { DEFAULT_MAX_BYTES, readText, type DataSource, type ReadOptions } from './loaders/source.ts';
export {
  describeInteractionLoad,
  loadInteractions,
  type InteractionFormat,
  type InteractionRepeatPolicy,
  type LoadedInteractions,
  type LoadInteractionsOptions,
} from './loaders/interactions.ts';
export {
  describeGraphLoad,
  loadGraph,
  parseGraph,
  type GraphRepeatPolicy,
  type LoadedGraph,
  type ParseGraphOptions,
} from './loaders/graph.ts';
export { loadItemTitles, type LoadItemTitlesOptions } from './loaders/titles.ts';
export { leaveOneOutLatest, type LeaveOneOutSplit } from './split.ts';
export { AliasSampler, type IndexSampler } from './samplers/alias.ts';
export { DegreeSampler, UniformItemSampler } from './samplers/items.ts';
export { sampleNegatives } from './samplers/negatives.ts';
