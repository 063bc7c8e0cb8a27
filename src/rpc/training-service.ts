import { currentBackend } from '../backend/index.ts';
import type { WasmPaths } from '../backend/loaders.ts';
import type { BackendPreference, BackendReport } from '../backend/types.ts';
import { TrainingLockedError } from '../errors.ts';
import type { ModelState } from '../models/recommender.ts';
import { createModel, modelFromState, type ModelData } from '../models/registry.ts';
import type { InteractionLog } from '../data/interactions.ts';
import { withTrainingLock } from '../store/locks.ts';
import type { ModelStore } from '../store/types.ts';
import { BackendKeeper, webgpuDevice, type AutoPolicy, type StartBackend } from './backend-keeper.ts';
import { openProgress, type ProgressChannel } from './progress.ts';
import type {
  DeviceLossReport,
  ServiceConfig,
  TrainingApi,
  TrainRequest,
  TrainResult,
  WireProgress,
} from './protocol.ts';
import { loadTrainingData, trainingFingerprint, type DataDeps } from './training-data.ts';
import { runTraining, TRAINED_BY, type ModelFactory } from './training-run.ts';
import { carveValidation, VALIDATION_USERS, type ValidationSlice } from './validation-slice.ts';
import {
  backendPreference,
  checkArgument,
  checkServiceConfig,
  checkTrainRequest,
  modelId as validModelId,
} from './validate.ts';

/** Runs `fn` holding the training lock of `id`, or rejects with `TrainingLockedError`. */
export type TrainingLock = <T>(id: string, fn: () => Promise<T>) => Promise<T>;

const registryModels: ModelFactory = { create: createModel, fromState: modelFromState };

/** Options of {@link TrainingService}; everything but `backend` is replaceable for tests. */
export interface TrainingServiceOptions {
  /** Backend to train on unless a request names one (default `'auto'`). */
  backend?: BackendPreference;
  /** Fetches `ratingsUrl` data (default: the global `fetch`). */
  fetch?: (url: string) => Promise<Response>;
  /** The only origin `ratingsUrl` may point at; default: the service's own (`location.origin`). */
  origin?: string;
  models?: ModelFactory;
  lock?: TrainingLock;
  startBackend?: StartBackend;
  /** How `'auto'` is resolved: `'measure'` (the speed probe, cached per device; the default) or `'order'`. */
  autoBackend?: AutoPolicy;
  /** Where tfjs fetches its wasm binaries (default: the package's own copies; see `configure`). */
  wasmPaths?: WasmPaths;
}

/**
 * The training service: a plain class with no `self`, exposed in a worker by `workers/train.worker.ts`
 * and in tests over a `MessageChannel`. Each `train` holds the model's training lock, resumes from a
 * stored checkpoint of the same request, stores every checkpoint and the final model, and survives
 * the loss of its WebGPU device by moving to the next backend.
 *
 * @example
 * comlink.expose(new TrainingService(await IdbModelStore.open()));   // or see workers/train.worker.ts
 */
export class TrainingService implements TrainingApi {
  private readonly running = new Map<string, AbortController>();
  private readonly keeper: BackendKeeper;
  private readonly data: DataDeps;
  private readonly models: ModelFactory;
  private readonly lock: TrainingLock;

  constructor(
    private readonly store: ModelStore,
    options: TrainingServiceOptions = {},
  ) {
    // 'auto' is resolved by the measured speed probe, unless a test starts backends its own way.
    const auto = options.autoBackend ?? (options.startBackend ? 'order' : 'measure');
    this.keeper = new BackendKeeper(options.backend ?? 'auto', options.startBackend, options.wasmPaths, auto);
    this.data = {
      fetch: options.fetch ?? ((url) => fetch(url)),
      origin: options.origin ?? globalThis.location?.origin,
    };
    this.models = options.models ?? registryModels;
    this.lock = options.lock ?? ((id, fn) => withTrainingLock(id, fn));
  }

  /** Trains `request.modelId` to the end; see {@link TrainingApi.train}. */
  async train(request: TrainRequest, onProgress: (p: WireProgress) => void): Promise<TrainResult> {
    // Validated before the progress channel opens: its heartbeat interval comes from the request.
    const checked = settle(() => checkTrainRequest(request));
    const modelId = checked.ok ? request.modelId : typeof request?.modelId === 'string' ? request.modelId : '';
    const progress = openProgress(onProgress, modelId, checked.ok ? (request.heartbeatMs ?? 0) : 0);
    try {
      if (!checked.ok) throw checked.error;
      return await this.lock(request.modelId, () => this.trainLocked(request, progress));
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      progress.send({ status: 'error', modelId, error: { name: e.name, message: e.message } });
      throw err;
    } finally {
      await progress.close();
    }
  }

