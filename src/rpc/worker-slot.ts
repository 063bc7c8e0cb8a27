/**
 * One worker behind a factory: created on first use, wrapped with comlink, and replaced when it dies.
 * Each incarnation has a generation number so that several callers noticing the same death replace
 * it only once, and a `died` promise that every caller on it can race against.
 */
import { releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';

/** What a worker factory returns: a `Worker`, or any comlink endpoint (a `MessagePort` in tests). */
export type WorkerLike = Endpoint & { terminate?(): void };

/** One incarnation of the worker. */
export interface WorkerHandle<T> {
  readonly generation: number;
  readonly remote: Remote<T>;
  /** Resolves with a reason when this incarnation is known dead (error event, or replaced). */
  readonly died: Promise<string>;
}

interface Incarnation<T> extends WorkerHandle<T> {
  endpoint: WorkerLike;
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
    let markDead: (reason: string) => void = () => undefined;
    const died = new Promise<string>((resolve) => (markDead = resolve));
    // A worker that throws at top level or fails to load fires `error`; treat it as dead and restart.
    const onError = (event: Event): void => markDead(`worker error: ${(event as ErrorEvent).message ?? event.type}`);
    endpoint.addEventListener('error', onError);
    const remote = wrap<T>(endpoint);
    return {
      generation: ++this.generations,
      remote,
      died,
      endpoint,
      kill(reason) {
        markDead(reason);
        endpoint.removeEventListener('error', onError);
        remote[releaseProxy]();
        endpoint.terminate?.();
      },
    };
  }
}
