/**
 * The fused-webgpu NCF engine (`NcfStepper` named 'fused-webgpu'): the whole training step as WGSL
 * compute kernels on a WebGPU device.
 */
/// <reference types="@webgpu/types" />
import { requestComputeDevice } from '../../../backend/gpu-device.ts';
import { BackendUnavailableError } from '../../../errors.ts';
import type { NcfStepper, NcfStepperInit } from '../stepper.ts';
import { WebgpuNcfStepper } from './session.ts';

export { WebgpuNcfStepper } from './session.ts';
export { paramLayout, packBatch } from './layout.ts';

/**
 * The fused-webgpu engine on `device`; without one, on tfjs's webgpu device when that backend runs,
 * else on a device of `requestComputeDevice` (BackendUnavailableError where WebGPU is absent).
 */
export async function createWebgpuStepper(init: NcfStepperInit, device?: GPUDevice): Promise<NcfStepper> {
  let d = device ?? null;
  if (!d) {
    // Loaded only here: the module imports tfjs.
    const { webgpuDevice } = await import('../../../backend/webgpu-device.ts');
    d = webgpuDevice();
  }
  if (d) return new WebgpuNcfStepper(d, init);
  const own = (await requestComputeDevice())?.device;
  if (!own) throw new BackendUnavailableError('webgpu', [], 'no WebGPU adapter');
  // A device requested here is the stepper's own: it goes when the stepper does.
  const stepper = new WebgpuNcfStepper(own, init);
  const dispose = stepper.dispose.bind(stepper);
  stepper.dispose = () => {
    dispose();
    own.destroy();
  };
  return stepper;
}
