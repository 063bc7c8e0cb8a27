/**
 * A WebGPU device for our own WGSL kernels, requested with what they need (optional features such as
 * `subgroups`, the adapter's largest storage-binding and buffer sizes). tfjs 4.22's own factory raises
 * the size limits but never enables `subgroups`; `webgpu-device.ts` hands such a device to tfjs.
 * No tfjs import here, so kernels (and the Node/Dawn GPU bench bundle) can use it alone.
 */
/// <reference types="@webgpu/types" />
import { GpuLimitError } from '../errors.ts';

/** What a kernel asks of the device. */
export interface ComputeDeviceRequest {
  /** Features enabled where the adapter offers them (absent ones are skipped, not an error). */
  readonly optionalFeatures?: readonly string[];
  /** Storage-binding bytes wanted (default: the adapter's maximum); capped at the adapter's. */
  readonly storageBindingBytes?: number;
}

/** Adapter facts a kernel specialises on (`subgroupMinSize` only where the adapter reports it). */
export interface ComputeAdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly subgroupMinSize?: number;
  readonly subgroupMaxSize?: number;
}

/** A device with the features and limits actually in force. */
export interface ComputeDevice {
  readonly device: GPUDevice;
  readonly info: ComputeAdapterInfo;
  /** Optional features that were requested and enabled. */
  readonly features: readonly string[];
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
}

type InfoLike = { vendor?: string; architecture?: string; subgroupMinSize?: number; subgroupMaxSize?: number };

/**
 * Requests a device from the default adapter, or null where WebGPU is absent.
 * @example const gpu = await requestComputeDevice({ optionalFeatures: ['subgroups'] });
 */
export async function requestComputeDevice(req: ComputeDeviceRequest = {}): Promise<ComputeDevice | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  const adapter = gpu ? await gpu.requestAdapter({ powerPreference: 'high-performance' }) : null;
  if (!adapter) return null;
  const L = adapter.limits;
  const features = (req.optionalFeatures ?? []).filter((f) => adapter.features.has(f));
  const binding = Math.min(L.maxStorageBufferBindingSize, req.storageBindingBytes ?? Infinity);
  const device = await adapter.requestDevice({
    requiredFeatures: features as GPUFeatureName[],
    // The limits tfjs's own factory raises too, so tfjs ops behave the same on this device.
    requiredLimits: {
      maxStorageBufferBindingSize: binding,
      maxBufferSize: Math.min(L.maxBufferSize, Math.max(binding, 268_435_456)),
      maxComputeWorkgroupStorageSize: L.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: L.maxComputeWorkgroupsPerDimension,
      maxComputeWorkgroupSizeX: L.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: L.maxComputeInvocationsPerWorkgroup,
    },
  });
  const raw = ((adapter as GPUAdapter & { info?: InfoLike }).info ?? {}) as InfoLike;
  const info: ComputeAdapterInfo = {
    vendor: raw.vendor ?? '',
    architecture: raw.architecture ?? '',
    ...(raw.subgroupMinSize ? { subgroupMinSize: raw.subgroupMinSize, subgroupMaxSize: raw.subgroupMaxSize } : {}),
  };
  return {
    device,
    info,
    features,
    maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
    maxBufferSize: device.limits.maxBufferSize,
  };
}

/**
 * Throws {@link GpuLimitError} for the first buffer larger than the device's binding or buffer limit.
 * @example assertFitsDevice({ vertex: n * dim * 4 }, device.limits);
 */
export function assertFitsDevice(
  buffers: { readonly [name: string]: number },
  limits: { readonly maxStorageBufferBindingSize: number; readonly maxBufferSize: number },
): void {
  for (const [name, bytes] of Object.entries(buffers)) {
    if (bytes > limits.maxStorageBufferBindingSize)
      throw new GpuLimitError(name, bytes, limits.maxStorageBufferBindingSize, 'maxStorageBufferBindingSize');
    if (bytes > limits.maxBufferSize) throw new GpuLimitError(name, bytes, limits.maxBufferSize, 'maxBufferSize');
  }
}
