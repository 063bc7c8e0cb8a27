/**
 * One worker behind a factory: created on first use, wrapped with comlink, and replaced when it dies.
 * Each incarnation has a generation number so that several callers noticing the same death replace
 * it only once, and a `died` promise that every caller on it can race against.
 *
 * A worker that fires `error` before it has answered anything never loaded (a missing script, a syntax
 * or import error, a top-level throw): its `loadError` is set and callers give up at once instead of
 * restarting it — a new one would fail the same way.
 */
import { releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';
import { WorkerLoadError, WorkerLostError } from '../errors.ts';

/**
 * What a worker factory returns: a `Worker`, or any comlink endpoint (a `MessagePort` in tests). Give
 * it a `url` (`Object.assign(new Worker(url, options), { url: url.href })`, as `defaultWorker` does) and
 * a script that fails to load is named in the `WorkerLoadError`.
 */
export type WorkerLike = Endpoint & {
  /** Stops the worker when its client is disposed or replaces it (a `MessagePort` has none). */
  terminate?(): void;
  /** The script's URL, named in `WorkerLoadError` when the worker fails to load. */
  readonly url?: string;
};

/** One incarnation of the worker. */
export interface WorkerHandle<T> {
  readonly generation: number;
  readonly remote: Remote<T>;
  /** Resolves with a reason when this incarnation is known dead (error event, or replaced). */
  readonly died: Promise<string>;
  /** Set when this incarnation died before answering anything: its script did not load. */
  readonly loadError: WorkerLoadError | null;
}

interface Incarnation<T> extends WorkerHandle<T> {
  kill(reason: string): void;
}

/** A replaceable worker made by `factory`. */
export class WorkerSlot<T> {
  private current: Incarnation<T> | null = null;
  private generations = 0;

  constructor(
    private readonly factory: () => WorkerLike,
    /** Called with each new incarnation before anyone else uses it (e.g. to warm it up). */
    private readonly onStart: (handle: WorkerHandle<T>) => void = () => undefined,
    /** Names the worker in errors, e.g. `'training'`. */
    readonly role = 'linkrec',
  ) {}

  /** The live incarnation, started if there is none. */
  get(): WorkerHandle<T> {
    if (!this.current) {
      this.current = this.start();
      this.onStart(this.current);
    }
    return this.current;
  }

  /** Whether an incarnation is running. */
  get started(): boolean {
    return this.current !== null;
  }

  /** Terminates incarnation `generation` (if it is still the current one); the next `get` starts anew. */
  replace(generation: number, reason: string): void {
    if (this.current?.generation !== generation) return;
    this.current.kill(reason);
    this.current = null;
  }

  /** Terminates the current incarnation for good. */
  close(): void {
    if (this.current) this.replace(this.current.generation, 'closed');
  }

  private start(): Incarnation<T> {
    const endpoint = this.factory();
    const role = this.role;
    let markDead: (reason: string) => void = () => undefined;
    const died = new Promise<string>((resolve) => (markDead = resolve));
    let answered = false;
    let loadError: WorkerLoadError | null = null;
    // A worker that throws at top level or fails to load fires `error`; before its first answer that
    // is a load failure, later a crash (the caller restarts it).
    const onError = (event: Event): void => {
      const e = event as Partial<ErrorEvent>;
      const detail = [e.message, e.filename && `${e.filename}:${e.lineno ?? 0}`].filter(Boolean).join(' at ');
      if (!answered) loadError = new WorkerLoadError(role, endpoint.url ?? null, detail);
      markDead(`worker error: ${detail || event.type}`);
    };
    endpoint.addEventListener('error', onError);
    const remote = wrap<T>(endpoint);
    // Ping: the first answer proves the script loaded (messages wait until the worker listens).
    void (remote as unknown as { constructor: { name: Promise<string> } }).constructor.name.then(
      () => void (answered = true),
      () => undefined,
    );
    return {
      generation: ++this.generations,
      remote,
      died,
      get loadError() {
        return loadError;
      },
      kill(reason) {
        markDead(reason);
        endpoint.removeEventListener('error', onError);
        remote[releaseProxy]();
        endpoint.terminate?.();
      },
    };
  }
}

/**
 * Runs `call` on the slot's worker, racing its death: a worker that never loaded rejects with its
 * `WorkerLoadError`; one that dies is replaced and, `retries` times, the call runs again on a fresh one
 * (for requests a new worker can answer, e.g. by reloading the model from the store).
 */
export async function callWorker<T, R>(
  slot: WorkerSlot<T>,
  call: (remote: Remote<T>) => Promise<R>,
  retries = 0,
): Promise<R> {
  let lastLoss = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    const handle = slot.get();
    const outcome = await Promise.race([
      call(handle.remote).then((value) => ({ value })),
      handle.died.then((lost) => ({ lost })),
    ]);
    if ('value' in outcome) return outcome.value;
    lastLoss = outcome.lost;
    slot.replace(handle.generation, lastLoss);
    if (handle.loadError) throw handle.loadError;
  }
  const times = retries > 0 ? ` ${retries + 1} times` : '';
  throw new WorkerLostError(`${slot.role} worker lost${times}; last: ${lastLoss}`);
}
