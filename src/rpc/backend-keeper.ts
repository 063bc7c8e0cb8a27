/**
 * A service's backend: started on first use, and moved to the next backend in BACKEND_ORDER when the
 * one in use fails for good (a lost WebGPU device). tfjs keeps a backend instance once created, so a
 * lost one would be picked again by `initBackend('auto')`: the keeper remembers it and skips it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_ORDER, currentBackend, initBackend } from '../backend/index.ts';
import type { WasmPaths } from '../backend/loaders.ts';
import type { BackendName, BackendPreference, BackendReport } from '../backend/types.ts';
import { BackendUnavailableError } from '../errors.ts';

/** How a keeper starts a backend: `initBackend` unless a test replaces it. */
export type StartBackend = (prefer: BackendPreference) => Promise<BackendReport>;

/** Starts and, after a loss, replaces a service's tfjs backend. */
export class BackendKeeper {
  private readonly lost = new Map<BackendName, string>();
  private last: BackendReport | null = null;

  private readonly startBackend: StartBackend;
  /** Where tfjs fetches its wasm binaries; set by the client (`configure`) before the first start. */
  wasmPaths: WasmPaths | undefined;

  constructor(
    readonly preference: BackendPreference = 'auto',
    startBackend?: StartBackend,
    wasmPaths?: WasmPaths,
  ) {
    this.wasmPaths = wasmPaths;
    this.startBackend = startBackend ?? ((prefer) => initBackend(prefer, { wasmPaths: this.wasmPaths }));
  }

  /** The backend this keeper last started, or null. */
  get report(): BackendReport | null {
    return this.last;
  }

  /** Starts `prefer` (default: the keeper's preference), skipping backends lost here. */
  async start(prefer: BackendPreference = this.preference): Promise<BackendReport> {
    if (this.lost.size === 0 || (prefer !== 'auto' && !this.lost.has(prefer))) {
      this.last = await this.startBackend(prefer);
    } else {
      this.last = await this.firstWorking(prefer === 'auto' ? 0 : BACKEND_ORDER.indexOf(prefer) + 1);
    }
    return this.last;
  }

  /** Marks `backend` dead for this service and starts the next one in BACKEND_ORDER. */
  async replace(backend: BackendName, reason: string): Promise<BackendReport> {
    this.lost.set(backend, reason);
    this.last = await this.firstWorking(BACKEND_ORDER.indexOf(backend) + 1);
    return this.last;
  }

  private async firstWorking(from: number): Promise<BackendReport> {
    const skipped = [...this.lost].map(([name, why]) => `${name}: ${why}`);
    for (const name of BACKEND_ORDER.slice(from)) {
      if (this.lost.has(name)) continue;
      try {
        const report = await this.startBackend(name);
        return {
          ...report,
          reasonForFallback: skipped.join('; '),
          available: report.available.filter((b) => !this.lost.has(b)),
        };
      } catch (err) {
        skipped.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    throw new BackendUnavailableError('auto', [], skipped.join('; '));
  }
}

/** The GPUDevice under tfjs's running webgpu backend, or null on any other backend. */
export function webgpuDevice(): GPUDevice | null {
  if (currentBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GPUDevice }).device ?? null;
}

/**
 * Resolves with a reason when the WebGPU device under the running backend is lost (never otherwise;
 * on other backends it never resolves).
 */
export function deviceLoss(): Promise<string> {
  const device = webgpuDevice();
  if (!device) return new Promise<string>(() => undefined);
  return device.lost.then((info) => `WebGPU device lost (${info.reason}${info.message ? `: ${info.message}` : ''})`);
}
