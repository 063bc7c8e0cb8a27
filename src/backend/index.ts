/**
 * The backend layer: the only place that imports tfjs backends. Detect capabilities, pick a backend
 * (webgpu → webgl → wasm → cpu), register the kernels we add, and preflight models' kernels.
 */
export { BACKEND_ORDER } from './types.ts';
export type {
  AdapterInfo,
  AdapterLimits,
  BackendChoice,
  BackendName,
  BackendPreference,
  BackendReport,
  BackendSpeed,
  Capabilities,
  Probe,
  RuntimeScope,
} from './types.ts';
export {
  defaultCapabilityEnv,
  detectScope,
  getCapabilities,
  overrideCapabilities,
  probeCapabilities,
} from './capabilities.ts';
export type { CapabilityEnv, GpuAdapterLike, GpuLike } from './capabilities.ts';
export { currentBackend, initBackend } from './select.ts';
export { chooseTrainingBackend, readDeviceFacts } from './probe-speed.ts';
export type { ChooseOptions } from './probe-speed.ts';
export { measureTrainingStep, PROBE_SHAPE } from './probe-step.ts';
export type { MeasureOptions } from './probe-step.ts';
export { defaultChoiceCache, idbChoiceCache, memoryChoiceCache, PROBE_DB_NAME } from './probe-cache.ts';
export type { ChoiceCache } from './probe-cache.ts';
export { describeSpeed, describeSpeeds, deviceFingerprint, pickFastest, SOFTWARE_MARGIN } from './probe-choice.ts';
export type { DeviceFacts } from './probe-choice.ts';
export { assertFitsDevice, requestComputeDevice } from './gpu-device.ts';
export type { ComputeAdapterInfo, ComputeDevice, ComputeDeviceRequest } from './gpu-device.ts';
export { useWebgpuDevice, webgpuDevice } from './webgpu-device.ts';
export type { InitOptions } from './select.ts';
export type { LoadOptions, WasmPaths } from './loaders.ts';
export { ensureGradients, gradientsRegistered } from './gradients.ts';
export {
  assertKernels,
  assertModelKernels,
  combineRequirements,
  KERNELS,
  missingGradients,
  missingKernels,
  MODEL_KERNELS,
  requiredKernels,
} from './preflight.ts';
export type { KernelRequirements } from './preflight.ts';
export {
  isOurUnsortedSegmentSum,
  registerUnsortedSegmentSum,
  segmentSumInto,
  unregisterUnsortedSegmentSum,
} from './kernels/unsorted-segment-sum.ts';
export type { SegmentSumBackend } from './kernels/unsorted-segment-sum.ts';
