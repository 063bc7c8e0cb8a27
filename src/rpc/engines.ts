/**
 * The two ways the client reaches the services: in this thread (plain calls) or in dedicated workers
 * through comlink (with dead-worker replacement). The client above sees only {@link Engine}.
 */
import type { BackendPreference, BackendReport } from '../backend/types';
import { WorkerLostError } from '../errors';
import type { ModelStore } from '../store/types';
import type { DeviceLossReport, RankingApi, TrainingApi, TrainProgress, TrainRequest, TrainResult } from './protocol';
import { RankingService, type RankingServiceOptions } from './ranking-service';
import { TrainingService, type TrainingServiceOptions } from './training-service';
import { SupervisedTraining, type SupervisionOptions } from './training-supervisor';
import { WorkerSlot, type WorkerHandle, type WorkerLike } from './worker-slot';

/** A training started through an engine. */
export interface EngineTraining {
  done: Promise<TrainResult>;
  cancel(): Promise<void>;
}

/** What the client needs from either transport. */
export interface Engine {
  train(request: TrainRequest, emit: (p: TrainProgress) => void): EngineTraining;
  ranking<R>(call: (api: RankingApi) => Promise<R>): Promise<R>;
  /** The training side's backend; null when it has not started (no worker is started to ask). */
  trainingBackend(): Promise<BackendReport | null>;
  debugLoseDevice(): Promise<DeviceLossReport>;
  close(): void;
}

/** Services in this thread, sharing one store (and, necessarily, one tfjs). */
export function inThreadEngine(
  store: ModelStore,
  backend: BackendPreference,
  options: { training?: TrainingServiceOptions; ranking?: RankingServiceOptions },
): Engine {
  const training = new TrainingService(store, { backend, ...options.training });
  const ranking = new RankingService(store, { backend, ...options.ranking });
  return {
    train(request, emit) {
      const done = training.train(request, (p) => {
        if (p.status !== 'heartbeat') emit(p);
      });
      return { done, cancel: async () => void (await training.cancel(request.modelId)) };
    },
    ranking: async (call) => call(ranking), // async: a synchronous throw rejects, as it would remotely
    trainingBackend: () => training.backend(),
    debugLoseDevice: () => training.debugLoseDevice(),
    close() {
      training.dispose();
      ranking.dispose();
    },
  };
}

/** Worker factories and liveness settings of the remote engine. */
export interface WorkerEngineOptions extends SupervisionOptions {
  training: () => WorkerLike;
  ranking: () => WorkerLike;
  rankingBackend: BackendPreference;
}

/** Services in dedicated workers, each replaced by its factory when it dies. */
export function workerEngine(options: WorkerEngineOptions): Engine {
  const trainer = new WorkerSlot<TrainingApi>(options.training);
  // Warm each new ranking worker first: messages are handled in order, so requests follow the warm-up.
  const warm = (h: WorkerHandle<RankingApi>): void => void h.remote.warm(options.rankingBackend).catch(() => undefined);
  const ranker = new WorkerSlot<RankingApi>(options.ranking, warm);
  ranker.get();
  return {
    train(request, emit) {
      const supervised = new SupervisedTraining(trainer, request, emit, options);
      return { done: supervised.run(), cancel: () => supervised.cancel() };
    },
    ranking: (call) => callRanking(ranker, call),
    trainingBackend: async () => (trainer.started ? trainer.get().remote.backend() : null),
    debugLoseDevice: () => trainer.get().remote.debugLoseDevice(),
    close() {
      trainer.close();
      ranker.close();
    },
  };
}

/**
 * Runs `call` on the ranking worker; if that worker dies first, once more on a fresh one (requests
 * name the model version, so the new worker rehydrates it from the store).
 */
async function callRanking<R>(slot: WorkerSlot<RankingApi>, call: (api: RankingApi) => Promise<R>): Promise<R> {
  let lastLoss = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    const handle: WorkerHandle<RankingApi> = slot.get();
    const outcome = await Promise.race([
      call(handle.remote as unknown as RankingApi).then((value) => ({ value })),
      handle.died.then((lost) => ({ lost })),
    ]);
    if ('value' in outcome) return outcome.value;
    lastLoss = outcome.lost;
    slot.replace(handle.generation, lastLoss);
  }
  throw new WorkerLostError(`ranking worker lost twice; last: ${lastLoss}`);
}
