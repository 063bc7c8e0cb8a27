/** LINE on WebGPU: fused WGSL kernels (a subgroup lane group per edge, or a thread per edge). */
export { lineKernel, PARAM_WORDS } from './kernel.ts';
export { chooseLanes, lineSubgroupKernel, type SubgroupKernelSpec, type SubgroupReduce } from './kernel-subgroups.ts';
export { chooseLineKernel, type LineKernelChoice, type LineKernelVariant } from './select.ts';
export { requestLineDevice, trainLineGpu, type LineGpuOptions, type LineGpuResult } from './trainer.ts';
