/** LINE on WebGPU: fused WGSL kernels (a subgroup lane group per edge, or a thread per edge). */
export { aliasProbabilities, flatAlias } from './alias';
export { lineKernel, PARAM_WORDS } from './kernel';
export { chooseLanes, lineSubgroupKernel, type SubgroupKernelSpec, type SubgroupReduce } from './kernel-subgroups';
export { chooseLineKernel, type LineKernelChoice, type LineKernelVariant } from './select';
export { requestLineDevice, trainLineGpu, type LineGpuOptions, type LineGpuResult } from './trainer';
