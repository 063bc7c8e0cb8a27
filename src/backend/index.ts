/**
 * The backend layer: the only place that imports tfjs backends. Detect capabilities, pick a backend
 * (webgpu → webgl → wasm → cpu), register the kernels we add, and preflight models' kernels.
 */
export { BACKEND_ORDER } from './types';
export type {
  AdapterInfo,
  AdapterLimits,
  BackendName,
  BackendPreference,
  BackendReport,
  Capabilities,
  Probe,
  RuntimeScope,
} from './types';
export {
  defaultCapabilityEnv,
  detectScope,
  getCapabilities,
  overrideCapabilities,
  probeCapabilities,
} from './capabilities';
export type { CapabilityEnv, GpuAdapterLike, GpuLike } from './capabilities';
export { currentBackend, initBackend } from './select';
export { assertFitsDevice, requestComputeDevice } from './gpu-device';
export type { ComputeAdapterInfo, ComputeDevice, ComputeDeviceRequest } from './gpu-device';
export { useWebgpuDevice, webgpuDevice } from './webgpu-device';
export type { InitOptions } from './select';
export type { LoadOptions, WasmPaths } from './loaders';
export { ensureGradients, gradientsRegistered } from './gradients';
export {
  assertKernels,
  assertModelKernels,
  combineRequirements,
  KERNELS,
  missingGradients,
  missingKernels,
  MODEL_KERNELS,
  requiredKernels,
} from './preflight';
export type { KernelRequirements } from './preflight';
export {
  isOurUnsortedSegmentSum,
  registerUnsortedSegmentSum,
  segmentSumInto,
  unregisterUnsortedSegmentSum,
} from './kernels/unsorted-segment-sum';
export type { SegmentSumBackend } from './kernels/unsorted-segment-sum';
