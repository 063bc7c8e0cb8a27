/**
 * The one option and handle shape of every system's client (`connectCourses`, `connectTalent`,
 * `connectFeed`): services in dedicated workers (the package's own unless the app passes factories),
 * or in this thread with `inThread: true`. Types only, plus the small helpers the three clients share.
 */
import type { WasmPaths } from '../backend/loaders.ts';
import type { BackendPreference } from '../backend/types.ts';
import { AbortError } from '../errors.ts';
import type { ModelStore } from '../store/types.ts';
import type { WorkerLike } from './worker-slot.ts';

/** Services in dedicated workers; a role without a factory gets the package's own worker (`defaultWorker`). */
export interface WorkerOptions<Role extends string> {
  /**
   * Worker factories by role; each is called again to replace a worker that died.
   * @example { training: () => new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }) }
   */
  workers?: { [R in Role]?: () => WorkerLike };
  /** Where the workers' tfjs fetches its wasm binaries (default: the package's own copies). */
  wasmPaths?: WasmPaths;
}

/** Services in this thread (no workers): Node, tests, pages that want no workers. */
export interface InThreadOptions {
  inThread: true;
  /** Where models are kept (default: IndexedDB where the runtime has it, else memory). */
  store?: ModelStore;
  /** Backend of the services (default `'auto'`). */
  backend?: BackendPreference;
  /** Where tfjs fetches its wasm binaries (default: the package's own copies). */
  wasmPaths?: WasmPaths;
}

/**
 * Options of a `connect…` function: workers (with the system's extras) or `inThread: true`.
 * @example connectTalent() · connectTalent({ workers: { talent: () => myWorker() } }) · connectTalent({ inThread: true })
 */
export type ConnectOptions<Role extends string, WorkerExtras = object, InThreadExtras = object> =
  | (WorkerOptions<Role> & WorkerExtras)
  | (InThreadOptions & InThreadExtras);

/** A training started by a client's `train`. */
export interface TrainingHandle<Result> {
  /** Resolves with the result; rejects with a named error (`AbortError` after `cancel`). */
  readonly done: Promise<Result>;
  /** Stops the training; `done` then rejects with `AbortError`. */
  cancel(): Promise<void>;
}

/** Whether `options` asks for services in this thread. */
export function isInThread<W extends object, I extends InThreadOptions>(options: W | I): options is I {
  return 'inThread' in options && options.inThread === true;
}

/** The app's factory for `role`, else the package's own worker (`makeDefault`, from its system's module). */
export function workerFactory<Role extends string>(
  options: WorkerOptions<Role>,
  role: Role,
  makeDefault: () => WorkerLike,
): () => WorkerLike {
  return options.workers?.[role] ?? makeDefault;
}

/** The store of an in-thread client: the one given, else IndexedDB where the runtime has it, else memory. */
export async function inThreadStore(store: ModelStore | undefined): Promise<ModelStore> {
  if (store) return store;
  if (typeof indexedDB !== 'undefined') return (await import('../store/idb-store.ts')).IdbModelStore.open();
  return new (await import('../store/memory-store.ts')).MemoryModelStore();
}

/**
 * A training handle over `run`: `cancel` rejects `done` with `AbortError` at once and calls `stop`
 * (e.g. terminates the worker running it; in this thread the work finishes unobserved).
 */
export function stoppable<R>(run: Promise<R>, stop: () => void, what: string): TrainingHandle<R> {
  let abort: (error: Error) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  return {
    done: Promise.race([run, aborted]),
    async cancel() {
      abort(new AbortError(`${what} cancelled`));
      stop();
    },
  };
}