  /** Applies the client's settings (where tfjs finds its wasm); see {@link TrainingApi.configure}. */
  async configure(config: ServiceConfig): Promise<void> {
    const { wasmPaths } = checkServiceConfig(config);
    if (wasmPaths !== undefined) this.keeper.wasmPaths = wasmPaths;
  }

  /** Aborts the training of `modelId` in this service; false when none runs. */
  async cancel(modelId: string): Promise<boolean> {
    checkArgument(validModelId, modelId, 'modelId');
    const controller = this.running.get(modelId);
    controller?.abort();
    return controller !== undefined;
  }

  /** The backend this service started last, or null before its first training. */
  async backend(): Promise<BackendReport | null> {
    return this.keeper.report;
  }

  /** Starts the backend a training would get (the probe's choice for `'auto'`); see {@link TrainingApi.warm}. */
  async warm(prefer?: BackendPreference, options: { remeasure?: boolean } = {}): Promise<BackendReport> {
    if (prefer !== undefined) checkArgument(backendPreference, prefer, 'prefer');
    // Switching (or measuring) backends under a running fit would break it: report what it runs on.
    const busy = this.running.size > 0 ? await this.keeper.settled() : null;
    return busy ?? this.keeper.start(prefer, options.remeasure === true);
  }

  /** Test hook: destroys the WebGPU device under tfjs here, as a GPU reset or driver crash would. */
  async debugLoseDevice(): Promise<DeviceLossReport> {
    const device = webgpuDevice();
    device?.destroy();
    return { backend: currentBackend(), destroyed: device !== null };
  }

  /** Aborts every running training (as a terminated worker would stop; used by tests in one thread). */
  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private async trainLocked(request: TrainRequest, progress: ProgressChannel): Promise<TrainResult> {
    // The lock is per origin; this also refuses a second train of the same id in a lock-less runtime.
    if (this.running.has(request.modelId)) throw new TrainingLockedError(request.modelId);
    const controller = new AbortController();
    this.running.set(request.modelId, controller);
    try {
      await this.keeper.start(request.backend);
      const loaded = await loadTrainingData(request, this.data, controller.signal);
      const { data, validation } = withValidation(request, loaded);
      const fingerprint = trainingFingerprint(request);
      const resume = request.fresh ? null : await this.storedCheckpoint(request.modelId, fingerprint);
      const context = { request, fingerprint, store: this.store, models: this.models, keeper: this.keeper, progress };
      return await runTraining({ ...context, validation, signal: controller.signal }, data, resume);
    } finally {
      this.running.delete(request.modelId);
    }
  }

  /** The stored checkpoint of `modelId` when the same request wrote it, else null. */
  private async storedCheckpoint(modelId: string, fingerprint: unknown): Promise<ModelState | null> {
    const info = await this.store.checkpointInfo(modelId);
    if (!info || info.meta?.[TRAINED_BY] !== fingerprint) return null;
    const { state } = await this.store.loadCheckpoint(modelId).catch(() => ({ state: null }));
    return state?.meta[TRAINED_BY] === fingerprint ? state : null;
  }
}

/** The data to fit on and, when the request asks for one, the validation slice carved out of it. */
function withValidation(
  request: TrainRequest,
  data: ModelData,
): { data: ModelData; validation: ValidationSlice | null } {
  if (!request.validation || !isInteractionLog(data)) return { data, validation: null };
  const configSeed = request.config?.seed;
  const seed = request.validation.seed ?? (typeof configSeed === 'number' ? configSeed : 42);
  const slice = carveValidation(data, request.validation.users ?? VALIDATION_USERS, seed);
  return { data: slice.train, validation: slice };
}

function isInteractionLog(data: ModelData): data is InteractionLog {
  return 'users' in data && 'itemIds' in data && 'times' in data;
}

/** Runs `fn`, keeping what it threw instead of throwing. */
function settle(fn: () => unknown): { ok: true } | { ok: false; error: unknown } {
  try {
    fn();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}
