/**
 * The courses services in this thread (plain calls, one store, one tfjs). Imported on demand by
 * `connectCourses({ inThread: true })`: it brings tfjs and the models, which a worker client never needs.
 */
import type { WasmPaths } from '../backend/loaders.ts';
import type { BackendPreference } from '../backend/types.ts';
import type { ModelStore } from '../store/types.ts';
import { BaselineService } from './baseline-service.ts';
import type { Engine } from './engines.ts';
import { RankingService, type RankingServiceOptions } from './ranking-service.ts';
import { TrainingService, type TrainingServiceOptions } from './training-service.ts';

/** Options of the in-thread services. */
export interface InThreadEngineOptions {
  training?: TrainingServiceOptions;
  ranking?: RankingServiceOptions;
  wasmPaths?: WasmPaths;
}

/** Services in this thread, sharing one store (and, necessarily, one tfjs). */
export function inThreadEngine(store: ModelStore, backend: BackendPreference, options: InThreadEngineOptions): Engine {
  const { wasmPaths } = options;
  const training = new TrainingService(store, { backend, wasmPaths, ...options.training });
  const ranking = new RankingService(store, { backend, wasmPaths, ...options.ranking });
  const baselines = new BaselineService({ store, avoidSoftwareGpu: false }); // tfjs is shared here
  if (wasmPaths !== undefined) void baselines.configure({ wasmPaths });
  return {
    train(request, emit) {
      const done = training.train(request, (p) => {
        if (p.status !== 'heartbeat') emit(p);
      });
      return { done, cancel: async () => void (await training.cancel(request.modelId)) };
    },
    // async: a synchronous throw rejects, as it would remotely.
    ranking: async (call) => call(ranking),
    baselines: async (call) => call(baselines),
    stopBaselines: () => undefined, // a baseline run in this thread finishes unobserved
    trainingBackend: () => training.backend(),
    warmTraining: (prefer, warm) => training.warm(prefer, warm),
    debugLoseDevice: () => training.debugLoseDevice(),
    close() {
      training.dispose();
      ranking.dispose();
    },
  };
}
