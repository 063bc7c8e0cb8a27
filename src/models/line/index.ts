/** LINE graph embeddings: the CPU reference loop and its model wrapper. */
export { LINE_DEFAULTS, MAX_THREADS, ordersOf, resolveLineConfig, type LineConfig, type LineOrder, type LineSettings } from './config';
export { LineModel, LINE_STATE_VERSION } from './model';
export { fastSigmoid, initVertex, kernelJob, runSamples, type SgdJob } from './sgd';
export { buildLineTables, type FlatAlias, type LineGraph, type LineTables } from './tables';
export { lineSgdKernel, SIGMOID_TABLE, type KernelJob } from './kernel';
export { toShared, type LineRuntime, type LineThreadPool, type LineThreadPoolFactory } from './threads';
export { concatRows, normalizeRows, rowCosine } from './vectors';
export { lineLinkPrediction, lineNodeClassification, type F1Pair, type LineProbeOptions, type LinkPredictionReport } from './evaluate';
export { nodeClassificationCv, type CvProbeOptions, type CvProbeResult } from './probe';
export { flatAlias, lineKernel, requestLineDevice, trainLineGpu, type LineGpuOptions, type LineGpuResult } from './gpu';
