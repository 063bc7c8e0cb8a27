/** LINE graph embeddings: the CPU reference loop, the WebGPU kernels, and the model that trains on either. */
export { LINE_DEFAULTS, MAX_THREADS, ordersOf, resolveLineConfig, type LineConfig, type LineOrder, type LineSettings } from './config';
export { LineModel, LINE_STATE_VERSION, type LineFitResult } from './model';
export { checkLineBackend, defaultLineBackend, type LineBackendPreference, type LineGpuRuntime } from './backend';
export { fastSigmoid, initVertex, kernelJob, runSamples, type SgdJob } from './sgd';
export { buildLineTables, type FlatAlias, type LineGraph, type LineTables } from './tables';
export { lineSgdKernel, SIGMOID_TABLE, type KernelJob } from './kernel';
export { toShared, type LineRuntime, type LineThreadPool, type LineThreadPoolFactory } from './threads';
export { concatRows, normalizeRows, rowCosine } from './vectors';
export { lineLinkPrediction, lineNodeClassification, type F1Pair, type LineProbeOptions, type LinkPredictionReport } from './evaluate';
export { nodeClassificationCv, type CvProbeOptions, type CvProbeResult } from './probe';
export { flatAlias, lineKernel, requestLineDevice, trainLineGpu, type LineGpuOptions, type LineGpuResult } from './gpu';
