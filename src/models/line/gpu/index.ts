/** LINE on WebGPU: a fused WGSL kernel, thread per edge sample. */
export { aliasProbabilities, flatAlias } from './alias';
export { lineKernel, PARAM_WORDS } from './kernel';
export { requestLineDevice, trainLineGpu, type LineGpuOptions, type LineGpuResult } from './trainer';
