/**
 * linkrec data layer: typed-array id maps, interaction logs (COO and CSR), graphs, streaming
 * loaders, splits, samplers and the seeded RNG. No tensors, no models; runs in browsers, workers
 * and Node alike (Node-only file helpers live in `./node`).
 */
export { Rng } from './rng';
export { IdMap, type ExternalId, type IdMapJSON } from './idmap';
export { cooToCsr, csrHas, csrRow, transpose, type Csr, type CsrRow } from './csr';
export {
  itemCounts,
  makeInteractionLog,
  selectRows,
  toCsr,
  userCounts,
  type InteractionColumns,
  type InteractionLog,
} from './interactions';
export { InteractionLogBuilder } from './interaction-builder';
export { graphAdjacency, graphDegrees, type Graph } from './graph';
export { DEFAULT_MAX_BYTES, readText, type DataSource, type ReadOptions } from './loaders/source';
export {
  describeInteractionLoad,
  loadInteractions,
  type InteractionFormat,
  type InteractionRepeatPolicy,
  type LoadedInteractions,
  type LoadInteractionsOptions,
} from './loaders/interactions';
export { describeGraphLoad, loadGraph, parseGraph, type GraphRepeatPolicy, type LoadedGraph, type ParseGraphOptions } from './loaders/graph';
export { loadItemTitles, type LoadItemTitlesOptions } from './loaders/titles';
export { leaveOneOutLatest, type LeaveOneOutSplit } from './split';
export { AliasSampler, type IndexSampler } from './samplers/alias';
export { DegreeSampler, UniformItemSampler } from './samplers/items';
export { sampleNegatives } from './samplers/negatives';
