/**
 * A service's backend: started on first use, and moved to the next backend in BACKEND_ORDER when the
 * one in use fails for good (a lost WebGPU device). tfjs keeps a backend instance once created, so a
 * lost one would be picked again by `initBackend('auto')`: the keeper remembers it and skips it.
 * A keeper given a `chooseAuto` (the training service's) resolves `'auto'` by it — the measured speed
 * probe — instead of by order, and reports the choice with its reason.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_ORDER, chooseTrainingBackend, currentBackend, initBackend } from '../backend/index.ts';
import type { WasmPaths } from '../backend/loaders.ts';
import type { BackendChoice, BackendName, BackendPreference, BackendReport } from '../backend/types.ts';
import { BackendUnavailableError } from '../errors.ts';

/** How a keeper starts a backend: `initBackend` unless a test replaces it. */
export type StartBackend = (prefer: BackendPreference) => Promise<BackendReport>;

/** How a keeper resolves `'auto'` by measurement (`remeasure`: ignore a cached choice). */
export type ChooseAuto = (remeasure: boolean) => Promise<BackendChoice>;

/** `'order'`: `'auto'` is BACKEND_ORDER's first that starts; `'measure'`: the speed probe; or a test's own. */
export type AutoPolicy = 'order' | 'measure' | ChooseAuto;

/** Starts and, after a loss, replaces a service's tfjs backend. */
export class BackendKeeper {
  private readonly lost = new Map<BackendName, string>();
  private last: BackendReport | null = null;

  private readonly startBackend: StartBackend;
  private readonly chooseAuto: ChooseAuto | null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Where tfjs fetches its wasm binaries; set by the client (`configure`) before the first start. */
  wasmPaths: WasmPaths | undefined;

  constructor(
    readonly preference: BackendPreference = 'auto',
    startBackend?: StartBackend,
    wasmPaths?: WasmPaths,
    auto: AutoPolicy = 'order',
  ) {
    this.wasmPaths = wasmPaths;
    this.startBackend = startBackend ?? ((prefer) => initBackend(prefer, { wasmPaths: this.wasmPaths }));
    this.chooseAuto =
      auto === 'order'
        ? null
        : auto === 'measure'
          ? (remeasure) => chooseTrainingBackend({ remeasure, wasmPaths: this.wasmPaths })
          : auto;
  }

  /** The backend this keeper last started, or null. */
  get report(): BackendReport | null {
    return this.last;
  }

  /**
   * Starts `prefer` (default: the keeper's preference), skipping backends lost here. With a measuring
   * policy, `'auto'` starts the probe's choice (`remeasure`: measure again rather than use the cache).
   */
  start(prefer: BackendPreference = this.preference, remeasure = false): Promise<BackendReport> {
    // One start at a time: a warm-up's probe must not switch tfjs under a training that started after it.
    const run = this.queue.then(() => this.startNow(prefer, remeasure));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The report once every start asked for so far has finished (null when none ever succeeded). */
  async settled(): Promise<BackendReport | null> {
    await this.queue;
    return this.last;
  }

  private async startNow(prefer: BackendPreference, remeasure: boolean): Promise<BackendReport> {
    if (prefer === 'auto' && this.chooseAuto && this.lost.size === 0) {
      this.last = await this.startChosen(await this.chooseAuto(remeasure));
    } else if (this.lost.size === 0 || (prefer !== 'auto' && !this.lost.has(prefer))) {
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

  /** Starts the probe's choice; should it not start after all, BACKEND_ORDER decides, saying so. */
  private async startChosen(choice: BackendChoice): Promise<BackendReport> {
    try {
      return Object.freeze({ ...(await this.startBackend(choice.backend)), choice });
    } catch (err) {
      const report = await this.startBackend('auto');
      const why = `${choice.backend} (measured fastest) did not start: ${err instanceof Error ? err.message : String(err)}`;
      return Object.freeze({
        ...report,
        reasonForFallback: [why, report.reasonForFallback].filter(Boolean).join('; '),
      });
    }
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
