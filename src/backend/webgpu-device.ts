/**
 * Hands a device from `requestComputeDevice` to tfjs's webgpu backend, so tfjs ops and our own WGSL
 * kernels share one device that has the features (`subgroups`) and limits the kernels need.
 */
/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '../errors.ts';
import type { ComputeDevice } from './gpu-device.ts';
import { loadBackend } from './loaders.ts';
import { initBackend } from './select.ts';
import type { BackendReport } from './types.ts';

/**
 * Makes tfjs's 'webgpu' backend run on `gpu.device` (replacing any webgpu backend started before,
 * whose tensors are disposed: call this before creating tensors) and selects it.
 * @throws BackendUnavailableError when the backend does not start on that device.
 */
export async function useWebgpuDevice(gpu: ComputeDevice): Promise<BackendReport> {
  await loadBackend('webgpu'); // its module registers tfjs's own factory at load: replace it after
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  const adapterInfo = { vendor: gpu.info.vendor, architecture: gpu.info.architecture } as GPUAdapterInfo;
  tf.registerBackend('webgpu', () => new WebGPUBackend(gpu.device, adapterInfo), 3);
  const report = await initBackend('webgpu');
  if (webgpuDevice() !== gpu.device)
    throw new BackendUnavailableError('webgpu', [report.backend], 'tfjs did not take the given device');
  return report;
}

/** The device tfjs's webgpu backend runs on, or null when it has not started. */
export function webgpuDevice(): GPUDevice | null {
  if (!tf.findBackend('webgpu')) return null;
  const backend = tf.findBackend('webgpu') as unknown as { device?: GPUDevice };
  return backend.device ?? null;
}
