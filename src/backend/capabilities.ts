/**
 * Capability detection: which backends this runtime (page, dedicated worker or Node) can run.
 * Detected once and frozen; tests inject their own environment or result instead of mocking globals.
 */
import { probeWasm, probeWebGL2, probeWebGpu, type CapabilityEnv } from './probes.ts';
import type { Capabilities, RuntimeScope } from './types.ts';

export type { CapabilityEnv, GpuAdapterLike, GpuLike } from './probes.ts';

let cached: Promise<Capabilities> | null = null;

/** Where this code runs. Checked in this order because Vite may shim `process` in pages. */
export function detectScope(): RuntimeScope {
  const g = globalThis as { document?: unknown; process?: { versions?: { node?: string } } };
  if (typeof window !== 'undefined' && g.document !== undefined) return 'window';
  if ('WorkerGlobalScope' in globalThis) return 'worker';
  if (g.process?.versions?.node) return 'node';
  return 'unknown';
}

/** The real environment: the globals of this runtime, read now. */
export function defaultCapabilityEnv(): CapabilityEnv {
  const nav = (globalThis as { navigator?: { gpu?: CapabilityEnv['gpu'] } }).navigator;
  return {
    scope: detectScope(),
    gpu: nav?.gpu,
    hasWebGL2: canvasWebGL2Probe(),
    webAssembly: typeof WebAssembly === 'object' ? WebAssembly : undefined,
  };
}

/**
 * Probes every backend in `env` (default: the real globals). Not memoised; prefer `getCapabilities`.
 * @example const caps = await probeCapabilities({ ...defaultCapabilityEnv(), gpu: undefined });
 */
export async function probeCapabilities(env: CapabilityEnv = defaultCapabilityEnv()): Promise<Capabilities> {
  const webgpu = await probeWebGpu(env.gpu);
  return deepFreeze({
    scope: env.scope,
    webgpu,
    webgl: probeWebGL2(env.hasWebGL2),
    wasm: probeWasm(env.webAssembly),
    cpu: { available: true, reason: null },
  });
}

/** This runtime's capabilities, detected on first call and shared (frozen) afterwards. */
export function getCapabilities(): Promise<Capabilities> {
  cached ??= probeCapabilities();
  return cached;
}

/**
 * Replaces the memoised capabilities (tests, or an app that knows better); `null` forgets them so the
 * next `getCapabilities` detects again.
 */
export function overrideCapabilities(caps: Capabilities | null): void {
  cached = caps ? Promise.resolve(deepFreeze(structuredClone(caps))) : null;
}

/** A WebGL2 probe for this runtime, or undefined where there is no canvas at all (Node). */
function canvasWebGL2Probe(): (() => boolean) | undefined {
  const makeCanvas =
    typeof OffscreenCanvas !== 'undefined'
      ? () => new OffscreenCanvas(1, 1)
      : typeof document !== 'undefined'
        ? () => document.createElement('canvas')
        : undefined;
  if (!makeCanvas) return undefined;
  return () => {
    const gl = makeCanvas().getContext('webgl2') as WebGL2RenderingContext | null;
    // Give the context back at once: browsers cap live WebGL contexts (~16) and drop the oldest.
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
