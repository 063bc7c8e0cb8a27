/**
 * How the courses client reaches its services. {@link Engine} is what the client sees; this file holds
 * the worker transport (comlink, dead-worker replacement) and nothing that loads tfjs, so a page that
 * uses workers never bundles the services. The in-thread engine is in `in-thread-engine.ts`, imported
 * on demand.
 */
import type { BackendPreference, BackendReport } from '../backend/types.ts';
import type { WasmPaths } from '../backend/loaders.ts';
import type { BaselineApi } from './baseline-protocol.ts';
import type {
  DeviceLossReport,
  RankingApi,
  TrainingApi,
  TrainProgress,
  TrainRequest,
  TrainResult,
} from './protocol.ts';
import { SupervisedTraining, type SupervisionOptions } from './training-supervisor.ts';
import { callWorker, WorkerSlot, type WorkerHandle, type WorkerLike } from './worker-slot.ts';

/** A training started through an engine. */
export interface EngineTraining {
  done: Promise<TrainResult>;
  cancel(): Promise<void>;
}

/** A service as the client calls it: every method returns a promise. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** What the client needs from either transport. */
export interface Engine {
  train(request: TrainRequest, emit: (p: TrainProgress) => void): EngineTraining;
  ranking<R>(call: (api: Async<RankingApi>) => Promise<R>): Promise<R>;
  baselines<R>(call: (api: Async<BaselineApi>) => Promise<R>): Promise<R>;
  /** Stops a running baseline evaluation (a worker is terminated and replaced on the next call). */
  stopBaselines(): void;
  /** The training side's backend; null when it has not started (no worker is started to ask). */
  trainingBackend(): Promise<BackendReport | null>;
  /** Starts the training side's backend ahead of a training (see `TrainingApi.warm`). */
  warmTraining(prefer?: BackendPreference, options?: { remeasure?: boolean }): Promise<BackendReport>;
  debugLoseDevice(): Promise<DeviceLossReport>;
  close(): void;
}

/** Worker factories and liveness settings of the remote engine. */
export interface WorkerEngineOptions extends SupervisionOptions {
  training: () => WorkerLike;
  ranking: () => WorkerLike;
  baselines: () => WorkerLike;
  rankingBackend: BackendPreference;
  wasmPaths?: WasmPaths;
}

/** Services in dedicated workers, each replaced by its factory when it dies. */
export function workerEngine(options: WorkerEngineOptions): Engine {
  const { wasmPaths } = options;
  // Sent first to each new worker: messages are handled in order, so every request follows it.
  const configure = (h: WorkerHandle<{ configure: TrainingApi['configure'] }>): void => {
    if (wasmPaths !== undefined) void h.remote.configure({ wasmPaths }).catch(() => undefined);
  };
  const trainer = new WorkerSlot<TrainingApi>(options.training, configure, 'training');
  // Warm each new ranking worker first, so requests do not wait for its backend.
  let rankerWarm: Promise<unknown> = Promise.resolve();
  const ranker = new WorkerSlot<RankingApi>(
    options.ranking,
    (h) => {
      configure(h);
      rankerWarm = h.remote.warm(options.rankingBackend).catch(() => undefined);
    },
    'ranking',
  );
  // The training worker starts its backend once the ranking worker has its own (at most 10 s later):
  // both load the same wasm, and one after the other the browser's HTTP cache serves the second copy
  // instead of downloading it twice at once.
  const afterRankerWarm = (): Promise<unknown> =>
    Promise.race([rankerWarm, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  const baseliner = new WorkerSlot<BaselineApi>(options.baselines, configure, 'baselines');
  ranker.get();
  return {
    train(request, emit) {
      const supervised = new SupervisedTraining(trainer, request, emit, options);
      return { done: afterRankerWarm().then(() => supervised.run()), cancel: () => supervised.cancel() };
    },
    // Requests name the model version, so a fresh ranking worker rehydrates it: one retry.
    ranking: (call) => callWorker(ranker, (remote) => call(remote as unknown as Async<RankingApi>), 1),
    baselines: (call) => callWorker(baseliner, (remote) => call(remote as unknown as Async<BaselineApi>)),
    stopBaselines: () => baseliner.close(),
    trainingBackend: async () => (trainer.started ? trainer.get().remote.backend() : null),
    warmTraining: (prefer, warm) => afterRankerWarm().then(() => trainer.get().remote.warm(prefer, warm)),
    debugLoseDevice: () => trainer.get().remote.debugLoseDevice(),
    close() {
      trainer.close();
      ranker.close();
      baseliner.close();
    },
  };
}
