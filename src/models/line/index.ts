/** LINE graph embeddings: the CPU reference loop, the WebGPU kernels, and the model that trains on either. */
export {
  LINE_DEFAULTS,
  MAX_THREADS,
  ordersOf,
  resolveLineConfig,
  type LineConfig,
  type LineOrder,
  type LineSettings,
} from './config.ts';
export { LineModel, LINE_STATE_VERSION, type LineFitResult } from './model.ts';
export { checkLineBackend, defaultLineBackend, type LineBackendPreference, type LineGpuRuntime } from './backend.ts';
export { fastSigmoid, initVertex, kernelJob, runSamples, type LineCpuKernel, type SgdJob } from './sgd.ts';
export { lineWasmKernel, lineWasmModule, loadLineWasm, type LineWasmBuild } from './wasm-kernel.ts';
export {
  browserLineThreads,
  mergeChanges,
  type BrowserLinePoolStats,
  type BrowserLineThreadsOptions,
} from './browser-threads.ts';
export { lineShard, serveLineShard, type LineShard, type ShardResult, type ShardTables } from './shard.ts';
export { buildLineTables, type FlatAlias, type LineGraph, type LineTables } from './tables.ts';
export { lineSgdKernel, SIGMOID_TABLE, type KernelJob } from './kernel.ts';
export { toShared, type LineRuntime, type LineThreadPool, type LineThreadPoolFactory } from './threads.ts';
export { concatRows, normalizeRows, rowCosine } from './vectors.ts';
export { flatAlias } from './tables.ts';
export { lineKernel, requestLineDevice, trainLineGpu, type LineGpuOptions, type LineGpuResult } from './gpu/index.ts';
